// Package gotest shows a Go test of your own automation against emulated
// switches started inside the test, with no process to manage: a fleet on
// free loopback ports, its state in the test's temporary folder, closed
// when the test ends.
//
// It uses package fleet directly. The test helper fleet/fleettest (in the
// style of net/http/httptest) wraps the same steps; prefer it once it is
// in your version of switchemu.
//
//	go test ./examples/gotest
package gotest

import (
	"context"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/fleet"
)

// startFleet serves n switches of profile on 127.0.0.1, each on its own
// free port, until the test ends.
func startFleet(t *testing.T, n int, profile string) *fleet.Fleet {
	t.Helper()
	inv, err := fleet.Generated(n, profile, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f, err := fleet.New(inv, fleet.Options{StateDir: t.TempDir(), Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := f.Start(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		f.Close()
	})
	return f
}

// run logs in to a device and runs one command, as any SSH automation
// would (exec request; a shell session works the same way).
func run(t *testing.T, m *fleet.Member, command string) string {
	t.Helper()
	user, pw := m.Login()
	c, err := gossh.Dial("tcp", m.Addr().String(), &gossh.ClientConfig{
		User: user, Auth: []gossh.AuthMethod{gossh.Password(pw)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
	})
	if err != nil {
		t.Fatalf("%s: %v", m.Name(), err)
	}
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
// switches, let the code under test talk to them, check what it did from
// the devices' side.
func TestMyAutomation(t *testing.T) {
	f := startFleet(t, 3, "s5120ei")
	for _, m := range f.Members() {
		// Your code under test would connect to m.Addr() here.
		if out := run(t, m, "display version"); !strings.Contains(out, "Comware") && !strings.Contains(out, "Software Version") {
			t.Errorf("%s: display version:\n%s", m.Name(), out)
		}
		if out := run(t, m, "display current-configuration"); !strings.Contains(out, " sysname "+m.Name()+"\n") {
			t.Errorf("%s: sysname not in the configuration:\n%s", m.Name(), out)
		}
	}
}
