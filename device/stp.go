package device

import (
	"cmp"
	"crypto/hmac"
	"crypto/md5"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// The spanning tree (MSTP as Comware V5 runs it; the CIST is computed).
//
// Each device computes its own port roles from what the far ends of its
// fleet links advertise, as a bridge does from the BPDUs it receives: a
// port's far end is a Peer whose STP field is the BPDU that port sends.
// The fleet pushes adverts after every change (fleet/links.go) until
// nothing changes any more; message age bounds stale information as the
// max age timer does, so the pushes always come to an end.
//
// Sources: H3C S9500E Command Reference Release 1728 and HP 3100 v2
// Layer 2 Command Reference (Comware 5.20), "Spanning tree commands":
// bridge ID = priority.MAC, default priority 32768, stp root primary = 0,
// secondary = 4096, port priority 128, legacy path costs (200 for
// 100 Mbit/s, 20 for 1 Gbit/s, 2 for 10 Gbit/s), Hello 2s MaxAge 20s
// FwDly 15s MaxHop 20; the spanning tree is disabled globally and
// enabled on every port by default.

// STP is the global spanning tree configuration (Config.STP).
type STP struct {
	Enabled bool   // stp enable; V5 default: disabled
	Mode    string // "mstp" (default, ""), "rstp", "stp" or "pvst"
	// Priority is the bridge priority per instance set by stp [instance
	// N] priority; Root the root designation (primary or secondary) per
	// instance set by stp [instance N] root.
	Priority map[int]int
	Root     map[int]string
	// Region is the MST region configuration being edited in the region
	// view; Active the one in effect (active region-configuration).
	Region STPRegion
	Active STPRegion
	// Activated: active region-configuration was given (it prints).
	Activated bool
}

// STPRegion is an MST region configuration.
type STPRegion struct {
	Name      string // "" = the bridge MAC without dashes
	Revision  int
	Instances map[int]VLANSet // MSTI → VLANs; the rest map to 0
}

// PortSTP is a port's spanning tree configuration.
type PortSTP struct {
	// Disabled: undo stp enable (or stp disable, DisableWord says which
	// form was typed, to print it back).
	Disabled    bool
	DisableWord string
	Edged       bool // stp edged-port enable
	Cost        int  // stp cost; 0 = auto
	Priority    int  // stp port priority; meaningful when PrioritySet
	PrioritySet bool
}

// STP defaults (Comware V5).
const (
	STPDefaultPriority     = 32768
	STPDefaultPortPriority = 128
	STPMaxAge              = 20 // seconds; a BPDU ages a second a hop
)

func (s STP) clone() STP {
	s.Priority = maps.Clone(s.Priority)
	s.Root = maps.Clone(s.Root)
	s.Region.Instances = maps.Clone(s.Region.Instances)
	s.Active.Instances = maps.Clone(s.Active.Instances)
	return s
}

// ModeName is the mode as display stp prints it: "MSTP".
func (s STP) ModeName() string {
	if s.Mode == "" {
		return "MSTP"
	}
	return strings.ToUpper(s.Mode)
}

// BridgePriority is the bridge's priority in an instance: the root
// designation first (primary 0, secondary 4096), then stp priority.
func (s STP) BridgePriority(instance int) int {
	switch s.Root[instance] {
	case "primary":
		return 0
	case "secondary":
		return 4096
	}
	if p, ok := s.Priority[instance]; ok {
		return p
	}
	return STPDefaultPriority
}

// BridgeID is a bridge identifier: priority and MAC address.
type BridgeID struct {
	Priority int
	MAC      [6]byte
}

// Compare orders bridge IDs: the lower is the better.
func (b BridgeID) Compare(o BridgeID) int {
	return cmp.Or(cmp.Compare(b.Priority, o.Priority), slices.Compare(b.MAC[:], o.MAC[:]))
}

// String is "32768.000f-e200-2200".
func (b BridgeID) String() string { return fmt.Sprintf("%d.%s", b.Priority, FormatMAC(b.MAC)) }

// PortID is a port identifier: priority and port number.
type PortID struct{ Priority, Number int }

// Compare orders port IDs: the lower is the better.
func (p PortID) Compare(o PortID) int {
	return cmp.Or(cmp.Compare(p.Priority, o.Priority), cmp.Compare(p.Number, o.Number))
}

// String is "128.2".
func (p PortID) String() string { return fmt.Sprintf("%d.%d", p.Priority, p.Number) }

// BPDU is the spanning tree information a port sends to the far end of
// its link, as an MST BPDU carries it: the CIST's, the region it is in,
// and an MSTI record per instance of the region. Valid is false when the
// port sends none (spanning tree off on the device or the port).
type BPDU struct {
	STPInfo
	Region string // name, revision level and digest: equal = one region
	MSTI   [MaxMSTI + 1]STPInfo
}

// STPInfo is one tree's information in a BPDU.
type STPInfo struct {
	Valid      bool
	Root       BridgeID // the root the sender knows (regional root of an MSTI)
	RootCost   int      // the sender's root path cost
	Bridge     BridgeID // the sender
	Port       PortID   // the sending port
	Age        int      // message age (hops for an MSTI): hops from the root
	Designated bool     // the sending port's role is designated
}

// MaxMSTI is the highest instance ID.
const MaxMSTI = 32

// vector is a spanning tree priority vector.
type vector struct {
	root   BridgeID
	cost   int
	bridge BridgeID
	port   PortID
}

func (v vector) compare(o vector) int {
	return cmp.Or(v.root.Compare(o.root), cmp.Compare(v.cost, o.cost), v.bridge.Compare(o.bridge), v.port.Compare(o.port))
}

// Port roles and states as display stp brief abbreviates them.
const (
	RoleRoot       = "ROOT"
	RoleDesignated = "DESI"
	RoleAlternate  = "ALTE"
	RoleBackup     = "BACK"
	RoleDisabled   = "DISA"
	RoleMaster     = "MAST"

	StateForwarding = "FORWARDING"
	StateDiscarding = "DISCARDING"
	StateDown       = "DOWN"
)

// STPPort is one port's spanning tree state.
type STPPort struct {
	Name       string
	ID         PortID
	Cost       int  // the active path cost
	CostSet    bool // stp cost configured it
	Up         bool // link up
	Role       string
	State      string
	DesgBridge BridgeID // the designated bridge and port of its LAN
	DesgPort   PortID
	Edged      bool // configured edge port
	EdgedOn    bool // active edge port: configured, and no BPDU received
	bpdu       BPDU
}

// STPStatus is the computed spanning tree of a device (CIST).
type STPStatus struct {
	Enabled  bool
	Mode     string // "MSTP"
	Bridge   BridgeID
	Root     BridgeID
	RootCost int
	RootPort string // "" on the root bridge
	RootID   PortID // the root port's ID; zero on the root bridge
	Age      int
	// Ports are the layer-2 ports with the spanning tree enabled, in the
	// device's order.
	Ports []STPPort
	// Instances are the MSTIs of the active region, by ID: computed
	// over the links inside the region (the far end sends the same
	// region); a boundary port takes its CIST role (MAST for the root
	// port).
	Instances []MSTIStatus
	// TCs counts the topology changes the device saw (a port going to
	// forwarding or leaving it); SinceTC is the time since the last one,
	// or since the spanning tree started.
	TCs     int
	SinceTC time.Duration
}

// MSTIStatus is one MSTI's tree.
type MSTIStatus struct {
	ID       int
	Bridge   BridgeID
	Root     BridgeID // the regional root
	RootCost int      // internal root path cost
	RootPort string
	RootID   PortID
	Ports    []STPPort // as STPStatus.Ports
}

// Port returns the state of a port.
func (s *STPStatus) Port(name string) (STPPort, bool) {
	for _, p := range s.Ports {
		if p.Name == name {
			return p, true
		}
	}
	return STPPort{}, false
}

// STPStatus returns the device's spanning tree as it stands.
func (d *Device) STPStatus() STPStatus {
	d.mu.Lock()
	defer d.mu.Unlock()
	st := d.stpCompute(&d.cfg)
	st.TCs = d.stp.tcs
	if !d.stp.tcAt.IsZero() {
		st.SinceTC = max(0, d.now().Sub(d.stp.tcAt))
	}
	return st
}

// STPGen counts the changes of what the device's ports advertise to
// spanning tree peers: the fleet pushes again while it moves.
func (d *Device) STPGen() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stp.gen
}

// stpState is what the device remembers of its last computation.
type stpState struct {
	last *STPStatus
	gen  uint64
	tcs  int       // topology changes seen
	tcAt time.Time // the last one, or when the spanning tree started
}

// bridgeMAC is the device's bridge MAC address.
func (d *Device) bridgeMAC() [6]byte {
	m, _ := ParseMAC(d.profile.Brand.BridgeMAC)
	return m
}

// legacyCost is the path cost of a port by its speed in the H3C legacy
// standard (the V5 default).
func legacyCost(ifc Interface) int {
	speed := ifc.Speed
	if speed == 0 {
		speed = 1000
		if ifc.Kind == KindXGE {
			speed = 10000
		}
	}
	switch {
	case speed >= 10000:
		return 2
	case speed >= 1000:
		return 20
	case speed >= 100:
		return 200
	}
	return 2000
}

// stpPorts are the ports that take part in the spanning tree (layer-2
// Ethernet ports), numbered in the device's order.
func stpPorts(cfg *Config) []Interface {
	var ports []Interface
	for _, ifc := range cfg.Interfaces {
		if ifc.Kind == KindGE || ifc.Kind == KindXGE {
			ports = append(ports, ifc)
		}
	}
	slices.SortFunc(ports, compareInterfaces)
	return ports
}

// regionKey identifies the active MST region: BPDUs with the same key
// come from the same region.
func (d *Device) regionKey(cfg *Config) string {
	r := cfg.STP.Active
	name := r.Name
	if name == "" {
		name = strings.ReplaceAll(d.profile.Brand.BridgeMAC, "-", "")
	}
	return fmt.Sprintf("%s/%d/%x", name, r.Revision, r.Digest())
}

// Digest is the MST configuration digest (IEEE 802.1Q-2005 13.7):
// HMAC-MD5 with the standard's key over the VLAN-to-MSTID table, two
// bytes for each VLAN 0-4095.
func (r STPRegion) Digest() []byte {
	key := []byte{0x13, 0xAC, 0x06, 0xA6, 0x2E, 0x47, 0xFD, 0x51, 0xF9, 0x5D, 0x2B, 0xA2, 0x43, 0xCD, 0x03, 0x46}
	table := make([]byte, 4096*2)
	for i, set := range r.Instances {
		for _, v := range set.IDs() {
			table[2*int(v)], table[2*int(v)+1] = byte(i>>8), byte(i)
		}
	}
	h := hmac.New(md5.New, key)
	h.Write(table)
	return h.Sum(nil)
}

// treePort is a port as one tree's computation sees it.
type treePort struct {
	name  string
	id    PortID
	cost  int
	up    bool
	rcv   STPInfo // valid: information from a designated port
	fixed string  // a boundary port of an MSTI: the role it takes
	// costSet and edged are the port's configuration, for display.
	costSet, edged bool
}

// tree is the result of one tree's computation.
type tree struct {
	root     BridgeID
	cost     int
	age      int
	rootPort int // index; -1 on the root
	ports    []STPPort
	sent     []STPInfo
}

// computeTree elects the root and the port roles of one tree: the root
// port by the best vector through a port whose designated bridge is
// another bridge (root, root path cost, designated bridge, designated
// port, then the port's own ID), designated ports where this bridge's
// vector is better than what the LAN's designated port sends, the
// others alternate (backup when the better port is this bridge's own).
func computeTree(me BridgeID, ports []treePort) tree {
	t := tree{root: me, rootPort: -1}
	var bestV vector
	for i, c := range ports {
		if c.fixed != "" || !c.rcv.Valid || c.rcv.Bridge == me {
			continue
		}
		v := vector{c.rcv.Root, c.rcv.RootCost + c.cost, c.rcv.Bridge, c.rcv.Port}
		if v.root.Compare(me) >= 0 {
			continue // no better root than this bridge itself
		}
		if t.rootPort < 0 || cmp.Or(v.compare(bestV), c.id.Compare(ports[t.rootPort].id)) < 0 {
			t.rootPort, bestV = i, v
		}
	}
	if t.rootPort >= 0 {
		t.root, t.cost = bestV.root, bestV.cost
		t.age = ports[t.rootPort].rcv.Age + 1
	}
	for i, c := range ports {
		p := STPPort{Name: c.name, ID: c.id, Cost: c.cost, CostSet: c.costSet, Up: c.up, Edged: c.edged}
		mine := vector{t.root, t.cost, me, c.id}
		switch {
		case !c.up:
			p.Role, p.State = RoleDisabled, StateDown
		case c.fixed != "":
			p.Role, p.State = c.fixed, StateForwarding
			if c.fixed == RoleAlternate || c.fixed == RoleBackup {
				p.State = StateDiscarding
			}
			p.DesgBridge, p.DesgPort = me, c.id
		case i == t.rootPort:
			p.Role, p.State = RoleRoot, StateForwarding
			p.DesgBridge, p.DesgPort = c.rcv.Bridge, c.rcv.Port
		case !c.rcv.Valid || mine.compare(vector{c.rcv.Root, c.rcv.RootCost, c.rcv.Bridge, c.rcv.Port}) < 0:
			p.Role, p.State = RoleDesignated, StateForwarding
			p.DesgBridge, p.DesgPort = me, c.id
		case c.rcv.Bridge == me:
			p.Role, p.State = RoleBackup, StateDiscarding
			p.DesgBridge, p.DesgPort = c.rcv.Bridge, c.rcv.Port
		default:
			p.Role, p.State = RoleAlternate, StateDiscarding
			p.DesgBridge, p.DesgPort = c.rcv.Bridge, c.rcv.Port
		}
		var sent STPInfo
		if c.up {
			sent = STPInfo{Valid: true, Root: t.root, RootCost: t.cost, Bridge: me, Port: c.id, Age: t.age, Designated: p.Role == RoleDesignated}
		}
		t.ports = append(t.ports, p)
		t.sent = append(t.sent, sent)
	}
	return t
}

// stpCompute computes the CIST and the MSTIs from the configuration and
// what the far ends advertise. It reads no locked state but the
// configuration it is given.
func (d *Device) stpCompute(cfg *Config) STPStatus {
	s := cfg.STP
	mac := d.bridgeMAC()
	me := BridgeID{Priority: s.BridgePriority(0), MAC: mac}
	st := STPStatus{Enabled: s.Enabled, Mode: s.ModeName(), Bridge: me, Root: me}
	if !s.Enabled {
		return st
	}
	peers := d.peerMap()
	region := d.regionKey(cfg)
	var ports []treePort
	var raw []BPDU // what each port receives, whatever the far port's role
	var edged []bool
	for i, ifc := range stpPorts(cfg) {
		if !ifc.Layer2() || ifc.STP.Disabled {
			continue
		}
		c := treePort{name: ifc.Name, id: PortID{Priority: STPDefaultPortPriority, Number: i + 1}, cost: legacyCost(ifc), up: d.LinkUp(cfg, ifc),
			costSet: ifc.STP.Cost != 0, edged: ifc.STP.Edged}
		if ifc.STP.PrioritySet {
			c.id.Priority = ifc.STP.Priority
		}
		if ifc.STP.Cost != 0 {
			c.cost = ifc.STP.Cost
		}
		var got BPDU
		if p, ok := peers[ifc.Name]; ok && c.up && p.Up && p.STP.Valid {
			got = p.STP
		}
		if got.Designated && got.Age < STPMaxAge {
			c.rcv = got.STPInfo
		}
		ports = append(ports, c)
		raw = append(raw, got)
		edged = append(edged, ifc.STP.Edged)
	}
	cist := computeTree(me, ports)
	st.Root, st.RootCost, st.Age = cist.root, cist.cost, cist.age
	if cist.rootPort >= 0 {
		st.RootPort, st.RootID = ports[cist.rootPort].name, ports[cist.rootPort].id
	}
	st.Ports = cist.ports
	for i := range st.Ports {
		p := &st.Ports[i]
		p.EdgedOn = edged[i] && !raw[i].Valid
		if cist.sent[i].Valid {
			p.bpdu = BPDU{STPInfo: cist.sent[i], Region: region}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(s.Active.Instances)) {
		if id < 1 || id > MaxMSTI {
			continue
		}
		mi := BridgeID{Priority: s.BridgePriority(id), MAC: mac}
		mports := slices.Clone(ports)
		for i := range mports {
			mports[i].rcv = STPInfo{}
			switch {
			case raw[i].Valid && raw[i].Region == region:
				if r := raw[i].MSTI[id]; r.Valid && r.Designated && r.Age < STPMaxAge {
					mports[i].rcv = r
				}
			case cist.ports[i].Role == RoleRoot:
				mports[i].fixed = RoleMaster
			default:
				mports[i].fixed = cist.ports[i].Role
			}
		}
		t := computeTree(mi, mports)
		ms := MSTIStatus{ID: id, Bridge: mi, Root: t.root, RootCost: t.cost, Ports: t.ports}
		if t.rootPort >= 0 {
			ms.RootPort, ms.RootID = mports[t.rootPort].name, mports[t.rootPort].id
		}
		for i := range st.Ports {
			if st.Ports[i].bpdu.Valid && t.sent[i].Valid {
				st.Ports[i].bpdu.MSTI[id] = t.sent[i]
			}
		}
		st.Instances = append(st.Instances, ms)
	}
	return st
}

// stpLogStates logs the ports of one tree whose state changed, and counts
// the topology changes. The caller holds d.mu.
func (d *Device) stpLogStates(instance int, old, cur []STPPort) {
	for _, p := range cur {
		i := slices.IndexFunc(old, func(o STPPort) bool { return o.Name == p.Name })
		if p.State == StateDown || i >= 0 && old[i].State == p.State {
			continue
		}
		// Comware 7 wording (H3C Layer 2 command reference, stp
		// port-log: "STP/3/STP_FORWARDING: Instance 2's port
		// GigabitEthernet1/0/2 has been set to forwarding state."); the
		// V5 module and digest are [U].
		word, digest := "forwarding", "PFWD"
		if p.State == StateDiscarding {
			word, digest = "discarding", "PDISC"
		}
		if !p.Edged {
			d.stp.tcs++
			d.stp.tcAt = d.now()
		}
		d.logLocked("MSTP", 2, digest, fmt.Sprintf(" Instance %d's port %s has been set to %s state.", instance, p.Name, word))
	}
}

// stpBlocked is the set of ports the spanning tree keeps discarding:
// nothing is learnt through them. It reads no locked state.
func (d *Device) stpBlocked(cfg *Config) map[string]bool {
	if !cfg.STP.Enabled {
		return nil
	}
	var out map[string]bool
	st := d.stpCompute(cfg)
	for _, p := range st.Ports {
		if p.State == StateDiscarding {
			if out == nil {
				out = map[string]bool{}
			}
			out[p.Name] = true
		}
	}
	return out
}

// stpAdvert is the BPDU port sends; the caller holds d.mu.
func (d *Device) stpAdvert(port string) BPDU {
	if d.stp.last == nil {
		st := d.stpCompute(&d.cfg)
		d.stp.last = &st
	}
	p, _ := d.stp.last.Port(port)
	return p.bpdu
}

// stpChanged recomputes the spanning tree after any change of the
// configuration or of a link, logs the ports whose state changed, and
// counts a change of what the ports advertise. The caller holds d.mu.
func (d *Device) stpChanged() {
	st := d.stpCompute(&d.cfg)
	old := d.stp.last
	d.stp.last = &st
	if st.Enabled && (old == nil || !old.Enabled) {
		d.stp.tcAt = d.now()
	}
	if old == nil {
		d.stp.gen++
		return
	}
	adverts := func(s *STPStatus) map[string]BPDU {
		m := map[string]BPDU{}
		for _, p := range s.Ports {
			m[p.Name] = p.bpdu
		}
		return m
	}
	if !maps.Equal(adverts(old), adverts(&st)) {
		d.stp.gen++
	}
	d.stpLogStates(0, old.Ports, st.Ports)
	for _, mi := range st.Instances {
		var was []STPPort
		for _, o := range old.Instances {
			if o.ID == mi.ID {
				was = o.Ports
			}
		}
		d.stpLogStates(mi.ID, was, mi.Ports)
	}
}
