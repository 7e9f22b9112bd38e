package console

import (
	"strconv"
	"strings"

	"switchemu/internal/linediff"
)

// DiffLine is one line of a configuration diff.
type DiffLine struct {
	// Op is ' ' for a line in both, '-' for one only in the base (saved
	// or factory), '+' for one only in the running configuration, and '~'
	// for the gap between two hunks (Text says how many lines it skips).
	Op   string `json:"op"`
	Text string `json:"text"`
}

// Diff is the line diff from base to cur, as hunks with context lines of
// unchanged text around each change; nil when they are the same.
func Diff(base, cur string, context int) []DiffLine {
	x := strings.Split(strings.TrimRight(base, "\n"), "\n")
	y := strings.Split(strings.TrimRight(cur, "\n"), "\n")
	all := align(x, y)
	var out []DiffLine
	changed := func(i int) bool { return i >= 0 && i < len(all) && all[i].Op != " " }
	skipped := 0
	for i, l := range all {
		near := false
		for d := -context; d <= context && !near; d++ {
			near = changed(i + d)
		}
		if !near {
			skipped++
			continue
		}
		if skipped > 0 && len(out) > 0 {
			out = append(out, DiffLine{Op: "~", Text: plural(skipped, "line")})
		}
		skipped = 0
		out = append(out, l)
	}
	return out
}

// Same reports whether a diff shows no change.
func Same(lines []DiffLine) bool {
	for _, l := range lines {
		if l.Op == "-" || l.Op == "+" {
			return false
		}
	}
	return true
}

// align is every line of x and y in order, each marked kept, removed or
// added (internal/linediff).
func align(x, y []string) []DiffLine {
	lines := linediff.Align(x, y)
	out := make([]DiffLine, len(lines))
	for i, l := range lines {
		out[i] = DiffLine{Op: string(rune(l.Op)), Text: l.Text}
	}
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
