package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"switchemu/device"
)

// runLogin runs one interactive session with input typed and returns what
// it printed.
func runLogin(t *testing.T, d *device.Device, info SessionInfo, input string) string {
	t.Helper()
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := New(d, nil).Run(ctx, rw{strings.NewReader(input), &out}, func() Window { return Window{80, 24} }, info)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out.String()
}

// TestLoginHeaders: a session whose transport showed no login dialog (SSH)
// shows, after the copyright banner, the legal banner and its question,
// then motd, then shell, then the prompt; one after a telnet login dialog
// shows only shell; N at the question ends the session; login and
// incoming are never shown by the shell.
func TestLoginHeaders(t *testing.T) {
	d := testDevice(t)
	if errs := New(d, nil).Replay("header legal %legal text%\nheader motd %\nmotd one\nmotd two\n%\nheader shell #shell text#\nheader login %login text%\n"); len(errs) > 0 {
		t.Fatal(errs)
	}
	ssh := runLogin(t, d, SessionInfo{User: "admin", Level: 3, Line: 0}, "\rquit\r")
	order := []string{"no decompiling", "legal text\r\n", msgLegalContinue, "motd one\r\nmotd two\r\n", "shell text\r\n", "<3Com>"}
	at := 0
	for _, want := range order {
		i := strings.Index(ssh[at:], want)
		if i < 0 {
			t.Fatalf("SSH session: no %q after offset %d in\n%s", want, at, ssh)
		}
		at += i + len(want)
	}
	if strings.Contains(ssh, "login text") {
		t.Errorf("SSH session shows the login banner:\n%s", ssh)
	}
	telnet := runLogin(t, d, SessionInfo{User: "admin", Level: 3, Line: 0, BannerShown: true}, "quit\r")
	if !strings.HasPrefix(telnet, "shell text\r\n\r\n<3Com>") {
		t.Errorf("after the telnet dialog: %q", telnet)
	}
	declined := runLogin(t, d, SessionInfo{User: "admin", Level: 3, Line: 0}, "n\r")
	if strings.Contains(declined, "<3Com>") || strings.Contains(declined, "motd one") {
		t.Errorf("declined legal banner went on:\n%s", declined)
	}
}
