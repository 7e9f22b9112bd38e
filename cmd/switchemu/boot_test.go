package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBootBrokenStartup: an empty startup file boots with a warning that
// says what is missing and how to recover, and the summary prints no
// login that cannot work; --factory then boots the factory configuration
// and its login works.
func TestBootBrokenStartup(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "s7906e"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "s7906e", "startup.cfg"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	e := startEmulator(t, dir)
	// The warnings come on stderr, copied to the test by a goroutine of
	// its own: wait for the last of them.
	e.waitOutput(t, "no way to log in over SSH: the SSH server is disabled")
	out := e.Output()
	for _, want := range []string{"warning: flash:/startup.cfg is empty", "--factory", "no way to log in over SSH: the SSH server is disabled", "log in:   not with admin/admin"} {
		if !strings.Contains(out, want) {
			t.Errorf("start-up output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "log in:   ssh -p") {
		t.Errorf("a login hint that cannot work:\n%s", out)
	}
	e.Stop(t)

	e = startEmulator(t, dir, "--factory")
	if out := e.Output(); strings.Contains(out, "warning:") || !strings.Contains(out, "log in:   ssh -p") {
		t.Errorf("--factory start-up output:\n%s", out)
	}
	args, env := sshArgs(t, e)
	out, err := runClient(t, 30*time.Second, nil, env, "ssh", append(args, "admin@127.0.0.1", "display version")...)
	if err != nil || !strings.Contains(out, "Software Version") {
		t.Fatalf("login after --factory: %v\n%s", err, out)
	}
	if fi, err := os.Stat(filepath.Join(dir, "s7906e", "startup.cfg")); err != nil || fi.Size() != 0 {
		t.Errorf("--factory changed the startup file: %v", err)
	}
}
