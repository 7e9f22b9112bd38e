package device

import (
	"net/netip"
	"slices"
)

// PeerL3 is what the far end of a fleet link shows of itself at layer 3,
// for probes (Reach): the addresses it has on the cable's segments, the
// addresses it answers for, and what it forwards to. The device at the
// far end computes it (Advert); it is immutable once made.
//
// It is a snapshot taken when the far end last changed or the cable last
// moved (fleet/links.go pushes adverts then): a change of a third
// device that only changes the far end's link states is seen at the far
// end's next change.
type PeerL3 struct {
	// Segments are the far end's addresses on the cable: those of its
	// VLAN interfaces of the VLANs the far port carries (VLAN and
	// whether the far port tags it), or of a routed port (VLAN 0,
	// untagged). Interfaces shut down show none.
	Segments []PeerAddr
	// Owns are the addresses of the far end's up layer-3 interfaces: it
	// answers probes to any of them.
	Owns []netip.Addr
	// Hosts are the stations the far end reaches on its own segments
	// (the end stations of its ARP table, the addresses of its other
	// fleet neighbours on up links): it forwards probes to them.
	Hosts []netip.Addr
	// Routes are the far end's active static routes: it forwards
	// probes to their destinations.
	Routes []PeerRoute
}

// PeerAddr is one address of the far end on a cable's segment.
type PeerAddr struct {
	VLAN   VLANID       // 0 for a routed port
	Tagged bool         // the far port sends VLAN tagged
	Addr   netip.Prefix // the address and its prefix length, not masked
}

// PeerRoute is one static route of the far end.
type PeerRoute struct {
	Dest    netip.Prefix
	NextHop netip.Addr
}

// equal reports whether two adverts say the same; nil equals nil only.
func (a *PeerL3) equal(b *PeerL3) bool {
	if a == nil || b == nil {
		return a == b
	}
	return slices.Equal(a.Segments, b.Segments) && slices.Equal(a.Owns, b.Owns) &&
		slices.Equal(a.Hosts, b.Hosts) && slices.Equal(a.Routes, b.Routes)
}

// samePeer compares two far ends: the comparable fields with ==, the
// layer-3 advert by value.
func samePeer(a, b Peer) bool {
	al3, bl3 := a.L3, b.L3
	a.L3, b.L3 = nil, nil
	return a == b && al3.equal(bl3)
}

// l3Advert is what the device shows at layer 3 through port; the caller
// holds d.mu.
func (d *Device) l3Advert(cfg *Config, port Interface) *PeerL3 {
	up := d.linkStates(cfg)
	adv := &PeerL3{}
	for _, ifc := range cfg.SortedInterfaces() {
		if ifc.Shutdown {
			continue
		}
		for _, a := range ifc.Addresses {
			addr := netip.PrefixFrom(netip.AddrFrom4(a.IP), a.Mask) // not masked
			switch {
			case port.Routed && ifc.Name == port.Name:
				adv.Segments = append(adv.Segments, PeerAddr{Addr: addr})
			case port.Layer2() && ifc.Kind == KindVlanIf && port.InVLAN(VLANID(ifc.Number)):
				v := VLANID(ifc.Number)
				adv.Segments = append(adv.Segments, PeerAddr{VLAN: v, Tagged: port.TaggedIn(v), Addr: addr})
			}
			if up[ifc.Name] && !ifc.Layer2() {
				adv.Owns = append(adv.Owns, netip.AddrFrom4(a.IP))
			}
		}
	}
	for _, st := range d.segmentStations(cfg, up) {
		if st.port != port.Name {
			adv.Hosts = append(adv.Hosts, st.addr)
		}
	}
	for _, r := range d.routingTable(cfg, up) {
		if r.Proto == "Static" {
			adv.Routes = append(adv.Routes, PeerRoute{Dest: r.Dest, NextHop: r.NextHop})
		}
	}
	slices.SortFunc(adv.Hosts, netip.Addr.Compare)
	adv.Hosts = slices.Compact(adv.Hosts)
	return adv
}
