package fleet

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"switchemu/device"
)

// lacpPair is two switches cabled by two links between ports the
// profile leaves uncabled: only the fleet brings them up.
const lacpPair = `
devices:
  - name: a
    sysname: CORE-A
    listen: 127.0.0.1:0
  - name: b
    sysname: EDGE-B
    listen: 127.0.0.1:0
links:
  - a:GigabitEthernet2/0/11 -- b:GigabitEthernet2/0/21
  - a:GigabitEthernet2/0/12 -- b:GigabitEthernet2/0/22
`

// runOn runs command lines on m and fails the test on a refused one.
func runOn(t *testing.T, m *Member, cmds ...string) {
	t.Helper()
	res, err := m.Run(context.Background(), cmds, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if !r.OK || strings.Contains(r.Output, "Error") {
			t.Fatalf("%s: %q refused: %s %s", m.Name(), r.Command, r.Error, r.Output)
		}
	}
}

// aggregateOf is the state of m's aggregate name.
func aggregateOf(t *testing.T, m *Member, name string) device.Aggregate {
	t.Helper()
	dev, err := m.Device()
	if err != nil {
		t.Fatal(err)
	}
	cfg := dev.Snapshot()
	ag, ok := dev.AggregateOf(&cfg, name)
	if !ok {
		t.Fatalf("%s has no %s", m.Name(), name)
	}
	return ag
}

// selected lists the Selected members of an aggregate.
func selected(ag device.Aggregate) []string {
	var out []string
	for _, m := range ag.Members {
		if m.Selected {
			out = append(out, m.Port.Name)
		}
	}
	return out
}

// aggregate puts ports in a dynamic (or static) Bridge-Aggregation 1.
func aggregate(dynamic bool, ports ...string) []string {
	cmds := []string{"system-view", "interface Bridge-Aggregation1", "port link-type trunk", "port trunk permit vlan all"}
	if dynamic {
		cmds = append(cmds, "link-aggregation mode dynamic")
	}
	cmds = append(cmds, "quit")
	for _, p := range ports {
		cmds = append(cmds, "interface "+p, "port link-type trunk", "port trunk permit vlan all", "port link-aggregation group 1", "quit")
	}
	return cmds
}

func TestLACPDynamicPair(t *testing.T) {
	f := startFleet(t, lacpPair)
	a, b := f.Member("a"), f.Member("b")
	runOn(t, a, aggregate(true, "GigabitEthernet2/0/11", "GigabitEthernet2/0/12")...)

	// Only a is in a dynamic aggregate: no partner, nothing Selected.
	if ag := aggregateOf(t, a, "Bridge-Aggregation1"); len(selected(ag)) != 0 || ag.Up {
		t.Fatalf("a's aggregate with a far end in no aggregate: selected %v, up %v", selected(ag), ag.Up)
	}
	if out := execOn(t, a, "display link-aggregation verbose"); !regexp.MustCompile(`GE2/0/11\s+U\s`).MatchString(out) {
		t.Errorf("a's verbose display without a partner:\n%s", out)
	}

	runOn(t, b, aggregate(true, "GigabitEthernet2/0/21", "GigabitEthernet2/0/22")...)
	for _, m := range []*Member{a, b} {
		ag := aggregateOf(t, m, "Bridge-Aggregation1")
		if len(selected(ag)) != 2 || !ag.Up {
			t.Fatalf("%s: both links in dynamic aggregates: selected %v, up %v", m.Name(), selected(ag), ag.Up)
		}
	}
	adev, _ := a.Device()
	bdev, _ := b.Device()
	// Each end sees the other's system ID as partner.
	if out := execOn(t, a, "display link-aggregation summary"); !strings.Contains(out, "BAGG1      D     "+bdev.SystemID()+"  2       0") {
		t.Errorf("a's summary:\n%s", out)
	}
	if out := execOn(t, b, "display link-aggregation member-port GigabitEthernet2/0/21"); !strings.Contains(out, "System ID: "+adev.SystemID()) || !strings.Contains(out, "Flag: {ACDEF}") {
		t.Errorf("b's member port:\n%s", out)
	}
	// The far end's address is learned on the aggregate, not a member.
	if macs := execOn(t, a, "display mac-address"); !regexp.MustCompile(bdev.Profile().Brand.BridgeMAC + `\s+1\s+Learned\s+Bridge-Aggregation1\s`).MatchString(macs) {
		t.Errorf("a's MAC table:\n%s", macs)
	}
	if !logHas(t, a, "Bridge-Aggregation1 link status is UP") {
		t.Error("a did not log its aggregate up")
	}

	// Pull one cable: one member Unselected, the aggregate stays up.
	if _, err := a.SetLink("GigabitEthernet2/0/12", false); err != nil {
		t.Fatal(err)
	}
	for _, m := range []*Member{a, b} {
		ag := aggregateOf(t, m, "Bridge-Aggregation1")
		if len(selected(ag)) != 1 || !ag.Up {
			t.Fatalf("%s after one cable pulled: selected %v, up %v", m.Name(), selected(ag), ag.Up)
		}
	}
	// Plug it back; then take b's port out of its aggregate: that link's
	// members are Unselected on both ends (a has no partner there, b has
	// no group).
	if _, err := a.SetLink("GigabitEthernet2/0/12", true); err != nil {
		t.Fatal(err)
	}
	if got := selected(aggregateOf(t, a, "Bridge-Aggregation1")); len(got) != 2 {
		t.Fatalf("a after the cable is back: selected %v", got)
	}
	runOn(t, b, "system-view", "interface GigabitEthernet2/0/22", "undo port link-aggregation group")
	if got := selected(aggregateOf(t, a, "Bridge-Aggregation1")); len(got) != 1 || got[0] != "GigabitEthernet2/0/11" {
		t.Fatalf("a with one far port out of its aggregate: selected %v", got)
	}

	// shutdown on a's aggregate takes its members down, and the far
	// ends with them; undo shutdown brings them back.
	runOn(t, a, "system-view", "interface Bridge-Aggregation1", "shutdown")
	if ag := aggregateOf(t, b, "Bridge-Aggregation1"); len(selected(ag)) != 0 || ag.Up || linkUp(t, b, "GigabitEthernet2/0/21") {
		t.Fatalf("b with a's aggregate shut down: selected %v, up %v", selected(ag), ag.Up)
	}
	runOn(t, a, "system-view", "interface Bridge-Aggregation1", "undo shutdown")
	if got := selected(aggregateOf(t, b, "Bridge-Aggregation1")); len(got) != 1 {
		t.Fatalf("b after undo shutdown: selected %v", got)
	}

	// A static far end sends no LACPDUs: a dynamic aggregate selects
	// nothing over it; a static one selects what is up.
	runOn(t, b, "system-view", "interface Bridge-Aggregation1", "undo link-aggregation mode")
	if ag := aggregateOf(t, a, "Bridge-Aggregation1"); len(selected(ag)) != 0 || ag.Up {
		t.Fatalf("a, dynamic, over a static far end: selected %v, up %v", selected(ag), ag.Up)
	}
	if ag := aggregateOf(t, b, "Bridge-Aggregation1"); len(selected(ag)) != 1 || !ag.Up {
		t.Fatalf("b, static: selected %v, up %v", selected(ag), ag.Up)
	}
}

// TestLACPMismatchRefused: a port whose VLAN settings differ from the
// aggregate's does not join it, and nothing changes.
func TestLACPMismatchRefused(t *testing.T) {
	f := startFleet(t, lacpPair)
	a := f.Member("a")
	runOn(t, a, "system-view", "interface Bridge-Aggregation1", "port link-type trunk", "link-aggregation mode dynamic")
	res, err := a.Run(context.Background(), []string{"system-view", "interface GigabitEthernet2/0/11", "port link-aggregation group 1"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if last := res[len(res)-1]; !strings.Contains(last.Output, "attribute configurations are different than the aggregate interface") {
		t.Fatalf("joining with other settings: %+v", last)
	}
	if ag := aggregateOf(t, a, "Bridge-Aggregation1"); len(ag.Members) != 0 {
		t.Fatalf("refused port joined: %+v", ag.Members)
	}
}

// TestLACPPushesSettle: what a device advertises of its aggregates
// depends on its configuration only, so a change is pushed once and the
// far end's update does not push back forever.
func TestLACPPushesSettle(t *testing.T) {
	f := startFleet(t, lacpPair)
	a, b := f.Member("a"), f.Member("b")
	runOn(t, a, aggregate(true, "GigabitEthernet2/0/11", "GigabitEthernet2/0/12")...)
	runOn(t, b, aggregate(true, "GigabitEthernet2/0/21", "GigabitEthernet2/0/22")...)
	bdev, _ := b.Device()
	adv, _ := bdev.Advert("GigabitEthernet2/0/21")
	adev, _ := a.Device()
	// Pushing b's advert again changes nothing on a.
	if adev.SetPeer("GigabitEthernet2/0/11", &adv) {
		t.Error("re-pushing an unchanged advert reported a change")
	}
	if !adv.LACP.Active || adv.LACP.SystemMAC != bdev.Profile().Brand.BridgeMAC || adv.LACP.Key != 1 {
		t.Errorf("b's LACP advert: %+v", adv.LACP)
	}
}
