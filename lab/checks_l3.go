package lab

import (
	"fmt"
	"net/netip"
	"strings"

	"go.yaml.in/yaml/v3"

	"switchemu/device"
)

// The layer-3 checks: an interface's address and static routes.

// address: {interface: Vlan-interface10, address: 192.168.10.1/24}
type addressSpec struct{ iface, address param }

func parseAddress(n *yaml.Node) (spec, error) {
	s := &addressSpec{}
	return s, decodeFields("address", n, map[string]any{"interface": &s.iface, "address": &s.address}, "interface", "address")
}

func (s *addressSpec) make(x expander) (Check, error) {
	name, err := s.iface.str("interface", x)
	if err != nil {
		return nil, err
	}
	if name, err = canonicalIf(name); err != nil {
		return nil, s.iface.errorf("interface", "%v", err)
	}
	pf, err := s.address.prefix("address", x)
	if err != nil {
		return nil, err
	}
	return addressCheck{name, pf}, nil
}

type addressCheck struct {
	iface string
	want  netip.Prefix
}

func (c addressCheck) Describe() string {
	return fmt.Sprintf("interface %s has %s", c.iface, c.want)
}

func addrPrefix(a device.IPAddress) netip.Prefix {
	return netip.PrefixFrom(netip.AddrFrom4(a.IP), a.Mask)
}

func (c addressCheck) Eval(t *Target) (bool, string) {
	ifc, ok := t.Config.Interfaces[c.iface]
	if !ok {
		return false, c.iface + " does not exist"
	}
	var have []string
	for _, a := range ifc.Addresses {
		p := addrPrefix(a)
		if p == c.want {
			if a.Sub {
				return true, fmt.Sprintf("%s has %s (a secondary address)", c.iface, p)
			}
			return true, fmt.Sprintf("%s has %s", c.iface, p)
		}
		have = append(have, p.String())
	}
	if len(have) == 0 {
		return false, c.iface + " has no IP address"
	}
	return false, fmt.Sprintf("%s has %s, not %s", c.iface, strings.Join(have, " and "), c.want)
}

// route: {prefix: 0.0.0.0/0, next_hop: 192.168.0.254}, or with
// interface (the output interface) and preference.
type routeSpec struct{ prefix, nextHop, iface, pref param }

func parseRoute(n *yaml.Node) (spec, error) {
	s := &routeSpec{}
	return s, decodeFields("route", n, map[string]any{"prefix": &s.prefix, "next_hop": &s.nextHop, "interface": &s.iface, "preference": &s.pref}, "prefix")
}

func (s *routeSpec) make(x expander) (Check, error) {
	var c routeCheck
	var err error
	if c.dest, err = s.prefix.prefix("prefix", x); err != nil {
		return nil, err
	}
	c.dest = c.dest.Masked()
	if s.nextHop.set() {
		if c.nextHop, err = s.nextHop.addr("next_hop", x); err != nil {
			return nil, err
		}
	}
	if s.iface.set() {
		name, err := s.iface.str("interface", x)
		if err != nil {
			return nil, err
		}
		if c.iface, err = canonicalIf(name); err != nil {
			return nil, s.iface.errorf("interface", "%v", err)
		}
	}
	if s.pref.set() {
		if c.pref, err = s.pref.integer("preference", x, 1, 255); err != nil {
			return nil, err
		}
	}
	return c, nil
}

type routeCheck struct {
	dest    netip.Prefix
	nextHop netip.Addr // invalid: any
	iface   string     // "": any
	pref    int        // 0: any
}

func (c routeCheck) name() string {
	if c.dest.Bits() == 0 {
		return "a static default route"
	}
	return "a static route to " + c.dest.String()
}

func (c routeCheck) via() string {
	var parts []string
	if c.iface != "" {
		parts = append(parts, "out of "+c.iface)
	}
	if c.nextHop.IsValid() {
		parts = append(parts, "to "+c.nextHop.String())
	}
	s := strings.Join(parts, " ")
	if c.pref != 0 {
		s = strings.TrimSpace(s + fmt.Sprintf(" with preference %d", c.pref))
	}
	return s
}

func (c routeCheck) Describe() string {
	if v := c.via(); v != "" {
		if c.iface != "" || c.nextHop.IsValid() {
			return c.name() + " points " + v
		}
		return c.name() + " exists " + v
	}
	return c.name() + " exists"
}

func routeVia(r device.StaticRoute) string {
	var parts []string
	if r.Interface != "" {
		parts = append(parts, "out of "+r.Interface)
	}
	if r.NextHop != [4]byte{} || r.Interface == "" {
		parts = append(parts, "to "+ipString(r.NextHop))
	}
	return strings.Join(parts, " ")
}

func (c routeCheck) Eval(t *Target) (bool, string) {
	var seen []string
	for _, r := range t.Config.Routes {
		if netip.PrefixFrom(netip.AddrFrom4(r.Dest), r.Mask).Masked() != c.dest {
			continue
		}
		ok := (!c.nextHop.IsValid() || netip.AddrFrom4(r.NextHop) == c.nextHop) &&
			(c.iface == "" || r.Interface == c.iface) && (c.pref == 0 || r.Preference == c.pref)
		if ok {
			return true, fmt.Sprintf("%s points %s (preference %d)", c.name(), routeVia(r), r.Preference)
		}
		seen = append(seen, fmt.Sprintf("%s with preference %d", routeVia(r), r.Preference))
	}
	n := strings.TrimPrefix(c.name(), "a ")
	if len(seen) == 0 {
		return false, "there is no " + n
	}
	return false, fmt.Sprintf("the %s points %s, not %s", n, strings.Join(seen, " and "), c.via())
}
