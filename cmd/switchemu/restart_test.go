package main

import (
	"io"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// shell logs in as admin/admin through a pty, types lines (typed ahead,
// as a paste would) and returns everything the session printed until it
// ended (the last line should be quit).
func shell(t *testing.T, addr string, lines ...string) string {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "admin", Auth: []gossh.AuthMethod{gossh.Password("admin")},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second,
	})
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	s.Stdin = strings.NewReader(strings.Join(lines, "\r") + "\r")
	out, err := s.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	done := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(out)
		done <- string(b)
	}()
	select {
	case text := <-done:
		s.Wait()
		return strings.ReplaceAll(text, "\r\n", "\n")
	case <-time.After(30 * time.Second):
		c.Close()
		t.Fatalf("session did not end; output so far unknown")
	}
	return ""
}

// TestRestartKeepsSaved: a saved change survives a restart of the
// emulator (the startup file is replayed at boot); an unsaved one does not.
func TestRestartKeepsSaved(t *testing.T) {
	dir := t.TempDir()
	e := startEmulator(t, dir)
	out := shell(t, e.Addr, "screen-length disable", "system-view", "sysname Restart1", "vlan 77", "name keep-me",
		"return", "save force", "system-view", "vlan 88", "return", "quit")
	if !strings.Contains(out, "Configuration is saved to device successfully.\n<Restart1>") {
		t.Fatalf("save force:\n%s", out)
	}
	e.Stop(t)

	e = startEmulator(t, dir)
	out = shell(t, e.Addr, "screen-length disable", "display current-configuration", "quit")
	for _, want := range []string{"<Restart1>", " sysname Restart1\n", "vlan 77\n name keep-me\n#\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("after restart, output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "vlan 88") {
		t.Errorf("unsaved vlan 88 survived the restart:\n%s", out)
	}
	if strings.Contains(e.Output(), "line ") {
		t.Errorf("startup replay reported errors:\n%s", e.Output())
	}
}
