package device

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"sync/atomic"

	"switchemu/profiles"
)

// Peer is the far end of a port cabled to another emulated device (a
// fleet link), as this device sees it. The device does not know who is
// there: whoever owns the cable (the fleet) tells it with SetPeer.
type Peer struct {
	// Up is true while the far port is administratively up on a device
	// that is up: the link comes up when the local port is up too.
	Up bool
	// Neighbor is what LLDP learns from the far end; Port is the local
	// port. Its ChassisID and MgmtAddress are also learned into the MAC
	// and ARP tables, as a profile neighbour's are.
	Neighbor profiles.Neighbor
	// LACP is what the far port sends in LACPDUs (lacp.go); zero when it
	// is in no dynamic aggregate.
	LACP LACPAdvert

	// L3 is what the far end shows at layer 3 (peer_l3.go): its
	// addresses on the cable, what it answers and forwards probes to;
	// nil for a cable whose far end is gone. Compared by value.
	L3 *PeerL3

	// STP is the BPDU the far port sends (stp.go).
	STP BPDU
}

// peers is the immutable map of cabled ports to their far ends, swapped
// whole on every change so that readers (LinkUp, LLDP, tables) need no
// lock.
type peers map[string]Peer

// SetPeer cables port to a far end (or updates what the far end shows);
// nil unplugs the cable, and the port falls back to the profile's
// cabling; a Peer that is down with a zero Neighbor is a cable whose far
// end is gone (nothing learnt through it). Links that go up or down are logged and counted as for a
// configuration change. It reports whether anything changed.
func (d *Device) SetPeer(port string, p *Peer) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	old := d.peerMap()
	cur, had := old[port]
	if p != nil {
		q := *p
		q.Neighbor.Port = port // as stored below: an unchanged advert is no change
		p = &q
	}
	switch {
	case p == nil && !had, p != nil && had && samePeer(cur, *p):
		return false
	}
	next := maps.Clone(old)
	if next == nil {
		next = peers{}
	}
	if p == nil {
		delete(next, port)
	} else {
		q := *p
		q.Neighbor.Port = port
		next[port] = q
	}
	before := d.linkStates(&d.cfg)
	up := make(map[string]bool, len(next))
	for port, p := range next {
		up[port] = p.Up
	}
	d.peers.Store(&next)
	d.peerUp.Store(&up)
	d.linkChanged(before, d.linkStates(&d.cfg))
	return true
}

// peerMap returns the current far ends; nil if none.
func (d *Device) peerMap() peers {
	if m := d.peers.Load(); m != nil {
		return *m
	}
	return nil
}

// PeerOf returns the far end of a cabled port.
func (d *Device) PeerOf(port string) (Peer, bool) {
	p, ok := d.peerMap()[port]
	return p, ok
}

// Advert is what this device shows of itself at port to the device at
// the far end of a cable: whether the port is administratively up (and
// the device up), and its LLDP data. ok is false if there is no such
// physical port.
func (d *Device) Advert(port string) (p Peer, ok bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	ifc, found := d.cfg.Interfaces[port]
	if !found || !ifc.Kind.Physical() {
		return Peer{}, false
	}
	return Peer{
		Up: !ifc.Shutdown && !d.cfg.aggregateShut(ifc) && !d.life.rebooting,
		Neighbor: profiles.Neighbor{
			SystemName:  d.cfg.Sysname,
			SystemDesc:  d.profile.Version.Line,
			ChassisID:   d.profile.Brand.BridgeMAC,
			PortID:      ifc.Name,
			PortDesc:    ifc.EffectiveDescription(),
			MgmtAddress: mgmtAddress(&d.cfg, ifc),
			PVID:        int(ifc.PVID),
		},
		LACP: d.lacpAdvert(&d.cfg, ifc),
		L3:   d.l3Advert(&d.cfg, ifc),
		STP:  d.stpAdvert(port),
	}, true
}

// mgmtAddress is the management address LLDP advertises on a port: for a
// layer-2 port, the primary address of the lowest VLAN it carries whose
// VLAN interface has one; none if no such VLAN interface has an address
// (H3C S3600V2 Layer 2 LAN Switching Configuration Guide, "Configuring
// the management address and its encoding format", Comware V5).
func mgmtAddress(cfg *Config, port Interface) string {
	var best VLANID
	var addr string
	for _, ifc := range cfg.Interfaces {
		if ifc.Kind != KindVlanIf || ifc.Shutdown || !port.InVLAN(VLANID(ifc.Number)) {
			continue
		}
		for _, a := range ifc.Addresses {
			if !a.Sub && (best == 0 || VLANID(ifc.Number) < best) {
				best, addr = VLANID(ifc.Number), netip.AddrFrom4(a.IP).String()
			}
		}
	}
	return addr
}

// neighbors returns the switches at the far end of the ports: fleet
// peers, and the profile's neighbours on ports without a fleet link.
func (d *Device) neighbors() []profiles.Neighbor {
	ps := d.peerMap()
	out := make([]profiles.Neighbor, 0, len(d.profile.Chassis.Neighbors)+len(ps))
	for _, n := range d.profile.Chassis.Neighbors {
		if _, linked := ps[n.Port]; !linked {
			out = append(out, n)
		}
	}
	for _, port := range slices.Sorted(maps.Keys(ps)) {
		if n := ps[port].Neighbor; n.SystemName != "" || n.ChassisID != "" {
			out = append(out, n) // a zero neighbour is a pulled cable
		}
	}
	return out
}

// cabledUp reports whether the far end of a physical port is there: a
// fleet peer that is up, or else the profile's cabling.
func (d *Device) cabledUp(port string) bool {
	// A Peer is a few kilobytes (its BPDU): links ask the port's Up only.
	if m := d.peerUp.Load(); m != nil {
		if up, ok := (*m)[port]; ok {
			return up
		}
	}
	return d.cabledSet()[port]
}

// cabledSet returns the profile's cabled ports as a set: every display
// of link states asks for each port.
func (d *Device) cabledSet() map[string]bool {
	if m := d.cabled.Load(); m != nil {
		return *m
	}
	m := make(map[string]bool, len(d.profile.Chassis.Cabled))
	for _, port := range d.profile.Chassis.Cabled {
		m[port] = true
	}
	d.cabled.Store(&m)
	return m
}

// hostsOn returns the profile's end stations, less those behind ports
// that a fleet link has taken.
func (d *Device) hosts() []profiles.Host {
	ps := d.peerMap()
	if len(ps) == 0 {
		return d.profile.Chassis.Hosts
	}
	var out []profiles.Host
	for _, h := range d.profile.Chassis.Hosts {
		if _, linked := ps[h.Port]; !linked {
			out = append(out, h)
		}
	}
	return out
}

// peersPointer is the field type of Device.peers.
type peersPointer = atomic.Pointer[peers]

// String describes a peer for logs.
func (p Peer) String() string {
	state := "down"
	if p.Up {
		state = "up"
	}
	return fmt.Sprintf("%s %s (%s)", p.Neighbor.SystemName, p.Neighbor.PortID, state)
}
