package device

import (
	"cmp"
	"net/netip"
	"slices"
)

// Route is one row of the routing table.
type Route struct {
	Dest    netip.Prefix
	Proto   string // "Direct" or "Static"
	Pre     int
	Cost    int
	NextHop netip.Addr
	Iface   string // brief name, "Vlan2", "InLoop0"
	// IfName is the output interface's canonical name,
	// "Vlan-interface2"; "" for InLoop0.
	IfName string
}

var loopback = netip.AddrFrom4([4]byte{127, 0, 0, 1})

// RoutingTable returns the active routes: the loopback routes, a direct
// route to the subnet and a host route for every address of an up
// layer-3 interface, and the static routes whose next hop is in one of
// those subnets (or whose output interface is up); by destination.
func (d *Device) RoutingTable(cfg *Config) []Route { return d.routingTable(cfg, d.linkStates(cfg)) }

// routingTable is RoutingTable with the link states already known.
func (d *Device) routingTable(cfg *Config, up map[string]bool) []Route {
	out := []Route{
		{Dest: netip.MustParsePrefix("127.0.0.0/8"), Proto: "Direct", NextHop: loopback, Iface: "InLoop0"},
		{Dest: netip.MustParsePrefix("127.0.0.1/32"), Proto: "Direct", NextHop: loopback, Iface: "InLoop0"},
	}
	type connected struct {
		p    netip.Prefix
		name string
		full string
	}
	var nets []connected
	for _, ifc := range cfg.SortedInterfaces() {
		if !up[ifc.Name] || ifc.Layer2() {
			continue
		}
		for _, a := range ifc.Addresses {
			addr := netip.AddrFrom4(a.IP)
			p := a.Prefix()
			nets = append(nets, connected{p, ifc.BriefName(), ifc.Name})
			if a.Mask < 32 {
				out = append(out, Route{Dest: p, Proto: "Direct", NextHop: addr, Iface: ifc.BriefName(), IfName: ifc.Name})
			}
			hop, name, full := loopback, "InLoop0", ""
			if a.Mask == 32 {
				hop, name, full = addr, ifc.BriefName(), ifc.Name
			}
			out = append(out, Route{Dest: netip.PrefixFrom(addr, 32), Proto: "Direct", NextHop: hop, Iface: name, IfName: full})
		}
	}
	for _, r := range cfg.Routes {
		dest, _ := netip.AddrFrom4(r.Dest).Prefix(r.Mask)
		hop := netip.AddrFrom4(r.NextHop)
		pre := cmp.Or(r.Preference, 60)
		if r.Interface != "" {
			ifc, ok := cfg.Interfaces[r.Interface]
			if !ok || !up[r.Interface] {
				continue
			}
			if ifc.Kind == KindNull {
				hop = loopback
			}
			out = append(out, Route{Dest: dest, Proto: "Static", Pre: pre, NextHop: hop, Iface: ifc.BriefName(), IfName: ifc.Name})
			continue
		}
		for _, n := range nets {
			if n.p.Contains(hop) {
				out = append(out, Route{Dest: dest, Proto: "Static", Pre: pre, NextHop: hop, Iface: n.name, IfName: n.full})
				break
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Route) int {
		return cmp.Or(a.Dest.Addr().Compare(b.Dest.Addr()), cmp.Compare(a.Dest.Bits(), b.Dest.Bits()), cmp.Compare(a.Pre, b.Pre))
	})
	// A destination with routes of different preferences keeps the best.
	best := out[:0]
	for _, r := range out {
		if n := len(best); n > 0 && best[n-1].Dest == r.Dest && best[n-1].Pre < r.Pre {
			continue
		}
		best = append(best, r)
	}
	return best
}

// AddressConflict returns the interface other than name that has an
// address in the same subnet as a, or "".
func (c *Config) AddressConflict(name string, a IPAddress) string {
	p := a.Prefix()
	for _, ifc := range c.SortedInterfaces() {
		if ifc.Name == name {
			continue
		}
		for _, b := range ifc.Addresses {
			if b.Prefix().Overlaps(p) {
				return ifc.Name
			}
		}
	}
	return ""
}
