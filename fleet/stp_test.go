package fleet

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"switchemu/device"
)

// ringInventory is n switches cabled in a ring, sw1's MAC the lowest,
// each port 2/0/1 to the next switch's 2/0/2.
func ringInventory(n int) string {
	var b strings.Builder
	b.WriteString("devices:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - name: sw%d\n    listen: 127.0.0.1:0\n    mac: 0000-0000-%04x\n    config: \" stp enable\\n\"\n", i, i)
	}
	b.WriteString("links:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - sw%d:GigabitEthernet2/0/1 -- sw%d:GigabitEthernet2/0/2\n", i, i%n+1)
	}
	return b.String()
}

func stpOf(t *testing.T, m *Member) (*device.Device, device.STPStatus) {
	t.Helper()
	dev, err := m.Device()
	if err != nil {
		t.Fatal(err)
	}
	return dev, dev.STPStatus()
}

// blocked lists the ring's discarding ports.
func blocked(t *testing.T, f *Fleet, n int) []string {
	t.Helper()
	var out []string
	for i := 1; i <= n; i++ {
		_, st := stpOf(t, f.Member(fmt.Sprintf("sw%d", i)))
		for _, p := range st.Ports {
			if p.State == device.StateDiscarding {
				out = append(out, fmt.Sprintf("sw%d %s", i, p.Name))
			}
		}
	}
	return out
}

// TestSTPRing: a ring of six converges to one blocked port, opposite the
// root; a change that does not touch the tree moves no advert (no
// pushes); isolating the root makes the next lowest bridge ID the root
// of the remaining chain, with nothing blocked and no stale root left
// anywhere (message age ends it), and the same state whatever the order.
func TestSTPRing(t *testing.T) {
	const n = 6
	f := startFleet(t, ringInventory(n))
	root := device.BridgeID{Priority: 32768, MAC: [6]byte{5: 1}}
	for i := 1; i <= n; i++ {
		if _, st := stpOf(t, f.Member(fmt.Sprintf("sw%d", i))); st.Root != root {
			t.Fatalf("sw%d: root %s, want %s", i, st.Root, root)
		}
	}
	// sw4 is three hops away both ways; the tie goes to the lower
	// designated bridge ID: sw3 forwards to sw4, sw5's side blocks.
	if got := blocked(t, f, n); len(got) != 1 || got[0] != "sw4 GigabitEthernet2/0/1" {
		t.Fatalf("blocked %v, want [sw4 GigabitEthernet2/0/1]", got)
	}

	gens := map[int]uint64{}
	for i := 1; i <= n; i++ {
		dev, _ := stpOf(t, f.Member(fmt.Sprintf("sw%d", i)))
		gens[i] = dev.STPGen()
	}
	if _, err := f.Member("sw3").Run(context.Background(), []string{"system-view", "vlan 10", "sysname SW3"}, "test"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if dev, _ := stpOf(t, f.Member(fmt.Sprintf("sw%d", i))); dev.STPGen() != gens[i] {
			t.Errorf("sw%d: a change outside the spanning tree moved its adverts (%d → %d)", i, gens[i], dev.STPGen())
		}
	}

	// Isolate the root: sw2 is the root of sw2..sw6.
	sw1 := f.Member("sw1")
	for _, port := range []string{"GigabitEthernet2/0/1", "GigabitEthernet2/0/2"} {
		if _, err := sw1.SetLink(port, false); err != nil {
			t.Fatal(err)
		}
	}
	next := device.BridgeID{Priority: 32768, MAC: [6]byte{5: 2}}
	for i := 2; i <= n; i++ {
		_, st := stpOf(t, f.Member(fmt.Sprintf("sw%d", i)))
		if st.Root != next || st.RootCost != 20*(i-2) {
			t.Errorf("sw%d: root %s cost %d, want %s cost %d", i, st.Root, st.RootCost, next, 20*(i-2))
		}
	}
	if got := blocked(t, f, n); len(got) != 0 {
		t.Errorf("a chain blocks %v", got)
	}
	if _, st := stpOf(t, sw1); st.Root != root || st.RootPort != "" {
		t.Errorf("the isolated sw1: root %s port %q, want itself", st.Root, st.RootPort)
	}

	// Plug it back: the first state again.
	for _, port := range []string{"GigabitEthernet2/0/1", "GigabitEthernet2/0/2"} {
		if _, err := sw1.SetLink(port, true); err != nil {
			t.Fatal(err)
		}
	}
	if got := blocked(t, f, n); len(got) != 1 || got[0] != "sw4 GigabitEthernet2/0/1" {
		t.Fatalf("plugged back: blocked %v, want [sw4 GigabitEthernet2/0/1]", got)
	}
}

// TestSTPLoneSwitch: a switch with no links is the root, its up ports
// designated and forwarding, its down ports out of the tree.
func TestSTPLoneSwitch(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: a\n    listen: 127.0.0.1:0\n    config: \" stp enable\\n\"\n")
	dev, st := stpOf(t, f.Member("a"))
	if st.Root != st.Bridge || st.RootPort != "" || st.RootCost != 0 {
		t.Fatalf("root %s port %q cost %d, want itself", st.Root, st.RootPort, st.RootCost)
	}
	cfg := dev.Snapshot()
	up := 0
	for _, p := range st.Ports {
		linkUp := dev.LinkUp(&cfg, cfg.Interfaces[p.Name])
		switch {
		case linkUp && (p.Role != device.RoleDesignated || p.State != device.StateForwarding):
			t.Errorf("%s: %s %s, want DESI FORWARDING", p.Name, p.Role, p.State)
		case !linkUp && p.Up:
			t.Errorf("%s: down but in the tree", p.Name)
		}
		if linkUp {
			up++
		}
	}
	if up == 0 {
		t.Fatal("the profile has no up port to check")
	}
}
