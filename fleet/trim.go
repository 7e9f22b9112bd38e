package fleet

import (
	"context"
	"runtime"
	"runtime/debug"
	"time"
)

// A burst of logins leaves the heap at its peak: the key exchanges'
// garbage is freed, but the Go runtime keeps the pages for the next
// burst, up to twice the live heap. A fleet whose sessions then sit idle
// for hours would hold that memory for nothing, so ReturnMemory gives it
// back once the fleet is quiet (docs/performance.md has the figures).

// trimQuiet is how long the fleet must see no session start or end
// before ReturnMemory gives the memory back, and trimEvery the least time
// between two of them (each is a full garbage collection: a fleet whose
// sessions come and go every second pays for one every trimEvery).
const (
	trimQuiet = 500 * time.Millisecond
	trimEvery = 5 * time.Second
)

// ReturnMemory returns freed memory to the operating system each time
// the fleet falls quiet after sessions started or ended: no session began
// or ended for half a second, and none was returned for trimEvery. It is a process-wide action (a full garbage
// collection), so the program that owns the process runs it, not each
// fleet; it returns when ctx ends.
func (f *Fleet) ReturnMemory(ctx context.Context) {
	t := time.NewTicker(trimQuiet)
	defer t.Stop()
	trimWhenQuiet(ctx, f.activity.Load, t.C, int(trimEvery/trimQuiet), returnMemory)
}

// trimWhenQuiet calls free once after each stretch of activity (a change
// of count) that is followed by a whole tick without any, at most once
// in every ticks.
func trimWhenQuiet(ctx context.Context, count func() uint64, ticks <-chan time.Time, every int, free func()) {
	q := quiet{seen: count(), trimmed: count(), every: every}
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
		if q.tick(count()) {
			free()
		}
	}
}

// quiet tells, at each tick, whether activity happened and then stopped.
type quiet struct {
	seen    uint64 // the count at the last tick
	trimmed uint64 // the count at the last trim
	every   int    // the least ticks from one trim to the next
	since   int    // ticks since the last trim
}

// tick takes the count at a tick and reports whether to give memory back
// now: the count changed since the last trim, but not since the last
// tick, and the last trim is every ticks old.
func (q *quiet) tick(n uint64) bool {
	q.since++
	switch {
	case n != q.seen:
		q.seen = n // still busy
	case n != q.trimmed && q.since >= q.every:
		q.trimmed, q.since = n, 0
		return true
	}
	return false
}

// returnMemory collects twice before it gives memory back: a collection
// halves a stack that uses less than a quarter of it, so a session's
// stack that its last command grew to 16 KB needs two to come back to
// its 4 KB, and the stacks it frees go back with the rest.
func returnMemory() {
	runtime.GC()
	debug.FreeOSMemory()
}
