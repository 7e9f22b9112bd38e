package cli

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"switchemu/device"
)

// syncBuffer is output that a test reads while the session writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// waitFor polls out until it holds want; it fails the test after a
// generous bound (a liveness check, not a timing).
func waitFor(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), want); {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in:\n%s", want, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A ping waiting for a reply holds no lock (another session changes the
// device meanwhile), shows each line as it comes, and ends with the
// session.
func TestPingWaitEndsWithSession(t *testing.T) {
	d := testDevice(t)
	inR, inW := io.Pipe()
	defer inW.Close()
	out := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- New(d, nil).Run(ctx, rw{inR, out}, func() Window { return Window{80, 24} },
			SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.1", Line: 0})
	}()
	io.WriteString(inW, "ping -c 2 -t 60000 10.9.9.9\r")
	waitFor(t, out, "  PING 10.9.9.9: 56  data bytes, press CTRL_C to break\r\n")

	changed := make(chan error, 1)
	go func() { changed <- d.Update(func(c *device.Config) error { c.Sysname = "other"; return nil }) }()
	select {
	case err := <-changed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a change waits for the ping: the ping holds the device's lock")
	}

	// The end of the input alone does not stop the wait (a client may
	// send everything at once); the end of the session does. Run then
	// needs the input closed to stop its reader.
	cancel()
	inW.Close()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the session does not end while ping waits")
	}
	if strings.Contains(out.String(), "Request time out") {
		t.Fatalf("the wait did not last until the session ended:\n%s", out.String())
	}
}

// Ctrl+C typed while ping waits stops it at once; the statistics count
// what was sent, and the session goes on.
func TestPingCtrlCWhileWaiting(t *testing.T) {
	d := testDevice(t)
	inR, inW := io.Pipe()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- New(d, nil).Run(context.Background(), rw{inR, out}, func() Window { return Window{80, 24} },
			SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.1", Line: 0})
	}()
	io.WriteString(inW, "ping -t 60000 10.9.9.9\r")
	waitFor(t, out, "press CTRL_C to break\r\n")
	io.WriteString(inW, "\x03")
	waitFor(t, out, "    1 packet(s) transmitted\r\n    0 packet(s) received\r\n    100.00% packet loss\r\n<3Com>")
	inW.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
