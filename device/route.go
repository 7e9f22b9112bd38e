package device

import "slices"

// StaticRoute is one ip route-static entry.
type StaticRoute struct {
	Dest    [4]byte
	Mask    int // prefix length
	NextHop [4]byte
	// Interface is the output interface's canonical name when the route
	// names one ("ip route-static 0.0.0.0 0 Vlan-interface 2 ..."); "".
	Interface   string
	Preference  int    // 60 by default
	Description string // description TEXT, "" for none
}

// StaticMAC is one mac-address static entry.
type StaticMAC struct {
	MAC  [6]byte
	VLAN VLANID
	Port string // canonical name of a layer-2 port
}

// StaticARP is one arp static entry. VLAN 0 and Port "" for an entry
// that names neither.
type StaticARP struct {
	IP   [4]byte
	MAC  [6]byte
	VLAN VLANID
	Port string
}

// InfoCenter is the information center's configuration.
type InfoCenter struct {
	Disabled bool      // undo info-center enable
	Loghosts [][4]byte // info-center loghost
	// LogbufferSize is the log buffer's size in messages; 0 = the
	// default (512).
	LogbufferSize int
	LogbufferOff  bool // undo info-center logbuffer
}

// dropStale removes what a change left pointing at nothing, as the
// device does: hybrid port memberships and static MAC and ARP entries of
// a VLAN that is gone or no longer on their port, static routes through
// a deleted interface.
func (c *Config) dropStale() {
	// Each member is looked up rather than the VLAN table collected and
	// sorted: this runs after every change.
	exists := func(id VLANID) bool { _, ok := c.VLANs[id]; return ok }
	for name, ifc := range c.Interfaces {
		if ifc.LinkType != LinkHybrid {
			continue
		}
		t, u := ifc.HybridTagged.Keep(exists), ifc.HybridUntagged.Keep(exists)
		if t != ifc.HybridTagged || u != ifc.HybridUntagged {
			ifc.HybridTagged, ifc.HybridUntagged = t, u
			c.Interfaces[name] = ifc
		}
	}
	onPort := func(port string, vlan VLANID) bool {
		ifc, ok := c.Interfaces[port]
		_, exists := c.VLANs[vlan]
		return ok && exists && ifc.InVLAN(vlan)
	}
	c.StaticMACs = slices.DeleteFunc(c.StaticMACs, func(m StaticMAC) bool { return !onPort(m.Port, m.VLAN) })
	c.StaticARPs = slices.DeleteFunc(c.StaticARPs, func(a StaticARP) bool { return a.Port != "" && !onPort(a.Port, a.VLAN) })
	c.Routes = slices.DeleteFunc(c.Routes, func(r StaticRoute) bool {
		_, ok := c.Interfaces[r.Interface]
		return r.Interface != "" && !ok
	})
	// An emptied list is nil, as in a configuration that never had one,
	// so that equal configurations compare equal.
	for name, ifc := range c.Interfaces {
		if ifc.Addresses != nil && len(ifc.Addresses) == 0 {
			ifc.Addresses = nil
			c.Interfaces[name] = ifc
		}
	}
	c.Routes = nilIfEmpty(c.Routes)
	c.StaticMACs = nilIfEmpty(c.StaticMACs)
	c.StaticARPs = nilIfEmpty(c.StaticARPs)
	c.InfoCenter.Loghosts = nilIfEmpty(c.InfoCenter.Loghosts)
	c.NTP.Servers = nilIfEmpty(c.NTP.Servers)
}

func nilIfEmpty[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return s
}
