package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchemu/record"
)

// TestRecordingReplaysInATerminal records an OpenSSH session in a real
// terminal (tmux, 80x24) with --record, then plays the recording's output
// stream into a second terminal of the same size: the screen it ends on
// is the screen the user saw.
func TestRecordingReplaysInATerminal(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	needTool(t, "tmux", "apt-get install -y tmux", "tmux", "-V")
	state := t.TempDir()
	e := startEmulator(t, state, "--record")
	args, env := sshArgs(t, e)
	dir := t.TempDir()
	m := &tmuxTerm{t: t, sock: filepath.Join(dir, "tmux.sock")}
	script := filepath.Join(dir, "ssh.sh")
	cmdline := "exec env " + strings.Join(env, " ") + " ssh -o LogLevel=ERROR " + strings.Join(args, " ") + " -tt admin@127.0.0.1\n"
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"+cmdline), 0o755); err != nil {
		t.Fatal(err)
	}
	m.tmux("-f", "/dev/null", "new-session", "-d", "-s", "sw", "-x", "80", "-y", "24", script)
	t.Cleanup(func() { exec.Command("tmux", "-S", m.sock, "kill-server").Run() })

	m.lastLine("<3Com>")
	m.text("dis?")
	m.lastLine("<3Com>dis")
	m.text("play ver")
	m.keys("Tab", "Enter")
	m.lastLine("  ---- More ----")
	m.keys("q")
	m.lastLine("<3Com>")
	m.text("display current-configuration")
	m.keys("Enter")
	m.lastLine("  ---- More ----")
	m.keys("Space")
	m.keys("q")
	m.lastLine("<3Com>")
	m.text("system-view")
	m.keys("Enter")
	m.text("vlan 10")
	m.keys("Enter")
	seen := m.lastLine("[3Com-vlan10]")
	exec.Command("tmux", "-S", m.sock, "kill-server").Run() // the session ends: ssh is gone

	cast := waitRecording(t, e, "[3Com-vlan10]")
	if cast.Header.Width != 80 || cast.Header.Height != 24 {
		t.Errorf("recorded terminal %dx%d, want 80x24", cast.Header.Width, cast.Header.Height)
	}
	if in := cast.Input(); !strings.Contains(in, "dis?") || !strings.Contains(in, "vlan 10\r") {
		t.Errorf("input stream: %q", in)
	}

	out := filepath.Join(dir, "output")
	if err := os.WriteFile(out, []byte(cast.Output()), 0o600); err != nil {
		t.Fatal(err)
	}
	play := filepath.Join(dir, "play.sh")
	if err := os.WriteFile(play, []byte("#!/bin/sh\nstty raw -echo\ncat "+out+"\nexec sleep 600\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := &tmuxTerm{t: t, sock: filepath.Join(dir, "replay.sock")}
	r.tmux("-f", "/dev/null", "new-session", "-d", "-s", "sw", "-x", "80", "-y", "24", play)
	t.Cleanup(func() { exec.Command("tmux", "-S", r.sock, "kill-server").Run() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := r.screen()
		if got == seen {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the replayed screen differs from the one the session showed:\nreplayed:\n%s\nshown:\n%s", got, seen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitRecording waits for the emulator's one recording to have output
// that contains want, and returns it parsed.
func waitRecording(t *testing.T, e *emulator, want string) *record.Cast {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		files, _ := filepath.Glob(filepath.Join(e.Dir, "*", "recordings", "*.cast"))
		if len(files) == 1 {
			f, err := os.Open(files[0])
			if err != nil {
				t.Fatal(err)
			}
			cast, err := record.Parse(f)
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", files[0], err)
			}
			if strings.Contains(cast.Output(), want) {
				return cast
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no recording in %s with %q: %v\n%s", e.Dir, want, files, tail(e.Output(), 20))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
