package linediff

import (
	"strings"
	"testing"
)

func render(ls []Line) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteByte(byte(l.Op))
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestAlign(t *testing.T) {
	for _, tc := range []struct{ x, y, want string }{
		{"a b c", "a b c", " a\n b\n c\n"},
		{"a b c", "a c", " a\n-b\n c\n"},
		{"a c", "a b c", " a\n+b\n c\n"},
		{"a b c d", "a x c y", " a\n-b\n+x\n c\n-d\n+y\n"},
	} {
		got := render(Align(strings.Fields(tc.x), strings.Fields(tc.y)))
		if got != tc.want {
			t.Errorf("Align(%q, %q) =\n%s\nwant\n%s", tc.x, tc.y, got, tc.want)
		}
	}
}

// FuzzAlign: removed and kept lines give x back, added and
// kept give y, whatever the inputs.
func FuzzAlign(f *testing.F) {
	f.Add("a\nb\nc", "a\nc\nd")
	f.Fuzz(func(t *testing.T, a, b string) {
		x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
		var gx, gy []string
		for _, l := range Align(x, y) {
			if l.Op != Added {
				gx = append(gx, l.Text)
			}
			if l.Op != Removed {
				gy = append(gy, l.Text)
			}
		}
		if strings.Join(gx, "\n") != a || strings.Join(gy, "\n") != b {
			t.Fatalf("alignment loses lines: %q %q", gx, gy)
		}
	})
}
