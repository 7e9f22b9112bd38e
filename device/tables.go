package device

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MACEntry is one row of the MAC address table.
type MACEntry struct {
	MAC   [6]byte
	VLAN  VLANID
	State string // "Learned" or "Config static"
	Port  string // canonical name
	Aging string // "AGING" or "NOAGED"
}

// ARPEntry is one row of the ARP table.
type ARPEntry struct {
	IP     [4]byte
	MAC    [6]byte
	VLAN   VLANID // 0 = none (routed port, or a static entry without one)
	Port   string // canonical name; "" = none
	Aging  int    // minutes left; -1 for static entries
	Static bool
}

// FormatMAC prints a MAC address as Comware does: "000f-e2a1-4c40".
func FormatMAC(m [6]byte) string {
	return fmt.Sprintf("%02x%02x-%02x%02x-%02x%02x", m[0], m[1], m[2], m[3], m[4], m[5])
}

// ParseMAC reads "H-H-H" (each part 1-4 hex digits) as Comware accepts it.
func ParseMAC(s string) ([6]byte, bool) {
	var m [6]byte
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return m, false
	}
	for i, p := range parts {
		if p == "" || len(p) > 4 {
			return m, false
		}
		v, err := strconv.ParseUint(p, 16, 16)
		if err != nil {
			return m, false
		}
		m[2*i], m[2*i+1] = byte(v>>8), byte(v)
	}
	return m, true
}

// Unicast reports whether m is a unicast address other than all zeros.
func Unicast(m [6]byte) bool { return m[0]&1 == 0 && m != [6]byte{} }

// station is something the profile puts behind a port.
type station struct {
	port  string
	mac   [6]byte
	ip    [4]byte
	hasIP bool
	vlan  VLANID // 0: the port's PVID
	// router: a switch (a neighbour), not an end station (probe.go).
	router bool
}

func (d *Device) stations() []station {
	var out []station
	for _, h := range d.hosts() {
		st := station{port: h.Port}
		st.mac, _ = ParseMAC(h.MAC)
		if a, err := netip.ParseAddr(h.IP); err == nil {
			st.ip, st.hasIP = a.As4(), true
		}
		out = append(out, st)
	}
	for _, n := range d.neighbors() {
		st := station{port: n.Port, vlan: n.PVID, router: true}
		st.mac, _ = ParseMAC(n.ChassisID)
		if a, err := netip.ParseAddr(n.MgmtAddress); err == nil {
			st.ip, st.hasIP = a.As4(), true
		}
		out = append(out, st)
	}
	return out
}

// untaggedVLAN is the VLAN a port puts untagged frames from the far end
// in, or 0 if it drops them.
func untaggedVLAN(ifc Interface, want VLANID) VLANID {
	if want != 0 && ifc.InVLAN(want) && !ifc.TaggedIn(want) {
		return want
	}
	if ifc.InVLAN(ifc.PVID) {
		return ifc.PVID
	}
	return 0
}

// MACTable returns the MAC address table: static entries and the
// addresses of the profile's hosts and neighbours behind up ports,
// learned in the VLAN the port puts them in; by VLAN, then MAC.
func (d *Device) MACTable(cfg *Config) []MACEntry {
	var out []MACEntry
	seen := map[[6]byte]bool{}
	for _, m := range cfg.StaticMACs {
		out = append(out, MACEntry{MAC: m.MAC, VLAN: m.VLAN, State: "Config static", Port: m.Port, Aging: "NOAGED"})
		seen[m.MAC] = true
	}
	up := d.linkStates(cfg)
	via := d.aggregatedPorts(cfg)
	blocked := d.stpBlocked(cfg) // stp.go
	for _, st := range d.stations() {
		ifc, ok := cfg.Interfaces[st.port]
		if !ok || !ifc.Kind.Bridged() || !up[st.port] || blocked[st.port] || seen[st.mac] {
			continue
		}
		if ifc.AggGroup != 0 {
			// A member port forwards for its aggregate, and only
			// while Selected: the address is learned on the aggregate.
			agg, selected := via[st.port]
			if !selected {
				continue
			}
			st.port = agg
		}
		v := untaggedVLAN(ifc, st.vlan)
		if v == 0 {
			continue
		}
		if _, ok := cfg.VLANs[v]; !ok {
			continue
		}
		seen[st.mac] = true
		out = append(out, MACEntry{MAC: st.mac, VLAN: v, State: "Learned", Port: st.port, Aging: "AGING"})
	}
	slices.SortFunc(out, func(a, b MACEntry) int {
		return cmp.Or(cmp.Compare(a.VLAN, b.VLAN), slices.Compare(a.MAC[:], b.MAC[:]))
	})
	return out
}

// ARPTable returns the ARP table: static entries, and dynamic entries for
// the profile's stations whose address is in the subnet of an up layer-3
// interface that reaches them (the VLAN interface of the VLAN they are
// learned in, or the routed port they are behind); by IP address.
func (d *Device) ARPTable(cfg *Config) []ARPEntry {
	var out []ARPEntry
	seen := map[[4]byte]bool{}
	for _, a := range cfg.StaticARPs {
		out = append(out, ARPEntry{IP: a.IP, MAC: a.MAC, VLAN: a.VLAN, Port: a.Port, Aging: -1, Static: true})
		seen[a.IP] = true
	}
	up := d.linkStates(cfg)
	mins := int(d.Uptime() / time.Minute)
	blocked := d.stpBlocked(cfg) // stp.go
	for i, st := range d.stations() {
		ifc, ok := cfg.Interfaces[st.port]
		if !st.hasIP || seen[st.ip] || !ok || !up[st.port] || blocked[st.port] {
			continue
		}
		l3, vlan := ifc, 0
		if ifc.Kind.Bridged() {
			vlan = untaggedVLAN(ifc, st.vlan)
			l3, ok = cfg.Interfaces[fmt.Sprintf("Vlan-interface%d", vlan)]
			if vlan == 0 || !ok || !up[l3.Name] {
				continue
			}
		}
		if !l3.HasSubnetOf(st.ip) {
			continue
		}
		seen[st.ip] = true
		out = append(out, ARPEntry{IP: st.ip, MAC: st.mac, VLAN: vlan, Port: st.port, Aging: 20 - (mins+3*i)%20})
	}
	// The other addresses fleet neighbours have on the segments (a sub
	// address, a second VLAN interface), with their bridge MAC.
	peers := d.peerMap()
	for i, st := range d.segmentStations(cfg, up) {
		ip := st.addr.As4()
		mac, ok := ParseMAC(peers[st.port].Neighbor.ChassisID)
		if st.peer == nil || seen[ip] || !ok {
			continue
		}
		var vlan VLANID
		if l3 := cfg.Interfaces[st.l3]; l3.Kind == KindVlanIf {
			vlan = VLANID(l3.Number)
		}
		seen[ip] = true
		out = append(out, ARPEntry{IP: ip, MAC: mac, VLAN: vlan, Port: st.port, Aging: 20 - (mins+3*i)%20})
	}
	slices.SortFunc(out, func(a, b ARPEntry) int { return slices.Compare(a.IP[:], b.IP[:]) })
	return out
}

// HasSubnetOf reports whether ip is in the subnet of one of the
// interface's addresses (and is not the address itself).
func (i Interface) HasSubnetOf(ip [4]byte) bool {
	for _, a := range i.Addresses {
		if a.Prefix().Contains(netip.AddrFrom4(ip)) && a.IP != ip {
			return true
		}
	}
	return false
}

// Prefix is the subnet of the address.
func (a IPAddress) Prefix() netip.Prefix {
	p, _ := netip.AddrFrom4(a.IP).Prefix(a.Mask)
	return p
}
