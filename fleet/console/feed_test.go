package console

import (
	"bytes"
	"testing"
	"time"

	"switchemu/fleet"
	"switchemu/internal/vt"
)

// TestFeedNeverWaits: a watcher that nobody drains holds at most
// maxPending bytes, counts what it drops, and never blocks the session;
// what it holds replays in order with the window changes between.
func TestFeedNeverWaits(t *testing.T) {
	fd := &feed{wake: make(chan struct{}, 1)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fd.event(fleet.TermEvent{Kind: 'r', Data: []byte("20x3")})
		fd.event(fleet.TermEvent{Kind: 'o', Data: []byte("one\r\n")})
		fd.event(fleet.TermEvent{Kind: 'i', Data: []byte("x")})
		fd.event(fleet.TermEvent{Kind: 'o', Data: []byte("two")})
		big := bytes.Repeat([]byte("z"), 64<<10)
		for range 2 * maxPending / len(big) {
			fd.event(fleet.TermEvent{Kind: 'o', Data: big})
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the watcher blocked")
	}
	if fd.size > maxPending || fd.dropped < maxPending-len("one\r\ntwo") {
		t.Errorf("held %d, dropped %d", fd.size, fd.dropped)
	}
	if len(fd.steps) != 2 || !fd.steps[0].resize || fd.steps[0].w != 20 || !bytes.HasPrefix(fd.steps[1].out, []byte("one\r\ntwo")) {
		t.Errorf("steps: %d, first %+v", len(fd.steps), fd.steps[0])
	}
	screen := vt.New(5, 5)
	if dropped := fd.drain(screen); dropped != fd.dropped {
		t.Errorf("drain says %d dropped, feed %d", dropped, fd.dropped)
	}
	if w, h := screen.Size(); w != 20 || h != 3 {
		t.Errorf("screen %dx%d", w, h)
	}
	if fd.size != 0 || len(fd.steps) != 0 {
		t.Errorf("after drain: %d bytes in %d steps", fd.size, len(fd.steps))
	}
	// A 0x0 window (no pty) is the default size, not a 1-column screen.
	fd.event(fleet.TermEvent{Kind: 'r', Data: []byte("0x0")})
	fd.drain(screen)
	if w, h := screen.Size(); w != vt.DefaultWidth || h != vt.DefaultHeight {
		t.Errorf("a 0x0 window: screen %dx%d", w, h)
	}
}
