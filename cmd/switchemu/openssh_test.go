package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sshArgs are the OpenSSH options every test uses: a throw-away known_hosts
// and password authentication through SSH_ASKPASS.
func sshArgs(t *testing.T, e *emulator) ([]string, []string) {
	t.Helper()
	dir := t.TempDir()
	askpass := filepath.Join(dir, "askpass.sh")
	if err := os.WriteFile(askpass, []byte("#!/bin/sh\necho admin\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0"}
	args := []string{"-p", e.Port, "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
		"-o", "UserKnownHostsFile=" + filepath.Join(dir, "known_hosts"),
		"-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=1"}
	return args, env
}

// TestOpenSSHExec runs one command with stock OpenSSH (no algorithm
// options) and checks its output and exit status.
func TestOpenSSHExec(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	e := startEmulator(t, t.TempDir())
	args, env := sshArgs(t, e)
	out, err := runClient(t, 30*time.Second, nil, env, "ssh", append(args, "admin@127.0.0.1", "display version")...)
	if err != nil {
		t.Fatalf("ssh display version: %v\n%s", err, out)
	}
	if !strings.Contains(out, "3Com Switch 7906E Software Version 3Com OS V5.20 Release 6616\r\n") {
		t.Errorf("display version output:\n%s", out)
	}
	out, err = runClient(t, 30*time.Second, nil, env, "ssh", append(args, "admin@127.0.0.1", "display ntp-status")...)
	if err == nil || !strings.Contains(out, "% Unrecognized command found at '^' position.") {
		t.Errorf("bad command: err %v, output:\n%s", err, out)
	}
}

// TestOpenSSHInteractive logs in through a pty (ssh -tt), configures the
// switch and logs out with quit.
func TestOpenSSHInteractive(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	e := startEmulator(t, t.TempDir())
	args, env := sshArgs(t, e)
	pr, pw := io.Pipe()
	go func() {
		defer pw.Close()
		for _, l := range append(coreSession, "quit") {
			time.Sleep(300 * time.Millisecond)
			pw.Write([]byte(l + "\r"))
		}
		time.Sleep(2 * time.Second)
	}()
	out, err := runClient(t, 60*time.Second, pr, env, "ssh", append(args, "-tt", "admin@127.0.0.1")...)
	if err != nil {
		t.Fatalf("ssh -tt: %v\n%s", err, out)
	}
	checkCoreSession(t, out)
}
