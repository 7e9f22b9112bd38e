// Package vt is a server-side terminal screen: the bytes a session's
// client was sent go in, and the text the client's terminal shows comes
// out, rows and cursor. The trainer's console (fleet/console) keeps one
// per watched session and per replayed recording and pushes its text to
// the browser, so the page needs no terminal emulator of its own.
//
// It models the VT100 subset the emulator emits and a little more:
//
//   - printable ASCII and UTF-8 (each rune one column; invalid bytes
//     show as U+FFFD), with autowrap and the VT100's pending wrap: a
//     character written in the last column leaves the cursor there, and
//     the next printable character wraps first;
//   - CR, LF (also VT and FF), BS; BEL, NUL and other C0 controls are
//     ignored; TAB moves to the next multiple of 8;
//   - CSI n A/B/C/D (cursor up, down, right, left), CSI row;col H and f,
//     CSI n K (0 to the end of the line, 1 from its start, 2 all of it),
//     CSI n J (0 to the end of the screen, 1 from its start, 2 and 3 all
//     of it); other CSI sequences (SGR colours, modes) are consumed and
//     ignored, as are ESC x pairs and OSC strings;
//   - a fixed height: a line feed on the last row scrolls the screen up.
//
// The pending wrap follows the rule the emulator's own tests assume
// (cli/vt_test.go) and tmux applies: the cursor is one past the last
// column; CR, CSI A/B, CSI H and BS bring it back (BS to the column left
// of the last, as a VT100 does; tmux stops on the last column), CSI n D
// counts from one past the last column, and CSI K there erases nothing.
//
// A Screen is not safe for concurrent use: its owner serialises Write,
// Resize and Snapshot.
package vt

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// DefaultWidth and DefaultHeight are the size of a screen made with a
// size of zero: a terminal that did not say its size.
const (
	DefaultWidth  = 80
	DefaultHeight = 24
	maxSize       = 1000 // columns or rows; larger sizes are clamped
	maxParams     = 16   // CSI parameters kept; more are ignored
)

// Screen is a terminal's screen.
type Screen struct {
	w, h     int
	rows     [][]rune
	row, col int // col == w: pending wrap

	state  parseState
	params []int // CSI parameters so far; -1 for one not given
	cur    int   // the parameter being read, -1 if no digit yet
	priv   bool  // CSI with a private marker (?, >, =, <)
	utf    []byte
}

type parseState uint8

const (
	ground parseState = iota
	escape
	csi
	osc
	oscEsc
)

// New returns a blank screen of w columns and h rows (DefaultWidth,
// DefaultHeight for a size of zero or less).
func New(w, h int) *Screen {
	s := &Screen{}
	s.w, s.h = clampSize(w, DefaultWidth), clampSize(h, DefaultHeight)
	s.rows = make([][]rune, s.h)
	for i := range s.rows {
		s.rows[i] = blank(s.w)
	}
	return s
}

func clampSize(n, def int) int {
	switch {
	case n <= 0:
		return def
	case n > maxSize:
		return maxSize
	}
	return n
}

func blank(w int) []rune {
	r := make([]rune, w)
	for i := range r {
		r[i] = ' '
	}
	return r
}

// Size is the screen's width and height.
func (s *Screen) Size() (w, h int) { return s.w, s.h }

// Resize changes the size, keeping the text at the top left and the
// cursor where it was, inside the new size; when the screen gets shorter
// than the cursor's row, rows scroll off the top as a terminal does.
func (s *Screen) Resize(w, h int) {
	w, h = clampSize(w, DefaultWidth), clampSize(h, DefaultHeight)
	if w == s.w && h == s.h {
		return
	}
	if drop := s.row - (h - 1); drop > 0 {
		s.rows = s.rows[drop:]
		s.row -= drop
	}
	rows := make([][]rune, h)
	for i := range rows {
		rows[i] = blank(w)
		if i < len(s.rows) {
			copy(rows[i], s.rows[i])
		}
	}
	s.rows, s.w, s.h = rows, w, h
	s.row = min(s.row, h-1)
	s.col = min(s.col, w)
}

// Write applies p, output sent to the terminal. Sequences and UTF-8
// characters may be split across writes. It never fails.
func (s *Screen) Write(p []byte) (int, error) {
	for _, b := range p {
		s.byte(b)
	}
	return len(p), nil
}

// WriteString is Write for a string.
func (s *Screen) WriteString(p string) (int, error) {
	for i := 0; i < len(p); i++ {
		s.byte(p[i])
	}
	return len(p), nil
}

func (s *Screen) byte(b byte) {
	switch s.state {
	case escape:
		switch b {
		case '[':
			s.state, s.params, s.cur, s.priv = csi, s.params[:0], -1, false
		case ']':
			s.state = osc
		case 0x1b:
		default:
			if b < 0x20 || b > 0x2f { // intermediates (ESC ( B) wait for their final
				s.state = ground // ESC x: charset, keypad modes, ...
			}
		}
		return
	case csi:
		s.csiByte(b)
		return
	case osc, oscEsc:
		switch {
		case b == 0x07, s.state == oscEsc && b == '\\':
			s.state = ground
		case b == 0x1b:
			s.state = oscEsc
		default:
			s.state = osc
		}
		return
	}
	if len(s.utf) > 0 {
		if b&0xc0 == 0x80 {
			s.utf = append(s.utf, b)
			if utf8.FullRune(s.utf) {
				r, _ := utf8.DecodeRune(s.utf)
				s.utf = s.utf[:0]
				s.print(r)
			}
			return
		}
		s.utf = s.utf[:0]
		s.print(utf8.RuneError)
	}
	switch {
	case b == 0x1b:
		s.state = escape
	case b == '\r':
		s.col = 0
	case b == '\n', b == 0x0b, b == 0x0c:
		s.lineFeed()
	case b == '\b':
		if s.col >= s.w {
			s.col = s.w - 1
		}
		if s.col > 0 {
			s.col--
		}
	case b == '\t':
		s.col = min(s.w-1, (min(s.col, s.w-1)/8+1)*8)
	case b < 0x20 || b == 0x7f:
		// BEL and the other controls: nothing on the screen.
	case b < 0x80:
		s.print(rune(b))
	case b >= 0xc2 && b <= 0xf4:
		s.utf = append(s.utf[:0], b)
	default:
		s.print(utf8.RuneError)
	}
}

// print puts r at the cursor, wrapping first if a wrap is pending.
func (s *Screen) print(r rune) {
	if s.col >= s.w {
		s.col = 0
		s.lineFeed()
	}
	s.rows[s.row][s.col] = r
	s.col++
}

// lineFeed moves down a row, scrolling on the last one. The column stays
// (a pending wrap too).
func (s *Screen) lineFeed() {
	if s.row < s.h-1 {
		s.row++
		return
	}
	copy(s.rows, s.rows[1:])
	s.rows[s.h-1] = blank(s.w)
}

func (s *Screen) csiByte(b byte) {
	switch {
	case b >= '0' && b <= '9':
		if s.cur < 0 {
			s.cur = 0
		}
		if s.cur < 100000 {
			s.cur = s.cur*10 + int(b-'0')
		}
	case b == ';' || b == ':':
		s.param()
	case b == '?' || b == '>' || b == '=' || b == '<':
		s.priv = true
	case b >= 0x20 && b <= 0x2f:
		// intermediate bytes: the sequence is not one we model
		s.priv = true
	case b >= 0x40 && b <= 0x7e:
		s.param()
		s.state = ground
		if !s.priv {
			s.final(b)
		}
	case b == 0x1b:
		s.state = escape
	case b == 0x18 || b == 0x1a:
		s.state = ground // CAN, SUB cancel the sequence
	default:
		// controls inside a sequence: ignored here
	}
}

// param ends the parameter being read.
func (s *Screen) param() {
	if len(s.params) < maxParams {
		s.params = append(s.params, s.cur)
	}
	s.cur = -1
}

// arg is parameter i, def if it was not given (or is 0 where 0 means the
// default).
func (s *Screen) arg(i, def int) int {
	if i >= len(s.params) || s.params[i] <= 0 {
		return def
	}
	return s.params[i]
}

func (s *Screen) final(b byte) {
	switch b {
	case 'A':
		s.leavePending()
		s.row = max(0, s.row-s.arg(0, 1))
	case 'B':
		s.leavePending()
		s.row = min(s.h-1, s.row+s.arg(0, 1))
	case 'C':
		s.col = min(s.w-1, s.col+s.arg(0, 1))
		if s.col < 0 {
			s.col = 0
		}
	case 'D':
		s.col = max(0, s.col-s.arg(0, 1))
	case 'H', 'f':
		s.row = min(s.h-1, s.arg(0, 1)-1)
		s.col = min(s.w-1, s.arg(1, 1)-1)
	case 'K':
		s.eraseLine(s.row, s.mode())
	case 'J':
		switch s.mode() {
		case 0:
			s.eraseLine(s.row, 0)
			for r := s.row + 1; r < s.h; r++ {
				s.rows[r] = blank(s.w)
			}
		case 1:
			s.eraseLine(s.row, 1)
			for r := 0; r < s.row; r++ {
				s.rows[r] = blank(s.w)
			}
		default:
			for r := range s.rows {
				s.rows[r] = blank(s.w)
			}
		}
	}
}

// mode is the first parameter, 0 if not given.
func (s *Screen) mode() int {
	if len(s.params) == 0 || s.params[0] < 0 {
		return 0
	}
	return s.params[0]
}

func (s *Screen) leavePending() {
	if s.col >= s.w {
		s.col = s.w - 1
	}
}

// eraseLine erases row r from the cursor to its end (0), from its start
// to the cursor (1) or all of it (2).
func (s *Screen) eraseLine(r, mode int) {
	row := s.rows[r]
	from, to := s.col, s.w
	switch mode {
	case 1:
		from, to = 0, min(s.col+1, s.w)
	case 2:
		from = 0
	}
	for i := from; i < to; i++ {
		row[i] = ' '
	}
}

// Snapshot is what a screen shows.
type Snapshot struct {
	Width  int      `json:"width"`
	Height int      `json:"height"`
	Rows   []string `json:"rows"` // Height rows, trailing spaces trimmed
	Row    int      `json:"row"`  // cursor, from 0
	Col    int      `json:"col"`  // cursor, from 0; Width while a wrap is pending
}

// Snapshot copies the screen out.
func (s *Screen) Snapshot() Snapshot {
	out := Snapshot{Width: s.w, Height: s.h, Row: s.row, Col: s.col, Rows: make([]string, s.h)}
	for i, r := range s.rows {
		out.Rows[i] = strings.TrimRight(string(r), " ")
	}
	return out
}

// Text is the rows, one a line, with the blank rows at the bottom left
// out.
func (sn Snapshot) Text() string {
	rows := sn.Rows
	for len(rows) > 0 && rows[len(rows)-1] == "" {
		rows = rows[:len(rows)-1]
	}
	if len(rows) == 0 {
		return ""
	}
	return strings.Join(rows, "\n") + "\n"
}

// String is the text and the cursor, for test failures.
func (sn Snapshot) String() string {
	return sn.Text() + "[cursor " + strconv.Itoa(sn.Row) + "," + strconv.Itoa(sn.Col) + "]"
}
