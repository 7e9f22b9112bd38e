package profiles

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Booting a twin from a real switch's configuration: the chassis is the
// one the configuration describes.

// ConfigFacts are what a configuration text says about the hardware.
type ConfigFacts struct {
	Sysname string
	Version string // " version 5.20, Release 2202": "5.20"
	Release string // and "2202"
	// Ports are the physical ports the file names, by type, slot (IRF
	// member on a box switch) and sub-slot.
	Ports []PortGroup
	// Management is the M-Ethernet port the file names, "" for none.
	Management string
	// LinkMode: the file prints "port link-mode bridge" (a chassis).
	LinkMode bool
	// IRF: the file has IRF lines (a box switch or a fabric of them).
	IRF bool
}

// PortGroup is a run of ports of one type on one slot and sub-slot.
type PortGroup struct {
	Type          string // "GigabitEthernet" or "Ten-GigabitEthernet"
	Slot, Subslot int
	First, Last   int // lowest and highest port number named
}

var (
	portRE    = regexp.MustCompile(`^interface (GigabitEthernet|Ten-GigabitEthernet)(\d+)/(\d+)/(\d+)\s*$`)
	portRefRE = regexp.MustCompile(`(GigabitEthernet|Ten-GigabitEthernet)(\d+)/(\d+)/(\d+)`)
	methRE    = regexp.MustCompile(`^interface (M-Ethernet\d+/\d+/\d+)\s*$`)
	sysnameRE = regexp.MustCompile(`^ sysname (.{1,30})$`)
	releaseRE = regexp.MustCompile(`^ version (\d+\.\d+[.\d]*), Release (\S+)$`)
)

// ReadConfigFacts reads the hardware facts from configuration text in
// display current-configuration form. Ports named only inside other
// commands (an IRF port's members) count as well.
func ReadConfigFacts(text string) ConfigFacts {
	var f ConfigFacts
	groups := map[[3]int]*PortGroup{}
	var order [][3]int
	addPort := func(typ string, slot, sub, port int) {
		t := 0
		if typ == "Ten-GigabitEthernet" {
			t = 1
		}
		k := [3]int{t, slot, sub}
		g, ok := groups[k]
		if !ok {
			g = &PortGroup{Type: typ, Slot: slot, Subslot: sub, First: port, Last: port}
			groups[k] = g
			order = append(order, k)
		}
		g.First, g.Last = min(g.First, port), max(g.Last, port)
	}
	for _, raw := range strings.Split(text, "\n") {
		line := strings.TrimRight(raw, "\r \t")
		if m := sysnameRE.FindStringSubmatch(line); m != nil && f.Sysname == "" {
			f.Sysname = m[1]
		}
		if m := releaseRE.FindStringSubmatch(line); m != nil && f.Release == "" {
			f.Version, f.Release = m[1], m[2]
		}
		if m := methRE.FindStringSubmatch(line); m != nil {
			f.Management = m[1]
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "port link-mode bridge" || trimmed == "port link-mode route":
			f.LinkMode = true
		case strings.HasPrefix(trimmed, "irf ") || strings.HasPrefix(trimmed, "irf-port "):
			f.IRF = true
		}
		if m := portRE.FindStringSubmatch(line); m != nil || strings.HasPrefix(trimmed, "port group interface ") {
			if m == nil {
				m = portRefRE.FindStringSubmatch(trimmed)
				if m == nil {
					continue
				}
				m = append([]string{""}, m[1:]...)
			}
			slot, _ := strconv.Atoi(m[2])
			sub, _ := strconv.Atoi(m[3])
			port, _ := strconv.Atoi(m[4])
			if slot < 64 && sub < 16 && port > 0 && port < 1000 {
				addPort(m[1], slot, sub, port)
			}
		}
	}
	for _, k := range order {
		f.Ports = append(f.Ports, *groups[k])
	}
	slices.SortFunc(f.Ports, func(a, b PortGroup) int {
		return cmp.Or(cmp.Compare(a.Slot, b.Slot), cmp.Compare(a.Subslot, b.Subslot), cmp.Compare(a.First, b.First))
	})
	return f
}

// Box reports whether the facts describe a box switch (or an IRF fabric):
// IRF lines, or ports but no "port link-mode" lines, which only a chassis
// prints.
func (f ConfigFacts) Box() bool {
	return f.IRF || (!f.LinkMode && len(f.Ports) > 0)
}

// Closest names the embedded profile nearest to the configuration among
// names (Names() if nil): a chassis configuration gets the 7906E, a box
// switch the first box profile of the list, else the default.
func Closest(text string, names []string) string {
	if names == nil {
		names = Names()
	}
	f := ReadConfigFacts(text)
	if !f.Box() {
		return Default
	}
	for _, pref := range []string{"s5120ei", "s4800g"} {
		if slices.Contains(names, pref) {
			return pref
		}
	}
	for _, n := range names {
		if p, err := Open(n); err == nil && p.IsBox() {
			return n
		}
	}
	return Default
}

// FromConfig derives from base the profile of the switch whose
// configuration text is given: its boards carry the ports the file names
// (one main board per IRF member on a box switch; line cards in the slots
// named on a chassis), its sysname is the file's, and cabled ports,
// neighbours and hosts are kept where their ports still exist. Identity
// strings, SSH settings and files are base's. The result is validated as
// any profile.
func FromConfig(base *Profile, text string) (*Profile, error) {
	f := ReadConfigFacts(text)
	p := *base
	p.Chassis = base.Chassis
	p.Chassis.Boards = nil
	if f.Sysname != "" {
		p.Factory.Sysname = f.Sysname
	}
	if f.Release != "" && f.Release != base.Version.Release {
		// The twin runs the file's release.
		old := "Release " + base.Version.Release
		p.Version.Release = f.Release
		if f.Version != "" {
			p.Version.Version = f.Version
		}
		p.Version.Line = strings.ReplaceAll(p.Version.Line, old, "Release "+f.Release)
		p.Version.BoardVersion = strings.ReplaceAll(p.Version.BoardVersion, base.Version.Release, f.Release)
	}
	template := func(typ string, slot int) Board {
		for _, b := range base.Chassis.Boards {
			if b.PortType == typ && b.Slot == slot && b.Ports > 0 {
				return b
			}
		}
		for _, b := range base.Chassis.Boards {
			if b.PortType == typ && b.Ports > 0 {
				return b
			}
		}
		for _, b := range base.Chassis.Boards {
			if b.Ports > 0 {
				return b
			}
		}
		return Board{Type: "LSQ1GV48SC", Media: "copper"}
	}
	box := f.Box()
	if !box {
		for _, b := range base.Chassis.Boards {
			if b.Ports == 0 {
				p.Chassis.Boards = append(p.Chassis.Boards, b) // the MPUs
			}
		}
	}
	slots := 0
	for _, g := range f.Ports {
		b := template(g.Type, g.Slot)
		if b.Slot != g.Slot || b.PortType != g.Type {
			b.Ports = 0
		}
		b.Slot, b.PortType = g.Slot, g.Type
		if b.Subslot != g.Subslot {
			b.Ports = 0
		}
		b.Subslot = g.Subslot
		b.Role = "lpu"
		if box {
			b.Role = "mpu"
		}
		// A board's ports run from 1 unless the file starts them later
		// on the same slot (10GE ports after the GE ones).
		b.FirstPort = 1
		if g.First > 1 && hasOther(f.Ports, g) {
			b.FirstPort = g.First
		}
		n := g.Last - b.FirstPort + 1
		if !box {
			n = max(n, b.Ports) // a chassis keeps its line card's ports
		}
		b.Ports = n
		if b.FirstPort == 1 {
			b.FirstPort = 0
		}
		if g.Type == "Ten-GigabitEthernet" && b.Media == "copper" {
			b.Media = "fiber"
		}
		if b.Media == "" {
			b.Media = "copper"
		}
		b.Transceivers = keepTransceivers(b)
		p.Chassis.Boards = append(p.Chassis.Boards, b)
		slots = max(slots, g.Slot+1)
	}
	for _, b := range p.Chassis.Boards {
		slots = max(slots, b.Slot+1)
	}
	if !box {
		slots = max(slots, base.Chassis.Slots)
	}
	p.Chassis.Slots = slots
	if base.Box() {
		if members := slots - 1; box && members <= 1 {
			p.Chassis.Slots = 0 // a box: one member, its port groups in slot 1
		} else {
			// IRF members of a box model stack as a chassis of members.
			p.Chassis.Layout = LayoutChassis
		}
	}
	p.Chassis.NoLinkMode = len(f.Ports) > 0 && !f.LinkMode
	p.Chassis.Management = f.Management
	if f.Management == "" && !box {
		p.Chassis.Management = base.Chassis.Management
	}
	ports := p.portNames()
	p.Chassis.Cabled = slices.DeleteFunc(slices.Clone(base.Chassis.Cabled), func(n string) bool { return !ports[n] })
	p.Chassis.Neighbors = slices.DeleteFunc(slices.Clone(base.Chassis.Neighbors), func(n Neighbor) bool { return !ports[n.Port] })
	p.Chassis.Hosts = slices.DeleteFunc(slices.Clone(base.Chassis.Hosts), func(h Host) bool { return !ports[h.Port] })
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("profiles: from configuration: %w", err)
	}
	return &p, nil
}

// hasOther reports whether another group of ports shares g's slot and
// sub-slot (GE ports 1-24 and 10GE ports 25-28 of one box).
func hasOther(all []PortGroup, g PortGroup) bool {
	for _, o := range all {
		if o != g && o.Slot == g.Slot && o.Subslot == g.Subslot {
			return true
		}
	}
	return false
}

// keepTransceivers is what of a template board's optical modules fits the
// board made from it: the ports it still has.
func keepTransceivers(b Board) []Transceiver {
	var out []Transceiver
	for _, t := range b.Transceivers {
		var ports []int
		for _, port := range t.Ports {
			if port >= b.First() && port < b.First()+b.Ports {
				ports = append(ports, port)
			}
		}
		if len(ports) > 0 {
			t.Ports = ports
			out = append(out, t)
		}
	}
	return out
}
