package fleet

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchemu/internal/interop"
)

// runTool runs a client with a deadline and returns its output.
func runTool(t *testing.T, timeout time.Duration, env []string, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestFaultsNetmiko shows what Netmiko's hp_comware driver (Debian's
// python3-netmiko) meets on a device with faults: latency it waits for,
// a hung command it gives up on (its read timeout) with the session
// still open, a connection cut in the middle of an output and its
// reconnect, a refused login (its authentication error), a slow login it
// waits for, a busy CPU, and a port that flaps (the far end's log and
// link state following).
func TestFaultsNetmiko(t *testing.T) {
	interop.Need(t, "Netmiko (Debian python3-netmiko)", "apt-get install -y python3-netmiko",
		"/usr/bin/python3", "-c", "import netmiko")
	script, err := filepath.Abs("testdata/faults_netmiko.py")
	if err != nil {
		t.Fatal(err)
	}
	f := startFleet(t, faultPair)
	a := f.Member("a")
	user, pw := a.Login()
	port := a.Addr().String()[strings.LastIndexByte(a.Addr().String(), ':')+1:]
	for _, c := range []struct {
		mode  string
		fault FaultSpec
	}{
		{"slowlogin", FaultSpec{Kind: FaultSlowLogin, Delay: "1s"}},
		{"cpu", FaultSpec{Kind: FaultCPU, Percent: 87}},
		{"flap", FaultSpec{Kind: FaultFlap, Interface: "GigabitEthernet2/0/1", Period: "1s", Count: 3}},
		{"latency", FaultSpec{Kind: FaultLatency, Latency: "300ms-400ms"}},
		{"hang", FaultSpec{Kind: FaultHang, Command: "display version"}},
		{"cut", FaultSpec{Kind: FaultDisconnect, Lines: 20}},
		{"refuse", FaultSpec{Kind: FaultRefuseLogin, Count: 1}},
	} {
		t.Run(c.mode, func(t *testing.T) {
			a.ClearFaults()
			setFaults(t, a, c.fault)
			waitActive(t, a, c.fault.Kind)
			out, err := runTool(t, 3*time.Minute, nil, "/usr/bin/python3", script, port, user, pw, c.mode)
			if err != nil || !strings.Contains(out, "FAULT OK "+c.mode) {
				t.Fatalf("netmiko %s: %v\n%s", c.mode, err, out)
			}
		})
	}
}

// TestFaultsOpenSSH: OpenSSH's ssh against a device whose logins a
// fault refuses (the wrong-password failure) or whose VTY lines a fault
// holds, and a save on a full flash (the device's message).
func TestFaultsOpenSSH(t *testing.T) {
	interop.Need(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	f := startFleet(t, "devices:\n  - name: a\n")
	a := f.Member("a")
	user, pw := a.Login()
	dir := t.TempDir()
	askpass := filepath.Join(dir, "askpass.sh")
	if err := os.WriteFile(askpass, []byte("#!/bin/sh\necho "+pw+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0"}
	host, port, _ := strings.Cut(a.Addr().String(), ":")
	ssh := func(cmd string) (string, error) {
		return runTool(t, time.Minute, env, "ssh", "-p", port, "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
			"-o", "UserKnownHostsFile="+filepath.Join(dir, "known_hosts"), "-o", "PreferredAuthentications=password",
			"-o", "NumberOfPasswordPrompts=1", "-o", "ConnectTimeout=20", user+"@"+host, cmd)
	}
	if out, err := ssh("display clock"); err != nil {
		t.Fatalf("ssh without faults: %v\n%s", err, out)
	}
	setFaults(t, a, FaultSpec{Kind: FaultRefuseLogin})
	waitActive(t, a, FaultRefuseLogin)
	if out, err := ssh("display clock"); err == nil || !strings.Contains(out, "Permission denied") {
		t.Fatalf("ssh with a refused login: %v\n%s", err, out)
	}
	if out, err := ssh("display clock"); err != nil {
		t.Fatalf("ssh after the refused login: %v\n%s", err, out)
	}
	setFaults(t, a, FaultSpec{Kind: FaultVTYBusy})
	waitActive(t, a, FaultVTYBusy)
	if out, err := ssh("display clock"); err == nil || strings.Contains(out, "Permission denied") {
		t.Fatalf("ssh with every VTY line busy: %v\n%s", err, out)
	}
	a.ClearFaults()
	// A startup file that fails to load at the next reboot: the device
	// comes back with its factory configuration and no startup file in
	// use; the reboot after that loads it.
	if out, err := ssh("save force"); err != nil || !strings.Contains(out, "successfully") {
		t.Fatalf("save force: %v\n%s", err, out)
	}
	setFaults(t, a, FaultSpec{Kind: FaultBadStartup})
	waitActive(t, a, FaultBadStartup)
	rebootAndWait(t, a)
	if out, err := ssh("display startup"); err != nil || !strings.Contains(out, "Current startup saved-configuration file: NULL") {
		t.Fatalf("display startup after a failed load: %v\n%s", err, out)
	}
	a.ClearFaults()
	setFaults(t, a, FaultSpec{Kind: FaultFlashFull})
	waitActive(t, a, FaultFlashFull)
	if out, _ := ssh("save force"); !strings.Contains(out, "No enough space in the device.") || !strings.Contains(out, "Save failed!") {
		t.Fatalf("save force on a full flash:\n%s", out)
	}
}

// rebootAndWait reboots m and waits until it serves again.
func rebootAndWait(t *testing.T, m *Member) {
	t.Helper()
	if err := m.Reboot(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	time.Sleep(50 * time.Millisecond)
	if err := m.WaitUp(ctx); err != nil {
		t.Fatal(err)
	}
}
