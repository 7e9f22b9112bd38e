package cli

import (
	"fmt"
	"strings"
)

// maxLineLen is the edit buffer size: input beyond it is ignored.
const maxLineLen = 510

// lineEvent says how readLine ended.
type lineEvent int

const (
	lineEnter  lineEvent = iota // Enter: the line is complete
	lineCtrlZ                   // Ctrl+Z: return to user view
	lineCtrlC                   // Ctrl+C: the line was dropped
	lineHotkey                  // Ctrl+G/L/O: run the hotkey's command instead
)

// hotkeys are the default command hotkeys of Comware V5 (display hotkey):
// the key runs its command at once, whatever is on the line.
var hotkeys = map[byte]string{
	0x07: "display current-configuration", // Ctrl+G
	0x0c: "display ip routing-table",      // Ctrl+L
	0x0f: "undo debugging all",            // Ctrl+O
}

// editor is the line editor: it echoes what is typed and implements the
// editing keys of Comware V5 (reference §3.4), history, '?' help and Tab
// completion. It reads only from in and writes only to t.
type editor struct {
	in   *input
	t    *term
	hist *history

	// help returns the help text for '?' typed after line (no trailing
	// newline); complete returns the candidates for the last word of line.
	help     func(line string) string
	complete func(line string) []string
	page     func(text string) error // writes help through the pager

	// win is the terminal size now; a line longer than the width wraps,
	// and the editor moves the cursor across rows itself (a terminal's
	// backspace does not go up a row).
	win     func() Window
	width   int  // the width the line on screen was drawn for
	pending bool // the cursor sits past the right margin, waiting to wrap

	// state of the line being edited
	prompt string
	buf    []byte
	pos    int
	tab    *tabState
}

type tabState struct {
	start int      // where the word being completed starts
	cands []string // candidates, cycled by repeated Tab
	i     int
}

// readLine prints prompt and edits one line until Enter, Ctrl+Z or Ctrl+C.
// With secret set, nothing is echoed and no history or help applies
// (password prompts).
func (e *editor) readLine(prompt string, secret bool) (string, lineEvent, error) {
	if i := strings.LastIndexByte(prompt, '\n'); i >= 0 {
		// A dialog question that spans lines: the lines before the
		// last are plain output; the last is the line's prompt.
		e.t.text(prompt[:i+1])
		prompt = prompt[i+1:]
	}
	e.prompt, e.buf, e.pos, e.tab = prompt, e.buf[:0], 0, nil
	e.width, e.pending = e.cols(), false
	e.draw(prompt, 0)
	if secret {
		e.in.secret = true
		defer func() { e.in.secret = false }()
	}
	histPos := -1
	var saved string // the line being typed before history was recalled
	for {
		b, err := e.in.next()
		if err != nil {
			return "", lineEnter, err
		}
		if b != '\t' {
			e.tab = nil
		}
		if !secret {
			e.rewrap()
		}
		if secret {
			switch b {
			case '\r', '\n':
				e.t.raw("\r\n")
				return string(e.buf), lineEnter, nil
			case 0x03:
				e.t.raw("\r\n")
				return "", lineCtrlC, nil
			case 0x08, 0x7f:
				if len(e.buf) > 0 {
					e.buf = e.buf[:len(e.buf)-1]
				}
			default:
				if b >= 0x20 && len(e.buf) < maxLineLen {
					e.buf = append(e.buf, b)
				}
			}
			continue
		}
		switch b {
		case '\r', '\n':
			e.moveTo(len(e.buf))
			e.t.raw("\r\n")
			return string(e.buf), lineEnter, nil
		case 0x1a: // Ctrl+Z
			e.moveTo(len(e.buf))
			return string(e.buf), lineCtrlZ, nil
		case 0x03: // Ctrl+C
			e.moveTo(len(e.buf))
			e.t.raw("\r\n")
			return "", lineCtrlC, nil
		case 0x07, 0x0c, 0x0f: // Ctrl+G, Ctrl+L, Ctrl+O
			e.moveTo(len(e.buf))
			e.t.raw("\r\n")
			return hotkeys[b], lineHotkey, nil
		case 0x01: // Ctrl+A
			e.moveTo(0)
		case 0x05: // Ctrl+E
			e.moveTo(len(e.buf))
		case 0x02: // Ctrl+B
			e.moveTo(e.pos - 1)
		case 0x06: // Ctrl+F
			e.moveTo(e.pos + 1)
		case 0x08, 0x7f: // Backspace, Ctrl+H
			if e.pos > 0 {
				e.moveTo(e.pos - 1)
				e.deleteAt(e.pos, 1)
			}
		case 0x04: // Ctrl+D
			e.deleteAt(e.pos, 1)
		case 0x17: // Ctrl+W: the word left of the cursor
			start := wordStartBefore(e.buf, e.pos)
			n := e.pos - start
			e.moveTo(start)
			e.deleteAt(start, n)
		case 0x18: // Ctrl+X: from the line start to the cursor
			n := e.pos
			e.moveTo(0)
			e.deleteAt(0, n)
		case 0x19: // Ctrl+Y: from the cursor to the line end
			e.deleteAt(e.pos, len(e.buf)-e.pos)
		case 0x12: // Ctrl+R: redisplay
			e.redisplay()
		case 0x10, 0x0e: // Ctrl+P, Ctrl+N
			histPos, saved = e.recall(b == 0x10, histPos, saved)
		case 0x1b:
			histPos, saved = e.escape(histPos, saved)
		case '\t':
			e.completeWord()
		case '?':
			if err := e.showHelp(); err != nil {
				return "", lineEnter, err
			}
		default:
			if b >= 0x20 {
				e.insert(b)
			}
		}
	}
}

// escape handles ESC sequences: arrows, Home/End/Delete, Esc+B/F/D.
func (e *editor) escape(histPos int, saved string) (int, string) {
	b, err := e.in.next()
	if err != nil {
		return histPos, saved
	}
	switch b {
	case 'b', 'B':
		e.moveTo(wordStartBefore(e.buf, e.pos))
		return histPos, saved
	case 'f', 'F':
		e.moveTo(wordEndAfter(e.buf, e.pos))
		return histPos, saved
	case 'd', 'D':
		e.deleteAt(e.pos, wordEndAfter(e.buf, e.pos)-e.pos)
		return histPos, saved
	case '[', 'O':
	default:
		return histPos, saved
	}
	var params []byte
	for {
		c, err := e.in.next()
		if err != nil {
			return histPos, saved
		}
		if c >= 0x40 && c <= 0x7e {
			b = c
			break
		}
		params = append(params, c)
	}
	switch b {
	case 'A':
		return e.recall(true, histPos, saved)
	case 'B':
		return e.recall(false, histPos, saved)
	case 'C':
		e.moveTo(e.pos + 1)
	case 'D':
		e.moveTo(e.pos - 1)
	case 'H':
		e.moveTo(0)
	case 'F':
		e.moveTo(len(e.buf))
	case '~':
		switch string(params) {
		case "3":
			e.deleteAt(e.pos, 1)
		case "1", "7":
			e.moveTo(0)
		case "4", "8":
			e.moveTo(len(e.buf))
		}
	}
	return histPos, saved
}

// recall replaces the line with an older (up) or newer history entry.
func (e *editor) recall(up bool, histPos int, saved string) (int, string) {
	entries := e.hist.list()
	if histPos == -1 {
		saved = string(e.buf)
		histPos = len(entries)
	}
	switch {
	case up && histPos > 0:
		histPos--
	case !up && histPos < len(entries):
		histPos++
	default:
		return histPos, saved
	}
	if histPos == len(entries) {
		e.replaceLine(saved)
	} else {
		e.replaceLine(entries[histPos])
	}
	return histPos, saved
}

// insert puts b at the cursor and redraws the rest of the line.
func (e *editor) insert(b byte) {
	if len(e.buf) >= maxLineLen {
		return
	}
	e.buf = append(e.buf, 0)
	copy(e.buf[e.pos+1:], e.buf[e.pos:])
	e.buf[e.pos] = b
	e.draw(string(e.buf[e.pos:]), e.col(e.pos))
	e.pos++
	e.back(e.col(len(e.buf)), e.col(e.pos))
}

// deleteAt removes n bytes at i (the cursor must be at i) and redraws.
func (e *editor) deleteAt(i, n int) {
	if n <= 0 || i < 0 || i+n > len(e.buf) {
		return
	}
	e.buf = append(e.buf[:i], e.buf[i+n:]...)
	e.draw(string(e.buf[i:])+strings.Repeat(" ", n), e.col(i))
	e.back(e.col(len(e.buf)+n), e.col(i))
}

// moveTo moves the cursor to i within the line.
func (e *editor) moveTo(i int) {
	i = max(0, min(i, len(e.buf)))
	if i < e.pos {
		e.back(e.col(e.pos), e.col(i))
	} else if i > e.pos {
		e.draw(string(e.buf[e.pos:i]), e.col(e.pos))
	}
	e.pos = i
}

// cols is the terminal width now, 0 if unknown.
func (e *editor) cols() int {
	if e.win == nil {
		return 0
	}
	return max(0, e.win().Width)
}

// col is the screen offset of buffer index i from the start of the
// prompt's row: rows wrap every e.width columns.
func (e *editor) col(i int) int { return len(e.prompt) + i }

// draw writes s, which starts at offset from. Text that ends exactly at
// the right margin leaves a terminal's cursor on the last column, waiting
// to wrap with the next character: pending records that, so that the echo
// of plain typing stays the typed characters and nothing else.
func (e *editor) draw(s string, from int) {
	if s == "" {
		return
	}
	e.t.raw(s)
	e.pending = e.width > 0 && (from+len(s))%e.width == 0
}

// back moves the cursor from offset from to the earlier offset to: with
// backspaces within a row, up and across when the line has wrapped (a
// backspace does not go up a row).
func (e *editor) back(from, to int) {
	if to >= from {
		return
	}
	w := e.width
	if w <= 0 || (from/w == to/w && !e.pending) {
		e.t.raw(strings.Repeat("\b", from-to))
		return
	}
	row := from / w
	if e.pending {
		row-- // the cursor is still on the row before
	}
	e.pending = false
	e.t.raw("\r")
	if up := row - to/w; up > 0 {
		e.t.raw(fmt.Sprintf("\x1b[%dA", up))
	}
	if c := to % w; c > 0 {
		e.t.raw(fmt.Sprintf("\x1b[%dC", c))
	}
}

// redisplay draws the prompt and the line again on a new row and puts
// the cursor back where it was in the line.
func (e *editor) redisplay() {
	e.width, e.pending = e.cols(), false
	e.t.raw("\r\n")
	e.draw(e.prompt+string(e.buf), 0)
	e.back(e.col(len(e.buf)), e.col(e.pos))
}

// rewrap redraws a line that the window's new width would break: a
// terminal reflows (or not) a resized screen its own way, so the rows
// the editor counted on are gone.
func (e *editor) rewrap() {
	w := e.cols()
	if w == e.width {
		return
	}
	old := e.width
	e.width = w
	long := func(w int) bool { return w > 0 && e.col(len(e.buf)) >= w }
	if long(old) || long(w) {
		e.redisplay()
	}
}

// replaceLine swaps the whole line for s, cursor at the end.
func (e *editor) replaceLine(s string) {
	e.replaceWord(0, s)
}

// showHelp prints the help for what is left of the cursor and gives the
// line back as it was.
// Help longer than a screen pages like command output. It returns an
// error only when the input ended while the help waited at More.
func (e *editor) showHelp() error {
	e.moveTo(len(e.buf))
	text := e.help(string(e.buf))
	e.t.raw("?\r\n")
	if text != "" {
		if e.page == nil {
			e.t.text(text + "\n")
		} else if err := e.page(text + "\n"); err != nil && e.in.closed(err) {
			return err
		}
	}
	e.width = e.cols()
	e.draw(e.prompt+string(e.buf), 0)
	return nil
}

// completeWord completes the last word in place; repeated Tabs cycle
// through the candidates. With no candidate the line is shown again.
func (e *editor) completeWord() {
	e.moveTo(len(e.buf))
	if e.tab == nil {
		start := wordStartBefore(e.buf, len(e.buf))
		if start == len(e.buf) {
			return
		}
		cands := e.complete(string(e.buf))
		if len(cands) == 0 {
			e.redisplay()
			return
		}
		e.tab = &tabState{start: start, cands: cands}
	} else {
		e.tab.i = (e.tab.i + 1) % len(e.tab.cands)
	}
	e.replaceWord(e.tab.start, e.tab.cands[e.tab.i])
}

// replaceWord replaces buf[start:] with w; the cursor is at the end.
func (e *editor) replaceWord(start int, w string) {
	if start+len(w) > maxLineLen {
		return
	}
	old := len(e.buf) - start
	e.moveTo(start)
	e.buf = append(e.buf[:start], w...)
	e.pos = len(e.buf)
	e.draw(w, e.col(start))
	if pad := old - len(w); pad > 0 {
		e.draw(strings.Repeat(" ", pad), e.col(e.pos))
		e.back(e.col(e.pos+pad), e.col(e.pos))
	}
}

func wordStartBefore(b []byte, pos int) int {
	i := pos
	for i > 0 && b[i-1] == ' ' {
		i--
	}
	for i > 0 && b[i-1] != ' ' {
		i--
	}
	return i
}

func wordEndAfter(b []byte, pos int) int {
	i := pos
	for i < len(b) && b[i] == ' ' {
		i++
	}
	for i < len(b) && b[i] != ' ' {
		i++
	}
	return i
}

// history is a session's command history, oldest first. A command goes
// in once it has parsed, before it runs; while it runs (running set),
// list leaves it out, so that display history-command, which prints the
// running line itself, shows each line once and no more than max.
type history struct {
	entries []string
	max     int
	running bool
}

func (h *history) add(line string) {
	if h.max <= 0 {
		return
	}
	if n := len(h.entries); n > 0 && h.entries[n-1] == line {
		return
	}
	h.entries = append(h.entries, line)
	if len(h.entries) > h.max {
		h.entries = h.entries[len(h.entries)-h.max:]
	}
}

func (h *history) list() []string {
	if h.running && h.max > 0 && len(h.entries) > 0 {
		return h.entries[:len(h.entries)-1]
	}
	return h.entries
}
