package sshd

import (
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestLoginDelay: each wrong password waits longer than the one before,
// for SSH-2 and SSH-1 alike, across the connections of one address; a
// right one still gets in at once after the waits. Only lower bounds are
// checked: a slow machine only makes them longer.
func TestLoginDelay(t *testing.T) {
	const first = 150 * time.Millisecond
	d := loopDevice(t)
	d.SetLoginDelays(first, time.Second)
	_, addr := loopServer(t, d, "")
	start := time.Now()
	cb := gossh.RetryableAuthMethod(gossh.PasswordCallback(func() (string, error) { return "wrong", nil }), 20)
	if _, err := gossh.Dial("tcp", addr, lbClientConfig("admin", cb)); err == nil {
		t.Fatal("logged in with a wrong password")
	}
	// Three failures: 150 + 300 + 600 ms.
	if el := time.Since(start); el < 7*first {
		t.Fatalf("3 failed passwords took %v, want at least %v", el, 7*first)
	}
	// The next connection from the address goes on where it left off.
	start = time.Now()
	cb = gossh.RetryableAuthMethod(gossh.PasswordCallback(func() (string, error) { return "wrong", nil }), 1)
	gossh.Dial("tcp", addr, lbClientConfig("admin", cb))
	if el := time.Since(start); el < time.Second {
		t.Fatalf("the 4th failure waited %v, want at least 1s", el)
	}
	c := lbDial(t, addr, lbClientConfig("admin"))
	c.Close()

	dev := ssh1Device(t, nil)
	dev.SetLoginDelays(first, time.Second)
	_, addr1 := ssh1Serve(t, dev)
	c1 := ssh1Dial(t, addr1)
	c1.handshake(ssh1CipherTripleDES)
	start = time.Now()
	if c1.login("admin", "wrong") || c1.password("wrong") {
		t.Fatal("SSH-1 login with a wrong password")
	}
	if el := time.Since(start); el < 3*first {
		t.Fatalf("SSH-1: 2 failed passwords took %v, want at least %v", el, 3*first)
	}
	if !c1.password("admin") {
		t.Fatal("SSH-1: the right password refused")
	}
}
