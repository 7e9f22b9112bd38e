package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// An Event is one line after the header.
type Event struct {
	Time float64 // seconds from the start
	Code string  // "o", "i", "r" or "m" (marker)
	Data string
}

// Cast is a whole recording.
type Cast struct {
	Header Header
	Events []Event
}

// Duration is the time of the last event, in seconds.
func (c *Cast) Duration() float64 {
	if len(c.Events) == 0 {
		return 0
	}
	return c.Events[len(c.Events)-1].Time
}

// Output is the concatenated output stream: what the terminal was sent.
func (c *Cast) Output() string {
	var n int
	for _, e := range c.Events {
		if e.Code == "o" {
			n += len(e.Data)
		}
	}
	b := make([]byte, 0, n)
	for _, e := range c.Events {
		if e.Code == "o" {
			b = append(b, e.Data...)
		}
	}
	return string(b)
}

// Input is the concatenated input stream.
func (c *Cast) Input() string {
	var b []byte
	for _, e := range c.Events {
		if e.Code == "i" {
			b = append(b, e.Data...)
		}
	}
	return string(b)
}

// Parse reads a cast file as the asciicast v2 format specifies it: a
// header object with version 2 and a positive width and height, then
// events whose times do not go backwards, each an array of a number, a
// one-letter code and a string. A line that breaks the format is an
// error that names it.
func Parse(r io.Reader) (*Cast, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("record: %w", err)
		}
		return nil, fmt.Errorf("record: empty file: no header")
	}
	c := &Cast{}
	dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c.Header); err != nil {
		return nil, fmt.Errorf("record: line 1: header: %w", err)
	}
	if c.Header.Version != 2 {
		return nil, fmt.Errorf("record: line 1: version %d, want 2", c.Header.Version)
	}
	if c.Header.Width <= 0 || c.Header.Height <= 0 {
		return nil, fmt.Errorf("record: line 1: size %dx%d", c.Header.Width, c.Header.Height)
	}
	last := 0.0
	for n := 2; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		var raw []json.RawMessage
		if err := json.Unmarshal(line, &raw); err != nil {
			return nil, fmt.Errorf("record: line %d: %w", n, err)
		}
		if len(raw) != 3 {
			return nil, fmt.Errorf("record: line %d: %d elements, want 3", n, len(raw))
		}
		var e Event
		if err := json.Unmarshal(raw[0], &e.Time); err != nil {
			return nil, fmt.Errorf("record: line %d: time: %w", n, err)
		}
		if err := json.Unmarshal(raw[1], &e.Code); err != nil || len(e.Code) != 1 {
			return nil, fmt.Errorf("record: line %d: code %s", n, raw[1])
		}
		if err := json.Unmarshal(raw[2], &e.Data); err != nil {
			return nil, fmt.Errorf("record: line %d: data: %w", n, err)
		}
		if e.Time < last {
			return nil, fmt.Errorf("record: line %d: time %s goes back from %s", n,
				strconv.FormatFloat(e.Time, 'f', -1, 64), strconv.FormatFloat(last, 'f', -1, 64))
		}
		last = e.Time
		c.Events = append(c.Events, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	return c, nil
}
