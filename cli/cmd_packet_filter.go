package cli

import (
	"fmt"
	"slices"
	"strings"

	"switchemu/device"
)

// packet-filter in interface view: the ACLs applied to an interface's
// traffic, kept in device.Interface.PacketFilters (the emulator forwards
// no traffic, so they filter nothing) and printed where the configuration
// prints them: after qos apply policy, before the DHCP snooping lines
// (the HP 5500 EI configuration in testdata/realconfigs: poe enable,
// packet-filter 2500 inbound, ..., stp edged-port enable).
//
// Source: HP A5120 EI Switch Series ACL and QoS Command Reference (Comware
// 5.20), "packet-filter": packet-filter { acl-number | name acl-name } {
// inbound | outbound }, undo packet-filter { acl-number | name acl-name }
// { inbound | outbound }; an ACL that does not exist may be applied.
var packetFilterCommands = []Command{
	{Syntax: "packet-filter {acl:<2000-5999>} inbound", Priv: 2, Run: cmdPacketFilter},
	{Syntax: "packet-filter {acl:<2000-5999>} outbound", Priv: 2, Run: cmdPacketFilter},
	{Syntax: "packet-filter name {name:STRING<1-63>} inbound", Priv: 2, Run: cmdPacketFilter},
	{Syntax: "packet-filter name {name:STRING<1-63>} outbound", Priv: 2, Run: cmdPacketFilter},
	{Syntax: "undo packet-filter {acl:<2000-5999>} inbound", Priv: 2, Run: cmdPacketFilter},
	{Syntax: "undo packet-filter {acl:<2000-5999>} outbound", Priv: 2, Run: cmdPacketFilter},
	{Syntax: "undo packet-filter name {name:STRING<1-63>} inbound", Priv: 2, Run: cmdPacketFilter},
	{Syntax: "undo packet-filter name {name:STRING<1-63>} outbound", Priv: 2, Run: cmdPacketFilter},
}

var packetFilterGroup = group{packetFilterCommands, helpFor(packetFilterCommands, map[string]string{
	"packet-filter": "Specify packet filter",
	"inbound":       "Filter inbound packets",
	"outbound":      "Filter outbound packets",
	"name":          "Specify a named acl",
	"undo":          "Cancel current setting",
})}

func cmdPacketFilter(s *Session, a Args) error {
	pf := device.PacketFilter{ACL: a.Int("acl"), Name: a.Str("name"), Outbound: a.Has("outbound")}
	name := s.cur().iface
	undo := a.Has("undo")
	return s.dev.Update(func(c *device.Config) error {
		ifc, ok := c.Interfaces[name]
		if !ok {
			return fmt.Errorf("cli: packet-filter: no interface %s", name)
		}
		// Update works on a deep copy: the slice is this change's own.
		i := slices.IndexFunc(ifc.PacketFilters, func(p device.PacketFilter) bool {
			return p.ACL == pf.ACL && strings.EqualFold(p.Name, pf.Name) && p.Outbound == pf.Outbound
		})
		switch {
		case undo && i >= 0:
			ifc.PacketFilters = slices.Delete(ifc.PacketFilters, i, i+1)
			if len(ifc.PacketFilters) == 0 {
				ifc.PacketFilters = nil
			}
		case !undo && i < 0:
			ifc.PacketFilters = append(ifc.PacketFilters, pf)
		}
		c.Interfaces[name] = ifc
		return nil
	})
}

// renderPacketFilters prints an interface's packet-filter lines.
func renderPacketFilters(ifc device.Interface) string {
	var b strings.Builder
	for _, p := range ifc.PacketFilters {
		dir := "inbound"
		if p.Outbound {
			dir = "outbound"
		}
		if p.Name != "" {
			fmt.Fprintf(&b, " packet-filter name %s %s\n", p.Name, dir)
		} else {
			fmt.Fprintf(&b, " packet-filter %d %s\n", p.ACL, dir)
		}
	}
	return b.String()
}

// packetFilterRank is where the packet-filter lines go among an
// interface's configuration-only "settings" lines: before the first
// declaration after the one they replaced (dhcp-snooping trust).
var packetFilterRank = func() int {
	if c := confViews.cmds["interface:dhcp-snooping trust [no-user-binding]"]; c != nil {
		return c.rank
	}
	panic("cli: packet-filter: no dhcp-snooping trust declaration to print before")
}()
