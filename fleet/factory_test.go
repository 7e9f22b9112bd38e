package fleet

import (
	"strings"
	"testing"
)

// TestFactoryConfig: the factory configuration is what the device runs
// after a factory reset, with the inventory's identity, and reading it
// changes nothing.
func TestFactoryConfig(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: lab1\n    sysname: Lab-One\n    config: |\n      vlan 99\n       name mgmt\n")
	m := f.Member("lab1")
	if _, err := m.PutConfig("sysname Changed\nvlan 10\n name Servers\n", true); err != nil {
		t.Fatal(err)
	}
	factory, err := m.FactoryConfig()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n sysname Lab-One\n", "\nvlan 99\n name mgmt\n"} {
		if !strings.Contains(factory, want) {
			t.Errorf("factory configuration lacks %q:\n%s", want, factory)
		}
	}
	if strings.Contains(factory, "vlan 10") || strings.Contains(factory, "Changed") {
		t.Errorf("factory configuration has the running changes:\n%s", factory)
	}
	if running, _ := m.Config(); !strings.Contains(running, "vlan 10") {
		t.Errorf("reading the factory configuration changed the device:\n%s", running)
	}
	if err := m.FactoryReset(); err != nil {
		t.Fatal(err)
	}
	if running, _ := m.Config(); running != factory {
		t.Errorf("after a factory reset the device runs\n%s\nnot its factory configuration\n%s", running, factory)
	}
}

// TestPorts: the cabled ports come first with their far ends, and a
// pulled cable shows.
func TestPorts(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: a\n  - name: b\nlinks:\n  - a:GigabitEthernet2/0/3 -- b:GigabitEthernet2/0/7\n")
	a := f.Member("a")
	if _, err := a.SetLink("GigabitEthernet2/0/3", false); err != nil {
		t.Fatal(err)
	}
	ports, err := a.Ports()
	if err != nil {
		t.Fatal(err)
	}
	if len(ports) < 2 || ports[0].Name != "GigabitEthernet2/0/3" || ports[0].Cable != "b GigabitEthernet2/0/7" || !ports[0].Pulled || ports[0].Up {
		t.Fatalf("ports: %+v", ports[:min(3, len(ports))])
	}
	if ports[1].Cable != "" || ports[1].Pulled {
		t.Errorf("second port: %+v", ports[1])
	}
}
