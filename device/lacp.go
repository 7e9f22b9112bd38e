package device

import (
	"fmt"
	"slices"
)

// Link aggregation (Comware V5 "Link aggregation configuration"): a
// Bridge-Aggregation interface N is aggregation group N; an Ethernet port
// joins it with port link-aggregation group N (Interface.AggGroup). The
// group is static (the default) or dynamic (link-aggregation mode dynamic,
// Interface.LACPDynamic on the aggregate).
//
// Which members are Selected follows the H3C S7500E/HP A5500 V5
// configuration guides ("Link aggregation", "Setting the aggregation
// state of each member port"), reduced to what the model has:
//
//   - a member whose VLAN attributes (link type, PVID, permitted and
//     tagged/untagged VLANs: the V5 "class-two configurations") differ
//     from the aggregate's is Unselected;
//   - in a static group a member is Selected when its link is up;
//   - in a dynamic group a member is Selected when its link is up and
//     the far end's port is in a dynamic aggregate too (LACP from the far
//     end), with its own attributes in line, and with the same partner
//     system and key as the group's reference port (the lowest-numbered
//     member that has a partner).
//
// An aggregate's link is up when it is not shut down and has a Selected
// member; shutting it down takes its members' links down. Everything here is computed from the configuration and the
// far ends' adverts: nothing is stored, so there is nothing to converge.

// LACPDefaultPriority is the default system and port LACP priority.
const LACPDefaultPriority = 32768

// LACPAdvert is what a port shows of its aggregation to the far end of a
// fleet link (the content of its LACPDUs). The zero value is a port in
// no dynamic aggregate: no LACPDUs.
type LACPAdvert struct {
	// Active is true when the port is a member of a dynamic aggregate.
	Active bool
	// SystemPriority and SystemMAC are the actor's system ID.
	SystemPriority int
	SystemMAC      string
	// Key is the operational key of the port's aggregate; Port and
	// PortPriority the port's number and priority.
	Key, Port, PortPriority int
	// InLine: the port's attributes equal its aggregate's (it can be
	// Selected on its side).
	InLine bool
}

// SystemID is the system ID as the displays print it: "0x8000,
// 000f-e267-6c6a".
func (a LACPAdvert) SystemID() string {
	return fmt.Sprintf("0x%x, %s", a.SystemPriority, a.SystemMAC)
}

// Aggregate is the state of one aggregation group.
type Aggregate struct {
	Interface             // the Bridge-Aggregation interface
	Key       int         // operational key
	Members   []AggMember // in port order
	Up        bool
}

// AggMember is one member port's aggregation state.
type AggMember struct {
	Port     Interface
	Index    int  // LACP port number
	LinkUp   bool // the port's own link
	InLine   bool // attributes equal the aggregate's
	Selected bool
	// Partner is what the far end sends, if it sends LACPDUs.
	Partner    LACPAdvert
	HasPartner bool
}

// Selected counts the Selected members.
func (a Aggregate) Selected() int {
	n := 0
	for _, m := range a.Members {
		if m.Selected {
			n++
		}
	}
	return n
}

// SameAttributes reports whether two layer-2 interfaces have the same
// VLAN attributes: the settings an aggregate copies to its members and a
// Selected member must share with it.
func SameAttributes(a, b Interface) bool {
	eq := func(x, y VLANSet) bool { return slices.Equal(x.Ranges(), y.Ranges()) }
	if a.LinkType != b.LinkType || a.PVID != b.PVID {
		return false
	}
	switch a.LinkType {
	case LinkTrunk:
		return eq(a.Trunk, b.Trunk)
	case LinkHybrid:
		return eq(a.HybridTagged, b.HybridTagged) && eq(a.HybridUntagged, b.HybridUntagged)
	}
	return true
}

// CopyAttributes gives port the VLAN attributes of agg.
func CopyAttributes(port *Interface, agg Interface) {
	port.LinkType, port.PVID = agg.LinkType, agg.PVID
	port.Trunk, port.HybridTagged, port.HybridUntagged = agg.Trunk, agg.HybridTagged, agg.HybridUntagged
}

// SyncAggregate copies the VLAN attributes of aggregate name to its
// member ports, as the device does with every port setting made on an
// aggregate; it does nothing for an interface that is not an aggregate.
func (c *Config) SyncAggregate(name string) {
	agg, ok := c.Interfaces[name]
	if !ok || agg.Kind != KindBAGG {
		return
	}
	for n, p := range c.Interfaces {
		if p.AggGroup == agg.Number && p.Kind.Physical() && !SameAttributes(p, agg) {
			CopyAttributes(&p, agg)
			c.Interfaces[n] = p
		}
	}
}

// AggregateName is the name of aggregation group n's interface.
func AggregateName(n int) string { return fmt.Sprintf("Bridge-Aggregation%d", n) }

// portIndex is the LACP port number of a physical port: its place among
// the chassis's ports, from 1 [I: the device numbers ports by its own
// index].
func portIndex(cfg *Config, port Interface) int {
	n := 1
	for _, p := range cfg.Interfaces {
		if p.Kind.Physical() && p.Kind != KindMEth && compareInterfaces(p, port) < 0 {
			n++
		}
	}
	return n
}

// aggKey is the operational key of aggregate agg: keys are given to the
// aggregates in the order of their numbers from 1 (the captures show
// Bridge-Aggregation10, 20 and 30 with keys 1, 2 and 3).
func aggKey(cfg *Config, agg Interface) int {
	n := 1
	for _, p := range cfg.Interfaces {
		if p.Kind == KindBAGG && p.Number < agg.Number {
			n++
		}
	}
	return n
}

// lacpAdvert is what port sends in its LACPDUs.
func (d *Device) lacpAdvert(cfg *Config, port Interface) LACPAdvert {
	agg, ok := cfg.Interfaces[AggregateName(port.AggGroup)]
	if port.AggGroup == 0 || !ok || !agg.LACPDynamic {
		return LACPAdvert{}
	}
	return LACPAdvert{
		Active:         true,
		SystemPriority: LACPDefaultPriority,
		SystemMAC:      d.profile.Brand.BridgeMAC,
		Key:            aggKey(cfg, agg),
		Port:           portIndex(cfg, port),
		PortPriority:   LACPDefaultPriority,
		InLine:         SameAttributes(port, agg),
	}
}

// SystemID is this device's LACP system ID.
func (d *Device) SystemID() string {
	return LACPAdvert{SystemPriority: LACPDefaultPriority, SystemMAC: d.profile.Brand.BridgeMAC}.SystemID()
}

// Aggregates returns the state of every aggregation group of cfg, in
// interface order.
func (d *Device) Aggregates(cfg *Config) []Aggregate {
	var out []Aggregate
	for _, ifc := range cfg.SortedInterfaces() {
		if ifc.Kind == KindBAGG {
			out = append(out, d.aggregate(cfg, ifc))
		}
	}
	return out
}

// AggregateOf returns the state of aggregate name.
func (d *Device) AggregateOf(cfg *Config, name string) (Aggregate, bool) {
	ifc, ok := cfg.Interfaces[name]
	if !ok || ifc.Kind != KindBAGG {
		return Aggregate{}, false
	}
	return d.aggregate(cfg, ifc), true
}

func (d *Device) aggregate(cfg *Config, agg Interface) Aggregate {
	a := Aggregate{Interface: agg, Key: aggKey(cfg, agg)}
	ps := d.peerMap()
	for _, p := range cfg.SortedInterfaces() {
		if p.AggGroup != agg.Number || !p.Kind.Physical() {
			continue
		}
		m := AggMember{Port: p, Index: portIndex(cfg, p), LinkUp: d.LinkUp(cfg, p), InLine: SameAttributes(p, agg)}
		if peer, ok := ps[p.Name]; ok && peer.Up && peer.LACP.Active {
			m.Partner, m.HasPartner = peer.LACP, true
		}
		a.Members = append(a.Members, m)
	}
	var ref *AggMember // the reference port of a dynamic group
	for i := range a.Members {
		m := &a.Members[i]
		switch {
		case !m.LinkUp || !m.InLine:
		case !agg.LACPDynamic:
			m.Selected = true
		case !m.HasPartner || !m.Partner.InLine:
		case ref == nil:
			ref, m.Selected = m, true
		default:
			m.Selected = m.Partner.SystemMAC == ref.Partner.SystemMAC && m.Partner.Key == ref.Partner.Key
		}
	}
	a.Up = !agg.Shutdown && a.Selected() > 0
	return a
}

// aggregateShut reports whether port is a member of an aggregate that is
// shut down: its link is down then ("When an aggregate interface is shut
// down, all Selected ports in the aggregation group become unselected
// and their link state becomes down", HP A3100 v2 EI configuration
// guide, Comware V5; 3Com 4210G configuration manual likewise).
func (c *Config) aggregateShut(port Interface) bool {
	if port.AggGroup == 0 {
		return false
	}
	agg, ok := c.Interfaces[AggregateName(port.AggGroup)]
	return ok && agg.Shutdown
}

// aggregateUp reports whether aggregate agg's link is up.
func (d *Device) aggregateUp(cfg *Config, agg Interface) bool {
	if agg.Shutdown {
		return false
	}
	return d.aggregate(cfg, agg).Up
}

// DissolveAggregate takes the members of aggregate name out of their
// group: what removing a Bridge-Aggregation does to them. They keep the
// attributes they took from it.
func (c *Config) DissolveAggregate(name string) {
	kind, n, ok := aggregateNumber(name)
	if !ok || kind != KindBAGG {
		return
	}
	for pn, p := range c.Interfaces {
		if p.AggGroup == n {
			p.AggGroup = 0
			c.Interfaces[pn] = p
		}
	}
}

// aggregateNumber parses "Bridge-Aggregation12".
func aggregateNumber(name string) (IfKind, int, bool) {
	t := TypeOf(KindBAGG)
	if len(name) <= len(t.Name) || name[:len(t.Name)] != t.Name {
		return 0, 0, false
	}
	num, ok := ParseIfNumber(name[len(t.Name):], true)
	return KindBAGG, num[0], ok
}

// aggregatedPorts maps each Selected member port to its aggregate's
// name; nil when no port is in an aggregate.
func (d *Device) aggregatedPorts(cfg *Config) map[string]string {
	for _, ifc := range cfg.Interfaces {
		if ifc.AggGroup == 0 {
			continue
		}
		out := map[string]string{}
		for _, ag := range d.Aggregates(cfg) {
			for _, m := range ag.Members {
				if m.Selected {
					out[m.Port.Name] = ag.Name
				}
			}
		}
		return out
	}
	return nil
}
