package record

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestWriteParse(t *testing.T) {
	start := time.Date(2026, 12, 1, 23, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	w, err := NewWriter(&buf, Header{Width: 80, Height: 24, Title: "sw1"}, start)
	if err != nil {
		t.Fatal(err)
	}
	euro := []byte("€") // 3 bytes, split across two writes
	steps := []struct {
		at   time.Duration
		code string
		data []byte
	}{
		{0, "o", []byte("\r\n<3Com>")},
		{500 * time.Millisecond, "i", []byte("d")},
		{600 * time.Millisecond, "o", []byte("d")},
		{time.Second, "o", append([]byte("x"), euro[:1]...)},
		{1100 * time.Millisecond, "o", append(euro[1:], '"', '\\', 0x1b, '[', 'K')},
		{2 * time.Second, "r", nil},
	}
	for _, s := range steps {
		switch s.code {
		case "o":
			err = w.Output(start.Add(s.at), s.data)
		case "i":
			err = w.Input(start.Add(s.at), s.data)
		case "r":
			err = w.Resize(start.Add(s.at), 132, 50)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(start.Add(3 * time.Second)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if lines[0] != `{"version":2,"width":80,"height":24,"timestamp":1796166000,"title":"sw1"}` {
		t.Errorf("header %s", lines[0])
	}
	if lines[5] != `[1.100000, "o", "€\"\\\u001b[K"]` {
		t.Errorf("the split UTF-8 sequence is not whole in one event: %s", lines[5])
	}
	c, err := Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if c.Header.Width != 80 || c.Header.Height != 24 || c.Header.Title != "sw1" {
		t.Errorf("header %+v", c.Header)
	}
	if got, want := c.Output(), "\r\n<3Com>dx€\"\\\x1b[K"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
	if c.Input() != "d" || len(c.Events) != 6 || c.Events[5].Code != "r" || c.Events[5].Data != "132x50" {
		t.Errorf("events %+v", c.Events)
	}
	if c.Duration() != 2 {
		t.Errorf("duration %v", c.Duration())
	}
}

// TestIncompleteTail: a UTF-8 sequence never completed is written at
// Close, as U+FFFD, so no byte of output is lost silently.
func TestIncompleteTail(t *testing.T) {
	start := time.Now()
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, Header{Width: 80, Height: 24}, start)
	w.Output(start, []byte{'a', 0xE2, 0x82})
	w.Close(start.Add(time.Second))
	c, err := Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Output(); got != "a\uFFFD" && got != "a\uFFFD\uFFFD" {
		t.Errorf("output %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"", "no header"},
		{`{"version":1,"width":80,"height":24}`, "version 1"},
		{`{"version":2,"width":0,"height":24}`, "size 0x24"},
		{`{"version":2,"width":80,"height":24,"colour":1}`, "unknown field"},
		{"{\"version\":2,\"width\":80,\"height\":24}\n[1, \"o\"]", "line 2: 2 elements"},
		{"{\"version\":2,\"width\":80,\"height\":24}\n[\"1\", \"o\", \"x\"]", "line 2: time"},
		{"{\"version\":2,\"width\":80,\"height\":24}\n[1, \"out\", \"x\"]", "line 2: code"},
		{"{\"version\":2,\"width\":80,\"height\":24}\n[2, \"o\", \"x\"]\n[1, \"o\", \"y\"]", "line 3: time 1 goes back"},
		{"{\"version\":2,\"width\":80,\"height\":24}\n[1, \"o\", 5]", "line 2: data"},
	} {
		_, err := Parse(strings.NewReader(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}

func FuzzWriter(f *testing.F) {
	f.Add([]byte("hello\r\n"), []byte{0xE2, 0x82, 0xAC})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		start := time.Now()
		var buf bytes.Buffer
		w, err := NewWriter(&buf, Header{Width: 80, Height: 24}, start)
		if err != nil {
			t.Fatal(err)
		}
		w.Output(start, a)
		w.Input(start, b)
		w.Output(start, b)
		if err := w.Close(start); err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(&buf); err != nil {
			t.Fatalf("the writer wrote what the parser refuses: %v", err)
		}
	})
}
