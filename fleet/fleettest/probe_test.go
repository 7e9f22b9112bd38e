package fleettest_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"switchemu/fleet"
	"switchemu/fleet/fleettest"
)

// pingPair is two switches cabled GE2/0/1 to GE2/0/1, both in VLAN 1:
// a has 10.0.0.1/24; b has 10.0.0.2/24, a LoopBack0 and the subnet of
// its profile's end stations (192.168.0.0/24) as a sub address (.3).
func pingPair(t *testing.T) (a, b *fleettest.Device) {
	t.Helper()
	port := "GigabitEthernet2/0/1"
	inv := &fleet.Inventory{
		Devices: []fleet.Spec{{Name: "a", Sysname: "a"}, {Name: "b", Sysname: "b"}},
		Links:   []fleet.Link{{A: fleet.Port{Device: "a", Interface: port}, B: fleet.Port{Device: "b", Interface: port}}},
	}
	f := fleettest.Start(t, fleettest.Options{Inventory: inv})
	a, b = f.Device("a"), f.Device("b")
	if refused := a.MergeConfig("interface Vlan-interface1\n ip address 10.0.0.1 24\n"); len(refused) > 0 {
		t.Fatalf("a: %v", refused)
	}
	if refused := b.MergeConfig("interface Vlan-interface1\n ip address 10.0.0.2 24\n ip address 192.168.0.3 24 sub\n" +
		"interface LoopBack0\n ip address 2.2.2.2 32\n"); len(refused) > 0 {
		t.Fatalf("b: %v", refused)
	}
	return a, b
}

var received = regexp.MustCompile(`(\d+) packet\(s\) received`)

// pings runs one ping (one echo, 10 ms timeout) and returns how many
// replies came, failing the test on output it cannot read.
func pings(t *testing.T, d *fleettest.Device, host string) (string, bool) {
	t.Helper()
	out := d.Command("ping -c 1 -t 10 " + host)
	m := received.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("%s: ping %s: no statistics in %q", d.Name(), host, out)
	}
	return out, m[1] == "1"
}

func wantPing(t *testing.T, d *fleettest.Device, host string, ok bool, why string) string {
	t.Helper()
	out, got := pings(t, d, host)
	if got != ok {
		t.Fatalf("%s: ping %s %s: reply %v, want %v:\n%s", d.Name(), host, why, got, ok, out)
	}
	return out
}

// A neighbour answers over an up link, not over a pulled cable or a
// shut port, and again when the link comes back.
func TestPingNeighbourFollowsLink(t *testing.T) {
	a, b := pingPair(t)
	port := "GigabitEthernet2/0/1"
	out := wantPing(t, a, "10.0.0.2", true, "over the link")
	if !strings.Contains(out, "    Reply from 10.0.0.2: bytes=56 Sequence=1 ttl=255 time=1 ms\n") {
		t.Fatalf("reply line: %q", out)
	}
	wantPing(t, b, "10.0.0.1", true, "back over the link")
	if out := a.Command("tracert -w 10 10.0.0.2"); !strings.Contains(out, "\n 1 10.0.0.2 1 ms 1 ms 1 ms\n") || strings.Contains(out, " 2 ") {
		t.Fatalf("tracert: %q", out)
	}

	a.LinkDown(port)
	wantPing(t, a, "10.0.0.2", false, "after the cable is pulled")
	wantPing(t, b, "10.0.0.1", false, "from the far end after the cable is pulled")
	if out := a.Command("tracert -m 1 -w 10 10.0.0.2"); !strings.Contains(out, "\n 1 * * *\n") {
		t.Fatalf("tracert over a pulled cable: %q", out)
	}
	a.LinkUp(port)
	wantPing(t, a, "10.0.0.2", true, "after the cable is back")

	b.Run("system-view", "interface "+port, "shutdown")
	wantPing(t, a, "10.0.0.2", false, "with the far port shut")
	b.Run("system-view", "interface "+port, "undo shutdown")
	wantPing(t, a, "10.0.0.2", true, "with the far port up again")

	a.Run("system-view", "interface "+port, "shutdown")
	wantPing(t, a, "10.0.0.2", false, "with the local port shut")
	a.Run("system-view", "interface "+port, "undo shutdown")
	wantPing(t, a, "10.0.0.2", true, "with the local port up again")

	// An address the neighbour does not have: nobody answers.
	wantPing(t, a, "10.0.0.3", false, "to an address nobody has")
}

// A remote subnet needs a static route whose next hop is reachable; the
// neighbour that is the next hop answers for its own addresses and
// forwards to the stations of its segments.
func TestPingNeedsRoute(t *testing.T) {
	a, b := pingPair(t)
	wantPing(t, a, "2.2.2.2", false, "without a route")
	wantPing(t, a, "192.168.0.13", false, "without a route")
	a.Run("system-view", "ip route-static 2.2.2.2 32 10.0.0.2", "ip route-static 192.168.0.0 24 10.0.0.2")
	wantPing(t, a, "2.2.2.2", true, "routed to the neighbour that has it")
	out := wantPing(t, a, "192.168.0.13", true, "routed through the neighbour to its station")
	if !strings.Contains(out, "ttl=254") {
		t.Fatalf("one router on the way: %q", out)
	}
	if out := a.Command("tracert -w 10 192.168.0.13"); !strings.Contains(out, "\n 1 10.0.0.2 1 ms 1 ms 1 ms\n 2 192.168.0.13 ") {
		t.Fatalf("tracert through the neighbour: %q", out)
	}
	wantPing(t, a, "192.168.0.99", false, "to a station the neighbour does not have")
	// The longest match wins: a host route to NULL0 drops what the /24
	// would carry.
	a.Run("system-view", "ip route-static 192.168.0.13 32 NULL0")
	wantPing(t, a, "192.168.0.13", false, "with a blackhole host route")
	wantPing(t, a, "192.168.0.14", true, "beside the blackhole host route")

	// b takes its address away: the next hop is gone, and so is the route.
	b.Run("system-view", "interface Vlan-interface1", "undo ip address")
	wantPing(t, a, "2.2.2.2", false, "with the next hop gone")
	b.Run("system-view", "interface Vlan-interface1", "ip address 10.0.0.2 24")
	wantPing(t, a, "2.2.2.2", true, "with the next hop back")

	// A route through a next hop that is not there does not help.
	a.Run("system-view", "undo ip route-static 2.2.2.2 32 10.0.0.2", "ip route-static 2.2.2.2 32 10.0.0.9")
	wantPing(t, a, "2.2.2.2", false, "through a next hop nobody has")
}

// NTP synchronises to a server a probe reaches: a fleet neighbour over
// an up link, through a route to one of its addresses; not while the
// cable is pulled.
func TestNTPFollowsReachability(t *testing.T) {
	a, _ := pingPair(t)
	status := func(why string, want string) {
		t.Helper()
		if out := a.Command("display ntp-service status"); !strings.Contains(out, " Clock status: "+want+"\n") {
			t.Fatalf("%s: want %s:\n%s", why, want, out)
		}
	}
	status("no server", "unsynchronized")
	a.Run("system-view", "ntp-service unicast-server 2.2.2.2")
	status("a server without a route", "unsynchronized")
	a.Run("system-view", "ip route-static 2.2.2.0 24 10.0.0.2")
	status("a server routed to the neighbour", "synchronized")
	if out := a.Command("display ntp-service sessions"); !strings.Contains(out, "\n[12345]2.2.2.2 ") {
		t.Fatalf("sessions: %s", out)
	}
	a.LinkDown("GigabitEthernet2/0/1")
	status("the cable pulled", "unsynchronized")
	if out := a.Command("display ntp-service sessions"); !strings.Contains(out, "\n[5]2.2.2.2 ") {
		t.Fatalf("sessions over a pulled cable: %s", out)
	}
	a.LinkUp("GigabitEthernet2/0/1")
	status("the cable back", "synchronized")
}

// The ARP table learns every address a fleet neighbour has on the
// segment, not only the one LLDP advertises.
func TestARPLearnsNeighbourAddresses(t *testing.T) {
	a, b := pingPair(t)
	a.Run("system-view", "interface Vlan-interface1", "ip address 192.168.0.4 24 sub")
	out := a.Command("display arp vlan 1")
	for _, ip := range []string{"10.0.0.2", "192.168.0.3"} {
		if !regexp.MustCompile(`\n` + regexp.QuoteMeta(ip) + ` +[0-9a-f-]+ +1 +GE2/0/1 `).MatchString(out) {
			t.Errorf("no ARP entry for %s on GE2/0/1:\n%s", ip, out)
		}
	}
	b.Run("system-view", "interface Vlan-interface1", "undo ip address 192.168.0.3 24 sub")
	if out := a.Command("display arp 192.168.0.3"); strings.Contains(out, "192.168.0.3 ") {
		t.Errorf("the neighbour's removed address is still learned:\n%s", out)
	}
}

// A VLAN carried tagged on both ends of the cable joins the VLAN
// interfaces of both switches; a far end that does not permit the VLAN
// cuts it off. Any address of the neighbour on the segment answers, not
// only the one LLDP advertises.
func TestPingOverTaggedVLAN(t *testing.T) {
	a, b := pingPair(t)
	port := "GigabitEthernet2/0/1"
	for i, d := range []*fleettest.Device{a, b} {
		d.Run("system-view", "vlan 20", "quit", "interface Vlan-interface20", fmt.Sprintf("ip address 172.16.20.%d 24", i+1), "quit",
			"interface "+port, "port link-type trunk", "port trunk permit vlan 20")
	}
	wantPing(t, a, "172.16.20.2", true, "over VLAN 20 tagged on both ends")
	wantPing(t, a, "10.0.0.2", true, "over VLAN 1, untagged")
	a.Run("system-view", "interface Vlan-interface1", "ip address 192.168.0.4 24 sub")
	wantPing(t, a, "192.168.0.3", true, "to the neighbour's sub address")
	b.Run("system-view", "interface "+port, "undo port trunk permit vlan 20")
	wantPing(t, a, "172.16.20.2", false, "with VLAN 20 no longer permitted at the far end")
	wantPing(t, a, "10.0.0.2", true, "over VLAN 1 still")
}
