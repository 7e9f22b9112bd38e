package fleettest_test

import (
	"regexp"
	"strings"
	"testing"

	"switchemu/fleet"
	"switchemu/fleet/fleettest"
)

// startSTP runs an inventory whose devices run the spanning tree.
func startSTP(t *testing.T, yamlText string) *fleettest.Fleet {
	t.Helper()
	inv, err := fleet.ParseInventory(strings.NewReader(yamlText))
	if err != nil {
		t.Fatal(err)
	}
	return fleettest.Start(t, fleettest.Options{Inventory: inv})
}

var briefRow = regexp.MustCompile(`(?m)^\s+0\s+(\S+)\s+(ROOT|DESI|ALTE|BACK|DISA)\s+(FORWARDING|DISCARDING)\s+NONE\s*$`)

// roles reads display stp brief: port → "ROLE STATE"; nil while the
// spanning tree is off.
func roles(t *testing.T, d *fleettest.Device) map[string]string {
	t.Helper()
	out := d.Command("display stp brief")
	if strings.HasPrefix(out, " Protocol Status     :disabled\n") {
		return nil // the spanning tree is off
	}
	if !strings.HasPrefix(out, " MSTID      Port                         Role  STP State     Protection\n") {
		t.Fatalf("%s: display stp brief:\n%s", d.Name(), out)
	}
	m := map[string]string{}
	for _, r := range briefRow.FindAllStringSubmatch(out, -1) {
		m[r[1]] = r[2] + " " + r[3]
	}
	return m
}

// discarding lists the fleet's discarding ports as "device port".
func discarding(t *testing.T, f *fleettest.Fleet) []string {
	t.Helper()
	var out []string
	for _, d := range f.Devices() {
		for port, rs := range roles(t, d) {
			if strings.HasSuffix(rs, "DISCARDING") {
				out = append(out, d.Name()+" "+port)
			}
		}
	}
	return out
}

// rootOf is the root bridge display stp root shows.
func rootOf(t *testing.T, d *fleettest.Device) string {
	t.Helper()
	lines := strings.Split(d.Command("display stp root"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], " MST ID  Root Bridge ID") {
		t.Fatalf("%s: display stp root: %q", d.Name(), lines)
	}
	return strings.Fields(lines[1])[1]
}

const triangle = `
devices:
  - name: a
    mac: 0000-0000-000a
    config: " stp enable\n"
  - name: b
    mac: 0000-0000-000b
    config: " stp enable\n"
  - name: c
    mac: 0000-0000-000c
    config: " stp enable\n"
links:
  - a:GigabitEthernet2/0/1 -- b:GigabitEthernet2/0/1
  - b:GigabitEthernet2/0/2 -- c:GigabitEthernet2/0/1
  - c:GigabitEthernet2/0/2 -- a:GigabitEthernet2/0/2
`

// TestSTPTriangle: three switches in a loop elect the lowest bridge ID
// root and block exactly one port, the far end of the link between the
// two others from the one with the higher bridge ID; a lower priority
// moves the root and the block.
func TestSTPTriangle(t *testing.T) {
	f := startSTP(t, triangle)
	a, b, c := f.Device("a"), f.Device("b"), f.Device("c")
	for _, d := range []*fleettest.Device{a, b, c} {
		if got := rootOf(t, d); got != "32768.0000-0000-000a" {
			t.Errorf("%s: root %s, want a (lowest MAC)", d.Name(), got)
		}
	}
	if got := discarding(t, f); len(got) != 1 || got[0] != "c GigabitEthernet2/0/1" {
		t.Fatalf("discarding ports %v, want [c GigabitEthernet2/0/1]", got)
	}
	want := map[string]map[string]string{
		"a": {"GigabitEthernet2/0/1": "DESI FORWARDING", "GigabitEthernet2/0/2": "DESI FORWARDING"},
		"b": {"GigabitEthernet2/0/1": "ROOT FORWARDING", "GigabitEthernet2/0/2": "DESI FORWARDING"},
		"c": {"GigabitEthernet2/0/1": "ALTE DISCARDING", "GigabitEthernet2/0/2": "ROOT FORWARDING"},
	}
	for _, d := range []*fleettest.Device{a, b, c} {
		got := roles(t, d)
		for port, rs := range want[d.Name()] {
			if got[port] != rs {
				t.Errorf("%s %s: %q, want %q", d.Name(), port, got[port], rs)
			}
		}
	}
	out := c.Command("display stp")
	for _, line := range []string{
		"-------[CIST Global Info][Mode MSTP]-------\n",
		"CIST Bridge         :32768.0000-0000-000c\n",
		"CIST Root/ERPC      :32768.0000-0000-000a / 20\n",
		"CIST RootPortId     :128.2\n",
		"----[Port1(GigabitEthernet2/0/1)][DISCARDING]----\n",
		" Port Role           :CIST Alternate Port\n",
		" Desg. Bridge/Port   :32768.0000-0000-000b / 128.2\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("c: display stp lacks %q:\n%s", line, out)
		}
	}

	// Nothing is learnt through the blocked port: c has a's bridge MAC
	// on its root port, b's not on the blocked one.
	macs := c.Command("display mac-address")
	if !regexp.MustCompile(`0000-0000-000a\s+1\s+Learned\s+GigabitEthernet2/0/2`).MatchString(macs) ||
		strings.Contains(macs, "GigabitEthernet2/0/1 ") {
		t.Errorf("c: display mac-address:\n%s", macs)
	}

	// A lower priority makes c the root: the block moves to b's port
	// towards a (a's bridge ID is lower than b's).
	c.Run("system-view", "stp priority 4096")
	for _, d := range []*fleettest.Device{a, b, c} {
		if got := rootOf(t, d); got != "4096.0000-0000-000c" {
			t.Errorf("after priority: %s: root %s, want c", d.Name(), got)
		}
	}
	if got := discarding(t, f); len(got) != 1 || got[0] != "b GigabitEthernet2/0/1" {
		t.Fatalf("after priority: discarding ports %v, want [b GigabitEthernet2/0/1]", got)
	}
	if got := roles(t, b)["GigabitEthernet2/0/2"]; got != "ROOT FORWARDING" {
		t.Errorf("after priority: b's port to c %q, want ROOT FORWARDING", got)
	}
	if !logged(b, "Instance 0's port GigabitEthernet2/0/1 has been set to discarding state.") {
		t.Errorf("b logs no discarding port: %q", b.LogBuffer())
	}

	// Back to the default: a is the root again, c blocks again.
	c.Run("system-view", "undo stp priority")
	if got := discarding(t, f); len(got) != 1 || got[0] != "c GigabitEthernet2/0/1" {
		t.Fatalf("after undo priority: discarding ports %v, want [c GigabitEthernet2/0/1]", got)
	}

	// A port with the spanning tree off sends no BPDU: the loop is
	// not seen on that link, and nothing blocks (as on the device).
	c.Run("system-view", "interface GigabitEthernet2/0/1", "stp disable")
	if got := discarding(t, f); len(got) != 0 {
		t.Errorf("with stp disabled on c's blocked port: discarding %v, want none", got)
	}
	if got := roles(t, b)["GigabitEthernet2/0/2"]; got != "DESI FORWARDING" {
		t.Errorf("b's port to c %q, want DESI FORWARDING", got)
	}
	c.Run("system-view", "interface GigabitEthernet2/0/1", "stp enable")

	// Shutting the root port of c moves c's root port to the other
	// link, and nothing is blocked any more.
	c.Run("system-view", "interface GigabitEthernet2/0/2", "shutdown")
	if got := discarding(t, f); len(got) != 0 {
		t.Errorf("with c's root port shut: discarding %v, want none", got)
	}
	if got := roles(t, c)["GigabitEthernet2/0/1"]; got != "ROOT FORWARDING" {
		t.Errorf("c's port to b %q, want ROOT FORWARDING", got)
	}
	if got := c.Command("display stp root"); !strings.Contains(got, "40          0           GigabitEthernet2/0/1") {
		t.Errorf("c: display stp root:\n%s", got)
	}
}

func logged(d *fleettest.Device, text string) bool {
	for _, l := range d.LogBuffer() {
		if strings.Contains(l, text) {
			return true
		}
	}
	return false
}

const dualHomed = `
devices:
  - name: d1
    mac: 0000-0000-0d01
    config: " stp instance 0 root primary\n stp enable\n"
  - name: d2
    mac: 0000-0000-0d02
    config: " stp instance 0 root secondary\n stp enable\n"
  - name: x
    mac: 0000-0000-0001
    config: " stp enable\n"
links:
  - d1:GigabitEthernet2/0/1 -- d2:GigabitEthernet2/0/1
  - x:GigabitEthernet2/0/1 -- d1:GigabitEthernet2/0/2
  - x:GigabitEthernet2/0/2 -- d2:GigabitEthernet2/0/2
`

// TestSTPDualHomed: an access switch with an uplink to each of two
// distribution switches forwards on the uplink to the root and blocks
// the other; pulling the forwarding uplink unblocks the other, plugging
// it back restores the first.
func TestSTPDualHomed(t *testing.T) {
	f := startSTP(t, dualHomed)
	x := f.Device("x")
	// The lowest MAC is x's, but the root designations win.
	if got := rootOf(t, x); got != "0.0000-0000-0d01" {
		t.Fatalf("root %s, want d1", got)
	}
	up := func(want1, want2 string) {
		t.Helper()
		r := roles(t, x)
		if r["GigabitEthernet2/0/1"] != want1 || r["GigabitEthernet2/0/2"] != want2 {
			t.Errorf("x uplinks: %q, %q; want %q, %q", r["GigabitEthernet2/0/1"], r["GigabitEthernet2/0/2"], want1, want2)
		}
	}
	up("ROOT FORWARDING", "ALTE DISCARDING")
	if got := discarding(t, f); len(got) != 1 {
		t.Errorf("discarding %v, want x's second uplink only", got)
	}

	x.LinkDown("GigabitEthernet2/0/1")
	r := roles(t, x)
	if _, listed := r["GigabitEthernet2/0/1"]; listed {
		t.Errorf("a pulled port is listed: %v", r)
	}
	if r["GigabitEthernet2/0/2"] != "ROOT FORWARDING" {
		t.Errorf("after pulling the forwarding uplink: %q, want ROOT FORWARDING", r["GigabitEthernet2/0/2"])
	}
	if got := rootOf(t, x); got != "0.0000-0000-0d01" {
		t.Errorf("after the pull: root %s, want d1 through d2", got)
	}
	if !logged(x, "Instance 0's port GigabitEthernet2/0/2 has been set to forwarding state.") {
		t.Errorf("x logs no forwarding port: %q", x.LogBuffer())
	}

	x.LinkUp("GigabitEthernet2/0/1")
	up("ROOT FORWARDING", "ALTE DISCARDING")

	// With the spanning tree off, x sends no BPDU and blocks nothing:
	// the distribution switches see two designated links, the loop
	// stays open (as on the device).
	x.Run("system-view", "undo stp enable")
	if got := discarding(t, f); len(got) != 0 {
		t.Errorf("with stp off on x: discarding %v, want none", got)
	}
	if out := x.Command("display stp"); !strings.HasPrefix(out, " Protocol Status     :disabled\n") {
		t.Errorf("x: display stp with stp off:\n%s", out)
	}
	x.Run("system-view", "stp enable")
	up("ROOT FORWARDING", "ALTE DISCARDING")
}

// mstpRegion is the region configuration of the MSTP test: VLAN 10 on
// MSTI 1, VLAN 20 on MSTI 2.
const mstpRegion = `stp region-configuration\n region-name lab\n instance 1 vlan 10\n instance 2 vlan 20\n active region-configuration\n`

var mstp = `
devices:
  - name: d1
    mac: 0000-0000-0d01
    config: "` + mstpRegion + ` stp instance 0 root primary\n stp instance 1 root primary\n stp enable\n"
  - name: d2
    mac: 0000-0000-0d02
    config: "` + mstpRegion + ` stp instance 2 root primary\n stp enable\n"
  - name: x
    mac: 0000-0000-ffff
    config: "` + mstpRegion + ` stp enable\n"
links:
  - d1:GigabitEthernet2/0/1 -- d2:GigabitEthernet2/0/1
  - x:GigabitEthernet2/0/1 -- d1:GigabitEthernet2/0/2
  - x:GigabitEthernet2/0/2 -- d2:GigabitEthernet2/0/2
`

// mstiRoles reads display stp brief with its MSTID: "ID port" → "ROLE STATE".
func mstiRoles(t *testing.T, d *fleettest.Device) map[string]string {
	t.Helper()
	m := map[string]string{}
	row := regexp.MustCompile(`(?m)^\s+(\d+)\s+(\S+)\s+(ROOT|DESI|ALTE|BACK|DISA|MAST)\s+(FORWARDING|DISCARDING)\s+NONE\s*$`)
	for _, r := range row.FindAllStringSubmatch(d.Command("display stp brief"), -1) {
		m[r[1]+" "+r[2]] = r[3] + " " + r[4]
	}
	return m
}

// TestSTPMultipleInstances: switches of one region compute each MSTI with
// its own root (stp instance N root primary): the access switch forwards
// VLAN 10's instance to d1 and VLAN 20's to d2, the blocks differ per
// instance; a switch of another region sees only boundary ports, whose
// MSTI roles are the CIST's (MAST for the root port).
func TestSTPMultipleInstances(t *testing.T) {
	f := startSTP(t, mstp)
	d1, x := f.Device("d1"), f.Device("x")
	want := map[string]map[string]string{
		"x": {
			"0 GigabitEthernet2/0/1": "ROOT FORWARDING", "0 GigabitEthernet2/0/2": "ALTE DISCARDING",
			"1 GigabitEthernet2/0/1": "ROOT FORWARDING", "1 GigabitEthernet2/0/2": "ALTE DISCARDING",
			"2 GigabitEthernet2/0/1": "ALTE DISCARDING", "2 GigabitEthernet2/0/2": "ROOT FORWARDING",
		},
		"d1": {
			"1 GigabitEthernet2/0/1": "DESI FORWARDING", "1 GigabitEthernet2/0/2": "DESI FORWARDING",
			"2 GigabitEthernet2/0/1": "ROOT FORWARDING", "2 GigabitEthernet2/0/2": "DESI FORWARDING",
		},
	}
	for _, d := range []*fleettest.Device{x, d1} {
		got := mstiRoles(t, d)
		for k, v := range want[d.Name()] {
			if got[k] != v {
				t.Errorf("%s %s: %q, want %q", d.Name(), k, got[k], v)
			}
		}
	}
	if out := x.Command("display stp root"); !strings.Contains(out, "\n 2       0.0000-0000-0d02      0           20          GigabitEthernet2/0/2\n") {
		t.Errorf("x: display stp root:\n%s", out)
	}

	// x leaves the region: its links are boundary links, its MSTIs
	// follow its CIST, the root port being the master port.
	x.Run("system-view", "stp region-configuration", "region-name other", "active region-configuration")
	got := mstiRoles(t, x)
	for k, v := range map[string]string{
		"1 GigabitEthernet2/0/1": "MAST FORWARDING", "1 GigabitEthernet2/0/2": "ALTE DISCARDING",
		"2 GigabitEthernet2/0/1": "MAST FORWARDING", "2 GigabitEthernet2/0/2": "ALTE DISCARDING",
	} {
		if got[k] != v {
			t.Errorf("x in another region: %s: %q, want %q", k, got[k], v)
		}
	}
}
