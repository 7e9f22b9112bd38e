package cli

import (
	"net/netip"
	"slices"
	"strings"

	"switchemu/device"
)

// Layer 3: interface addresses (interface view), static routes, static
// MAC and ARP entries (system view); reference §6.1, §6.4.

var l3InterfaceCommands = []Command{
	{Syntax: "ip address {ip:A.B.C.D} {mask:A.B.C.D}", Priv: 2, Run: cmdIPAddress},
	{Syntax: "ip address {ip:A.B.C.D} {mask:A.B.C.D} sub", Priv: 2, Run: cmdIPAddress},
	{Syntax: "ip address {ip:A.B.C.D} {len:<0-32>}", Priv: 2, Run: cmdIPAddress},
	{Syntax: "ip address {ip:A.B.C.D} {len:<0-32>} sub", Priv: 2, Run: cmdIPAddress},
	{Syntax: "undo ip address", Priv: 2, Run: cmdIPAddress},
	{Syntax: "undo ip address {ip:A.B.C.D} {mask:A.B.C.D}", Priv: 2, Run: cmdIPAddress},
	{Syntax: "undo ip address {ip:A.B.C.D} {mask:A.B.C.D} sub", Priv: 2, Run: cmdIPAddress},
	{Syntax: "undo ip address {ip:A.B.C.D} {len:<0-32>}", Priv: 2, Run: cmdIPAddress},
	{Syntax: "undo ip address {ip:A.B.C.D} {len:<0-32>} sub", Priv: 2, Run: cmdIPAddress},
}

var helpL3Interface = withUndoHelp(map[string]string{
	"ip":                                         "Specify IP configurations for the system",
	"ip address":                                 "Set the IP address of an interface",
	"ip address {ip:A.B.C.D}":                    "IP address",
	"ip address {ip:A.B.C.D} {mask:A.B.C.D}":     "IP mask",
	"ip address {ip:A.B.C.D} {len:<0-32>}":       "IP mask length",
	"ip address {ip:A.B.C.D} {mask:A.B.C.D} sub": "Indicate a subordinate address",
	"ip address {ip:A.B.C.D} {len:<0-32>} sub":   "Indicate a subordinate address",
	"undo ip": "Specify IP configurations for the system",
})

// withUndoHelp adds "undo KEY" help for every "ip address" key.
func withUndoHelp(h map[string]string) map[string]string {
	for k, v := range h {
		if strings.HasPrefix(k, "ip address") {
			h["undo "+k] = v
		}
	}
	return h
}

var l3SystemCommands = append(append(routeStaticCommands(), []Command{
	{Syntax: "mac-address static {mac:STRING<1-14>} interface {if:ETHNAME} vlan {id:<1-4094>}", Priv: 2, Run: cmdStaticMAC},
	{Syntax: "undo mac-address static {mac:STRING<1-14>} interface {if:ETHNAME} vlan {id:<1-4094>}", Priv: 2, Run: cmdStaticMAC},
	{Syntax: "arp static {ip:A.B.C.D} {mac:STRING<1-14>}", Priv: 2, Run: cmdStaticARP},
	{Syntax: "arp static {ip:A.B.C.D} {mac:STRING<1-14>} {vid:<1-4094>} {if:ETHNAME}", Priv: 2, Run: cmdStaticARP},
	{Syntax: "undo arp static {ip:A.B.C.D}", Priv: 2, Run: cmdStaticARP},
}...), []Command{}...)

var helpL3System = func() map[string]string {
	h := map[string]string{
		"ip":                             "Specify IP configurations for the system",
		"ip route-static":                "Establish a static route",
		"ip route-static {dest:A.B.C.D}": "Destination IP address",
		"ip route-static {dest:A.B.C.D} {mask:A.B.C.D}": "IP mask",
		"ip route-static {dest:A.B.C.D} {len:<0-32>}":   "IP mask length",
		"mac-address":                                                                     "Configure MAC address",
		"mac-address static":                                                              "Static type",
		"mac-address static {mac:STRING<1-14>}":                                           "MAC address, in the format of H-H-H",
		"mac-address static {mac:STRING<1-14>} interface":                                 "Specify an interface",
		"mac-address static {mac:STRING<1-14>} interface {if:ETHNAME}":                    "Interface number",
		"mac-address static {mac:STRING<1-14>} interface {if:ETHNAME} vlan":               "Specify a VLAN",
		"mac-address static {mac:STRING<1-14>} interface {if:ETHNAME} vlan {id:<1-4094>}": "VLAN ID",
		"arp":                     "Specify ARP configuration information",
		"arp static":              "Static ARP entry",
		"arp static {ip:A.B.C.D}": "IP address",
		"arp static {ip:A.B.C.D} {mac:STRING<1-14>}":                             "MAC address, in the format of H-H-H",
		"arp static {ip:A.B.C.D} {mac:STRING<1-14>} {vid:<1-4094>}":              "VLAN ID",
		"arp static {ip:A.B.C.D} {mac:STRING<1-14>} {vid:<1-4094>} {if:ETHNAME}": "Interface number",
		"undo ip": "Specify IP configurations for the system",
	}
	for _, c := range routeStaticCommands() {
		words := strings.Fields(strings.TrimPrefix(c.Syntax, "undo "))
		for i := range words {
			k := strings.Join(words[:i+1], " ")
			if _, ok := h[k]; ok {
				continue
			}
			switch w := words[i]; {
			case w == "preference":
				h[k] = "Specify the preference of the route"
			case w == "description":
				h[k] = "Add or delete description text"
			case strings.HasPrefix(w, "{text"):
				h[k] = "Description text of the route"
			case strings.HasPrefix(w, "{pref"):
				h[k] = "Preference value"
			case strings.HasPrefix(w, "{hop"):
				h[k] = "Next hop IP address"
			case strings.HasPrefix(w, "{out"):
				h[k] = "Interface number"
			}
		}
	}
	for k, v := range h {
		if strings.HasPrefix(k, "ip route-static") || strings.HasPrefix(k, "mac-address") || strings.HasPrefix(k, "arp static") {
			h["undo "+k] = v
		}
	}
	h["undo mac-address"] = h["mac-address"]
	h["undo arp"] = h["arp"]
	return h
}()

// routeStaticCommands spells out ip route-static DEST {MASK|LEN}
// {NEXTHOP | IFTYPE IFNUM [NEXTHOP]} [preference N] and its undo forms.
func routeStaticCommands() []Command {
	var out []Command
	for _, m := range []string{"{mask:A.B.C.D}", "{len:<0-32>}"} {
		base := "ip route-static {dest:A.B.C.D} " + m
		for _, via := range []string{"{hop:A.B.C.D}", "{out:IFNAME}", "{out:IFNAME} {hop:A.B.C.D}"} {
			// [ preference N ] [ description TEXT ] (HP A5120 EI Layer 3 - IP
			// Routing Command Reference, R2208, "ip route-static":
			// description-text, 1 to 60 characters).
			out = append(out,
				Command{Syntax: base + " " + via, Priv: 2, Run: cmdRouteStatic},
				Command{Syntax: base + " " + via + " preference {pref:<1-255>}", Priv: 2, Run: cmdRouteStatic},
				Command{Syntax: base + " " + via + " description {text:LINE<1-60>}", Priv: 2, Run: cmdRouteStatic},
				Command{Syntax: base + " " + via + " preference {pref:<1-255>} description {text:LINE<1-60>}", Priv: 2, Run: cmdRouteStatic},
				Command{Syntax: "undo " + base + " " + via, Priv: 2, Run: cmdRouteStatic})
		}
		out = append(out, Command{Syntax: "undo " + base, Priv: 2, Run: cmdRouteStatic})
	}
	return out
}

// Errors of layer-3 configuration [U wording, reference §6.4].
const (
	msgAddressConflict = " Error: The specified address conflicts with another address."
	msgNoPrimary       = " Error: Please configure the primary address first."
	msgPrimaryHasSub   = " Error: Please delete the sub address first."
	msgAddressNotExist = " Error: The address does not exist."
	msgNoSuchRoute     = " Error: The route does not exist."
	msgPortNotInVLAN   = " Error: The port does not belong to the VLAN."
	msgBadMAC          = " Error: Invalid MAC address."
)

// maskArg reads the mask or length of a command: a dotted mask must be
// contiguous.
func maskArg(a Args) (int, *ParseError) {
	if _, ok := a.Get("len"); ok {
		return a.Int("len"), nil
	}
	m, err := netip.ParseAddr(a.Str("mask"))
	if err != nil {
		return 0, &ParseError{Kind: WrongParam, Pos: a.Position("mask")}
	}
	b := m.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	n := 0
	for n < 32 && v&(1<<(31-n)) != 0 {
		n++
	}
	if n < 32 && v<<n != 0 {
		return 0, &ParseError{Kind: WrongParam, Pos: a.Position("mask")}
	}
	return n, nil
}

func ipArg(a Args, name string) [4]byte {
	ip, _ := netip.ParseAddr(a.Str(name))
	return ip.As4()
}

func cmdIPAddress(s *Session, a Args) error {
	switch ifc := s.dev.Snapshot().Interfaces[s.cur().iface]; {
	case ifc.Kind == device.KindVlanIf, ifc.Kind == device.KindLoopBack, ifc.Kind == device.KindMEth:
	case ifc.Routed: // port link-mode route
	default:
		return &ParseError{Kind: Unrecognized, Pos: 0}
	}
	undo, sub := a.Has("undo"), a.Has("sub")
	_, given := a.Get("ip")
	var addr device.IPAddress
	if given {
		n, perr := maskArg(a)
		if perr != nil {
			return perr
		}
		addr = device.IPAddress{IP: ipArg(a, "ip"), Mask: n, Sub: sub}
		ip := netip.AddrFrom4(addr.IP)
		if !undo && (n == 0 || !ip.IsGlobalUnicast() && !ip.IsPrivate() ||
			n < 31 && (ip == addr.Prefix().Masked().Addr() || isBroadcast(addr))) {
			return &ParseError{Kind: WrongParam, Pos: a.Position("ip")}
		}
	}
	return s.dev.Update(func(c *device.Config) error {
		ifc := c.Interfaces[s.cur().iface]
		switch {
		case undo && !given:
			ifc.Addresses = nil
		case undo:
			i := slices.IndexFunc(ifc.Addresses, func(x device.IPAddress) bool {
				return x.IP == addr.IP && x.Mask == addr.Mask && x.Sub == sub
			})
			if i < 0 {
				return userError(msgAddressNotExist)
			}
			if !sub && len(ifc.Addresses) > 1 {
				return userError(msgPrimaryHasSub)
			}
			ifc.Addresses = slices.Delete(ifc.Addresses, i, i+1)
		default:
			if addressConflict(c, ifc.Name, addr) {
				return userError(msgAddressConflict)
			}
			var rest []device.IPAddress
			for _, x := range ifc.Addresses {
				if x.Sub != sub || sub && x.IP != addr.IP {
					rest = append(rest, x)
				}
			}
			for _, x := range rest {
				if x.Prefix().Overlaps(addr.Prefix()) {
					return userError(msgAddressConflict)
				}
			}
			if sub {
				if len(rest) == 0 {
					return userError(msgNoPrimary)
				}
				ifc.Addresses = append(rest, addr)
			} else {
				ifc.Addresses = append([]device.IPAddress{addr}, rest...)
			}
		}
		c.Interfaces[ifc.Name] = ifc
		return nil
	})
}

func isBroadcast(a device.IPAddress) bool {
	v := a.IP
	for i := a.Mask; i < 32; i++ {
		if v[i/8]&(0x80>>(i%8)) == 0 {
			return false
		}
	}
	return true
}

func cmdRouteStatic(s *Session, a Args) error {
	n, perr := maskArg(a)
	if perr != nil {
		return perr
	}
	p, _ := netip.AddrFrom4(ipArg(a, "dest")).Prefix(n)
	r := device.StaticRoute{Dest: p.Addr().As4(), Mask: n, Preference: 60}
	_, hasHop := a.Get("hop")
	if hasHop {
		r.NextHop = ipArg(a, "hop")
		if hop := netip.AddrFrom4(r.NextHop); !hop.IsGlobalUnicast() && !hop.IsPrivate() {
			return &ParseError{Kind: WrongParam, Pos: a.Position("hop")}
		}
	}
	out, hasOut := a.Get("out")
	if hasOut {
		r.Interface = out.Value
	}
	if _, ok := a.Get("pref"); ok {
		r.Preference = a.Int("pref")
	}
	r.Description = a.Str("text")
	undo := a.Has("undo")
	return s.dev.Update(func(c *device.Config) error {
		if hasOut {
			ifc, ok := c.Interfaces[r.Interface]
			if !ok || ifc.Layer2() {
				return &ParseError{Kind: WrongParam, Pos: out.Pos}
			}
		}
		same := func(x device.StaticRoute) bool {
			if x.Dest != r.Dest || x.Mask != r.Mask {
				return false
			}
			return (!hasHop && !hasOut && undo) || (x.NextHop == r.NextHop && x.Interface == r.Interface)
		}
		if undo {
			before := len(c.Routes)
			c.Routes = slices.DeleteFunc(c.Routes, same)
			if len(c.Routes) == before {
				return userError(msgNoSuchRoute)
			}
			return nil
		}
		if i := slices.IndexFunc(c.Routes, same); i >= 0 {
			c.Routes[i] = r
			return nil
		}
		c.Routes = append(c.Routes, r)
		return nil
	})
}

func macArg(a Args) ([6]byte, error) {
	m, ok := device.ParseMAC(a.Str("mac"))
	if !ok {
		return m, &ParseError{Kind: WrongParam, Pos: a.Position("mac")}
	}
	if !device.Unicast(m) {
		return m, userError(msgBadMAC)
	}
	return m, nil
}

func cmdStaticMAC(s *Session, a Args) error {
	mac, err := macArg(a)
	if err != nil {
		return err
	}
	e := device.StaticMAC{MAC: mac, VLAN: a.Int("id"), Port: a.Str("if")}
	undo := a.Has("undo")
	return s.dev.Update(func(c *device.Config) error {
		ifc, ok := c.Interfaces[e.Port]
		if !ok {
			return &ParseError{Kind: WrongParam, Pos: a.Position("if")}
		}
		if _, ok := c.VLANs[e.VLAN]; !ok {
			return userError(msgVLANNotExist)
		}
		i := slices.IndexFunc(c.StaticMACs, func(x device.StaticMAC) bool { return x.MAC == e.MAC && x.VLAN == e.VLAN })
		if undo {
			if i < 0 {
				return userError(" Error: The MAC address does not exist.")
			}
			c.StaticMACs = slices.Delete(c.StaticMACs, i, i+1)
			return nil
		}
		if !ifc.InVLAN(e.VLAN) {
			return userError(msgPortNotInVLAN)
		}
		if i >= 0 {
			c.StaticMACs[i] = e
		} else {
			c.StaticMACs = append(c.StaticMACs, e)
		}
		return nil
	})
}

func cmdStaticARP(s *Session, a Args) error {
	ip := ipArg(a, "ip")
	undo := a.Has("undo")
	var e device.StaticARP
	if !undo {
		mac, err := macArg(a)
		if err != nil {
			return err
		}
		e = device.StaticARP{IP: ip, MAC: mac, VLAN: a.Int("vid"), Port: a.Str("if")}
	}
	return s.dev.Update(func(c *device.Config) error {
		i := slices.IndexFunc(c.StaticARPs, func(x device.StaticARP) bool { return x.IP == ip })
		if undo {
			if i < 0 {
				return userError(" Error: The ARP entry does not exist.")
			}
			c.StaticARPs = slices.Delete(c.StaticARPs, i, i+1)
			return nil
		}
		if e.Port != "" {
			ifc, ok := c.Interfaces[e.Port]
			if !ok {
				return &ParseError{Kind: WrongParam, Pos: a.Position("if")}
			}
			if _, ok := c.VLANs[e.VLAN]; !ok {
				return userError(msgVLANNotExist)
			}
			if !ifc.InVLAN(e.VLAN) {
				return userError(msgPortNotInVLAN)
			}
		}
		if i >= 0 {
			c.StaticARPs[i] = e
		} else {
			c.StaticARPs = append(c.StaticARPs, e)
		}
		return nil
	})
}

var l3InterfaceGroup = group{l3InterfaceCommands, helpL3Interface}

var l3SystemGroup = group{l3SystemCommands, helpL3System}

// addressConflict reports whether another interface has an address in
// a's subnet. A loopback's host address (/32) conflicts with none: the
// HP 5500 EI capture in testdata/realconfigs has LoopBack1 172.16.3.10/32
// and Vlan-interface2001 172.16.3.1/24.
func addressConflict(c *device.Config, name string, a device.IPAddress) bool {
	ifc := c.Interfaces[name]
	for _, o := range c.SortedInterfaces() {
		if o.Name == name {
			continue
		}
		for _, b := range o.Addresses {
			if !b.Prefix().Overlaps(a.Prefix()) {
				continue
			}
			if o.Kind == device.KindLoopBack && b.Mask == 32 || ifc.Kind == device.KindLoopBack && a.Mask == 32 {
				continue
			}
			return true
		}
	}
	return false
}
