package fleet

import (
	"fmt"
	"strconv"
	"strings"
)

// expand replaces every {EXPR} or {EXPR:0W} in s with the value of EXPR
// for counter n: an integer expression over n with + - * / % and
// parentheses ("{n}", "{n:03}", "{(n-1)/48+2}"). "{{" and "}}" stand for
// literal braces. It is how a range gives each device its own name,
// address and configuration.
func expand(s string, n int) (string, error) {
	if !strings.ContainsAny(s, "{}") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{':
			b.WriteByte('{')
			i++
		case c == '}' && i+1 < len(s) && s[i+1] == '}':
			b.WriteByte('}')
			i++
		case c == '}':
			return "", fmt.Errorf("%q: unmatched }", s)
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return "", fmt.Errorf("%q: unmatched {", s)
			}
			body := s[i+1 : i+end]
			i += end
			expr, width := body, ""
			if k := strings.IndexByte(body, ':'); k >= 0 {
				expr, width = body[:k], body[k+1:]
			}
			v, err := evalExpr(expr, n)
			if err != nil {
				return "", fmt.Errorf("%q: {%s}: %w", s, body, err)
			}
			if width == "" {
				b.WriteString(strconv.Itoa(v))
				continue
			}
			w, err := strconv.Atoi(width)
			if err != nil || w < 1 || w > 12 || width[0] != '0' {
				return "", fmt.Errorf("%q: {%s}: the width must be 01 to 012", s, body)
			}
			fmt.Fprintf(&b, "%0*d", w, v)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// evalExpr evaluates an integer expression over n.
func evalExpr(src string, n int) (int, error) {
	p := exprParser{src: strings.ReplaceAll(src, " ", ""), n: n}
	v, err := p.sum()
	if err != nil {
		return 0, err
	}
	if p.pos != len(p.src) {
		return 0, fmt.Errorf("unexpected %q", p.src[p.pos:])
	}
	return v, nil
}

type exprParser struct {
	src string
	pos int
	n   int
}

func (p *exprParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *exprParser) sum() (int, error) {
	v, err := p.product()
	for err == nil {
		switch p.peek() {
		case '+', '-':
			op := p.peek()
			p.pos++
			var w int
			if w, err = p.product(); err != nil {
				return 0, err
			}
			if op == '+' {
				v += w
			} else {
				v -= w
			}
		default:
			return v, nil
		}
	}
	return 0, err
}

func (p *exprParser) product() (int, error) {
	v, err := p.atom()
	for err == nil {
		switch op := p.peek(); op {
		case '*', '/', '%':
			p.pos++
			var w int
			if w, err = p.atom(); err != nil {
				return 0, err
			}
			switch {
			case op == '*':
				v *= w
			case w == 0:
				return 0, fmt.Errorf("division by zero")
			case op == '/':
				v /= w
			default:
				v %= w
			}
		default:
			return v, nil
		}
	}
	return 0, err
}

func (p *exprParser) atom() (int, error) {
	switch c := p.peek(); {
	case c == 'n':
		p.pos++
		return p.n, nil
	case c == '(':
		p.pos++
		v, err := p.sum()
		if err != nil {
			return 0, err
		}
		if p.peek() != ')' {
			return 0, fmt.Errorf("missing )")
		}
		p.pos++
		return v, nil
	case c == '-':
		p.pos++
		v, err := p.atom()
		return -v, err
	case c >= '0' && c <= '9':
		start := p.pos
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
		}
		return strconv.Atoi(p.src[start:p.pos])
	case c == 0:
		return 0, fmt.Errorf("expression ends too soon")
	default:
		return 0, fmt.Errorf("unexpected %q (only n, numbers, + - * / %% and parentheses)", string(c))
	}
}
