package fleet

import "testing"

// TestQuietTicks checks when memory is given back: once after each
// burst, only after a whole tick without activity, never while nothing
// happens, and not twice within every ticks.
func TestQuietTicks(t *testing.T) {
	q := quiet{every: 3}
	for i, step := range []struct {
		count uint64 // the activity count at the tick
		trim  bool
	}{
		{0, false}, {0, false}, {0, false}, {0, false}, // nothing happened
		{3, false}, {9, false}, {15, false}, // a burst
		{15, true},               // a quiet tick after it
		{15, false}, {15, false}, // quiet: given back already
		{16, false}, {16, true}, // one session ends, 4 ticks later
		{17, false}, {17, false}, // the next, quiet too soon after the last trim
		{17, true}, // once 3 ticks have passed
		{17, false}, {17, false}, {17, false},
	} {
		if got := q.tick(step.count); got != step.trim {
			t.Errorf("tick %d (count %d): trim = %v, want %v", i, step.count, got, step.trim)
		}
	}
}
