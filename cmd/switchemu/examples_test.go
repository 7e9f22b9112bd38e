package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchemu/internal/interop"
)

// The examples of examples/ against a fleet, as their comments run them
// (switchemu --devices N, the inventory from switchemu inventory). The
// Ansible example is TestAnsiblePlaybook; the Go test helper example is
// a test itself (go test ./examples/gotest).

func examplePath(t *testing.T, parts ...string) string {
	t.Helper()
	root, err := interop.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(append([]string{root, "examples"}, parts...)...)
}

func checkExample(t *testing.T, p *fleetProcess, out string, err error, ok string) {
	t.Helper()
	if err != nil || !strings.Contains(out, ok) {
		t.Fatalf("%v\n%s\nemulator:\n%s", err, interop.Tail(out, 40), interop.Tail(tail(p.out.String(), 40), 20))
	}
	for _, row := range p.devices {
		if !strings.Contains(out, row[0]) {
			t.Errorf("no line for %s:\n%s", row[0], interop.Tail(out, 40))
		}
	}
}

func TestExampleNetmiko(t *testing.T) {
	interop.Need(t, "Netmiko for Debian's Python", "apt-get install -y python3-netmiko", "/usr/bin/python3", "-c", "import netmiko")
	p, flags := exampleFleet(t, 3)
	inv := inventoryFile(t, t.TempDir(), "csv", flags)
	out, err := runClient(t, 3*time.Minute, nil, nil, "/usr/bin/python3", examplePath(t, "netmiko", "display_version.py"), inv)
	checkExample(t, p, out, err, "NETMIKO EXAMPLE OK 3 devices")
	if strings.Contains(out, "MISSING") {
		t.Errorf("a VLAN did not show:\n%s", out)
	}
	for _, row := range p.devices {
		if saved := execSSH(t, row, "display saved-configuration"); !strings.Contains(saved, "\nvlan 300\n name Netmiko\n") {
			t.Errorf("%s: vlan 300 not saved:\n%s", row[0], interop.Tail(saved, 20))
		}
	}
}

func TestExampleNornir(t *testing.T) {
	interop.Need(t, "Netmiko and PyYAML for Debian's Python", "apt-get install -y python3-netmiko python3-yaml",
		"/usr/bin/python3", "-c", "import netmiko, yaml")
	p, flags := exampleFleet(t, 3)
	inv := inventoryFile(t, t.TempDir(), "nornir", flags)
	out, err := runClient(t, 3*time.Minute, nil, nil, "/usr/bin/python3", examplePath(t, "nornir", "hosts_tasks.py"), inv)
	checkExample(t, p, out, err, "NORNIR EXAMPLE OK 3 hosts")
}

func TestExampleScrapligo(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "scrapligo-example")
	if out, err := exec.Command("go", "build", "-o", bin, examplePath(t, "scrapligo")).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, interop.Tail(string(out), 20))
	}
	p, flags := exampleFleet(t, 3)
	inv := inventoryFile(t, t.TempDir(), "csv", flags)
	out, err := runClient(t, 2*time.Minute, nil, nil, bin, inv)
	checkExample(t, p, out, err, "SCRAPLIGO EXAMPLE OK 3 devices")
	for _, row := range p.devices {
		if saved := execSSH(t, row, "display saved-configuration"); !strings.Contains(saved, "\nvlan 400\n name Scrapligo\n") {
			t.Errorf("%s: vlan 400 not saved:\n%s", row[0], interop.Tail(saved, 20))
		}
	}
}
