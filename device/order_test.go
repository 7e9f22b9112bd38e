package device

import (
	"slices"
	"testing"
)

// TestInterfaceOrder checks that the cached order follows every change of
// the set of interfaces, including one that keeps their number.
func TestInterfaceOrder(t *testing.T) {
	d, _ := newTestDevice(t)
	check := func(what string) {
		t.Helper()
		cfg := d.View()
		if got, want := d.InterfaceOrder(&cfg), cfg.SortedInterfaceNames(); !slices.Equal(got, want) {
			t.Fatalf("%s: InterfaceOrder = %d names %v..., want %d %v...", what, len(got), got[:3], len(want), want[:3])
		}
	}
	check("factory")
	check("factory again (cached)")
	mustUpdate(t, d, func(c *Config) {
		c.Interfaces["Vlan-interface1"] = NewLogical(KindVlanIf, 1)
		c.Interfaces["Vlan-interface7"] = NewLogical(KindVlanIf, 7)
	})
	check("Vlan-interface1 and 7 added")
	mustUpdate(t, d, func(c *Config) {
		delete(c.Interfaces, "Vlan-interface7")
		c.Interfaces["Vlan-interface3"] = NewLogical(KindVlanIf, 3)
	})
	check("Vlan-interface7 replaced by Vlan-interface3")
	cfg := d.View()
	names := d.InterfaceOrder(&cfg)
	i, j := slices.Index(names, "Vlan-interface1"), slices.Index(names, "Vlan-interface3")
	if i < 0 || j != i+1 {
		t.Errorf("Vlan-interface3 at %d, Vlan-interface1 at %d: want it right after", j, i)
	}
}

// TestLinkStatesOf checks that the ordered link states say what the map
// of them says, VLAN interfaces included.
func TestLinkStatesOf(t *testing.T) {
	d, _ := newTestDevice(t)
	mustUpdate(t, d, func(c *Config) {
		c.Interfaces["Vlan-interface1"] = NewLogical(KindVlanIf, 1)
		c.Interfaces["Vlan-interface7"] = NewLogical(KindVlanIf, 7)
	})
	cfg := d.View()
	names := d.InterfaceOrder(&cfg)
	states, m := d.LinkStatesOf(&cfg, names), d.LinkStates(&cfg)
	ups := 0
	for i, name := range names {
		if states[i] != m[name] {
			t.Errorf("%s: LinkStatesOf says %v, LinkStates %v", name, states[i], m[name])
		}
		if states[i] {
			ups++
		}
	}
	if i := slices.Index(names, "Vlan-interface1"); i < 0 || !states[i] || states[slices.Index(names, "Vlan-interface7")] {
		t.Errorf("Vlan-interface1 should be up (ports in VLAN 1 are), Vlan-interface7 down")
	}
	if ups == 0 || ups == len(names) {
		t.Errorf("%d of %d links up: want some of each", ups, len(names))
	}
}
