package sshd

import (
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/device"
)

// Tests of how long a connection lives: it ends with its command line,
// it does not outlive authentication-timeout without a session, and it
// carries one session after another.

// waitConnDone waits (boundedly) for the client connection to end.
func waitConnDone(t *testing.T, c *gossh.Client, what string) {
	t.Helper()
	done := make(chan struct{})
	go func() { c.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s: the server kept the connection open", what)
	}
}

// TestShellEndClosesConnection: when the command line ends on the
// server's side, the connection is closed and its VTY line is free; the
// client cannot open a new shell on it without logging in again.
func TestShellEndClosesConnection(t *testing.T) {
	d := loopDevice(t)
	srv, addr := loopServer(t, d, "")
	c := lbDial(t, addr, lbClientConfig("admin"))
	sc := lbShell(t, c, nil)
	sc.line(t) // the session's facts
	if _, err := sc.in.Write([]byte("quit\r\n")); err != nil {
		t.Fatal(err)
	}
	waitConnDone(t, c, "quit")
	lbUntil(t, srv, "VTY line freed", func() bool { return len(d.Logins()) == 0 })
	if _, err := c.NewSession(); err == nil {
		t.Fatal("a new session opened on the connection whose command line ended")
	}
}

// TestExecKeepsConnection: an exec session that ends leaves the
// connection up, and 100 sessions opened back to back on it all run.
func TestBackToBackSessions(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "")
	c := lbDial(t, addr, lbClientConfig("admin"))
	refused := 0
	for i := range 100 {
		s, err := c.NewSession()
		if err != nil {
			refused++
			continue
		}
		out, err := s.Output("display clock")
		if err != nil {
			if _, ok := err.(*gossh.ExitError); !ok {
				t.Fatalf("session %d: %v (%q)", i, err, out)
			}
		}
		s.Close()
	}
	if refused > 0 {
		t.Fatalf("%d of 100 back-to-back sessions refused", refused)
	}
	if n := len(d.Logins()); n != 1 {
		t.Fatalf("%d VTY lines in use, want the connection's one", n)
	}
}

// TestTwoSessionsAtOnce: a second session while the first runs is
// refused; the first goes on.
func TestTwoSessionsAtOnce(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "")
	c := lbDial(t, addr, lbClientConfig("admin"))
	sc := lbShell(t, c, nil)
	sc.line(t)
	if _, err := c.NewSession(); err == nil {
		t.Fatal("second concurrent session accepted")
	}
	sc.in.Write([]byte("hello\r\n"))
	if got := sc.line(t); got != "echo hello" {
		t.Fatalf("first session after the refusal: %q", got)
	}
}

// TestNoSessionTimeout: an authenticated connection that opens no
// session within authentication-timeout is closed, and so is one whose
// last session ended that long ago.
func TestNoSessionTimeout(t *testing.T) {
	d := loopDevice(t)
	d.Update(func(c *device.Config) error { c.SSH.AuthTimeout = 1; return nil })
	srv, addr := loopServer(t, d, "")
	c := lbDial(t, addr, lbClientConfig("admin"))
	waitConnDone(t, c, "no session")
	lbUntil(t, srv, "VTY line freed", func() bool { return len(d.Logins()) == 0 })

	c2 := lbDial(t, addr, lbClientConfig("admin"))
	s, err := c2.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	s.Output("display clock")
	s.Close()
	waitConnDone(t, c2, "after the last session")
}
