package sshd

import (
	"strings"
	"testing"
)

// TestSSH1PortOpenRefused: a connection the client forwards during the
// session (plink -1 -L) is confirmed and closed at once, stray channel
// messages are dropped, and the session goes on.
func TestSSH1PortOpenRefused(t *testing.T) {
	dev := ssh1Device(t, nil)
	_, addr := ssh1Serve(t, dev)
	c := ssh1Dial(t, addr)
	c.handshake(ssh1CipherBlowfish)
	if !c.login("admin", "admin") {
		t.Fatal("login refused")
	}
	c.requestPty("xterm", 24, 80)
	c.send(ssh1CmsgExecShell, nil)
	c.readUntil("<3Com>")
	for ch := uint32(0); ch < 3; ch++ {
		c.send(ssh1MsgPortOpen, ssh1Builder(nil).uint32(ch).string([]byte("127.0.0.1")).uint32(22))
		r := ssh1Reader{b: c.expect(ssh1MsgChannelOpenConfirmation)}
		if got := r.uint32(); got != ch {
			t.Fatalf("CHANNEL_OPEN_CONFIRMATION for channel %d, want %d", got, ch)
		}
		r.uint32()
		r = ssh1Reader{b: c.expect(ssh1MsgChannelClose)}
		if got := r.uint32(); got != ch || r.done() != nil {
			t.Fatalf("CHANNEL_CLOSE for channel %d, want %d", got, ch)
		}
		c.send(ssh1MsgChannelData, ssh1Builder(nil).uint32(ch).string([]byte("late")))
		c.send(ssh1MsgChannelClose, ssh1Builder(nil).uint32(ch))
		r = ssh1Reader{b: c.expect(ssh1MsgChannelCloseConfirm)}
		if got := r.uint32(); got != ch {
			t.Fatalf("CHANNEL_CLOSE_CONFIRMATION for channel %d, want %d", got, ch)
		}
		c.send(ssh1MsgChannelCloseConfirm, ssh1Builder(nil).uint32(ch))
	}
	c.send(ssh1MsgChannelData, ssh1Builder(nil).uint32(7).string([]byte("stray")))
	c.send(ssh1CmsgX11RequestFwd, ssh1Builder(nil).string([]byte("MIT-MAGIC-COOKIE-1")).string([]byte("00")).uint32(0))
	c.stdin("who\r")
	if out := c.readUntil("<3Com>"); !strings.Contains(out, "term=xterm") {
		t.Errorf("who after the refused channel: %q", out)
	}
	c.stdin("quit\r")
	if _, code := c.session(); code != 0 {
		t.Errorf("exit status %d", code)
	}
}
