package cli

import (
	"fmt"
	"slices"
	"strings"
)

// helpFor is what '?' prints after line (reference §3.2): the view's
// commands for an empty line, the next words after a space, or the
// keywords a partial word could become.
func (s *Session) helpFor(line string) string {
	f := s.cur()
	tree := f.tree()
	promptLen := len(s.prompt())
	if strings.TrimSpace(line) == "" {
		return f.helpHeader() + "\n" + strings.TrimSuffix(formatHelp(nextWords(tree.root, s.level)), "\n")
	}
	toks := tokenize(line)
	partial := ""
	if !strings.HasSuffix(line, " ") {
		partial = toks[len(toks)-1].text
		toks = toks[:len(toks)-1]
	}
	n, _, bar, perr := tree.walk(line, toks, s.level, true)
	if perr != nil {
		return strings.TrimSuffix(renderParseError(perr, promptLen), "\n")
	}
	var entries []helpEntry
	switch {
	case bar >= 0:
		entries = filterHelp(toks[bar+1:], partial)
	case partial == "|" && n.run != nil && n.runPriv <= s.level && n.filterable():
		entries = []helpEntry{{"|", "Matching output"}}
	case partial != "":
		for _, c := range visibleChildren(n, s.level) {
			switch c.kind {
			case kwNode, ifTypeNode:
				if keywordRank(strings.ToLower(c.word), partial) != noMatch || typeMatches(c, partial) {
					entries = append(entries, helpEntry{c.word, c.help})
				} else if _, r, _ := c.accepts(partial); r != noMatch {
					entries = append(entries, helpEntry{c.word, c.help}) // g2/0/1?
				}
			case lineNode, stringNode, intNode, ipNode, ifNumNode:
				// A partly typed argument ("vlan 1?") shows what it is.
				if _, r, _ := c.accepts(partial); r != noMatch {
					entries = append(entries, helpEntry{c.helpWord(), c.help})
				}
			}
		}
		if len(entries) == 0 {
			return strings.TrimSuffix(renderParseError(&ParseError{Kind: Unrecognized, Pos: toks0pos(line, partial)}, promptLen), "\n")
		}
	default:
		entries = nextWords(n, s.level)
	}
	return strings.TrimSuffix(formatHelp(entries), "\n")
}

// toks0pos is where the trailing partial word of line starts.
func toks0pos(line, partial string) int { return len(line) - len(partial) }

func typeMatches(c *Node, partial string) bool {
	return c.kind == ifTypeNode && typeRank(c.ifType, partial) != noMatch
}

type helpEntry struct{ word, help string }

// nextWords lists what may follow node n: arguments first, then keywords
// in alphabetical order, then the output filter and <cr>.
func nextWords(n *Node, priv int) []helpEntry {
	var args, kws []helpEntry
	for _, c := range visibleChildren(n, priv) {
		if c.kind == kwNode || c.kind == ifTypeNode {
			kws = append(kws, helpEntry{c.word, c.help})
		} else {
			args = append(args, helpEntry{c.helpWord(), c.help})
		}
	}
	out := append(args, kws...)
	if n.run != nil && n.runPriv <= priv {
		if n.filterable() {
			out = append(out, helpEntry{"|", "Matching output"})
		}
		out = append(out, helpEntry{"<cr>", ""})
	}
	return out
}

// filterable reports whether the command ending at n is a display command.
func (n *Node) filterable() bool { return n.display }

// filterHelp is the help after "|".
func filterHelp(after []token, partial string) []helpEntry {
	help := map[string]string{
		"begin":   "Begin with the line that matches",
		"exclude": "Match the lines that do not match",
		"include": "Match the lines that match",
	}
	if len(after) == 0 {
		var out []helpEntry
		for _, w := range filterWords {
			if partial == "" || keywordRank(w, partial) != noMatch {
				out = append(out, helpEntry{w, help[w]})
			}
		}
		return out
	}
	return []helpEntry{{"TEXT", "Regular expression"}}
}

// visibleChildren returns n's children that level priv may see, keywords
// sorted by name.
func visibleChildren(n *Node, priv int) []*Node {
	var out []*Node
	for _, c := range n.children {
		if c.priv <= priv {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b *Node) int {
		return strings.Compare(strings.ToLower(a.word), strings.ToLower(b.word))
	})
	return out
}

// formatHelp lays out help entries as the device does: two spaces, the
// word padded to the longest word plus two, then the description.
func formatHelp(entries []helpEntry) string {
	width := 0
	for _, e := range entries {
		width = max(width, len(e.word))
	}
	var b strings.Builder
	for _, e := range entries {
		if e.help == "" {
			fmt.Fprintf(&b, "  %s\n", e.word)
			continue
		}
		fmt.Fprintf(&b, "  %-*s  %s\n", width, e.word, e.help)
	}
	return b.String()
}

// completionsFor returns the keywords the last word of line may complete
// to, in help order.
func (s *Session) completionsFor(line string) []string {
	tree := s.cur().tree()
	toks := tokenize(line)
	if len(toks) == 0 || strings.HasSuffix(line, " ") {
		return nil
	}
	partial := toks[len(toks)-1].text
	n, _, bar, perr := tree.walk(line, toks[:len(toks)-1], s.level, true)
	if perr != nil {
		return nil
	}
	var out []string
	if bar >= 0 {
		if len(toks)-1 == bar+1 {
			for _, w := range filterWords {
				if keywordRank(w, partial) != noMatch {
					out = append(out, w)
				}
			}
		}
		return out
	}
	for _, c := range visibleChildren(n, s.level) {
		switch {
		case c.kind == kwNode && keywordRank(c.word, partial) != noMatch:
			out = append(out, c.word)
		case c.kind == ifTypeNode && typeRank(c.ifType, partial) != noMatch:
			out = append(out, c.word)
		}
	}
	return out
}
