package cli

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"switchemu/device"
)

// display ip routing-table IP, protocol direct|static, and verbose (any
// view). Syntax: H3C S5500-EI / HP A5500 EI Layer 3 - IP Routing Command
// Reference (Comware 5.20), "display ip routing-table [ verbose ]",
// "display ip routing-table ip-address [ verbose ]", "display ip
// routing-table protocol protocol [ inactive | verbose ]". Layouts [I]:
// recalled from those references' examples, in the columns of the
// captured table (reference §5.20): the one-address form heads the table
// with "Routing Table : Public" / "Summary Count : N"; the protocol form
// prints "Public Routing Table : Static", then the active and the
// inactive routes, each under "<Proto> Routing table Status : < Active>"
// and its count; verbose prints a block per route. The ntc-templates
// hp_comware_display_ip_routing-table template reads the one-address form
// and the active part of the protocol form; its "^. -> Error" rule
// rejects the inactive part, as it would on the device.
var displayRoutingCommands = []Command{
	{Syntax: "display ip routing-table verbose", Priv: 1, Run: cmdDisplayRoutingVerbose},
	{Syntax: "display ip routing-table {ip:A.B.C.D}", Priv: 1, Run: cmdDisplayRouteTo},
	{Syntax: "display ip routing-table {ip:A.B.C.D} verbose", Priv: 1, Run: cmdDisplayRouteTo},
	{Syntax: "display ip routing-table protocol (direct|static)", Priv: 1, Run: cmdDisplayRoutingProtocol},
	{Syntax: "display ip routing-table protocol (direct|static) inactive", Priv: 1, Run: cmdDisplayRoutingProtocol},
	{Syntax: "display ip routing-table protocol (direct|static) verbose", Priv: 1, Run: cmdDisplayRoutingProtocol},
}

var helpDisplayRouting = map[string]string{
	"display ip":                                        "Display IP information",
	"display ip routing-table":                          "Display IP routing table",
	"display ip routing-table verbose":                  "Detail information",
	"display ip routing-table {ip:A.B.C.D}":             "Destination IP address",
	"display ip routing-table {ip:A.B.C.D} verbose":     "Detail information",
	"display ip routing-table protocol":                 "Routing protocol type",
	"display ip routing-table protocol direct":          "Direct routes",
	"display ip routing-table protocol static":          "Static routes",
	"display ip routing-table protocol direct inactive": "Inactive routes",
	"display ip routing-table protocol static inactive": "Inactive routes",
	"display ip routing-table protocol direct verbose":  "Detail information",
	"display ip routing-table protocol static verbose":  "Detail information",
}

var displayRoutingGroup = group{expandAlternatives(displayRoutingCommands), helpDisplayRouting}

// expandAlternatives spells "(a|b)" words out into one command each.
func expandAlternatives(cmds []Command) []Command {
	var out []Command
	for _, c := range cmds {
		words := strings.Fields(c.Syntax)
		i := slices.IndexFunc(words, func(w string) bool { return strings.HasPrefix(w, "(") })
		if i < 0 {
			out = append(out, c)
			continue
		}
		var alts []Command
		for _, alt := range strings.Split(strings.Trim(words[i], "()"), "|") {
			w := slices.Clone(words)
			w[i] = alt
			alts = append(alts, Command{Syntax: strings.Join(w, " "), Priv: c.Priv, Run: c.Run})
		}
		out = append(out, expandAlternatives(alts)...)
	}
	return out
}

const routeRowFmt = "%-20s%-7s%-5d%-13d%-16s%s\n"

const routeHeader = "Destination/Mask    Proto  Pre  Cost         NextHop         Interface\n\n"

func routeRow(r device.Route) string {
	return fmt.Sprintf(routeRowFmt, r.Dest, r.Proto, r.Pre, r.Cost, r.NextHop, r.Iface)
}

// routeTo is the routes of the most specific destination that contains
// ip.
func routeTo(routes []device.Route, ip netip.Addr) []device.Route {
	best := -1
	for _, r := range routes {
		if r.Dest.Contains(ip) {
			best = max(best, r.Dest.Bits())
		}
	}
	var out []device.Route
	for _, r := range routes {
		if r.Dest.Contains(ip) && r.Dest.Bits() == best {
			out = append(out, r)
		}
	}
	return out
}

func cmdDisplayRouteTo(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	ip, _ := netip.ParseAddr(a.Str("ip"))
	routes := routeTo(s.dev.RoutingTable(&cfg), ip)
	if a.Has("verbose") {
		return s.printf("Routing Table : Public\nSummary Count : %d\n\n%s", len(routes), routeBlocks(&cfg, routes, s.dev.Uptime(), "Active Adv"))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Routing Table : Public\nSummary Count : %d\n\n%s", len(routes), routeHeader)
	for _, r := range routes {
		b.WriteString(routeRow(r))
	}
	return s.printf("%s", b.String())
}

func cmdDisplayRoutingVerbose(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	routes := s.dev.RoutingTable(&cfg)
	return s.printf("Routing Table : Public\n        Destinations : %-9dRoutes : %d\n\n%s",
		destinations(routes), len(routes), routeBlocks(&cfg, routes, s.dev.Uptime(), "Active Adv"))
}

func destinations(routes []device.Route) int {
	dests := map[netip.Prefix]bool{}
	for _, r := range routes {
		dests[r.Dest] = true
	}
	return len(dests)
}

// inactiveRoutes are the routes of proto configured but not in the
// table: static routes whose next hop no connected subnet holds or
// whose interface is down, addresses of interfaces that are down.
func inactiveRoutes(s *Session, cfg *device.Config, proto string, active []device.Route) []device.Route {
	var out []device.Route
	up := s.dev.LinkStates(cfg)
	switch proto {
	case "Static":
		for _, r := range cfg.Routes {
			dest, _ := netip.AddrFrom4(r.Dest).Prefix(r.Mask)
			hop := netip.AddrFrom4(r.NextHop)
			if slices.ContainsFunc(active, func(a device.Route) bool { return a.Dest == dest && a.Proto == "Static" }) {
				continue
			}
			iface := "InLoop0" // [U] what an unresolved route shows
			if ifc, ok := cfg.Interfaces[r.Interface]; ok {
				iface = ifc.BriefName()
			}
			out = append(out, device.Route{Dest: dest, Proto: "Static", Pre: cmpInt(r.Preference, 60), NextHop: hop, Iface: iface, IfName: r.Interface})
		}
	case "Direct":
		for _, ifc := range cfg.SortedInterfaces() {
			if up[ifc.Name] || ifc.Layer2() {
				continue
			}
			for _, a := range ifc.Addresses {
				out = append(out, device.Route{Dest: a.Prefix(), Proto: "Direct", NextHop: netip.AddrFrom4(a.IP), Iface: ifc.BriefName(), IfName: ifc.Name})
			}
		}
	}
	return out
}

func cmpInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func cmdDisplayRoutingProtocol(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	proto := "Static"
	if a.Has("direct") {
		proto = "Direct"
	}
	var active []device.Route
	for _, r := range s.dev.RoutingTable(&cfg) {
		if r.Proto == proto {
			active = append(active, r)
		}
	}
	inactive := inactiveRoutes(s, &cfg, proto, active)
	verbose := a.Has("verbose")
	var b strings.Builder
	section := func(state string, routes []device.Route) {
		fmt.Fprintf(&b, "%s Routing table Status : < %s>\nSummary Count : %d\n\n", proto, state, len(routes))
		if len(routes) == 0 {
			return
		}
		if verbose {
			b.WriteString(routeBlocks(&cfg, routes, s.dev.Uptime(), strings.ToLower(state)))
			return
		}
		b.WriteString(routeHeader)
		for _, r := range routes {
			b.WriteString(routeRow(r))
		}
		b.WriteString("\n")
	}
	if a.Has("inactive") {
		fmt.Fprintf(&b, "Public Routing Table : %s\nSummary Count : %d\n\n", proto, len(inactive))
		section("Inactive", inactive)
	} else {
		fmt.Fprintf(&b, "Public Routing Table : %s\nSummary Count : %d\n\n", proto, len(active)+len(inactive))
		section("Active", active)
		section("Inactive", inactive)
	}
	return s.printf("%s", strings.TrimSuffix(b.String(), "\n"))
}

// routeBlocks prints routes in the verbose layout [I]. state is "Active
// Adv" for the active table (host routes of the device's own addresses
// are not advertised: "Active NoAdv"), "inactive" for inactive routes.
func routeBlocks(cfg *device.Config, routes []device.Route, age time.Duration, state string) string {
	var b strings.Builder
	secs := int(age / time.Second)
	for _, r := range routes {
		st := state
		switch {
		case state == "inactive":
			st = "Inactive Adv"
		case r.Iface == "InLoop0":
			st = "Active NoAdv"
		}
		name := "InLoopBack0"
		if ifc, ok := cfg.Interfaces[r.IfName]; ok {
			name = ifc.Name
		}
		fmt.Fprintf(&b, "Destination: %s\n", r.Dest)
		fmt.Fprintf(&b, "   Protocol: %-16sProcess ID: 0\n", r.Proto)
		fmt.Fprintf(&b, " Preference: %-21dCost: %d\n", r.Pre, r.Cost)
		fmt.Fprintf(&b, "    NextHop: %-16sInterface: %s\n", r.NextHop, name)
		fmt.Fprintf(&b, "  BkNextHop: 0.0.0.0        BkInterface: \n")
		fmt.Fprintf(&b, "RelyNextHop: 0.0.0.0          Neighbor : 0.0.0.0\n")
		fmt.Fprintf(&b, "  Tunnel ID: 0x0                  Label: NULL\n")
		fmt.Fprintf(&b, "      State: %-21sAge: %02dh%02dm%02ds\n", st, secs/3600, secs/60%60, secs%60)
		fmt.Fprintf(&b, "        Tag: 0\n\n")
	}
	return b.String()
}
