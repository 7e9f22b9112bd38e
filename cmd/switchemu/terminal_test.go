package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tmuxTerm is an OpenSSH client running in a detached tmux window: a real
// terminal whose screen the test reads back.
type tmuxTerm struct {
	t    *testing.T
	sock string
}

func (m *tmuxTerm) tmux(args ...string) string {
	m.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", m.sock}, args...)...).CombinedOutput()
	if err != nil {
		m.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// screen is what the terminal shows, trailing blank rows dropped.
func (m *tmuxTerm) screen() string {
	return strings.TrimRight(m.tmux("capture-pane", "-p", "-t", "sw"), "\n")
}

// waitFor polls the screen (tmux has no change signal) until ok accepts
// it, for at most 20 seconds.
func (m *tmuxTerm) waitFor(what string, ok func(screen string) bool) string {
	m.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := m.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			m.t.Fatalf("terminal never showed %s; screen:\n%s", what, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// lastLine waits until the screen's last row is exactly want.
func (m *tmuxTerm) lastLine(want string) string {
	m.t.Helper()
	return m.waitFor("last line "+want, func(s string) bool {
		rows := strings.Split(s, "\n")
		return rows[len(rows)-1] == want
	})
}

func (m *tmuxTerm) keys(keys ...string) {
	m.t.Helper()
	m.tmux(append([]string{"send-keys", "-t", "sw"}, keys...)...)
}
func (m *tmuxTerm) text(s string) { m.t.Helper(); m.tmux("send-keys", "-t", "sw", "-l", s) }

// TestTerminal drives ?, Tab, the pager and Ctrl+Z through OpenSSH in a
// real terminal (tmux, 80x24) and checks what the screen shows.
func TestTerminal(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	needTool(t, "tmux", "apt-get install -y tmux", "tmux", "-V")
	e := startEmulator(t, t.TempDir())
	args, env := sshArgs(t, e)
	dir := t.TempDir()
	m := &tmuxTerm{t: t, sock: filepath.Join(dir, "tmux.sock")}
	script := filepath.Join(dir, "ssh.sh")
	cmdline := "exec env " + strings.Join(env, " ") + " ssh " + strings.Join(args, " ") + " -tt admin@127.0.0.1\n"
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"+cmdline), 0o755); err != nil {
		t.Fatal(err)
	}
	m.tmux("-f", "/dev/null", "new-session", "-d", "-s", "sw", "-x", "80", "-y", "24", script)
	t.Cleanup(func() { exec.Command("tmux", "-S", m.sock, "kill-server").Run() })
	m.tmux("set-option", "-t", "sw", "remain-on-exit", "on")

	m.lastLine("<3Com>")

	// ? on a partial word: help at once, the line given back.
	m.text("dis?")
	s := m.lastLine("<3Com>dis")
	if !strings.Contains(s, "<3Com>dis?\n  display  Display current system information\n<3Com>dis") {
		t.Errorf("dis? screen:\n%s", s)
	}
	// Tab completes in place; Ctrl+X clears the line.
	m.text("play ver")
	m.keys("Tab")
	m.lastLine("<3Com>display version")
	m.keys("C-x")
	m.lastLine("<3Com>")

	// The pager: 23 lines and the More prompt; Space, Enter, then q.
	m.text("display current-configuration")
	m.keys("Enter")
	first := m.lastLine("  ---- More ----")
	if rows := strings.Split(first, "\n"); len(rows) != 24 || rows[0] != "#" || rows[1] != " version 5.20, Release 6616" {
		t.Errorf("first page is not 23 lines of output and the More prompt:\n%s", first)
	}
	m.keys("Space")
	next := m.waitFor("the next screen", func(s string) bool {
		return s != first && strings.HasSuffix(s, "\n  ---- More ----") && strings.Count(s, "---- More ----") == 1
	})
	if strings.Contains(next, " sysname 3Com") {
		t.Errorf("Space did not show a whole new screen:\n%s", next)
	}
	m.keys("Enter")
	line := m.waitFor("one more line", func(s string) bool {
		return s != next && strings.HasSuffix(s, "\n  ---- More ----")
	})
	if a, b := strings.Split(next, "\n"), strings.Split(line, "\n"); a[1] != b[0] {
		t.Errorf("Enter did not scroll by one line:\n%s\n----\n%s", next, line)
	}
	m.keys("q")
	s = m.lastLine("<3Com>")
	if strings.Contains(s, "More") {
		t.Errorf("More prompt left on the screen after q:\n%s", s)
	}

	// Ctrl+Z goes back to user view from a sub-view; ssh is not suspended.
	m.text("system-view")
	m.keys("Enter")
	m.lastLine("[3Com]")
	m.text("vlan 10")
	m.keys("Enter")
	m.lastLine("[3Com-vlan10]")
	m.keys("C-z")
	s = m.lastLine("<3Com>")
	if !strings.Contains(s, "[3Com-vlan10]return\n<3Com>") {
		t.Errorf("Ctrl+Z screen:\n%s", s)
	}
	m.text("display history-command")
	m.keys("Enter")
	s = m.lastLine("<3Com>")
	if !strings.Contains(s, "  system-view\n  vlan 10\n  display history-command\n<3Com>") {
		t.Errorf("history after Ctrl+Z:\n%s", s)
	}

	// A narrower window: long lines wrap at the new width, and editing
	// in the middle of a wrapped line lands where it should.
	m.tmux("resize-window", "-t", "sw", "-x", "40", "-y", "24")
	m.keys("Enter")
	m.waitFor("the window to narrow", func(s string) bool {
		rows := strings.Split(s, "\n")
		return len(rows) > 1 && rows[len(rows)-1] == "<3Com>" && rows[len(rows)-2] == "<3Com>"
	})
	m.text("display current-configuration | include GigabitEthernet2/0/14$")
	// Ctrl+A, 40 x Ctrl+F: the cursor crosses into the second row; type
	// an x there and take it back with Backspace, then go on typing.
	m.keys("C-a")
	for range 40 {
		m.keys("C-f")
	}
	m.text("x")
	m.lastLine("clude xGigabitEthernet2/0/14$")
	m.keys("BSpace")
	m.lastLine("clude GigabitEthernet2/0/14$")
	// Backspace at the start of the second row deletes the last character
	// of the first one.
	m.keys("C-a")
	for range 34 {
		m.keys("C-f")
	}
	m.keys("BSpace")
	m.lastLine("lude GigabitEthernet2/0/14$")
	m.text("n")
	m.lastLine("clude GigabitEthernet2/0/14$")
	m.keys("C-e")
	m.keys("BSpace")
	m.text("$")
	m.keys("Enter")
	s = m.lastLine("<3Com>")
	if !strings.Contains(s, "<3Com>display current-configuration | in\nclude GigabitEthernet2/0/14$\ninterface GigabitEthernet2/0/14\n<3Com>") {
		t.Errorf("wrapped line at 40 columns:\n%s", s)
	}

	// quit in user view ends the session: ssh exits.
	m.text("quit")
	m.keys("Enter")
	m.waitFor("ssh to exit", func(string) bool {
		return strings.TrimSpace(m.tmux("display-message", "-p", "-t", "sw", "#{pane_dead}")) == "1"
	})
}

// netmikoTypeAhead configures VLANs with Netmiko's send_config_set, which
// writes each line 50 ms apart without waiting for the prompt (paced), or
// all at once with fast_cli (a pasted block), then reads them back.
const netmikoTypeAhead = `
import sys
from netmiko import ConnectHandler
port, count, fast = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "fast"
c = ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=port,
                   username="admin", password="admin", fast_cli=fast)
lines = []
for i in range(2, 2 + count // 3):
    lines += ["vlan %d" % i, "name NM-%04d" % i, "quit"]
out = c.send_config_set(lines)
for l in lines:
    if l not in out:
        print("NOT ECHOED: " + l)
if "%" in out:
    print("ERROR IN OUTPUT:\n" + out)
print(c.send_command("display vlan all | include Name"))
c.disconnect()
`

// TestNetmikoTypeAhead: no line Netmiko types ahead is lost or garbled,
// paced 50 ms apart or pasted as one 500-line block.
func TestNetmikoTypeAhead(t *testing.T) {
	needTool(t, "Netmiko", "apt-get install -y python3-netmiko", "/usr/bin/python3", "-c", "import netmiko")
	for _, tc := range []struct {
		name  string
		count int
	}{{"paced", 60}, {"fast", 501}} {
		t.Run(tc.name, func(t *testing.T) {
			e := startEmulator(t, t.TempDir())
			out, err := runClient(t, 120*time.Second, nil, nil, "/usr/bin/python3", "-c", netmikoTypeAhead, e.Port, strconv.Itoa(tc.count), tc.name)
			if err != nil {
				t.Fatalf("netmiko: %v\n%s", err, out)
			}
			if strings.Contains(out, "NOT ECHOED") || strings.Contains(out, "ERROR IN OUTPUT") {
				t.Fatalf("netmiko session:\n%s", out)
			}
			for i := 2; i < 2+tc.count/3; i++ {
				if want := fmt.Sprintf("NM-%04d", i); !strings.Contains(out, want) {
					t.Fatalf("VLAN %d's name %s not configured:\n%s", i, want, out)
				}
			}
		})
	}
}
