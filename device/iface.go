package device

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"switchemu/profiles"
)

// IfKind is the type of an interface.
type IfKind int

// Interface kinds, in the order display current-configuration lists them.
const (
	KindLoopBack IfKind = iota
	KindNull
	KindVlanIf
	KindGE
	KindXGE
	KindMEth
	KindBAGG // Bridge-Aggregation: a layer-2 aggregate of ports
)

// IfType describes one interface type's names.
type IfType struct {
	Kind  IfKind
	Name  string // canonical type name, "GigabitEthernet"
	Brief string // abbreviation in brief tables, "GE"
	Help  string // help text for the type keyword
	// Numbered is true for types whose number is a single integer
	// (Vlan-interface10, LoopBack0, NULL0); false for slot/sub/port.
	Numbered bool
}

// IfTypes lists every interface type the model knows.
var ifTypes = []IfType{
	{KindBAGG, "Bridge-Aggregation", "BAGG", "Bridge-Aggregation interface", true},
	{KindGE, "GigabitEthernet", "GE", "GigabitEthernet interface", false},
	{KindLoopBack, "LoopBack", "Loop", "LoopBack interface", true},
	{KindMEth, "M-Ethernet", "M-E", "M-Ethernet interface", false},
	{KindNull, "NULL", "NULL", "NULL interface", true},
	{KindXGE, "Ten-GigabitEthernet", "XGE", "Ten-GigabitEthernet interface", false},
	{KindVlanIf, "Vlan-interface", "Vlan", "VLAN interface", true},
}

// IfTypes returns the interface types, sorted by name as help lists them.
func IfTypes() []IfType { return slices.Clone(ifTypes) }

// TypeOf returns the type description of k.
func TypeOf(k IfKind) IfType {
	for _, t := range ifTypes {
		if t.Kind == k {
			return t
		}
	}
	panic(fmt.Sprintf("device: unknown interface kind %d", k))
}

// Bridged reports whether interfaces of this kind are layer-2 ports.
func (k IfKind) Bridged() bool { return k == KindGE || k == KindXGE || k == KindBAGG }

// Layer2 reports whether the interface is a layer-2 port now: a bridged
// kind not switched to route mode.
func (i Interface) Layer2() bool { return i.Kind.Bridged() && !i.Routed }

// Physical reports whether the kind is a port on a board.
func (k IfKind) Physical() bool { return k == KindGE || k == KindXGE || k == KindMEth }

// LinkType is a bridged port's link type.
type LinkType int

// Link types.
const (
	LinkAccess LinkType = iota
	LinkTrunk
	LinkHybrid
)

func (l LinkType) String() string {
	return [...]string{"access", "trunk", "hybrid"}[l]
}

// Interface is one interface's configuration.
type Interface struct {
	Name string // canonical, "GigabitEthernet2/0/1"
	// PacketFilters are the ACLs applied with packet-filter, in the
	// order they were applied (acl.go).
	PacketFilters []PacketFilter
	Kind          IfKind
	// Slot, Sub and Port locate a physical port; Number is the number of
	// a numbered interface (Vlan-interface10 has Number 10).
	Slot, Sub, Port, Number int
	Media                   string // "copper" or "fiber" for physical ports

	Description string // "" = the default "<Name> Interface"
	Shutdown    bool

	LinkType       LinkType
	PVID           VLANID  // access VLAN, or trunk/hybrid PVID
	Trunk          VLANSet // VLANs a trunk port permits
	HybridTagged   VLANSet
	HybridUntagged VLANSet

	Addresses []IPAddress // layer-3 interfaces; the primary first
	// Routed: port link-mode route, an Ethernet port working at layer 3
	// (addresses, no VLANs).
	Routed bool

	Speed       int    // speed in Mbit/s; 0 = auto
	Duplex      string // "full" or "half"; "" = auto
	Jumbo       bool   // jumboframe enable
	JumboSize   int    // frame length with jumbo frames on; 0 = default 9216
	FlowControl bool
	// BroadcastPct is the broadcast-suppression ratio in percent; 0
	// means the default, 100 (no suppression).
	BroadcastPct int

	// Link aggregation (lacp.go): AggGroup is the aggregation group an
	// Ethernet port is a member of (port link-aggregation group N), 0 for
	// none; LACPDynamic is link-aggregation mode dynamic on a
	// Bridge-Aggregation.
	AggGroup    int
	LACPDynamic bool

	STP PortSTP // spanning tree settings (stp.go)
}

// IPAddress is an interface address.
type IPAddress struct {
	IP   [4]byte
	Mask int // prefix length
	Sub  bool
}

func (i Interface) clone() Interface {
	i.Addresses = slices.Clone(i.Addresses)
	i.PacketFilters = slices.Clone(i.PacketFilters)
	return i
}

// DefaultDescription is the description an interface has until one is set.
func (i Interface) DefaultDescription() string { return i.Name + " Interface" }

// EffectiveDescription is the description display commands show.
func (i Interface) EffectiveDescription() string {
	if i.Description == "" {
		return i.DefaultDescription()
	}
	return i.Description
}

// vlan1 is the set {1}, shared by every new port.
var vlan1 = SetOf(1)

// newInterface returns a freshly created interface with factory settings.
func newInterface(kind IfKind, name string) Interface {
	ifc := Interface{Name: name, Kind: kind, PVID: 1}
	ifc.Trunk, ifc.HybridUntagged = vlan1, vlan1 // shared: sets copy on write
	return ifc
}

// NewLogical returns a new numbered interface (Vlan-interface, LoopBack).
func NewLogical(kind IfKind, number int) Interface {
	ifc := newInterface(kind, fmt.Sprintf("%s%d", TypeOf(kind).Name, number))
	ifc.Number = number
	return ifc
}

// chassisInterfaces lists the interfaces the hardware has.
func chassisInterfaces(p *profiles.Profile) []Interface {
	out := []Interface{NewLogical(KindNull, 0)}
	for _, b := range p.Chassis.Boards {
		kind := KindGE
		if b.PortType == "Ten-GigabitEthernet" {
			kind = KindXGE
		}
		for port := b.First(); port < b.First()+b.Ports; port++ {
			ifc := newInterface(kind, fmt.Sprintf("%s%d/%d/%d", b.PortType, b.Slot, b.Subslot, port))
			ifc.Slot, ifc.Sub, ifc.Port, ifc.Media = b.Slot, b.Subslot, port, b.Media
			out = append(out, ifc)
		}
	}
	if m := p.Chassis.Management; m != "" {
		ifc := newInterface(KindMEth, m)
		ifc.Media = "copper"
		if n, ok := ParseIfNumber(strings.TrimPrefix(m, "M-Ethernet"), false); ok {
			ifc.Slot, ifc.Sub, ifc.Port = n[0], n[1], n[2]
		}
		out = append(out, ifc)
	}
	return out
}

// ParseIfNumber parses "2/0/1" (numbered false) or "10" (numbered true).
func ParseIfNumber(s string, numbered bool) ([3]int, bool) {
	var n [3]int
	parts := strings.Split(s, "/")
	if (numbered && len(parts) != 1) || (!numbered && len(parts) != 3) {
		return n, false
	}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || v > 65535 || p == "" || p[0] == '+' || p[0] == '-' {
			return n, false
		}
		n[i] = v
	}
	return n, true
}

// BriefName is the abbreviated name brief tables print ("GE2/0/1").
func (i Interface) BriefName() string {
	if i.Kind == KindNull {
		return i.Name
	}
	return string(i.AppendBriefName(nil))
}

// AppendBriefName appends BriefName to b.
func (i Interface) AppendBriefName(b []byte) []byte {
	if i.Kind == KindNull {
		return append(b, i.Name...)
	}
	t := TypeOf(i.Kind)
	return append(append(b, t.Brief...), strings.TrimPrefix(i.Name, t.Name)...)
}

func compareInterfaces(a, b Interface) int {
	return cmp.Or(
		cmp.Compare(a.Kind.order(), b.Kind.order()),
		cmp.Compare(a.Slot, b.Slot),
		cmp.Compare(a.Sub, b.Sub),
		cmp.Compare(a.Port, b.Port),
		cmp.Compare(a.Number, b.Number),
	)
}

// order puts GE and XGE ports together so that they sort by slot.
func (k IfKind) order() int {
	switch k {
	case KindXGE:
		return int(KindGE)
	case KindBAGG:
		return -1 // aggregates first, as the configuration lists them
	}
	return int(k)
}
