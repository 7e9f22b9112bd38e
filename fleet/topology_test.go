package fleet

import (
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"switchemu/device"
)

const pairInventory = `
devices:
  - name: a
    sysname: CORE-A
    listen: 127.0.0.1:0
    config: |
      interface Vlan-interface1
       ip address 10.0.0.1 24
  - name: b
    sysname: EDGE-B
    listen: 127.0.0.1:0
    config: |
      interface Vlan-interface1
       ip address 10.0.0.2 24
links:
  - a:GigabitEthernet2/0/1 -- b:GigabitEthernet2/0/7
`

// linkUp reports whether a port of m's device is up.
func linkUp(t *testing.T, m *Member, port string) bool {
	t.Helper()
	dev, err := m.Device()
	if err != nil {
		t.Fatal(err)
	}
	cfg := dev.Snapshot()
	return dev.LinkUp(&cfg, cfg.Interfaces[port])
}

// logHas reports whether m's log buffer has a line containing text.
func logHas(t *testing.T, m *Member, text string) bool {
	t.Helper()
	dev, _ := m.Device()
	for _, e := range dev.LogEntries() {
		if strings.Contains(e.Text, text) {
			return true
		}
	}
	return false
}

func countLog(m *Member, text string) int {
	dev, _ := m.Device()
	n := 0
	for _, e := range dev.LogEntries() {
		if strings.Contains(e.Text, text) {
			n++
		}
	}
	return n
}

// field returns the value of "  Name : value" in a display block.
func field(t *testing.T, out, name string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(name) + `\s*:\s*(.*?)\s*$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no %q in:\n%s", name, out)
	}
	return m[1]
}

func TestLinkedPair(t *testing.T) {
	f := startFleet(t, pairInventory)
	a, b := f.Member("a"), f.Member("b")
	if !a.Used() || !b.Used() {
		t.Fatal("linked devices are not booted at start")
	}
	if !linkUp(t, a, "GigabitEthernet2/0/1") || !linkUp(t, b, "GigabitEthernet2/0/7") {
		t.Fatal("the cabled ports are not up at start")
	}
	// GigabitEthernet2/0/7 is not cabled in the profile: only the link
	// brings it up.
	if linkUp(t, b, "GigabitEthernet2/0/8") {
		t.Fatal("an uncabled port is up")
	}
	bdev, _ := b.Device()

	// LLDP on each end shows the other device.
	out := execOn(t, a, "display lldp neighbor-information")
	block := out[strings.Index(out, "[GigabitEthernet2/0/1]"):]
	for name, want := range map[string]string{
		"System name":        "EDGE-B",
		"Chassis ID":         bdev.Profile().Brand.BridgeMAC,
		"Port ID":            "GigabitEthernet2/0/7",
		"Port description":   "GigabitEthernet2/0/7 Interface",
		"System description": bdev.Profile().Version.Line,
		"Management address": "10.0.0.2",
	} {
		if got := field(t, block, name); got != want {
			t.Errorf("a's LLDP %s = %q; want %q", name, got, want)
		}
	}
	adev, _ := a.Device()
	if adev.Profile().Brand.BridgeMAC == bdev.Profile().Brand.BridgeMAC {
		t.Fatal("two devices of the fleet have the same bridge MAC")
	}
	out = execOn(t, b, "display lldp neighbor-information")
	if !strings.Contains(out, "[GigabitEthernet2/0/7]") || field(t, out, "System name") != "CORE-A" || field(t, out, "Port ID") != "GigabitEthernet2/0/1" {
		t.Errorf("b's LLDP:\n%s", out)
	}

	// The MAC and ARP tables learn the neighbour across the link.
	bmac := bdev.Profile().Brand.BridgeMAC
	macs := execOn(t, a, "display mac-address")
	if !regexp.MustCompile(bmac + `\s+1\s+Learned\s+GigabitEthernet2/0/1`).MatchString(macs) {
		t.Errorf("a's MAC table has no %s on GigabitEthernet2/0/1:\n%s", bmac, macs)
	}
	arp := execOn(t, a, "display arp")
	if !regexp.MustCompile(`10\.0\.0\.2\s+` + bmac).MatchString(arp) {
		t.Errorf("a's ARP table has no 10.0.0.2 at %s:\n%s", bmac, arp)
	}

	// shutdown on one end takes the far end down, with the log message
	// on both.
	sh := openShell(t, a)
	sh.run("system-view")
	sh.run("interface GigabitEthernet2/0/1")
	sh.run("shutdown")
	if linkUp(t, b, "GigabitEthernet2/0/7") {
		t.Fatal("far end still up after shutdown")
	}
	if !logHas(t, a, "GigabitEthernet2/0/1 link status is DOWN") || !logHas(t, b, "GigabitEthernet2/0/7 link status is DOWN") {
		t.Error("link down not logged on both ends")
	}
	if out := execOn(t, b, "display lldp neighbor-information"); strings.Contains(out, "CORE-A") {
		t.Errorf("b still sees a by LLDP over a downed link:\n%s", out)
	}
	if macs := execOn(t, b, "display mac-address"); strings.Contains(macs, adev.Profile().Brand.BridgeMAC) {
		t.Errorf("b's MAC table keeps a over a downed link:\n%s", macs)
	}
	brief := execOn(t, b, "display interface brief")
	if !regexp.MustCompile(`GE2/0/7\s+DOWN`).MatchString(brief) {
		t.Errorf("b's brief table:\n%s", brief)
	}
	sh.run("undo shutdown")
	if !linkUp(t, b, "GigabitEthernet2/0/7") || !logHas(t, b, "GigabitEthernet2/0/7 link status is UP") {
		t.Fatal("far end not back up after undo shutdown")
	}

	// What the far end shows follows its configuration.
	sh.run("sysname CORE-A2")
	if out := execOn(t, b, "display lldp neighbor-information"); field(t, out, "System name") != "CORE-A2" {
		t.Errorf("b's LLDP after a's sysname change:\n%s", out)
	}

	// A reboot of one end downs the link for the reboot, and the other
	// device notices only that.
	downs := countLog(a, "GigabitEthernet2/0/1 link status is DOWN")
	bdev.RequestReboot()
	waitFor(t, "a's port down while b reboots", func() bool { return !linkUp(t, a, "GigabitEthernet2/0/1") })
	waitFor(t, "a's port back after b's reboot", func() bool { return linkUp(t, a, "GigabitEthernet2/0/1") })
	if got := countLog(a, "GigabitEthernet2/0/1 link status is DOWN"); got != downs+1 {
		t.Errorf("a logged %d more link downs for b's reboot; want 1", got-downs)
	}
	if sh.run("display this") == "" || adev.Rebooting() {
		t.Error("a's session or state suffered from b's reboot")
	}
}

// waitFor polls cond (state that another goroutine changes) with a
// generous bound; it asserts what happens, not how fast.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: did not happen", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestUnlinkedPortKeepsProfileCabling: a port without a fleet link keeps
// the profile's cabling, hosts and neighbours; a linked port loses them.
func TestUnlinkedPortKeepsProfileCabling(t *testing.T) {
	f := startFleet(t, `
devices:
  - {name: a, listen: "127.0.0.1:0"}
  - {name: b, listen: "127.0.0.1:0"}
links:
  - a:Ten-GigabitEthernet4/0/1 -- b:GigabitEthernet2/0/9
`)
	a := f.Member("a")
	dev, _ := a.Device()
	cfg := dev.Snapshot()
	var names []string
	for _, n := range dev.LLDPNeighbors(&cfg) {
		names = append(names, n.Local.Name+"="+n.SystemName)
	}
	got := strings.Join(names, ",")
	if got != "GigabitEthernet3/0/1=ACCESS-2,Ten-GigabitEthernet4/0/1=b" {
		t.Errorf("a's neighbours = %s", got)
	}
	table := dev.MACTable(&cfg)
	var hosts int
	for _, e := range table {
		if e.Port == "GigabitEthernet2/0/1" && device.FormatMAC(e.MAC) == "0014-2a3b-0101" {
			hosts++
		}
	}
	if hosts != 1 {
		t.Errorf("the profile's host on an unlinked port is not learned: %+v", table)
	}
}

// TestFleetTelnet: each device of a range has its own telnet address,
// open only while that device's configuration enables telnet.
func TestFleetTelnet(t *testing.T) {
	f := startFleet(t, `
devices:
  - {name: "t{n}", count: 2, listen: "127.0.0.1:0", telnet: "127.0.0.1:0"}
`)
	t1, t2 := f.Member("t1"), f.Member("t2")
	dialTelnet := func(m *Member) error {
		c, err := net.DialTimeout("tcp", m.TelnetAddr().String(), 5*time.Second)
		if err == nil {
			c.Close()
		}
		return err
	}
	if dialTelnet(t1) == nil || dialTelnet(t2) == nil {
		t.Fatal("a telnet port is open before telnet server enable")
	}
	sh := openShell(t, t1)
	sh.run("system-view")
	if out := sh.run("telnet server enable"); !strings.Contains(out, "% Start Telnet server") {
		t.Errorf("telnet server enable: %q", out)
	}
	if err := dialTelnet(t1); err != nil {
		t.Fatalf("t1's telnet port after telnet server enable: %v", err)
	}
	if dialTelnet(t2) == nil {
		t.Fatal("t1's telnet server enable opened t2's port")
	}
	sh.run("undo telnet server enable")
	if dialTelnet(t1) == nil {
		t.Fatal("t1's telnet port open after undo telnet server enable")
	}
}
