// Package linediff aligns two texts line by line: every line of both, in
// order, marked kept, removed or added, by a longest common subsequence of
// what lies between their common head and tail. The fleet's
// configuration-change events and the trainer's console's configuration
// diff both use it.
package linediff

// Op says where a line is.
type Op byte

// The ops.
const (
	Kept    Op = ' ' // in both
	Removed Op = '-' // only in the first
	Added   Op = '+' // only in the second
)

// A Line is one line of an alignment.
type Line struct {
	Op   Op
	Text string
}

// MaxCells bounds the alignment table (len(x)×len(y) of the differing
// middle); beyond it the middle is all removed, then all added.
const MaxCells = 4_000_000

// Align aligns x with y.
func Align(x, y []string) []Line {
	var head, tail []Line
	for len(x) > 0 && len(y) > 0 && x[0] == y[0] {
		head = append(head, Line{Kept, x[0]})
		x, y = x[1:], y[1:]
	}
	for len(x) > 0 && len(y) > 0 && x[len(x)-1] == y[len(y)-1] {
		tail = append(tail, Line{Kept, x[len(x)-1]})
		x, y = x[:len(x)-1], y[:len(y)-1]
	}
	out := head
	if len(x)*len(y) > MaxCells {
		for _, l := range x {
			out = append(out, Line{Removed, l})
		}
		for _, l := range y {
			out = append(out, Line{Added, l})
		}
	} else {
		// lcs[i][j] is the LCS length of x[i:] and y[j:].
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
				out = append(out, Line{Kept, x[i]})
				i, j = i+1, j+1
			case j >= len(y) || i < len(x) && lcs[i+1][j] >= lcs[i][j+1]:
				out = append(out, Line{Removed, x[i]})
				i++
			default:
				out = append(out, Line{Added, y[j]})
				j++
			}
		}
	}
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}
