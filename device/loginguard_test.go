package device

import (
	"fmt"
	"testing"
	"time"
)

// TestLoginDelays: the wait grows with an address's failures up to the
// cap, queues behind the address's earlier waits, leaves other addresses
// alone, ends with a success, and the table stays bounded.
func TestLoginDelays(t *testing.T) {
	d, _ := newTestDevice(t)
	d.SetLoginDelays(100*time.Millisecond, 400*time.Millisecond)
	var prev time.Duration
	for i := range 5 {
		w := d.LoginFailed("192.0.2.1")
		// Waits queue: each is at least the previous one (no time
		// passes here worth speaking of) plus its own delay, up to
		// twice the cap.
		if w < min(prev+100*time.Millisecond, 800*time.Millisecond) || w > 800*time.Millisecond {
			t.Fatalf("failure %d: wait %v after %v", i+1, w, prev)
		}
		prev = w
	}
	if w := d.LoginFailed("192.0.2.2"); w > 100*time.Millisecond {
		t.Fatalf("another address waits %v", w)
	}
	d.LoginSucceeded("192.0.2.1")
	if w := d.LoginFailed("192.0.2.1"); w > 100*time.Millisecond {
		t.Fatalf("after a success: wait %v", w)
	}
	for i := range 10 * loginGuardSize {
		d.LoginFailed(fmt.Sprintf("10.0.%d.%d", i/256, i%256))
	}
	if n := len(d.guard.entries); n > loginGuardSize {
		t.Fatalf("%d addresses remembered", n)
	}
}
