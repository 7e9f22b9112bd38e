package cli

import (
	"bufio"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sirikothe/gotextfsm"

	"switchemu/device"
	"switchemu/internal/interop"
)

// A conformanceCase runs one template over the emulator's output of its
// command and checks the parsed records against the model.
type conformanceCase struct {
	command string
	check   func(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any)
}

// notApplicable names the templates of commands the emulated device does
// not have, and why.
var notApplicable = map[string]string{
	"hp_comware_display_bgp_peer_ipv4.textfsm":                 "no BGP in the model",
	"hp_comware_display_route-policy.textfsm":                  "no routing policy in the model",
	"hp_comware_display_ip_vpn-instance.textfsm":               "no VPN instances in the model",
	"hp_comware_display_ip_vpn-instance_instance-name.textfsm": "no VPN instances in the model",
}

var conformanceCases = map[string]conformanceCase{
	"hp_comware_display_interface_brief.textfsm":                   {"display interface brief", checkInterfaceBrief},
	"hp_comware_display_interface.textfsm":                         {"display interface", checkInterface},
	"hp_comware_display_vlan_all.textfsm":                          {"display vlan all", checkVLANAll},
	"hp_comware_display_vlan_brief.textfsm":                        {"display vlan brief", checkVLANBrief},
	"hp_comware_display_arp.textfsm":                               {"display arp", checkARP},
	"hp_comware_display_mac-address.textfsm":                       {"display mac-address", checkMAC},
	"hp_comware_display_clock.textfsm":                             {"display clock", checkClock},
	"hp_comware_display_device_manuinfo.textfsm":                   {"display device manuinfo", checkManuinfo},
	"hp_comware_display_ip_interface.textfsm":                      {"display ip interface", checkIPInterface},
	"hp_comware_display_ip_routing-table.textfsm":                  {"display ip routing-table", checkRoutingTable},
	"hp_comware_display_lldp_neighbor-information_list.textfsm":    {"display lldp neighbor-information list", checkLLDP},
	"hp_comware_display_lldp_neighbor-information_verbose.textfsm": {"display lldp neighbor-information verbose", checkLLDP},
	"hp_comware_display_counters_bound_interface.textfsm":          {"display counters inbound interface", checkCountersIn},
	"hp_comware_display_link-aggregation_verbose.textfsm":          {"display link-aggregation verbose", checkLaggVerbose},
	"hp_comware_display_link-aggregation_member-port.textfsm":      {"display link-aggregation mem", checkLaggMembers},
}

// indexEntry is one hp_comware line of the template index.
type indexEntry struct {
	template string
	command  *regexp.Regexp
}

var abbrevRE = regexp.MustCompile(`\[\[([^\]]*)\]\]`)

// readIndex reads the hp_comware lines of the templates' index (the
// folder comes from interop.NeedNTCTemplates: NTC_TEMPLATES_DIR, Python's
// ntc_templates, or shared/testdata); "di[[splay]]" becomes
// "di(s(p(l(a(y)?)?)?)?)?".
func readIndex(t *testing.T, dir string) []indexEntry {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []indexEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), ", ")
		if len(parts) != 4 || strings.TrimSpace(parts[2]) != "hp_comware" {
			continue
		}
		re := abbrevRE.ReplaceAllStringFunc(parts[3], func(m string) string {
			inner := m[2 : len(m)-2]
			return strings.Repeat("(", 0) + nest(inner)
		})
		out = append(out, indexEntry{parts[0], regexp.MustCompile("^" + re + "$")})
	}
	return out
}

func nest(s string) string {
	if s == "" {
		return ""
	}
	return "(" + regexp.QuoteMeta(s[:1]) + nest(s[1:]) + ")?"
}

// parse runs a template over text. A template Error state is an error.
func parse(t *testing.T, dir, template, text string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, template))
	if err != nil {
		t.Fatal(err)
	}
	fsm := gotextfsm.TextFSM{}
	if err := fsm.ParseString(string(data)); err != nil {
		t.Fatalf("%s: %v", template, err)
	}
	out := gotextfsm.ParserOutput{}
	if err := out.ParseTextString(text, fsm, true); err != nil {
		t.Fatalf("%s does not parse the output: %v\n%s", template, err, interop.Tail(text, 40))
	}
	return out.Dict
}

func TestConformance(t *testing.T) {
	dir := interop.NeedNTCTemplates(t)
	index := readIndex(t, dir)
	if len(index) == 0 {
		t.Fatal("empty index")
	}
	for _, e := range index {
		if _, ok := notApplicable[e.template]; ok {
			continue
		}
		c, ok := conformanceCases[e.template]
		if !ok {
			t.Errorf("%s: no conformance case and not listed as not applicable", e.template)
			continue
		}
		if !e.command.MatchString(c.command) {
			t.Errorf("%s: index pattern %s does not select %q", e.template, e.command, c.command)
		}
	}
	for _, state := range []string{"default", "configured"} {
		t.Run(state, func(t *testing.T) {
			d, clk := modelDevice(t)
			con := newConsole(t, d)
			clk.advance(3*time.Hour + 17*time.Minute + 5*time.Second)
			if state == "configured" {
				configureLab(con)
				configureLagg(con, d)
				clk.advance(40 * time.Minute)
			}
			for tmpl, c := range conformanceCases {
				t.Run(strings.TrimSuffix(strings.TrimPrefix(tmpl, "hp_comware_"), ".textfsm"), func(t *testing.T) {
					out := con.run(c.command)
					recs := parse(t, dir, tmpl, out)
					cfg := d.Snapshot()
					c.check(t, d, &cfg, recs)
				})
			}
		})
	}
}

// field returns a record's value as a string ("" when missing).
func field(r map[string]any, k string) string {
	s, _ := r[k].(string)
	return s
}

func list(r map[string]any, k string) []string {
	l, _ := r[k].([]string)
	return l
}

// byKey indexes records by one field; duplicates fail the test.
func byKey(t *testing.T, recs []map[string]any, k string) map[string]map[string]any {
	t.Helper()
	m := map[string]map[string]any{}
	for _, r := range recs {
		key := field(r, k)
		if _, dup := m[key]; dup {
			t.Errorf("%s %q parsed twice", k, key)
		}
		m[key] = r
	}
	return m
}

func expect(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: parsed %q, model has %q", what, got, want)
	}
}

func checkInterfaceBrief(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	got := byKey(t, recs, "INTERFACE")
	if len(got) != len(cfg.Interfaces) {
		t.Errorf("parsed %d interfaces, model has %d", len(got), len(cfg.Interfaces))
	}
	for _, ifc := range cfg.SortedInterfaces() {
		r, ok := got[ifc.BriefName()]
		if !ok {
			t.Errorf("%s missing", ifc.BriefName())
			continue
		}
		link := "DOWN"
		switch {
		case ifc.Shutdown:
			link = "ADM"
		case d.LinkUp(cfg, ifc):
			link = "UP"
		}
		expect(t, ifc.Name+" link", field(r, "LINK"), link)
		if ifc.Kind.Bridged() {
			expect(t, ifc.Name+" type", field(r, "TYPE"), strings.ToUpper(ifc.LinkType.String()[:1]))
			expect(t, ifc.Name+" pvid", field(r, "VLAN_ID"), strconv.Itoa(ifc.PVID))
			expect(t, ifc.Name+" description", field(r, "DESCRIPTION"), ifc.Description)
		} else if len(ifc.Addresses) > 0 {
			expect(t, ifc.Name+" ip", field(r, "MAIN_IP"), netip.AddrFrom4(ifc.Addresses[0].IP).String())
		}
	}
}

func addrList(ifc device.Interface) []string {
	var out []string
	for _, a := range ifc.Addresses {
		out = append(out, fmt.Sprintf("%s/%d", netip.AddrFrom4(a.IP), a.Mask))
	}
	return out
}

func checkInterface(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	got := byKey(t, recs, "INTERFACE")
	if len(got) != len(cfg.Interfaces) {
		t.Errorf("parsed %d interfaces, model has %d", len(got), len(cfg.Interfaces))
	}
	for _, ifc := range cfg.SortedInterfaces() {
		r, ok := got[ifc.Name]
		if !ok {
			t.Errorf("%s missing", ifc.Name)
			continue
		}
		up := d.LinkUp(cfg, ifc)
		state := map[bool]string{true: "UP", false: "DOWN"}[up]
		if ifc.Shutdown && !ifc.Kind.Bridged() {
			state = "Administratively DOWN"
		}
		expect(t, ifc.Name+" state", field(r, "LINE_STATUS"), state)
		expect(t, ifc.Name+" description", field(r, "DESCRIPTION"), ifc.EffectiveDescription())
		if !slices.Equal(list(r, "IP_ADDRESS"), addrList(ifc)) {
			t.Errorf("%s addresses: parsed %q, model %q", ifc.Name, list(r, "IP_ADDRESS"), addrList(ifc))
		}
		if !ifc.Kind.Bridged() {
			continue
		}
		expect(t, ifc.Name+" link type", field(r, "PORT_LINK_TYPE"), ifc.LinkType.String())
		expect(t, ifc.Name+" pvid", field(r, "VLAN_NATIVE"), strconv.Itoa(ifc.PVID))
		switch ifc.LinkType {
		case device.LinkAccess:
			expect(t, ifc.Name+" untagged", field(r, "UNTAGGED_VLAN_ID"), strconv.Itoa(ifc.PVID))
		case device.LinkTrunk:
			if want := trunkItems(ifc, ifc.Trunk); !slices.Equal(list(r, "VLAN_PERMITTED"), want) {
				t.Errorf("%s permitted: parsed %q, model %q", ifc.Name, list(r, "VLAN_PERMITTED"), want)
			}
		}
	}
}

func checkVLANAll(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	got := byKey(t, recs, "VLAN_ID")
	if len(got) != len(cfg.VLANs) {
		t.Errorf("parsed %d VLANs, model has %d", len(got), len(cfg.VLANs))
	}
	for _, id := range cfg.SortedVLANs() {
		r := got[strconv.Itoa(id)]
		v := cfg.VLANs[id]
		expect(t, fmt.Sprintf("vlan %d name", id), field(r, "VLAN_NAME"), v.EffectiveName())
		expect(t, fmt.Sprintf("vlan %d description", id), field(r, "DESCRIPTION"), v.EffectiveDescription())
		ip := ""
		if vif, ok := cfg.Interfaces[fmt.Sprintf("Vlan-interface%d", id)]; ok && len(vif.Addresses) > 0 {
			ip = netip.AddrFrom4(vif.Addresses[0].IP).String()
		}
		expect(t, fmt.Sprintf("vlan %d address", id), field(r, "IPV4_ADDRESS"), ip)
	}
}

func checkVLANBrief(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	var got []string
	for _, r := range recs {
		got = append(got, field(r, "VLAN_ID"))
	}
	var want []string
	for _, id := range cfg.SortedVLANs() {
		want = append(want, strconv.Itoa(id))
	}
	if !slices.Equal(got, want) {
		t.Errorf("VLANs: parsed %v, model %v", got, want)
	}
}

func checkARP(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	var want []string
	for _, e := range d.ARPTable(cfg) {
		if e.Static {
			continue // the template's AGING is a number; static entries show N/A
		}
		want = append(want, fmt.Sprintf("%s %s %d %s %d D", netip.AddrFrom4(e.IP), device.FormatMAC(e.MAC), e.VLAN,
			cfg.Interfaces[e.Port].BriefName(), e.Aging))
	}
	var got []string
	for _, r := range recs {
		got = append(got, strings.Join([]string{field(r, "IP_ADDRESS"), field(r, "MAC_ADDRESS"), field(r, "VLAN_ID"),
			field(r, "INTERFACE"), field(r, "AGING"), field(r, "TYPE")}, " "))
	}
	if !slices.Equal(got, want) {
		t.Errorf("ARP: parsed %q, model %q", got, want)
	}
}

func checkMAC(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	var want, got []string
	for _, e := range d.MACTable(cfg) {
		// The template's STATE is one word: the device's two-word
		// "Config static" leaves "static" in its INTERFACE.
		state, port := e.State, e.Port
		if f := strings.Fields(state); len(f) == 2 {
			state, port = f[0], f[1]
		}
		want = append(want, fmt.Sprintf("%s %d %s %s", device.FormatMAC(e.MAC), e.VLAN, state, port))
	}
	for _, r := range recs {
		got = append(got, strings.Join([]string{field(r, "MAC_ADDRESS"), field(r, "VLAN_ID"), field(r, "STATE"), field(r, "INTERFACE")}, " "))
	}
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("MAC table: parsed %q, model %q", got, want)
	}
}

func checkClock(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	if len(recs) != 1 {
		t.Fatalf("parsed %d records", len(recs))
	}
	now := d.Clock()
	zone := "UTC"
	if cfg.TimeZone.Name != "" {
		zone = cfg.TimeZone.Name
	}
	r := recs[0]
	got := strings.Join([]string{field(r, "TIME"), field(r, "TIMEZONE"), field(r, "DAYWEEK"), field(r, "MONTH"), field(r, "DAY"), field(r, "YEAR")}, " ")
	expect(t, "clock", got, now.Format("15:04:05 ")+zone+now.Format(" Mon 01 02 2006"))
}

func checkManuinfo(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	var got, want []string
	for _, r := range recs {
		if field(r, "SLOT_TYPE") == "Slot" {
			got = append(got, field(r, "SLOT_ID")+" "+field(r, "DEVICE_NAME")+" "+field(r, "DEVICE_SERIAL_NUMBER"))
		}
	}
	for _, b := range d.Profile().Chassis.Boards {
		want = append(want, fmt.Sprintf("%d %s %s", b.Slot, b.Name, b.Serial))
	}
	if !slices.Equal(got, want) {
		t.Errorf("boards: parsed %q, model %q", got, want)
	}
}

func checkIPInterface(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	got := byKey(t, recs, "INTERFACE")
	n := 0
	for _, ifc := range cfg.SortedInterfaces() {
		if ifc.Kind.Bridged() {
			continue
		}
		n++
		r, ok := got[ifc.Name]
		if !ok {
			t.Errorf("%s missing", ifc.Name)
			continue
		}
		if !slices.Equal(list(r, "IP_ADDRESS"), addrList(ifc)) {
			t.Errorf("%s addresses: parsed %q, model %q", ifc.Name, list(r, "IP_ADDRESS"), addrList(ifc))
		}
	}
	if n != len(got) {
		t.Errorf("parsed %d interfaces, model has %d layer-3 interfaces", len(got), n)
	}
}

func checkRoutingTable(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	var got, want []string
	for _, r := range recs {
		got = append(got, strings.Join([]string{field(r, "NETWORK") + "/" + field(r, "PREFIX_LENGTH"), field(r, "PROTOCOL"),
			field(r, "DISTANCE"), field(r, "NEXTHOP_IP"), field(r, "NEXTHOP_IF")}, " "))
	}
	for _, r := range d.RoutingTable(cfg) {
		want = append(want, fmt.Sprintf("%s %s %d %s %s", r.Dest, r.Proto, r.Pre, r.NextHop, r.Iface))
	}
	if !slices.Equal(got, want) {
		t.Errorf("routes: parsed %q, model %q", got, want)
	}
}

func checkLLDP(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	var got, want []string
	for _, r := range recs {
		local := field(r, "LOCAL_INTERFACE")
		got = append(got, strings.Join([]string{local, field(r, "CHASSIS_ID"), field(r, "NEIGHBOR_INTERFACE"), field(r, "NEIGHBOR_NAME")}, " "))
	}
	for _, n := range d.LLDPNeighbors(cfg) {
		local := n.Local.BriefName()
		if len(recs) > 0 && strings.Contains(field(recs[0], "LOCAL_INTERFACE"), "Ethernet") {
			local = n.Local.Name
		}
		want = append(want, strings.Join([]string{local, n.ChassisID, n.PortID, n.SystemName}, " "))
	}
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("neighbours: parsed %q, model %q", got, want)
	}
}

func checkCountersIn(t *testing.T, d *device.Device, cfg *device.Config, recs []map[string]any) {
	got := byKey(t, recs, "INTERFACE")
	moving := false
	for _, ifc := range cfg.SortedInterfaces() {
		if !ifc.Kind.Bridged() {
			continue
		}
		c, _, _ := d.InterfaceStats(ifc.Name)
		r := got[ifc.BriefName()]
		expect(t, ifc.Name+" total", field(r, "PACKETS_TOTAL"), strconv.FormatUint(c.InPackets, 10))
		expect(t, ifc.Name+" broadcast", field(r, "PACKETS_BROADCAST"), strconv.FormatUint(c.InBroadcast, 10))
		expect(t, ifc.Name+" multicast", field(r, "PACKETS_MULTICAST"), strconv.FormatUint(c.InMulticast, 10))
		moving = moving || c.InPackets > 0
	}
	if !moving {
		t.Error("no port counted any packet")
	}
}
