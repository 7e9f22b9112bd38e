// Package gotest shows a Go test of your own automation against emulated
// switches started inside the test, with no process to manage: the test
// helper fleet/fleettest (in the style of net/http/httptest) starts a
// fleet on free loopback ports, its state in the test's temporary folder,
// and closes it when the test ends.
//
//	go test ./examples/gotest
package gotest

import (
	"strings"
	"testing"

	"switchemu/fleet/fleettest"
)

// run logs in to a device and runs one command, as any SSH automation
// would (exec request; a shell session works the same way).
func run(t *testing.T, d *fleettest.Device, command string) string {
	t.Helper()
	c := d.Dial() // x/crypto/ssh, with the device's credentials
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out, _ := s.CombinedOutput(command)
	return strings.ReplaceAll(string(out), "\r\n", "\n")
}

// TestMyAutomation is the shape of a test of your own code: start
// switches in a known state, let the code under test talk to them, check
// what it did from the devices' side.
func TestMyAutomation(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{Devices: 3, Profile: "s5120ei"})
	for _, d := range f.Devices() {
		// A known state before the test: VLAN 10 exists.
		if refused := d.MergeConfig("vlan 10\n name Servers\n"); len(refused) > 0 {
			t.Fatalf("%s: %v", d.Name(), refused)
		}
		// Your code under test would connect to d.Addr() here; this
		// stands for it.
		if out := run(t, d, "display version"); !strings.Contains(out, "Comware") {
			t.Errorf("%s: display version:\n%s", d.Name(), out)
		}
		// Check from the device's side, without parsing a screen.
		if cfg := d.Config(); !strings.Contains(cfg, "vlan 10\n name Servers\n") || !strings.Contains(cfg, " sysname "+d.Name()+"\n") {
			t.Errorf("%s: configuration:\n%s", d.Name(), cfg)
		}
	}
}
