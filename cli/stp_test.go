package cli

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"switchemu/device"
)

// TestSTPRenderReplay: every modelled spanning tree setting prints a line
// that, replayed on a new device, gives the same state and the same
// configuration text.
func TestSTPRenderReplay(t *testing.T) {
	d := testDevice(t)
	c := newConsole(t, d)
	c.must("system-view", "stp mode rstp", "stp instance 0 root secondary", "stp instance 3 priority 8192",
		"stp pathcost-standard dot1t", "stp enable",
		"stp region-configuration", "region-name core", "revision-level 7", "instance 2 vlan 100 to 199 300",
		"active region-configuration", "quit",
		"interface GigabitEthernet2/0/5", "undo stp enable", "stp edged-port enable", "stp cost 4000",
		"stp port priority 64", "stp point-to-point force-true", "quit",
		"interface GigabitEthernet2/0/6", "stp disable", "quit")
	text := renderConfig(d.Snapshot(), d.Profile())
	for _, l := range []string{
		"\nstp region-configuration\n region-name core\n instance 2 vlan 100 to 199 300\n revision-level 7\n active region-configuration\n#\n",
		"\n stp mode rstp\n stp instance 0 root secondary\n stp instance 3 priority 8192\n stp pathcost-standard dot1t\n stp enable\n#\n",
		"\ninterface GigabitEthernet2/0/5\n port link-mode bridge\n undo stp enable\n stp edged-port enable\n stp cost 4000\n stp port priority 64\n stp point-to-point force-true\n#\n",
		"\ninterface GigabitEthernet2/0/6\n port link-mode bridge\n stp disable\n#\n",
	} {
		if !strings.Contains(text, l) {
			t.Errorf("configuration lacks %q:\n%s", l, text)
		}
	}
	d2 := testDevice(t)
	if errs := New(d2, nil).Replay(text); len(errs) != 0 {
		t.Fatalf("replay refused %v", errs)
	}
	a, b := d.Snapshot(), d2.Snapshot()
	if !reflect.DeepEqual(a.STP, b.STP) {
		t.Errorf("replayed STP %+v, want %+v", b.STP, a.STP)
	}
	for _, port := range []string{"GigabitEthernet2/0/5", "GigabitEthernet2/0/6"} {
		if a.Interfaces[port].STP != b.Interfaces[port].STP {
			t.Errorf("%s: replayed %+v, want %+v", port, b.Interfaces[port].STP, a.Interfaces[port].STP)
		}
	}
	if again := renderConfig(b, d2.Profile()); again != text {
		t.Errorf("render → replay → render differs:\n%s\nwant\n%s", again, text)
	}
	// Undo forms bring the defaults back, and the lines go.
	c.must("undo stp instance 0 root", "undo stp instance 3 priority", "undo stp mode",
		"undo stp region-configuration", "interface GigabitEthernet2/0/5", "stp enable", "undo stp edged-port",
		"undo stp cost", "undo stp port priority")
	cfg := d.Snapshot()
	if got := cfg.Interfaces["GigabitEthernet2/0/5"].STP; got != (device.PortSTP{}) {
		t.Errorf("port after undo: %+v", got)
	}
	if st := cfg.STP; st.Mode != "" || st.BridgePriority(0) != device.STPDefaultPriority || st.Activated || st.Region.Name != "" {
		t.Errorf("after undo: %+v", st)
	}
}

// TestSTPRealConfig: a real configuration's spanning tree lines are
// state, not only lines: the HP 5500 EI is the primary root, and its
// port with stp disable takes no part.
func TestSTPRealConfig(t *testing.T) {
	sh, _ := twin(t, realConfigs(t)["hp-5500ei-r2221p20.cfg"])
	st := sh.dev.STPStatus()
	if !st.Enabled || st.Bridge.Priority != 0 || st.Root != st.Bridge {
		t.Fatalf("spanning tree %+v: want enabled, priority 0 (root primary), its own root", st)
	}
	if _, ok := st.Port("GigabitEthernet1/0/11"); ok {
		t.Error("GigabitEthernet1/0/11 (stp disable) takes part")
	}
	cfg := sh.dev.Snapshot()
	edged := 0
	for _, ifc := range cfg.Interfaces {
		if ifc.STP.Edged {
			edged++
		}
	}
	if edged != 22 {
		t.Errorf("%d edge ports, want the configuration's 22", edged)
	}
}

// TestSTPRegionDigest: the configuration digest is the standard's: all
// VLANs on the CIST give 0xac36177f50283cd4b83821d8ab26de62, the value
// every MSTP bridge with the default mapping sends.
func TestSTPRegionDigest(t *testing.T) {
	if got := fmt.Sprintf("%x", (device.STPRegion{}).Digest()); got != "ac36177f50283cd4b83821d8ab26de62" {
		t.Errorf("default digest %s", got)
	}
	var set device.VLANSet
	set.Add(10)
	mapped := device.STPRegion{Instances: map[int]device.VLANSet{1: set}}
	if a, b := (device.STPRegion{}).Digest(), mapped.Digest(); string(a) == string(b) {
		t.Error("a mapping does not change the digest")
	}
}
