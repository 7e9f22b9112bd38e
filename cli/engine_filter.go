package cli

import (
	"regexp"
	"strings"
)

// filterKind is the keyword after "|" on a display command.
type filterKind int

const (
	filterBegin filterKind = iota
	filterExclude
	filterInclude
)

var filterWords = []string{"begin", "exclude", "include"}

// filter is a parsed "| begin|exclude|include REGEX" suffix.
type filter struct {
	kind    filterKind
	re      *regexp.Regexp
	started bool // for begin: a line has matched
}

// parseFilter parses the words after "|"; bar is the position of the bar.
func parseFilter(line string, toks []token, bar int) (*filter, *ParseError) {
	if len(toks) == 0 {
		return nil, &ParseError{Kind: Incomplete, Pos: len(strings.TrimRight(line, " ")) + 1}
	}
	kind := -1
	for i, w := range filterWords {
		if keywordRank(w, toks[0].text) != noMatch {
			if kind >= 0 {
				return nil, &ParseError{Kind: Ambiguous, Pos: toks[0].pos}
			}
			kind = i
		}
	}
	if kind < 0 {
		return nil, &ParseError{Kind: Unrecognized, Pos: toks[0].pos}
	}
	if len(toks) < 2 {
		return nil, &ParseError{Kind: Incomplete, Pos: len(strings.TrimRight(line, " ")) + 1}
	}
	expr := strings.TrimRight(line[toks[1].pos:], " ")
	re, err := compileComwareRegexp(expr)
	if err != nil {
		return nil, &ParseError{Kind: WrongParam, Pos: toks[1].pos}
	}
	return &filter{kind: filterKind(kind), re: re}, nil
}

// compileComwareRegexp translates Comware's regular expressions (POSIX-like,
// with \< and \> for word edges, case-sensitive) to Go's syntax.
func compileComwareRegexp(expr string) (*regexp.Regexp, error) {
	var b strings.Builder
	for i := 0; i < len(expr); i++ {
		if expr[i] == '\\' && i+1 < len(expr) {
			switch expr[i+1] {
			case '<', '>':
				b.WriteString(`\b`)
				i++
				continue
			}
			b.WriteByte(expr[i])
			b.WriteByte(expr[i+1])
			i++
			continue
		}
		b.WriteByte(expr[i])
	}
	return regexp.Compile(b.String())
}

// keep reports whether a line of output passes the filter.
func (f *filter) keep(line string) bool {
	switch f.kind {
	case filterBegin:
		if !f.started && f.re.MatchString(line) {
			f.started = true
		}
		return f.started
	case filterExclude:
		return !f.re.MatchString(line)
	}
	return f.re.MatchString(line)
}
