package cli

import (
	"strings"
	"testing"
)

// FuzzModelCommands types arbitrary lines into interface, VLAN and
// system view of one device: nothing may panic, and the configuration
// the device keeps stays valid and renders, replays and renders the same.
func FuzzModelCommands(f *testing.F) {
	for _, s := range []string{
		"port link-type trunk\nport trunk permit vlan 10 20 to 30\nport trunk pvid vlan 4094",
		"port trunk permit vlan 4094 to 1", "port hybrid vlan 1 to 4094 untagged", "port hybrid vlan tagged",
		"port link-type hybrid\nport hybrid vlan 1 2 3 t\nundo port hybrid vlan all",
		"speed 10\nduplex half\nspeed 1000", "jumboframe enable 1536", "broadcast-suppression 100",
		"ip address 10.0.0.1 0", "ip route-static 1.2.3.4 33 5.6.7.8", "ip route-static 0.0.0.0 0 NULL 0",
		"mac-address static ffff-ffff-ffff interface g2/0/1 vlan 1", "arp static 1.1.1.1 1-2-3 1 g2/0/1",
		"clock timezone x minus 99:00:00", "info-center logbuffer size 1",
		"vlan 4094 to 4094\nundo vlan 2 to 4094",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, _ := modelDevice(t)
		c := newConsole(t, d)
		c.run("system-view")
		lines := strings.Split(text, "\n")
		if len(lines) > 12 {
			lines = lines[:12]
		}
		for i, line := range lines {
			if len(line) > 200 {
				line = line[:200]
			}
			switch i % 3 {
			case 0:
				c.run("interface GigabitEthernet2/0/1")
			case 1:
				c.run("interface Vlan-interface1")
			default:
				c.run("vlan 10")
			}
			c.run(line)
			c.run("quit")
			for len(c.s.stack) > 2 {
				c.run("quit")
			}
		}
		cfg := d.Snapshot()
		if err := cfg.Validate(); err != nil {
			t.Fatalf("invalid configuration: %v", err)
		}
		d.RoutingTable(&cfg)
		d.MACTable(&cfg)
		d.ARPTable(&cfg)
		if len(cfg.VLANs) > 64 {
			return // replaying thousands of VLANs takes seconds: too slow to fuzz
		}
		rendered := renderConfig(cfg, d.Profile())
		d2, _ := modelDevice(t)
		New(d2, nil).Replay(rendered)
		if again := renderConfig(d2.Snapshot(), d2.Profile()); again != rendered {
			t.Fatalf("round trip changed the configuration:\n%s", lineDiff(rendered, again))
		}
	})
}
