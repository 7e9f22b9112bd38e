package cli

import (
	"context"
	"io"
	"strings"
	"switchemu/device"
	"testing"
)

// TestCommandLogHidesPasswords: SHELL/4/CMD records configuration
// commands, but never the passwords typed in them.
func TestCommandLogHidesPasswords(t *testing.T) {
	d := testDevice(t)
	in := strings.Join([]string{"system-view", "local-user bob", "password simple Secret-1", `password simple "Secret 2"`,
		"quit", "super password level 3 simple Secret-3", "user-interface vty 0 4",
		"set authentication password cipher " + encryptedForTest("Secret-4"), "return", "quit"}, "\r") + "\r"
	err := New(d, nil).Run(context.Background(), rw{strings.NewReader(in), io.Discard}, nil,
		SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.1", Line: 0})
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	for _, e := range d.LogEntries() {
		if e.Digest == "CMD" {
			cmds = append(cmds, e.Text)
		}
	}
	all := strings.Join(cmds, "\n")
	for _, secret := range []string{"Secret-1", "Secret 2", "Secret-3", encryptedForTest("Secret-4")} {
		if strings.Contains(all, secret) {
			t.Errorf("the log buffer shows %q:\n%s", secret, all)
		}
	}
	for _, want := range []string{"command:password simple ******", "command:super password level 3 simple ******",
		"command:set authentication password cipher ******", "command:local-user bob"} {
		if !strings.Contains(all, want) {
			t.Errorf("the log buffer lacks %q:\n%s", want, all)
		}
	}
}

func encryptedForTest(plain string) string { return device.EncryptPassword(plain) }
