package cli

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"testing"

	"switchemu/device"
	"switchemu/internal/interop"
)

// The one-address and protocol forms of display ip routing-table and the
// filtered forms of display arp are selected by the same templates as the
// full tables (the index matches a prefix of the command): they parse,
// and the values are the model's. Only the active part of the protocol
// form parses: the template's "^. -> Error" rejects the inactive part's
// heading, as it would on the device.
func TestConformanceRouteAndARPForms(t *testing.T) {
	dir := interop.NeedNTCTemplates(t)
	index := readIndex(t, dir)
	d, _ := modelDevice(t)
	con := newConsole(t, d)
	configureLab(con)
	cfg := d.Snapshot()
	routes := d.RoutingTable(&cfg)
	arp := d.ARPTable(&cfg)

	// ntc-templates' clitable matches the index's pattern at the start
	// of the command (re.match), not the whole command.
	selects := func(cmd, tmpl string) {
		t.Helper()
		for _, e := range index {
			prefix := regexp.MustCompile(strings.TrimSuffix(e.command.String(), "$"))
			if prefix.MatchString(cmd) {
				if e.template != tmpl {
					t.Errorf("%q: the index selects %s first, not %s", cmd, e.template, tmpl)
				}
				return
			}
		}
		t.Errorf("%q: the index does not select %s", cmd, tmpl)
	}
	var station device.ARPEntry
	for _, e := range arp {
		if !e.Static {
			station = e
			break
		}
	}
	routeRows := func(rs []device.Route) []string {
		var out []string
		for _, r := range rs {
			out = append(out, fmt.Sprintf("%s %s %d %s %s", r.Dest, r.Proto, r.Pre, r.NextHop, r.Iface))
		}
		return out
	}
	parsedRoutes := func(text string) []string {
		var out []string
		for _, r := range parse(t, dir, "hp_comware_display_ip_routing-table.textfsm", text) {
			out = append(out, strings.Join([]string{field(r, "NETWORK") + "/" + field(r, "PREFIX_LENGTH"), field(r, "PROTOCOL"),
				field(r, "DISTANCE"), field(r, "NEXTHOP_IP"), field(r, "NEXTHOP_IF")}, " "))
		}
		return out
	}
	for _, c := range []struct {
		cmd  string
		want []device.Route
	}{
		{"display ip routing-table 10.1.1.7", routeTo(routes, netip.MustParseAddr("10.1.1.7"))},
		{"display ip routing-table 8.8.8.8", routeTo(routes, netip.MustParseAddr("8.8.8.8"))},
		{"display ip routing-table protocol static", filterRoutes(routes, "Static")},
		{"display ip routing-table protocol direct", filterRoutes(routes, "Direct")},
	} {
		selects(c.cmd, "hp_comware_display_ip_routing-table.textfsm")
		out := con.run(c.cmd)
		if i := strings.Index(out, "Routing table Status : < Inactive>"); i >= 0 {
			out = out[:strings.LastIndex(out[:i], "\n")+1]
		}
		got, want := parsedRoutes(out), routeRows(c.want)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: parsed %q, model %q", c.cmd, got, want)
		}
	}
	for _, c := range []struct {
		cmd  string
		keep func(device.ARPEntry) bool
	}{
		{"display arp " + netip.AddrFrom4(station.IP).String(), func(e device.ARPEntry) bool { return e.IP == station.IP }},
		{fmt.Sprintf("display arp vlan %d", station.VLAN), func(e device.ARPEntry) bool { return e.VLAN == station.VLAN }},
		{"display arp interface " + station.Port, func(e device.ARPEntry) bool { return e.Port == station.Port }},
	} {
		selects(c.cmd, "hp_comware_display_arp.textfsm")
		var want, got []string
		for _, e := range arp {
			if c.keep(e) && !e.Static {
				want = append(want, fmt.Sprintf("%s %s %d %s %d D", netip.AddrFrom4(e.IP), device.FormatMAC(e.MAC), e.VLAN,
					cfg.Interfaces[e.Port].BriefName(), e.Aging))
			}
		}
		for _, r := range parse(t, dir, "hp_comware_display_arp.textfsm", con.run(c.cmd)) {
			got = append(got, strings.Join([]string{field(r, "IP_ADDRESS"), field(r, "MAC_ADDRESS"), field(r, "VLAN_ID"),
				field(r, "INTERFACE"), field(r, "AGING"), field(r, "TYPE")}, " "))
		}
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: parsed %q, model %q", c.cmd, got, want)
		}
	}
}

func filterRoutes(rs []device.Route, proto string) []device.Route {
	var out []device.Route
	for _, r := range rs {
		if r.Proto == proto {
			out = append(out, r)
		}
	}
	return out
}

// display clock while summer time is on: the template reads the summer
// zone's name and the time it shows, as the model has them.
func TestConformanceClockInSummerTime(t *testing.T) {
	dir := interop.NeedNTCTemplates(t)
	d, _ := modelDevice(t) // January 2011
	con := newConsole(t, d)
	con.must("system-view", "clock timezone Z5 add 05:00:00",
		"clock summer-time S1 one-off 00:00:00 01/01/2011 00:00:00 02/01/2011 02:00:00")
	out := con.run("display clock")
	recs := parse(t, dir, "hp_comware_display_clock.textfsm", out)
	now := d.Clock()
	if len(recs) != 1 {
		t.Fatalf("parsed %d records from %q", len(recs), out)
	}
	r := recs[0]
	got := strings.Join([]string{field(r, "TIME"), field(r, "TIMEZONE"), field(r, "DAYWEEK"), field(r, "MONTH"), field(r, "DAY"), field(r, "YEAR")}, " ")
	if want := now.Format("15:04:05 ") + "S1" + now.Format(" Mon 01 02 2006"); got != want {
		t.Errorf("parsed %q, model %q", got, want)
	}
	if !strings.Contains(out, "\nSummer Time : S1 00:00:00 01/01/2011 00:00:00 02/01/2011 02:00:00\n") {
		t.Errorf("no summer time line:\n%s", out)
	}
}
