package cli

import (
	"regexp"
	"strings"
	"testing"
)

// TestFilterConfigSections: "| begin X" and "| include X" on display
// current-configuration give, for a pattern naming the first line of each
// section the renderer produces (and a line inside it), the lines of the
// unfiltered output from the first match on, and exactly the matching
// lines (reference §3.8).
func TestFilterConfigSections(t *testing.T) {
	d := testDevice(t)
	c := newConsole(t, d)
	c.run("screen-length disable")
	c.must("system-view",
		"vlan 10", "name users", "quit", "vlan 20", "quit",
		"interface Vlan-interface10", "ip address 192.168.10.1 24", "quit",
		"interface GigabitEthernet2/0/1", "description uplink", "port link-type trunk", "port trunk permit vlan 10 20", "quit",
		"interface GigabitEthernet2/0/2", "port access vlan 20", "quit",
		"interface Ten-GigabitEthernet4/0/1", "shutdown", "quit",
		"local-user operator", "password simple op3rator", "service-type telnet", "quit",
		"ip route-static 0.0.0.0 0 192.168.10.254",
		"acl number 2000", "rule 5 permit source 192.168.10.0 0.0.0.255", "quit",
		"user-interface vty 0 15", "idle-timeout 20 0", "quit",
		// The sections and lines of the everyday features: STP and its
		// region, link aggregation, an advanced ACL and a packet
		// filter, SNMP, NTP, a banner.
		"stp enable", "stp region-configuration", "region-name campus", "instance 1 vlan 10", "active region-configuration", "quit",
		"interface Bridge-Aggregation1", "link-aggregation mode dynamic", "quit",
		"interface GigabitEthernet2/0/3", "port link-aggregation group 1", "stp edged-port enable", "quit",
		"acl number 3000", "rule 10 deny tcp destination-port eq telnet", "quit",
		"interface GigabitEthernet2/0/2", "packet-filter 3000 inbound", "quit",
		"snmp-agent community read public", "snmp-agent sys-info location lab-rack-4",
		"ntp-service unicast-server 192.168.10.254",
		"header motd %Authorised use only.%",
		"return")
	full := c.run("display current-configuration")
	lines := strings.Split(strings.TrimSuffix(full, "\n"), "\n")
	var heads []string
	for _, l := range lines {
		if l != "" && l != "#" && !strings.HasPrefix(l, " ") {
			heads = append(heads, l)
		}
	}
	for _, want := range []string{"vlan 10", "interface GigabitEthernet2/0/1", "interface Vlan-interface10",
		"local-user operator", "user-interface vty 0 15", "acl number 2000", "acl number 3000", "domain system",
		"interface Bridge-Aggregation1", "stp region-configuration", "return"} {
		if !strings.Contains(full, "\n"+want+"\n") {
			t.Fatalf("no section %q in\n%s", want, full)
		}
	}
	patterns := append([]string{}, heads...)
	patterns = append(patterns, " port link-type trunk", " description uplink", "^ ip route-static", "^ rule 5 permit",
		"^ idle-timeout 20", " service-type telnet", " sysname 3Com", "^interface", "^ port", "^#", "vlan 20$",
		" region-name campus", " instance 1 vlan 10", "^ stp", " link-aggregation mode dynamic", " port link-aggregation group 1",
		" packet-filter 3000 inbound", "^ rule 10 deny", "^ snmp-agent", "^ ntp-service", "^ header motd", "only\\.%$")
	for _, p := range patterns {
		expr := p
		if !strings.ContainsAny(p, "^$") {
			expr = "^" + regexp.QuoteMeta(p) + "$"
		}
		re := regexp.MustCompile(expr)
		var begin, include []string
		started := false
		for _, l := range lines {
			if re.MatchString(l) {
				started = true
				include = append(include, l)
			}
			if started {
				begin = append(begin, l)
			}
		}
		if len(include) == 0 {
			t.Errorf("%q matches nothing in the configuration", expr)
			continue
		}
		for _, tc := range []struct {
			kind string
			want []string
		}{{"begin", begin}, {"include", include}} {
			got := c.run("display current-configuration | " + tc.kind + " " + expr)
			if w := strings.Join(tc.want, "\n") + "\n"; got != w {
				t.Errorf("| %s %s:\ngot\n%s\nwant\n%s", tc.kind, expr, got, w)
			}
		}
	}
}
