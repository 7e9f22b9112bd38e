package console

import (
	"strconv"
	"strings"
)

// DiffLine is one line of a configuration diff.
type DiffLine struct {
	// Op is ' ' for a line in both, '-' for one only in the base (saved
	// or factory), '+' for one only in the running configuration, and '~'
	// for the gap between two hunks (Text says how many lines it skips).
	Op   string `json:"op"`
	Text string `json:"text"`
}

// maxCells bounds the alignment table; beyond it, the differing middle
// is shown as removed then added.
const maxCells = 4_000_000

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
// added, by a longest common subsequence of what lies between the common
// head and tail.
func align(x, y []string) []DiffLine {
	var head, tail []DiffLine
	for len(x) > 0 && len(y) > 0 && x[0] == y[0] {
		head = append(head, DiffLine{" ", x[0]})
		x, y = x[1:], y[1:]
	}
	for len(x) > 0 && len(y) > 0 && x[len(x)-1] == y[len(y)-1] {
		tail = append(tail, DiffLine{" ", x[len(x)-1]})
		x, y = x[:len(x)-1], y[:len(y)-1]
	}
	out := head
	if len(x)*len(y) > maxCells {
		for _, l := range x {
			out = append(out, DiffLine{"-", l})
		}
		for _, l := range y {
			out = append(out, DiffLine{"+", l})
		}
	} else {
		lcs := make([][]int32, len(x)+1)
		for i := range lcs {
			lcs[i] = make([]int32, len(y)+1)
		}
		for i := len(x) - 1; i >= 0; i-- {
			for j := len(y) - 1; j >= 0; j-- {
				if x[i] == y[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(x) || j < len(y) {
			switch {
			case i < len(x) && j < len(y) && x[i] == y[j]:
				out = append(out, DiffLine{" ", x[i]})
				i, j = i+1, j+1
			case j >= len(y) || i < len(x) && lcs[i+1][j] >= lcs[i][j+1]:
				out = append(out, DiffLine{"-", x[i]})
				i++
			default:
				out = append(out, DiffLine{"+", y[j]})
				j++
			}
		}
	}
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}
