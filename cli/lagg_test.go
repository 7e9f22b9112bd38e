package cli

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"switchemu/device"
	"switchemu/profiles"
)

// lacpPartner is a far end in a dynamic aggregate, as a fleet link would
// advertise it.
func lacpPartner(port int) *device.Peer {
	return &device.Peer{Up: true, Neighbor: profiles.Neighbor{SystemName: "DIST-1", ChassisID: "000f-e267-57ad",
		PortID: fmt.Sprintf("GigabitEthernet1/0/%d", port), PortDesc: "to core", SystemDesc: "H3C Switch S5500-28C-EI", PVID: 1},
		LACP: device.LACPAdvert{Active: true, SystemPriority: device.LACPDefaultPriority,
			SystemMAC: "000f-e267-57ad", Key: 7, Port: port, PortPriority: device.LACPDefaultPriority, InLine: true}}
}

// configureLagg adds aggregates to the lab: a static one whose members
// have no cable (Unselected), and a dynamic one with an LACP partner on
// both cabled members (Selected).
func configureLagg(c *console, d *device.Device) {
	d.SetPeer("GigabitEthernet3/0/1", lacpPartner(21))
	d.SetPeer("Ten-GigabitEthernet4/0/1", lacpPartner(22))
	c.must("system-view",
		"interface Bridge-Aggregation1", "quit",
		"interface GigabitEthernet2/0/5", "port link-aggregation group 1", "quit",
		"interface GigabitEthernet2/0/6", "port link-aggregation group 1", "quit",
		"interface Bridge-Aggregation20", "link-aggregation mode dynamic", "port link-type trunk", "port trunk permit vlan all", "quit",
		"interface GigabitEthernet3/0/1", "port link-type trunk", "port trunk permit vlan all", "port link-aggregation group 20", "quit",
		"interface Ten-GigabitEthernet4/0/1", "port link-type trunk", "port trunk permit vlan all", "port link-aggregation group 20", "quit",
		"return")
}

// checkLaggVerbose: the template keeps the dynamic aggregates (a static
// one has no Local: table, and the template records an aggregate only
// when its Remote: table ends it), with their member lists.
func checkLaggVerbose(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	got := byKey(t, recs, "INTERFACE")
	want := 0
	for _, ag := range d.Aggregates(cfg) {
		if !ag.LACPDynamic {
			continue
		}
		want++
		r, ok := got[ag.Name]
		if !ok {
			t.Errorf("%s missing", ag.Name)
			continue
		}
		expect(t, ag.Name+" mode", field(r, "AGGREGATION_MODE"), "Dynamic")
		expect(t, ag.Name+" loadsharing", field(r, "LOADSHARING"), "Shar")
		var ports []string
		for _, m := range ag.Members {
			ports = append(ports, m.Port.BriefName())
		}
		if !slices.Equal(list(r, "LOCAL_INTERFACES"), ports) || !slices.Equal(list(r, "REMOTE_INTERFACES"), ports) {
			t.Errorf("%s members: parsed %q / %q, model %q", ag.Name, list(r, "LOCAL_INTERFACES"), list(r, "REMOTE_INTERFACES"), ports)
		}
	}
	if len(got) != want {
		t.Errorf("parsed %d aggregates, model has %d dynamic ones", len(got), want)
	}
}

func checkLaggMembers(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	got := byKey(t, recs, "MEMBER_PORT")
	n := 0
	for _, ag := range d.Aggregates(cfg) {
		for _, m := range ag.Members {
			n++
			r, ok := got[m.Port.Name]
			if !ok {
				t.Errorf("%s missing", m.Port.Name)
				continue
			}
			expect(t, m.Port.Name+" aggregate", field(r, "AGGREGATE_INTERFACE"), ag.Name)
			expect(t, m.Port.Name+" port number", field(r, "LOCAL_PORT_NUMBER"), strconv.Itoa(m.Index))
			expect(t, m.Port.Name+" key", field(r, "LOCAL_OPER_KEY"), strconv.Itoa(ag.Key))
			if !ag.LACPDynamic {
				continue
			}
			p := partner(m)
			expect(t, m.Port.Name+" flag", field(r, "LOCAL_FLAG"), localFlags(m))
			expect(t, m.Port.Name+" partner", field(r, "REMOTE_SYSTEM_ID"), p.SystemID())
			expect(t, m.Port.Name+" partner port", field(r, "REMOTE_PORT_NUMBER"), strconv.Itoa(p.Port))
			expect(t, m.Port.Name+" partner key", field(r, "REMOTE_OPER_KEY"), strconv.Itoa(p.Key))
			if m.Selected != (field(r, "LOCAL_FLAG") == "{ACDEF}") {
				t.Errorf("%s: Selected %v, flag %s", m.Port.Name, m.Selected, field(r, "LOCAL_FLAG"))
			}
		}
	}
	if len(got) != n {
		t.Errorf("parsed %d members, model has %d", len(got), n)
	}
}

// TestLaggModel: the lab's aggregates are in the state the rules give,
// and each aggregate's own verbose display parses with its values.
func TestLaggModel(t *testing.T) {
	d, _ := modelDevice(t)
	con := newConsole(t, d)
	configureLagg(con, d)
	cfg := d.Snapshot()
	static, _ := d.AggregateOf(&cfg, "Bridge-Aggregation1")
	dynamic, _ := d.AggregateOf(&cfg, "Bridge-Aggregation20")
	if static.Selected() != 0 || static.Up || len(static.Members) != 2 {
		t.Errorf("static aggregate over uncabled ports: %+v", static)
	}
	if dynamic.Selected() != 2 || !dynamic.Up {
		t.Errorf("dynamic aggregate with a partner on both links: %+v", dynamic)
	}
	// The trunk settings made on the aggregate are the members'.
	if m := cfg.Interfaces["GigabitEthernet3/0/1"]; !device.SameAttributes(m, dynamic.Interface) {
		t.Errorf("member's settings differ from its aggregate's")
	}
	// A member whose settings change on the port alone is Unselected.
	con.must("system-view", "interface GigabitEthernet3/0/1", "undo port trunk permit vlan 100", "return")
	cfg = d.Snapshot()
	if ag, _ := d.AggregateOf(&cfg, "Bridge-Aggregation20"); ag.Selected() != 1 || !ag.Up {
		t.Errorf("after a member's own change: %d selected", ag.Selected())
	}
	// The partner leaves its aggregate: nothing Selected, down.
	for _, p := range []string{"GigabitEthernet3/0/1", "Ten-GigabitEthernet4/0/1"} {
		d.SetPeer(p, &device.Peer{Up: true})
	}
	cfg = d.Snapshot()
	if ag, _ := d.AggregateOf(&cfg, "Bridge-Aggregation20"); ag.Selected() != 0 || ag.Up {
		t.Errorf("without LACP partner: %d selected, up %v", ag.Selected(), ag.Up)
	}
	for _, n := range []int{1, 20} {
		out := con.run(fmt.Sprintf("display link-aggregation verbose bridge-aggregation %d", n))
		if n == 1 && (!containsLine(out, "Aggregation Mode: Static") || !containsLine(out, "  GE2/0/5          U       1")) {
			t.Errorf("static verbose:\n%s", out)
		}
		if n == 20 && !containsLine(out, "  GE3/0/1          U       32768    2         {ACG}") {
			t.Errorf("dynamic verbose:\n%s", out)
		}
	}
}

// TestLaggReplay: a member whose own settings changed after it joined
// stays a member (Unselected) through render and replay; the aggregate
// and its members print back the same.
func TestLaggReplay(t *testing.T) {
	d, _ := modelDevice(t)
	con := newConsole(t, d)
	configureLagg(con, d)
	con.must("system-view", "interface GigabitEthernet3/0/1", "port trunk pvid vlan 1", "undo port trunk permit vlan 2 to 10", "return")
	text := renderConfig(d.Snapshot(), d.Profile())
	d2, _ := modelDevice(t)
	if errs := New(d2, nil).Replay(text); len(errs) > 0 {
		t.Fatal(errs)
	}
	if again := renderConfig(d2.Snapshot(), d2.Profile()); again != text {
		t.Errorf("render after replay differs:\n%s\nwant\n%s", again, text)
	}
	cfg := d2.Snapshot()
	if p := cfg.Interfaces["GigabitEthernet3/0/1"]; p.AggGroup != 20 {
		t.Errorf("changed member lost its group on replay: %d", p.AggGroup)
	}
	if ag, _ := d2.AggregateOf(&cfg, "Bridge-Aggregation20"); !ag.LACPDynamic || len(ag.Members) != 2 {
		t.Errorf("replayed aggregate: %+v", ag)
	}
}

func containsLine(out, line string) bool {
	for _, l := range splitLines(out) {
		if l == line {
			return true
		}
	}
	return false
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// TestLaggVLANPort: port Bridge-Aggregation N in VLAN view changes that
// aggregate and its members, no other aggregate.
func TestLaggVLANPort(t *testing.T) {
	d, _ := modelDevice(t)
	con := newConsole(t, d)
	con.must("system-view", "interface Bridge-Aggregation1", "quit", "interface Bridge-Aggregation2", "quit",
		"interface GigabitEthernet2/0/5", "port link-aggregation group 1", "quit",
		"vlan 10", "port Bridge-Aggregation1", "return")
	cfg := d.Snapshot()
	for name, want := range map[string]int{"Bridge-Aggregation1": 10, "GigabitEthernet2/0/5": 10, "Bridge-Aggregation2": 1} {
		if got := cfg.Interfaces[name].PVID; got != want {
			t.Errorf("%s access VLAN %d, want %d", name, got, want)
		}
	}
}
