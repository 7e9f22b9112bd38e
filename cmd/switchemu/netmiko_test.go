package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNetmiko drives the emulator with Netmiko 2.4.2's hp_comware driver
// (Debian's python3-netmiko) at its default timing: display version,
// send_config_set, display current-configuration, save_config; after a
// restart of the emulator the saved configuration is there, and a change
// that was not saved is gone after the next restart.
func TestNetmiko(t *testing.T) {
	needTool(t, "Netmiko (Debian python3-netmiko)", "apt-get install -y python3-netmiko",
		"/usr/bin/python3", "-c", "import netmiko")
	if testing.Short() {
		t.Skip("Netmiko at default timing takes about a minute; skipped with -short")
	}
	dir := t.TempDir()
	script, err := filepath.Abs("testdata/netmiko_probe.py")
	if err != nil {
		t.Fatal(err)
	}
	phases := []struct {
		phase string
		fast  bool
	}{
		{"configure", false}, // Netmiko's default timing, as users run it
		{"verify", true},
		{"unsaved", true},
	}
	for _, p := range phases {
		e := startEmulator(t, dir)
		args := []string{script, e.Port, p.phase}
		if p.fast {
			args = append(args, "--fast")
		}
		out, err := runClient(t, 5*time.Minute, nil, nil, "/usr/bin/python3", args...)
		if err != nil || !strings.Contains(out, "NETMIKO OK "+p.phase) {
			t.Fatalf("netmiko %s: %v\n%s\nemulator:\n%s", p.phase, err, out, tail(e.Output(), 40))
		}
		e.Stop(t)
	}
}
