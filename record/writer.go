package record

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"
)

// Header is the first line of a cast file.
type Header struct {
	Version   int               `json:"version"` // always 2
	Width     int               `json:"width"`
	Height    int               `json:"height"`
	Timestamp int64             `json:"timestamp,omitempty"` // start, Unix seconds
	Title     string            `json:"title,omitempty"`
	Env       map[string]string `json:"env,omitempty"`
}

// A Writer writes one cast file. It is not safe for concurrent use; the
// fleet calls it from the session's own goroutine. Output and input
// bytes may split a UTF-8 sequence across calls: the incomplete tail is
// held back until the next call of the same code, so that every event's
// data is valid UTF-8 (bytes that are not UTF-8 at all become U+FFFD,
// as a terminal shows them).
type Writer struct {
	w     *bufio.Writer
	start time.Time
	tail  map[string][]byte // incomplete UTF-8 sequences, by code
	line  []byte            // scratch
	err   error
}

// NewWriter writes h to w and returns a Writer for the events after it,
// timed from start.
func NewWriter(w io.Writer, h Header, start time.Time) (*Writer, error) {
	h.Version = 2
	if h.Timestamp == 0 {
		h.Timestamp = start.Unix()
	}
	b, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("record: header: %w", err)
	}
	bw := bufio.NewWriterSize(w, 4096)
	bw.Write(b)
	bw.WriteByte('\n')
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("record: header: %w", err)
	}
	return &Writer{w: bw, start: start, tail: map[string][]byte{}}, nil
}

// Output records bytes the terminal was sent at t.
func (w *Writer) Output(t time.Time, p []byte) error { return w.event(t, "o", p) }

// Input records keys typed at t.
func (w *Writer) Input(t time.Time, p []byte) error { return w.event(t, "i", p) }

// Resize records a window change at t.
func (w *Writer) Resize(t time.Time, cols, rows int) error {
	return w.event(t, "r", fmt.Appendf(nil, "%dx%d", cols, rows))
}

func (w *Writer) event(t time.Time, code string, p []byte) error {
	if w.err != nil {
		return w.err
	}
	if tail := w.tail[code]; len(tail) > 0 {
		p = append(tail, p...)
	}
	cut := completeUTF8(p)
	w.tail[code] = append(w.tail[code][:0], p[cut:]...)
	p = p[:cut]
	if len(p) == 0 {
		return nil
	}
	w.writeRaw(t, code, p)
	return w.err
}

// Flush writes what is buffered.
func (w *Writer) Flush() error {
	if w.err == nil {
		if err := w.w.Flush(); err != nil {
			w.err = fmt.Errorf("record: %w", err)
		}
	}
	return w.err
}

// Close writes what is held back and flushes; it does not close the
// underlying writer.
func (w *Writer) Close(t time.Time) error {
	for _, code := range []string{"o", "i"} {
		if tail := w.tail[code]; len(tail) > 0 {
			w.tail[code] = nil
			p := append([]byte(nil), tail...)
			// Held back as incomplete and never completed: written as is
			// (U+FFFD).
			w.writeRaw(t, code, p)
		}
	}
	return w.Flush()
}

func (w *Writer) writeRaw(t time.Time, code string, p []byte) {
	data, _ := json.Marshal(string(p))
	w.line = append(w.line[:0], '[')
	w.line = strconv.AppendFloat(w.line, max(t.Sub(w.start).Seconds(), 0), 'f', 6, 64)
	w.line = append(w.line, `, "`...)
	w.line = append(w.line, code...)
	w.line = append(w.line, `", `...)
	w.line = append(w.line, data...)
	w.line = append(w.line, "]\n"...)
	if _, err := w.w.Write(w.line); err != nil && w.err == nil {
		w.err = fmt.Errorf("record: %w", err)
	}
}

// completeUTF8 is the length of p's longest prefix that does not end in
// the middle of a UTF-8 sequence that more bytes could complete.
func completeUTF8(p []byte) int {
	// A sequence is at most 4 bytes: look at the last 3 for a lead byte.
	for i := len(p) - 1; i >= 0 && i >= len(p)-3; i-- {
		c := p[i]
		if c < 0x80 {
			return len(p) // ASCII: complete
		}
		if c >= 0xC0 { // a lead byte
			need := 2
			switch {
			case c >= 0xF0:
				need = 4
			case c >= 0xE0:
				need = 3
			}
			if len(p)-i < need && !utf8.FullRune(p[i:]) {
				return i
			}
			return len(p)
		}
	}
	return len(p)
}
