package cli

import (
	"bytes"
	"errors"
)

// morePrompt is what the pager prints when a screen is full, and eraseMore
// what it prints to take it away again (reference §3.6).
const (
	morePrompt = "  ---- More ----"
	eraseMore  = "\x1b[16D                \x1b[16D"
)

// errStopOutput is returned by pager writes after the user stopped the
// output at the More prompt; handlers stop on the first write error.
var errStopOutput = errors.New("cli: output stopped by user")

// pager is the io.Writer between command handlers and the terminal: it
// filters output lines (| include ...), turns line ends into CRLF, and
// after each screenful waits at "  ---- More ----" for a key: Space shows
// the next screen, Enter the next line, anything else stops the output.
type pager struct {
	t      *term
	in     *input // nil: never wait (exec, replay)
	filter *filter
	win    func() Window
	limit  int // lines per screen; 0 = no paging
	rows   int // rows written on this screen
	part   []byte
	err    error
	cut    int // a fault ends the session after this many lines (0: never)
	lines  int // lines written
}

func (p *pager) Write(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	n := len(b)
	if len(p.part) > 0 {
		// The end of a line begun by an earlier write.
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			p.part = append(p.part, b...)
			return n, nil
		}
		p.part = append(p.part, b[:i]...)
		b = b[i+1:]
		err := p.line(p.part)
		p.part = p.part[:0]
		if err != nil {
			p.err = err
			return 0, err
		}
	}
	// Most writes are whole lines: the terminal takes them in place,
	// with room made once for the CRLFs.
	p.t.reserve(len(b) + len(b)/16)
	for {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			break
		}
		if err := p.line(b[:i]); err != nil {
			p.err = err
			return 0, err
		}
		b = b[i+1:]
	}
	p.part = append(p.part, b...)
	return n, nil
}

// flush writes a final line that had no newline.
func (p *pager) flush() {
	if p.err == nil && len(p.part) > 0 {
		line := p.part
		p.part = nil
		p.err = p.line(line)
	}
}

// line writes one line of output, less its line end. The pager does not
// keep b.
func (p *pager) line(b []byte) error {
	b = bytes.TrimRight(b, "\r")
	if p.filter != nil && !p.filter.keep(string(b)) {
		return nil
	}
	if p.limit > 1 && p.in != nil {
		rows := p.rowsOf(b)
		if p.rows+rows > p.limit-1 && p.rows > 0 {
			if err := p.more(); err != nil {
				return err
			}
		}
		p.rows += rows
	}
	p.t.rawLine(b)
	if p.lines++; p.cut > 0 && p.lines >= p.cut && p.t.err == nil {
		return errFaultCut
	}
	return p.t.err
}

// rowsOf is how many terminal rows s takes at the current width.
func (p *pager) rowsOf(s []byte) int {
	w := 0
	if p.win != nil {
		w = p.win().Width
	}
	if w <= 0 || len(s) <= w {
		return 1
	}
	return (len(s) + w - 1) / w
}

// more shows the More prompt and waits for a key.
func (p *pager) more() error {
	p.t.raw(morePrompt)
	b, err := p.in.next()
	p.t.raw(eraseMore)
	if err != nil {
		return err
	}
	switch b {
	case ' ':
		p.rows = 0
	case '\r', '\n':
		p.rows = p.limit - 2
	default:
		return errStopOutput
	}
	return nil
}
