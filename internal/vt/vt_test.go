package vt

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// screen writes out to a fresh w x h screen.
func screen(w, h int, out string) Snapshot {
	s := New(w, h)
	s.WriteString(out)
	return s.Snapshot()
}

func TestScreen(t *testing.T) {
	for _, tc := range []struct {
		name     string
		w, h     int
		out      string
		text     string
		row, col int
	}{
		{"text", 10, 4, "abc", "abc\n", 0, 3},
		{"crlf", 10, 4, "abc\r\ndef", "abc\ndef\n", 1, 3},
		{"lf keeps the column", 10, 4, "abc\ndef", "abc\n   def\n", 1, 6},
		{"bel and nul ignored", 10, 4, "a\a\x00b", "ab\n", 0, 2},
		{"backspace overwrite", 10, 4, "abc\b\bX", "aXc\n", 0, 2},
		{"backspace at column 0", 10, 4, "\bX", "X\n", 0, 1},
		{"erase a character as the editor does", 10, 4, "abc\b \b", "ab\n", 0, 2},
		{"last column: wrap is pending", 10, 4, "abcdefghij", "abcdefghij\n", 0, 10},
		{"pending wrap wraps on the next character", 10, 4, "abcdefghijk", "abcdefghij\nk\n", 1, 1},
		{"CR cancels the pending wrap", 10, 4, "abcdefghij\rX", "Xbcdefghij\n", 0, 1},
		{"LF keeps the pending wrap", 10, 4, "abcdefghij\nX", "abcdefghij\n\nX\n", 2, 1},
		{"BS from the pending wrap", 10, 4, "abcdefghij\bX", "abcdefghXj\n", 0, 9},
		{"CSI D counts from one past the last column", 10, 4, "abcdefghij\x1b[2DX", "abcdefghXj\n", 0, 9},
		{"CSI A from the pending wrap", 10, 4, "\r\n\r\nabcdefghij\x1b[AX", "\n         X\nabcdefghij\n", 1, 10},
		{"CSI K at the pending wrap erases nothing", 10, 4, "abcdefghij\x1b[K", "abcdefghij\n", 0, 10},
		{"CSI K", 10, 4, "abcdef\x1b[3D\x1b[K", "abc\n", 0, 3},
		{"CSI 1K", 10, 4, "abcdef\x1b[3D\x1b[1K", "    ef\n", 0, 3},
		{"CSI 2K", 10, 4, "abcdef\x1b[3D\x1b[2K", "", 0, 3},
		{"CSI n C clamps", 10, 4, "ab\x1b[20CX", "ab       X\n", 0, 10},
		{"CSI C default 1", 10, 4, "ab\x1b[CX", "ab X\n", 0, 4},
		{"CSI B clamps", 10, 4, "a\x1b[9BX", "a\n\n\n X\n", 3, 2},
		{"CSI A clamps", 10, 4, "a\x1b[9AX", "aX\n", 0, 2},
		{"CSI H", 10, 4, "abc\r\ndef\x1b[HX\x1b[2;3HY", "Xbc\ndeY\n", 1, 3},
		{"CSI J", 10, 4, "abc\r\ndef\r\nghi\x1b[2;2H\x1b[J", "abc\nd\n", 1, 1},
		{"CSI 1J", 10, 4, "abc\r\ndef\r\nghi\x1b[2;2H\x1b[1J", "\n  f\nghi\n", 1, 1},
		{"CSI 2J keeps the cursor", 10, 4, "abc\r\ndef\x1b[2JX", "\n   X\n", 1, 4},
		{"scrolls at the bottom", 10, 3, "1\r\n2\r\n3\r\n4\r\n5", "3\n4\n5\n", 2, 1},
		{"wrap scrolls at the bottom", 4, 2, "abcdefghij", "efgh\nij\n", 1, 2},
		{"SGR ignored", 10, 4, "\x1b[1;31mred\x1b[0m", "red\n", 0, 3},
		{"private modes ignored", 10, 4, "\x1b[?25lab\x1b[?25h", "ab\n", 0, 2},
		{"OSC title ignored", 10, 4, "\x1b]0;title\aab\x1b]2;t\x1b\\c", "abc\n", 0, 3},
		{"ESC pair ignored", 10, 4, "\x1b(Bab\x1b=", "ab\n", 0, 2},
		{"UTF-8", 10, 4, "Größe→", "Größe→\n", 0, 6},
		{"invalid UTF-8", 10, 4, "a\xffb\xc3c", "a\ufffdb\ufffdc\n", 0, 5},
		{"tab", 20, 4, "a\tb\tc", "a       b       c\n", 0, 17},
		{"tab stops at the last column", 10, 4, "a\t\tb", "a        b\n", 0, 10},
		{"the more prompt erased", 40, 4, "line\r\n  ---- More ----\x1b[16D                \x1b[16Dnext", "line\nnext\n", 1, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := screen(tc.w, tc.h, tc.out)
			if got.Text() != tc.text || got.Row != tc.row || got.Col != tc.col {
				t.Errorf("%q on %dx%d:\ngot  %q cursor %d,%d\nwant %q cursor %d,%d", tc.out, tc.w, tc.h, got.Text(), got.Row, got.Col, tc.text, tc.row, tc.col)
			}
		})
	}
}

// TestSplitWrites: a sequence or a character cut between writes is the
// same as whole.
func TestSplitWrites(t *testing.T) {
	out := "ab\x1b[12;31mc\x1b[2Dé→\x1b]0;x\x07d\x1b[1Ae\r\nfin"
	want := screen(20, 5, out)
	for cut := 0; cut <= len(out); cut++ {
		s := New(20, 5)
		s.Write([]byte(out[:cut]))
		s.Write([]byte(out[cut:]))
		if got := s.Snapshot(); got.String() != want.String() {
			t.Fatalf("cut at %d: %s, want %s", cut, got, want)
		}
	}
}

func TestResize(t *testing.T) {
	s := New(10, 4)
	s.WriteString("abcdefghij\r\n1\r\n2\r\n3")
	s.Resize(5, 2)
	if got := s.Snapshot(); got.Text() != "2\n3\n" || got.Row != 1 || got.Col != 1 {
		t.Errorf("shrunk: %s", got)
	}
	s.Resize(8, 3)
	s.WriteString("x\r\ny")
	if got := s.Snapshot(); got.Text() != "2\n3x\ny\n" || got.Width != 8 || len(got.Rows) != 3 {
		t.Errorf("grown: %s", got)
	}
	s.Resize(0, 0)
	if w, h := s.Size(); w != DefaultWidth || h != DefaultHeight {
		t.Errorf("size 0: %dx%d", w, h)
	}
	s.Resize(1<<30, 1<<30)
	if w, h := s.Size(); w != maxSize || h != maxSize {
		t.Errorf("huge size: %dx%d", w, h)
	}
}

// FuzzScreen: any output keeps the screen's shape and the cursor inside
// it, and cutting the output in two changes nothing.
func FuzzScreen(f *testing.F) {
	for _, s := range []string{"abc\r\n", "\x1b[2J\x1b[H", "abcdefghij\b\x1b[3D\x1b[K", "\x1b[99;99H\x1b[1J", "é\x1b]0;t\a", "\x1b[?1049h\x1b[38;5;1m"} {
		f.Add(s, 10, 4, 3)
	}
	f.Fuzz(func(t *testing.T, out string, w, h, cut int) {
		w, h = w%200, h%100
		s := New(w, h)
		s.WriteString(out)
		sn := s.Snapshot()
		if len(sn.Rows) != sn.Height || sn.Row < 0 || sn.Row >= sn.Height || sn.Col < 0 || sn.Col > sn.Width {
			t.Fatalf("shape %dx%d, %d rows, cursor %d,%d", sn.Width, sn.Height, len(sn.Rows), sn.Row, sn.Col)
		}
		for _, r := range sn.Rows {
			if n := utf8.RuneCountInString(r); n > sn.Width || strings.ContainsAny(r, "\x1b\r\n\a") {
				t.Fatalf("row %q: %d runes on a width of %d", r, n, sn.Width)
			}
		}
		if len(out) > 0 {
			cut = ((cut % len(out)) + len(out)) % len(out)
			s2 := New(w, h)
			s2.WriteString(out[:cut])
			s2.WriteString(out[cut:])
			if got := s2.Snapshot(); got.String() != sn.String() {
				t.Fatalf("cut at %d: %s, whole: %s", cut, got, sn)
			}
		}
	})
}
