package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/cli"
	"switchemu/device"
	"switchemu/profiles"
)

// term is an interactive SSH session with a pty, driven by the test.
type term struct {
	client *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser

	mu     sync.Mutex
	out    strings.Builder
	notify chan struct{} // a value after each read
	ended  chan struct{} // closed when the output ends
}

// login opens an interactive session as admin.
func login(t *testing.T, addr string) *term {
	t.Helper()
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "admin", Auth: []gossh.AuthMethod{gossh.Password("admin")},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
	})
	if err != nil {
		t.Fatalf("ssh %s: %v", addr, err)
	}
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("vt100", 24, 200, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	tm := &term{client: client, sess: sess, in: in, notify: make(chan struct{}, 1), ended: make(chan struct{})}
	go func() {
		defer close(tm.ended)
		buf := make([]byte, 4096)
		for {
			n, err := out.Read(buf)
			tm.mu.Lock()
			tm.out.Write(buf[:n])
			tm.mu.Unlock()
			select {
			case tm.notify <- struct{}{}:
			default:
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		// Log out the way a user does (Ctrl+Z, quit) before closing
		// the connection.
		select {
		case <-tm.ended:
		default:
			io.WriteString(tm.in, "\x1aquit\r")
			select {
			case <-tm.ended:
			case <-time.After(30 * time.Second):
			}
		}
		client.Close()
		<-tm.ended
	})
	tm.waitFor(t, ">")
	return tm
}

func (tm *term) output() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.out.String()
}

// waitFor waits until the output holds want (after what it held so far
// has been matched by earlier calls is not tracked: want must be new).
func (tm *term) waitFor(t *testing.T, want string) string {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		if out := tm.output(); strings.Contains(out, want) {
			return out
		}
		select {
		case <-tm.notify:
		case <-tm.ended:
			if out := tm.output(); strings.Contains(out, want) {
				return out
			}
			t.Fatalf("session ended without %q:\n%s", want, tm.output())
		case <-deadline:
			t.Fatalf("no %q within a minute:\n%s", want, tm.output())
		}
	}
}

// run types lines and waits for the prompt want after the last one.
func (tm *term) run(t *testing.T, want string, lines ...string) string {
	t.Helper()
	for _, l := range lines {
		if _, err := io.WriteString(tm.in, l+"\r"); err != nil {
			t.Fatalf("typing %q: %v", l, err)
		}
	}
	return tm.waitFor(t, want)
}

// waitEnd waits for the server to end the session.
func (tm *term) waitEnd(t *testing.T) {
	t.Helper()
	select {
	case <-tm.ended:
	case <-time.After(60 * time.Second):
		t.Fatalf("session not ended:\n%s", tm.output())
	}
}

// waitOutput waits for the emulator to print want.
func (e *emulator) waitOutput(t *testing.T, want string) {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(60 * time.Second)
	for !strings.Contains(e.Output(), want) {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("emulator did not print %q:\n%s", want, tail(e.Output(), 40))
		}
	}
}

// kill ends the emulator with SIGKILL, as a power cut would.
func (e *emulator) kill(t *testing.T) {
	t.Helper()
	e.cmd.Process.Kill()
	<-e.done
	e.done = nil
}

// TestRestartKeepsSaved: configuration that was saved survives a restart
// of the emulator; configuration that was not is gone.
func TestRestartKeepsSaved(t *testing.T) {
	dir := t.TempDir()
	e := startEmulator(t, dir)
	tm := login(t, e.Addr)
	tm.run(t, "<Kept>", "system-view", "sysname Kept", "vlan 77", "name saved-vlan", "return", "save force")
	tm.run(t, "[Kept-vlan88]", "system-view", "vlan 88")
	e.Stop(t)

	e = startEmulator(t, dir)
	tm = login(t, e.Addr)
	out := tm.run(t, "<Kept>display startup", "screen-length disable", "display current-configuration", "display startup")
	if !strings.Contains(out, "vlan 77\r\n name saved-vlan\r\n#\r\n") || strings.Contains(out, "vlan 88") {
		t.Errorf("configuration after restart:\n%s", out)
	}
	out = tm.waitFor(t, "Next backup startup saved-configuration file: NULL")
	if !strings.Contains(out, " Current startup saved-configuration file: flash:/startup.cfg\r\n") {
		t.Errorf("display startup after restart:\n%s", out)
	}
	if strings.Contains(e.Output(), "line ") {
		t.Errorf("the saved file did not replay cleanly:\n%s", tail(e.Output(), 40))
	}
}

// TestBootReportsBadLines: a startup file line that does not parse is
// reported at start with its line number and skipped; the rest applies.
func TestBootReportsBadLines(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, profiles.Default)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(p.Factory.Config, " sysname 3Com\n", " sysname Booted\n#\n frobnicate the switch\n#\nvlan 4095\n#\nvlan 12\n", 1)
	if err := os.WriteFile(filepath.Join(folder, "startup.cfg"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	e := startEmulator(t, dir)
	for _, want := range []string{
		`switchemu: flash:/startup.cfg: line 4: " frobnicate the switch": % Unrecognized command found at '^' position.`,
		`switchemu: flash:/startup.cfg: line 6: "vlan 4095": % Wrong parameter found at '^' position.`,
	} {
		e.waitOutput(t, want) // stderr is copied to the buffer asynchronously
	}
	tm := login(t, e.Addr)
	out := tm.run(t, "VLAN ID: 12", "display vlan 12")
	if !strings.Contains(out, "<Booted>") {
		t.Errorf("lines after the bad ones did not apply:\n%s", out)
	}
}

// TestReboot: reboot asks about the unsaved configuration, ends every
// session, refuses connections while the device is down, and comes back
// with the saved configuration and a new uptime; new logins work.
func TestReboot(t *testing.T) {
	dir := t.TempDir()
	e := startEmulator(t, dir, "--reboot-delay", "8s")
	a, b := login(t, e.Addr), login(t, e.Addr)
	a.run(t, "<Before>", "system-view", "sysname Before", "return", "save force")
	a.run(t, "<Before>", "system-view", "vlan 99", "return")
	b.run(t, "[Before]", "system-view")

	out := a.run(t, "save current configuration? [Y/N]:", "reboot")
	if !strings.Contains(out, "<Before>reboot\r\n Start to check configuration with next startup configuration file, please wait.........DONE!\r\n Current configuration may be lost after the reboot, save current configuration? [Y/N]:") {
		t.Errorf("reboot dialog:\n%s", out)
	}
	a.run(t, "Continue? [Y/N]:", "n")
	a.run(t, "Now rebooting, please wait...", "y")
	a.waitEnd(t)
	b.waitEnd(t)
	out = a.output()
	if !strings.Contains(out, " This command will reboot the device. Continue? [Y/N]:y\r\n#") ||
		!strings.Contains(out, " Before DEVM/1/REBOOT:\r\n Reboot device by command.\r\n\r\n%") ||
		!strings.Contains(out, " Before DEVM/5/SYSTEM_REBOOT: System is rebooting now.\r\n Now rebooting, please wait...\r\n") {
		t.Errorf("reboot messages:\n%s", out)
	}
	// The port closes before any session ends, and stays closed for the
	// boot time (8s).
	if c, err := net.Dial("tcp", e.Addr); err == nil {
		c.Close()
		t.Errorf("connection accepted while the device reboots")
	} else if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("connection during reboot: %v, want connection refused", err)
	}
	e.waitOutput(t, "rebooted, listening on")
	c := login(t, e.Addr)
	out = c.run(t, "<Before>display version", "screen-length disable", "display current-configuration", "display version")
	if strings.Contains(out, "vlan 99") || !strings.Contains(out, " sysname Before\r\n") {
		t.Errorf("configuration after reboot (unsaved vlan 99 must be gone):\n%s", out)
	}
	// The uptime restarted with the boot.
	c.waitFor(t, "3Com Switch 7906E uptime is 0 week, 0 day, 0 hour, 0 minute\r\n")
}

// TestRebootWithSave answers yes to the save question: the changes are
// saved and survive the reboot.
func TestRebootWithSave(t *testing.T) {
	e := startEmulator(t, t.TempDir(), "--reboot-delay", "0s")
	a := login(t, e.Addr)
	a.run(t, "<3Com>", "system-view", "vlan 55", "return")
	a.run(t, "save current configuration? [Y/N]:", "reboot")
	a.run(t, "(To leave the existing filename unchanged, press the enter key):", "y")
	out := a.run(t, "Continue? [Y/N]:", "")
	if !strings.Contains(out, "Validating file. Please wait...\r\nThe current configuration is saved to the active main board successfully.\r\nConfiguration is saved to device successfully.\r\n This command will reboot") {
		t.Errorf("save inside reboot:\n%s", out)
	}
	a.run(t, "Now rebooting", "y")
	a.waitEnd(t)
	e.waitOutput(t, "rebooted, listening on")
	b := login(t, e.Addr)
	if out := b.run(t, "VLAN ID: 55", "display vlan 55"); strings.Contains(out, "does not exist") {
		t.Errorf("saved vlan lost:\n%s", out)
	}
	// Nothing changed since the boot: reboot asks no save question.
	out = b.run(t, "Continue? [Y/N]:", "reboot")
	if strings.Contains(out, "save current configuration") {
		t.Errorf("save question without changes:\n%s", out)
	}
	b.run(t, "<3Com>", "n")
}

// TestKillDuringSave kills the emulator with SIGKILL in the middle of
// saves, many times: the startup file always replays cleanly to either the
// configuration before or the one being saved, and the emulator always
// boots from it.
func TestKillDuringSave(t *testing.T) {
	iterations := 30
	if testing.Short() {
		iterations = 5
	}
	dir := t.TempDir()
	file := filepath.Join(dir, profiles.Default, "startup.cfg")
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	prev := "3Com"
	cut := 0
	defer func() { t.Logf("%d of %d kills cut a save short", cut, iterations) }()
	for i := range iterations {
		e := startEmulator(t, dir)
		if strings.Contains(e.Output(), ": line ") {
			t.Fatalf("iteration %d: boot reported bad lines:\n%s", i, tail(e.Output(), 40))
		}
		tm := login(t, e.Addr)
		if i == 0 {
			// A big file makes every save take a while.
			tm.run(t, "]", "system-view", "vlan 2 to 400", "vlan 2", "description "+strings.Repeat("d", 32), "return")
		}
		next := fmt.Sprintf("K%d", i)
		tm.run(t, "<"+next+">", "system-view", "sysname "+next, "return")
		var lines []string
		for range 40 {
			lines = append(lines, "save force")
		}
		tm.run(t, "Validating file", lines...)
		time.Sleep(time.Duration(r.IntN(30)) * time.Millisecond) // somewhere in the saves
		e.kill(t)
		if tmp, _ := filepath.Glob(filepath.Join(dir, profiles.Default, ".startup.cfg.tmp*")); len(tmp) > 0 {
			cut++ // killed in the middle of writing a file
		}

		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("iteration %d: %v", i, err)
		}
		d := device.New(p, device.Options{})
		if errs := cli.New(d, nil).Replay(string(data)); len(errs) > 0 {
			t.Fatalf("iteration %d: startup file does not replay: %v", i, errs[:min(len(errs), 5)])
		}
		if got := d.Snapshot().Sysname; got != prev && got != next {
			t.Fatalf("iteration %d: startup file has sysname %q, want %q or %q", i, got, prev, next)
		}
		if !strings.HasSuffix(string(data), "#\nreturn\n") {
			t.Fatalf("iteration %d: startup file is cut short", i)
		}
		prev = d.Snapshot().Sysname
	}
}

// TestNetmikoSaveConfig: Netmiko's save_config (save force from system
// view) writes the startup file, which the next start loads.
func TestNetmikoSaveConfig(t *testing.T) {
	needTool(t, "Netmiko", "apt-get install -y python3-netmiko", "/usr/bin/python3", "-c", "import netmiko")
	dir := t.TempDir()
	e := startEmulator(t, dir)
	script := `
import sys
from netmiko import ConnectHandler
c = ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=int(sys.argv[1]),
                   username="admin", password="admin")
c.send_config_set(["vlan 321", "name netmiko-saved"])
out = c.save_config()
assert "Configuration is saved to device successfully." in out, out
c.disconnect()
print("NETMIKO SAVED")
`
	out, err := runClient(t, 120*time.Second, strings.NewReader(script), nil, "/usr/bin/python3", "-", e.Port)
	if err != nil || !strings.Contains(out, "NETMIKO SAVED") {
		t.Fatalf("netmiko: %v\n%s\nemulator:\n%s", err, out, tail(e.Output(), 40))
	}
	e.Stop(t)
	e = startEmulator(t, dir)
	tm := login(t, e.Addr)
	tm.run(t, " Name: netmiko-saved\r\n", "display vlan 321")
}
