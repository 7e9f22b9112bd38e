package cli

import (
	"sync"
	"testing"
	"time"

	"switchemu/device"
	"switchemu/profiles"
)

// fakeClock is a clock that tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// modelDevice is a device of the default profile with its factory
// configuration and a clock the test moves.
func modelDevice(t testing.TB) (*device.Device, *fakeClock) {
	t.Helper()
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	clk := &fakeClock{t: time.Date(2011, 1, 8, 19, 35, 31, 0, time.UTC)}
	d := device.New(p, device.Options{Now: clk.now})
	if errs := New(d, nil).Replay(p.Factory.Config); len(errs) > 0 {
		t.Fatalf("factory configuration: %v", errs)
	}
	return d, clk
}

// configureLab applies the configuration the conformance and golden
// tests share: VLANs, a trunk, a hybrid port, a shut port, VLAN
// interfaces with addresses, a loopback, static routes and entries.
func configureLab(c *console) {
	c.must("system-view",
		"vlan 10", "name Servers", "quit", "vlan 20 to 30",
		"interface Vlan-interface1", "ip address 192.168.0.233 255.255.255.0", "ip address 10.1.1.1 24 sub", "quit",
		"interface Vlan-interface10", "ip address 10.10.10.1 24", "quit",
		"interface LoopBack0", "ip address 1.1.1.1 32", "quit",
		"ip route-static 0.0.0.0 0 192.168.0.1",
		"ip route-static 172.16.0.0 255.255.0.0 Vlan-interface 1 192.168.0.2 preference 70",
		"ip route-static 10.99.0.0 16 203.0.113.1",
		"interface GigabitEthernet2/0/1", "port access vlan 10", "description uplink to servers", "quit",
		"interface GigabitEthernet2/0/2", "port link-type trunk", "port trunk permit vlan 10 20 to 25", "port trunk pvid vlan 10", "quit",
		"interface GigabitEthernet2/0/3", "port link-type hybrid", "port hybrid vlan 10 20 tagged", "speed 100", "duplex full", "quit",
		"interface GigabitEthernet2/0/4", "shutdown", "quit",
		"mac-address static 0011-2233-4455 interface GigabitEthernet2/0/1 vlan 10",
		"arp static 10.10.10.9 0011-2233-4477 10 GigabitEthernet2/0/1",
		"clock timezone Z5 add 05:00:00",
		"return")
}
