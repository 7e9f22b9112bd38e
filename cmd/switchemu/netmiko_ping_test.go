package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNetmikoPing runs ping and tracert through Netmiko's hp_comware
// driver (fast_cli): the replies, timeouts and statistics come back
// whole before the prompt, in the device's layout.
func TestNetmikoPing(t *testing.T) {
	needTool(t, "Netmiko (Debian python3-netmiko)", "apt-get install -y python3-netmiko",
		"/usr/bin/python3", "-c", "import netmiko")
	script, err := filepath.Abs("testdata/netmiko_ping.py")
	if err != nil {
		t.Fatal(err)
	}
	e := startEmulator(t, t.TempDir())
	out, err := runClient(t, 2*time.Minute, nil, nil, "/usr/bin/python3", script, e.Port)
	if err != nil || !strings.Contains(out, "NETMIKO PING OK") {
		t.Fatalf("netmiko ping: %v\n%s\nemulator:\n%s", err, out, tail(e.Output(), 40))
	}
	e.Stop(t)
}
