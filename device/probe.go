package device

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"time"
)

// Probe is what one probe packet (an ICMP echo of ping, a tracert probe,
// an NTP poll) found on its way from the device to a destination.
type Probe struct {
	// Hops are the addresses that answer probes sent with TTL 1, 2, ...:
	// the routers on the way, then the destination itself when it
	// answers. A router that answers while the destination does not is
	// the last hop (tracert prints "* * *" after it).
	Hops []netip.Addr
	// OK is true if the destination answered.
	OK bool
	// TTL is the TTL of the destination's reply as it arrives: 255 from
	// a switch one segment away, less one per router on the way back,
	// 128 from an end station [U: profile hosts are taken for Windows
	// hosts].
	TTL int
	// RTT is the round trip: 1 ms per hop.
	RTT time.Duration
}

// Reach sends one probe from the device to dst through the model and
// reports what answered. Every probe the device sends goes through this
// one function (ping, tracert, NTP), so that a feature that injects
// faults (loss, latency on a link) adds them here and every caller
// follows. It never waits: the caller waits out RTT or its timeout,
// holding no lock.
//
// A probe reaches: the device's own addresses (and 127.0.0.0/8); over a
// direct route, the end stations the profile places on the connected
// subnet, the profile's neighbours' management addresses and the fleet
// neighbours' addresses on that segment, behind ports that are up (a
// pulled cable or a port shut down takes them away); over a static
// route, what its next hop, a fleet neighbour on the route's segment,
// owns or forwards to (its own addresses, the stations of its segments,
// its static routes, unless they point back at this device). Nothing
// else answers: no route, a blackhole route, or nobody there.
func (d *Device) Reach(dst netip.Addr) Probe {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.reach(&d.cfg, dst)
}

// hostTTL and switchTTL are the TTLs replies start with.
const (
	hostTTL   = 128
	switchTTL = 255
)

func (d *Device) reach(cfg *Config, dst netip.Addr) Probe {
	if !dst.Is4() {
		return Probe{}
	}
	up := d.linkStates(cfg)
	here := func(ttl, hops int, path ...netip.Addr) Probe {
		return Probe{Hops: path, OK: true, TTL: ttl, RTT: time.Duration(hops) * time.Millisecond}
	}
	ours := ownAddrs(cfg, up)
	if dst.As4()[0] == 127 || slices.Contains(ours, dst) {
		return here(switchTTL, 1, dst)
	}
	r, ok := bestRoute(d.routingTable(cfg, up), dst)
	if !ok || r.IfName == "" {
		return Probe{}
	}
	out := cfg.Interfaces[r.IfName]
	if out.Kind == KindNull {
		return Probe{} // blackhole
	}
	stations := d.segmentStations(cfg, up)
	find := func(a netip.Addr) (segStation, bool) {
		i := slices.IndexFunc(stations, func(s segStation) bool { return s.addr == a && s.l3 == out.Name })
		if i < 0 {
			return segStation{}, false
		}
		return stations[i], true
	}
	if r.Proto == "Direct" || !r.NextHop.IsValid() || r.NextHop.IsUnspecified() {
		st, ok := find(dst)
		if !ok {
			return Probe{}
		}
		return here(st.ttl(), 1, dst)
	}
	gw, ok := find(r.NextHop)
	switch {
	case !ok || !gw.router:
		return Probe{}
	case gw.peer == nil:
		return Probe{Hops: []netip.Addr{r.NextHop}} // a router that tells nothing
	case slices.Contains(gw.peer.Owns, dst):
		return here(switchTTL, 1, dst)
	case gw.forwards(dst, ours):
		return here(switchTTL-1, 2, r.NextHop, dst)
	}
	return Probe{Hops: []netip.Addr{r.NextHop}}
}

// bestRoute is the longest-prefix match for dst.
func bestRoute(routes []Route, dst netip.Addr) (Route, bool) {
	best := -1
	for i, r := range routes {
		if r.Dest.Contains(dst) && (best < 0 || r.Dest.Bits() > routes[best].Dest.Bits()) {
			best = i
		}
	}
	if best < 0 {
		return Route{}, false
	}
	return routes[best], true
}

// ownAddrs are the addresses of the device's up layer-3 interfaces.
func ownAddrs(cfg *Config, up map[string]bool) []netip.Addr {
	var out []netip.Addr
	for _, ifc := range cfg.Interfaces {
		if !up[ifc.Name] || ifc.Layer2() {
			continue
		}
		for _, a := range ifc.Addresses {
			out = append(out, netip.AddrFrom4(a.IP))
		}
	}
	return out
}

// segStation is something that answers on a connected segment.
type segStation struct {
	addr   netip.Addr
	port   string  // the local port it is behind
	l3     string  // the local layer-3 interface whose subnet it is in
	router bool    // a switch (profile or fleet neighbour), not an end station
	peer   *PeerL3 // a fleet neighbour's advert; nil otherwise
}

func (s segStation) ttl() int {
	if s.router {
		return switchTTL
	}
	return hostTTL
}

// forwards reports whether a fleet neighbour forwards a probe to dst: a
// station of its segments, or a destination of its static routes that
// does not point back at one of ours.
func (s segStation) forwards(dst netip.Addr, ours []netip.Addr) bool {
	if slices.Contains(s.peer.Hosts, dst) {
		return true
	}
	for _, r := range s.peer.Routes {
		if r.Dest.Contains(dst) && !slices.Contains(ours, r.NextHop) {
			return true
		}
	}
	return false
}

// segmentStations lists what answers on the device's up connected
// segments: the profile's hosts and neighbours (as the ARP table learns
// them) and the fleet neighbours' addresses on their cables. The caller
// holds d.mu or owns cfg.
func (d *Device) segmentStations(cfg *Config, up map[string]bool) []segStation {
	var out []segStation
	add := func(s segStation) {
		if !slices.ContainsFunc(out, func(o segStation) bool { return o.addr == s.addr && o.l3 == s.l3 }) {
			out = append(out, s)
		}
	}
	// l3Of is the layer-3 interface a frame from behind port in VLAN v
	// (0: a routed port) reaches, if it is up and has a's subnet.
	l3Of := func(port Interface, v VLANID, a netip.Addr) (string, bool) {
		l3 := port
		if port.Layer2() {
			var ok bool
			if l3, ok = cfg.Interfaces[fmt.Sprintf("Vlan-interface%d", v)]; !ok || v == 0 {
				return "", false
			}
		}
		if !up[l3.Name] || !l3.HasSubnetOf(a.As4()) {
			return "", false
		}
		return l3.Name, true
	}
	peers := d.peerMap()
	for _, st := range d.stations() {
		ifc, ok := cfg.Interfaces[st.port]
		if !st.hasIP || !ok || !up[st.port] {
			continue
		}
		var v VLANID
		if ifc.Layer2() {
			v = untaggedVLAN(ifc, st.vlan)
		}
		a := netip.AddrFrom4(st.ip)
		if l3, ok := l3Of(ifc, v, a); ok {
			s := segStation{addr: a, port: st.port, l3: l3, router: st.router}
			if p, ok := peers[st.port]; ok && st.router {
				s.peer = p.L3
			}
			add(s)
		}
	}
	for _, port := range slices.Sorted(maps.Keys(peers)) { // in order: ARP ages follow it
		p := peers[port]
		ifc, ok := cfg.Interfaces[port]
		if !ok || !p.Up || !up[port] || p.L3 == nil {
			continue
		}
		for _, pa := range p.L3.Segments {
			var v VLANID
			switch {
			case ifc.Routed && pa.Tagged:
				continue
			case ifc.Routed:
			case pa.Tagged:
				if !ifc.TaggedIn(pa.VLAN) {
					continue
				}
				v = pa.VLAN
			default:
				v = untaggedVLAN(ifc, 0)
			}
			if l3, ok := l3Of(ifc, v, pa.Addr.Addr()); ok {
				add(segStation{addr: pa.Addr.Addr(), port: port, l3: l3, router: true, peer: p.L3})
			}
		}
	}
	return out
}
