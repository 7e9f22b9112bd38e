package cli

import (
	"bufio"
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// liveSession is a live shell session driven through pipes.
type liveSession struct {
	in   *io.PipeWriter
	out  *bufio.Reader
	done chan error
}

func startLiveSession(t *testing.T, sh *Shell, line int) *liveSession {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ps := &liveSession{in: inW, out: bufio.NewReader(outR), done: make(chan error, 1)}
	go func() {
		err := sh.Run(context.Background(), rw{inR, outW}, func() Window { return Window{80, 24} },
			SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.9", Line: line})
		outW.Close()
		ps.done <- err
	}()
	t.Cleanup(func() {
		inW.Close()
		go io.Copy(io.Discard, outR) // let a pending write finish
		select {
		case <-ps.done:
		case <-time.After(10 * time.Second):
			t.Error("session did not end after its input closed")
		}
	})
	return ps
}

// until reads output until it ends with suffix.
func (ps *liveSession) until(t *testing.T, suffix string) string {
	t.Helper()
	var b strings.Builder
	deadline := time.AfterFunc(10*time.Second, func() { ps.in.CloseWithError(io.ErrClosedPipe) })
	defer deadline.Stop()
	for !strings.HasSuffix(b.String(), suffix) {
		c, err := ps.out.ReadByte()
		if err != nil {
			t.Fatalf("waiting for %q: %v; got %q", suffix, err, b.String())
		}
		b.WriteByte(c)
	}
	return b.String()
}

// TestChangeShowsInEverySession: a change made in one session is visible
// at once in another session that is already open: its next prompt and
// its next display.
func TestChangeShowsInEverySession(t *testing.T) {
	sh := New(testDevice(t), nil)
	a := startLiveSession(t, sh, 0)
	b := startLiveSession(t, sh, 1)
	a.until(t, "<3Com>")
	b.until(t, "<3Com>")

	io.WriteString(a.in, "system-view\rsysname Shared\rvlan 42\rname both-see-it\rreturn\r")
	a.until(t, "<Shared>")

	io.WriteString(b.in, "\r")
	b.until(t, "\r\n<Shared>")
	io.WriteString(b.in, "display current-configuration | include vlan 42|both-see-it\r")
	out := b.until(t, "<Shared>")
	if !strings.Contains(out, "vlan 42\r\n name both-see-it\r\n") {
		t.Errorf("second session does not see the change:\n%s", out)
	}
}
