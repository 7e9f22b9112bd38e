package cli

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode"

	"switchemu/device"
)

// ParseErrorKind says why a line resolved to no command.
type ParseErrorKind int

// Parse error kinds, one per message the device prints.
const (
	Unrecognized ParseErrorKind = iota
	Incomplete
	Ambiguous
	TooMany
	WrongParam
)

// A ParseError says why a line resolved to no command and where: Pos is
// the byte offset in the line that the caret points at.
type ParseError struct {
	Kind ParseErrorKind
	Pos  int
}

func (e *ParseError) Error() string {
	return [...]string{"unrecognized", "incomplete", "ambiguous", "too many parameters", "wrong parameter"}[e.Kind] +
		" command at position " + strconv.Itoa(e.Pos)
}

// token is one word of a command line.
type token struct {
	text string // unquoted
	pos  int    // byte offset of the word in the line
}

// tokenize splits a line into words. Double quotes group words with
// spaces; the quotes are not part of the word.
func tokenize(line string) []token {
	var out []token
	i := 0
	for i < len(line) {
		if line[i] == ' ' || line[i] == '\t' {
			i++
			continue
		}
		start := i
		if line[i] == '"' {
			end := strings.IndexByte(line[i+1:], '"')
			if end >= 0 {
				out = append(out, token{text: line[i+1 : i+1+end], pos: start})
				i += end + 2
				continue
			}
		}
		for i < len(line) && line[i] != ' ' && line[i] != '\t' {
			i++
		}
		out = append(out, token{text: line[start:i], pos: start})
	}
	return out
}

// Arg is one matched word of a resolved command.
type Arg struct {
	Name    string // argument name, or the keyword for keywords
	Value   string // canonical keyword, argument text, or interface name
	Pos     int
	Keyword bool
}

// Args are the words of a resolved command, in order.
type Args struct {
	Words  []Arg
	Line   string
	Filter *filter // "| include REGEX" on display commands
}

// Has reports whether keyword kw was part of the command.
func (a Args) Has(kw string) bool {
	for _, w := range a.Words {
		if w.Keyword && w.Name == kw {
			return true
		}
	}
	return false
}

// Get returns the argument called name.
func (a Args) Get(name string) (Arg, bool) {
	for _, w := range a.Words {
		if !w.Keyword && w.Name == name {
			return w, true
		}
	}
	return Arg{}, false
}

// Str returns the value of argument name, or "".
func (a Args) Str(name string) string {
	w, _ := a.Get(name)
	return w.Value
}

// Int returns the value of integer argument name, or 0.
func (a Args) Int(name string) int {
	n, _ := strconv.Atoi(a.Str(name))
	return n
}

// Position returns where argument name starts in the line.
func (a Args) Position(name string) int {
	w, _ := a.Get(name)
	return w.Pos
}

type rank int

const (
	noMatch rank = iota
	anyWord
	typedArg
	prefix
	exact
)

// match is one child that accepts a token.
type match struct {
	node  *Node
	value string
	glued bool // an interface type and number in one word
}

// resolved is a line resolved to a command.
type resolved struct {
	node     *Node
	args     Args
	toSystem bool // found in system view from a sub-view: leave the sub-view
	popTo    int  // found in a parent sub-view: keep this many frames
}

// resolve matches line against the tree for a user at level priv. With
// filterable set, "| begin|exclude|include REGEX" may follow a command.
func (t *Tree) resolve(line string, priv int, filterable bool) (*resolved, *ParseError) {
	toks := tokenize(line)
	n, args, bar, perr := t.walk(line, toks, priv, filterable)
	if perr != nil {
		return nil, perr
	}
	if bar >= 0 {
		f, perr := parseFilter(line, toks[bar+1:], toks[bar].pos)
		if perr != nil {
			return nil, perr
		}
		args.Filter = f
	}
	if n.run == nil || n.runPriv > priv {
		return nil, &ParseError{Kind: Incomplete, Pos: len(strings.TrimRight(line, " ")) + 1}
	}
	return &resolved{node: n, args: args}, nil
}

// walk matches toks from the root and returns the node reached. bar is the
// index of a "|" token that starts an output filter, or -1.
func (t *Tree) walk(line string, toks []token, priv int, filterable bool) (n *Node, args Args, bar int, perr *ParseError) {
	n = t.root
	args = Args{Line: line}
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if tok.text == "|" && filterable && n.display && n.run != nil && n.runPriv <= priv {
			return n, args, i, nil
		}
		ms, wrong := n.match(tok.text, priv)
		switch {
		case len(ms) > 1:
			return nil, args, -1, &ParseError{Kind: Ambiguous, Pos: tok.pos}
		case len(ms) == 0:
			kind := Unrecognized
			switch {
			case wrong || n.hasArgs(priv):
				kind = WrongParam
			case n.run != nil && n.runPriv <= priv:
				kind = TooMany
			}
			return nil, args, -1, &ParseError{Kind: kind, Pos: tok.pos}
		}
		m := ms[0]
		c := m.node
		switch c.kind {
		case kwNode:
			args.Words = append(args.Words, Arg{Name: c.word, Value: c.word, Pos: tok.pos, Keyword: true})
		case lineNode:
			rest := strings.TrimRight(line[tok.pos:], " ")
			if len(rest) > c.hi {
				return nil, args, -1, &ParseError{Kind: WrongParam, Pos: tok.pos}
			}
			args.Words = append(args.Words, Arg{Name: c.name, Value: rest, Pos: tok.pos})
			i = len(toks)
		case ifTypeNode:
			if m.glued {
				c = c.children[0]
				args.Words = append(args.Words, Arg{Name: c.name, Value: m.value, Pos: tok.pos})
			} else {
				// The number follows as the next word; the caret of a
				// bad interface goes under the type.
				// Until the number comes the value is the type (IFTYPE).
				args.Words = append(args.Words, Arg{Name: c.name, Value: c.ifType.Name, Pos: tok.pos})
			}
		case ifNumNode:
			args.Words[len(args.Words)-1].Value = m.value
		default:
			args.Words = append(args.Words, Arg{Name: c.name, Value: m.value, Pos: tok.pos})
		}
		n = c
	}
	return n, args, -1, nil
}

// hasArgs reports whether n expects an argument (not a keyword) next.
func (n *Node) hasArgs(priv int) bool {
	for _, c := range n.children {
		if c.priv <= priv && c.kind != kwNode && c.kind != ifTypeNode {
			return true
		}
	}
	return false
}

// match returns the children of n that accept tok at the best rank. None
// means tok was rejected, and wrong says whether an argument of the right
// kind but a bad value was seen; more than one means ambiguous.
func (n *Node) match(tok string, priv int) (best []match, wrong bool) {
	top := noMatch
	for _, c := range n.children {
		if c.priv > priv {
			continue
		}
		m, r, bad := c.accepts(tok)
		wrong = wrong || bad
		switch {
		case r == noMatch || r < top:
		case r > top:
			top, best = r, []match{m}
		default:
			best = append(best, m)
		}
	}
	return best, wrong
}

// accepts ranks how well c takes tok. bad is set when tok has the shape
// of c's argument but a value out of range.
func (c *Node) accepts(tok string) (m match, r rank, bad bool) {
	m.node = c
	switch c.kind {
	case kwNode:
		return m, keywordRank(c.word, tok), false
	case intNode:
		v, err := strconv.Atoi(tok)
		if err != nil || !isDigits(tok) {
			return m, noMatch, false
		}
		if v < c.lo || v > c.hi {
			return m, noMatch, true
		}
		m.value = strconv.Itoa(v)
		return m, typedArg, false
	case stringNode:
		if len(tok) < c.lo || len(tok) > c.hi {
			return m, noMatch, true
		}
		m.value = tok
		return m, anyWord, false
	case lineNode:
		m.value = tok
		return m, anyWord, false
	case ipNode:
		a, err := netip.ParseAddr(tok)
		if err != nil || !a.Is4() {
			return m, noMatch, false
		}
		m.value = a.String()
		return m, typedArg, false
	case ifTypeNode:
		return c.acceptsIfType(tok)
	case ifNumNode:
		name, ok := ifName(c.ifType, tok)
		if !ok {
			return m, noMatch, isDigits(strings.ReplaceAll(tok, "/", ""))
		}
		m.value = name
		return m, typedArg, false
	}
	return m, noMatch, false
}

// acceptsIfType matches an interface type keyword, alone ("GigabitEthernet",
// "g") or glued to its number ("g2/0/1", "GE2/0/1", "Vlan-interface10").
func (c *Node) acceptsIfType(tok string) (m match, r rank, bad bool) {
	m.node = c
	split := strings.IndexFunc(tok, unicode.IsDigit)
	if split < 0 {
		return m, typeRank(c.ifType, tok), false
	}
	typ, num := tok[:split], tok[split:]
	r = typeRank(c.ifType, typ)
	if r == noMatch {
		return m, noMatch, false
	}
	name, ok := ifName(c.ifType, num)
	if !ok {
		return m, noMatch, true
	}
	m.value, m.glued = name, true
	return m, r, false
}

func typeRank(t device.IfType, word string) rank {
	if word != "" && strings.EqualFold(word, t.Brief) {
		return exact
	}
	return keywordRank(strings.ToLower(t.Name), word)
}

// ifName builds the canonical name of an interface of type t numbered num.
func ifName(t device.IfType, num string) (string, bool) {
	n, ok := device.ParseIfNumber(num, t.Numbered)
	if !ok {
		return "", false
	}
	if t.Numbered {
		lo, hi := ifNumberRange(t.Kind)
		if n[0] < lo || n[0] > hi {
			return "", false
		}
		return t.Name + strconv.Itoa(n[0]), true
	}
	return t.Name + num, true
}

func keywordRank(kw, tok string) rank {
	if tok == "" {
		return noMatch
	}
	low := strings.ToLower(tok)
	switch {
	case low == kw:
		return exact
	case strings.HasPrefix(kw, low):
		return prefix
	}
	return noMatch
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
