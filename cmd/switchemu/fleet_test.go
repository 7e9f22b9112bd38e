package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// fleetProcess is a running switchemu serving a fleet.
type fleetProcess struct {
	cmd     *exec.Cmd
	out     *lockedBuffer
	done    chan error
	summary string
	devices [][]string // rows of devices.csv: name, host, port, user, password, platform
}

// startFleetProcess runs the binary with args and waits for its summary;
// the device list is read from devices.csv in the state folder.
func startFleetProcess(t *testing.T, dir string, args ...string) *fleetProcess {
	t.Helper()
	cmd := exec.Command(binPath, append([]string{"--state-dir", dir}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &fleetProcess{cmd: cmd, out: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		var sum strings.Builder
		sent := false
		for sc.Scan() {
			p.out.Write([]byte(sc.Text() + "\n"))
			if !sent {
				sum.WriteString(sc.Text() + "\n")
				if strings.HasPrefix(sc.Text(), "  state:") {
					ready <- sum.String()
					sent = true
				}
			}
		}
		if !sent {
			close(ready)
		}
		p.done <- cmd.Wait()
	}()
	select {
	case s, ok := <-ready:
		if !ok {
			t.Fatalf("switchemu exited before listening:\n%s", tail(p.out.String(), 40))
		}
		p.summary = s
	case <-time.After(90 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("switchemu did not start:\n%s", tail(p.out.String(), 40))
	}
	t.Cleanup(func() { p.stop(t) })
	f, err := os.Open(filepath.Join(dir, "devices.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	p.devices = rows[1:]
	return p
}

// stop sends SIGTERM and waits; the fleet must exit by itself (a bound
// against a hang, not a timing assertion).
func (p *fleetProcess) stop(t *testing.T) {
	t.Helper()
	if p.done == nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("switchemu exit: %v\n%s", err, tail(p.out.String(), 40))
		}
	case <-time.After(30 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
		t.Errorf("switchemu did not stop on SIGTERM\n%s", tail(p.out.String(), 40))
	}
	p.done = nil
}

// tail returns the last n lines of s: a failing test shows the end of the
// output that matters, not thousands of lines.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("[... %d lines ...]", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// execSSH runs one command on a device row with the x/crypto client.
func execSSH(t *testing.T, row []string, command string) string {
	t.Helper()
	c, err := gossh.Dial("tcp", row[1]+":"+row[2], &gossh.ClientConfig{
		User: row[3], Auth: []gossh.AuthMethod{gossh.Password(row[4])},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
	})
	if err != nil {
		t.Fatalf("%s: %v", row[0], err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatalf("%s: %v", row[0], err)
	}
	defer s.Close()
	out, _ := s.CombinedOutput(command)
	return strings.ReplaceAll(string(out), "\r\n", "\n")
}

// loopbackNet picks a /24 of 127.0.0.0/8 that other tests do not use, so
// that fleets on per-device addresses do not collide.
func loopbackNet() string {
	return fmt.Sprintf("127.%d.%d", 100+rand.IntN(150), 1+rand.IntN(250))
}

// TestFleetNetmiko: 50 devices of one fleet, each at its own loopback
// address on one port, driven by 50 Netmiko sessions in parallel that each
// change and save their device's sysname; after a restart every device has
// its own.
func TestFleetNetmiko(t *testing.T) {
	needTool(t, "Netmiko (Debian python3-netmiko)", "apt-get install -y python3-netmiko",
		"/usr/bin/python3", "-c", "import netmiko")
	dir := t.TempDir()
	inv := filepath.Join(dir, "fleet.yaml")
	os.WriteFile(inv, []byte(fmt.Sprintf(`
devices:
  - name: "acc{n:02}"
    count: 50
    profile: s5120ei
    listen: %s.1:2222
    listen_step: address
`, loopbackNet())), 0o600)
	state := filepath.Join(dir, "state")
	p := startFleetProcess(t, state, "--inventory", inv, "-v")
	if len(p.devices) != 50 || !strings.Contains(p.summary, "50 devices") {
		t.Fatalf("summary:\n%s\n%d devices listed", p.summary, len(p.devices))
	}
	// Each device makes its host key for its first client: one after the
	// other here, so that fifty RSA key generations at once (slow under
	// -race on two cores) do not outlast Netmiko's handshake timeout.
	for _, row := range p.devices {
		execSSH(t, row, "display clock")
	}
	script, _ := filepath.Abs("testdata/netmiko_fleet.py")
	out, err := runClient(t, 8*time.Minute, nil, nil, "/usr/bin/python3", script, filepath.Join(state, "devices.csv"))
	if err != nil || !strings.Contains(out, "NETMIKO FLEET OK 50") {
		t.Fatalf("netmiko: %v\n%s\nemulator:\n%s", err, tail(out, 60), tail(p.out.String(), 40))
	}
	p.stop(t)

	p = startFleetProcess(t, state, "--inventory", inv)
	for _, row := range p.devices {
		got := execSSH(t, row, "display current-configuration | include sysname")
		if !strings.Contains(got, " sysname SITE-"+row[0]+"\n") {
			t.Errorf("%s after restart: %q", row[0], got)
		}
	}
}

// TestFleetLinksEndToEnd: an inventory with a range and links, served by
// the binary: shutdown on one end shows on the other, and the devices
// know each other by LLDP.
func TestFleetLinksEndToEnd(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "site.yaml")
	os.WriteFile(inv, []byte(`
devices:
  - {name: core, profile: s7906e, sysname: CORE, listen: "127.0.0.1:0"}
  - {name: "acc{n}", count: 3, profile: s5120ei, listen: "127.0.0.1:0"}
links:
  - link: "core:GigabitEthernet2/0/{n+10} -- acc{n}:GigabitEthernet1/0/25"
    count: 3
`), 0o600)
	p := startFleetProcess(t, filepath.Join(dir, "state"), "--inventory", inv)
	rows := map[string][]string{}
	for _, r := range p.devices {
		rows[r[0]] = r
	}
	lldp := execSSH(t, rows["core"], "display lldp neighbor-information list")
	for _, want := range []string{"GE2/0/11", "acc1", "GE2/0/13", "acc3"} {
		if !strings.Contains(lldp, want) {
			t.Errorf("core's LLDP list lacks %q:\n%s", want, lldp)
		}
	}
	out := execSSH(t, rows["acc2"], "display lldp neighbor-information")
	if !strings.Contains(out, "System name        : CORE") || !strings.Contains(out, "Port ID          : GigabitEthernet2/0/12") {
		t.Errorf("acc2's LLDP:\n%s", out)
	}
	if brief := execSSH(t, rows["acc2"], "display interface brief"); !strings.Contains(brief, "GE1/0/25             UP") {
		t.Errorf("acc2's uplink is not up:\n%s", brief)
	}
}

// TestInventoryCommand: switchemu inventory prints the device list in
// each tool's format without starting anything.
func TestInventoryCommand(t *testing.T) {
	for format, want := range map[string]string{
		"csv":     "SW0003,127.0.0.1,2224,admin,admin,hp_comware",
		"nornir":  "SW0003:\n  hostname: 127.0.0.1\n  port: 2224\n  username: admin\n  password: admin\n  platform: hp_comware",
		"ansible": "SW0003:\n          ansible_host: 127.0.0.1\n          ansible_port: 2224",
	} {
		out, err := exec.Command(binPath, "inventory", "--devices", "4", "--format", format).CombinedOutput()
		if err != nil || !strings.Contains(string(out), want) {
			t.Errorf("inventory --format %s: %v\n%s", format, err, out)
		}
	}
	out, err := exec.Command(binPath, "inventory", "--devices", "10", "--shard", "1/3", "--format", "csv").CombinedOutput()
	if err != nil || strings.Count(string(out), "\n") != 4 || !strings.Contains(string(out), "SW0004,127.0.0.1,2225") {
		t.Errorf("inventory --shard 1/3: %v\n%s", err, out)
	}
}

// TestFleetGracefulStop: SIGTERM with sessions open ends them and exits.
func TestFleetGracefulStop(t *testing.T) {
	dir := t.TempDir()
	p := startFleetProcess(t, dir, "--devices", "20", "--listen", "127.0.0.1:0")
	if !strings.Contains(p.summary, "... and 15 more; the full list: ") {
		t.Errorf("summary:\n%s", p.summary)
	}
	var clients []*gossh.Client
	for _, row := range p.devices[:3] {
		c, err := gossh.Dial("tcp", row[1]+":"+row[2], &gossh.ClientConfig{
			User: row[3], Auth: []gossh.AuthMethod{gossh.Password(row[4])},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
		})
		if err != nil {
			t.Fatal(err)
		}
		s, _ := c.NewSession()
		s.RequestPty("vt100", 24, 80, nil)
		if err := s.Shell(); err != nil {
			t.Fatal(err)
		}
		clients = append(clients, c)
	}
	p.stop(t)
	for _, c := range clients {
		if err := c.Wait(); err == nil {
			t.Error("a session's connection did not end")
		}
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, "*", ".*.tmp*")); len(entries) > 0 {
		t.Errorf("half-written files left: %v", entries)
	}
}

// TestFromConfig: --from-config boots the twin of a real switch: its
// sysname, its ports, its configuration rendered back; the summary says
// which profile gave the identity strings.
func TestFromConfig(t *testing.T) {
	// The real file has no SSH server: a twin of it refuses SSH, as the
	// switch does. The user opens it for the test, as one would for a lab.
	real, err := os.ReadFile("../../cli/testdata/realconfigs/h3c-s5120-r2222p10.cfg")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(real), "user-interface vty 0 15\n",
		"local-user admin\n password simple admin\n authorization-attribute level 3\n service-type ssh\n#\n ssh server enable\n#\nuser-interface vty 0 15\n authentication-mode scheme\n", 1)
	file := filepath.Join(t.TempDir(), "branch-sw1.cfg")
	os.WriteFile(file, []byte(text), 0o600)
	e := startEmulator(t, t.TempDir(), "--from-config", file)
	if !strings.Contains(e.Output(), "twin of "+file) || !strings.Contains(e.Output(), "identity strings from the s5120ei profile") {
		t.Errorf("summary:\n%s", tail(e.Output(), 40))
	}
	data, _ := os.ReadFile(file)
	var sysname string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, " sysname ") {
			sysname = strings.TrimSpace(strings.TrimPrefix(l, " sysname "))
		}
	}
	out := sshExec(t, e, "display current-configuration")
	if !strings.Contains(out, " sysname "+sysname+"\r\n") || !strings.Contains(out, "interface GigabitEthernet1/0/28\r\n") {
		t.Errorf("the twin's configuration:\n%s", tail(out, 40))
	}
}

// TestFleetLoginHint: the summary's login hint follows the configuration
// the first device booted: a saved file without the SSH server gets a
// warning and no hint that cannot work.
func TestFleetLoginHint(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "SW0001"), 0o700)
	os.WriteFile(filepath.Join(dir, "SW0001", "startup.cfg"), []byte("#\n sysname Locked\n#\nvlan 1\n#\nreturn\n"), 0o600)
	p := startFleetProcess(t, dir, "--devices", "2", "--listen", "127.0.0.1:0")
	if !strings.Contains(p.summary, "  log in:   not with admin/admin on SW0001: the SSH server is disabled") {
		t.Errorf("summary:\n%s", p.summary)
	}
	// The warning goes to stderr, which reaches the test on its own
	// copying goroutine: wait for it rather than race it.
	const warning = "SW0001: warning: the configuration leaves no way to log in over SSH"
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(p.out.String(), warning) && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(p.out.String(), warning) {
		t.Errorf("no boot warning:\n%s", tail(p.out.String(), 20))
	}
}
