package cli

import (
	"fmt"

	"switchemu/device"
)

// vlanCommands is the grammar of VLAN view.
var vlanCommands = []Command{
	{Syntax: "name {text:LINE<1-32>}", Priv: 2, Run: cmdVLANName},
	{Syntax: "undo name", Priv: 2, Run: cmdVLANName},
	{Syntax: "description {text:LINE<1-32>}", Priv: 2, Run: cmdVLANDescription},
	{Syntax: "undo description", Priv: 2, Run: cmdVLANDescription},
	{Syntax: "port {if:ETHNAME}", Priv: 2, Run: cmdVLANPort},
	{Syntax: "port {if:ETHNAME} to {last:ETHNAME}", Priv: 2, Run: cmdVLANPort},
	{Syntax: "undo port {if:ETHNAME}", Priv: 2, Run: cmdVLANPort},
	{Syntax: "undo port {if:ETHNAME} to {last:ETHNAME}", Priv: 2, Run: cmdVLANPort},
}

var helpVLAN = map[string]string{
	"description":                         "Describe VLAN",
	"undo description":                    "Describe VLAN",
	"name":                                "Specify a name",
	"name {text:LINE<1-32>}":              "Name of the VLAN (1 to 32 characters)",
	"undo name":                           "Specify a name",
	"description {text:LINE<1-32>}":       "Description of the VLAN (1 to 32 characters)",
	"port":                                "Add ports to this VLAN",
	"port {if:ETHNAME}":                   "Interface number",
	"port {if:ETHNAME} to":                "Range of interfaces",
	"port {if:ETHNAME} to {last:ETHNAME}": "Interface number",
	"undo port":                           "Add ports to this VLAN",
	"undo port {if:ETHNAME}":              "Interface number",
	"undo port {if:ETHNAME} to":           "Range of interfaces",
	"undo port {if:ETHNAME} to {last:ETHNAME}": "Interface number",
}

func (s *Session) updateVLAN(fn func(v *device.VLAN)) error {
	id := s.cur().vlan
	return s.dev.Update(func(c *device.Config) error {
		v, ok := c.VLANs[id]
		if !ok {
			return userError(msgVLANNotExist)
		}
		fn(&v)
		c.VLANs[id] = v
		return nil
	})
}

func cmdVLANName(s *Session, a Args) error {
	text := a.Str("text")
	return s.updateVLAN(func(v *device.VLAN) { v.Name = text })
}

func cmdVLANDescription(s *Session, a Args) error {
	text := a.Str("text")
	return s.updateVLAN(func(v *device.VLAN) { v.Description = text })
}

// cmdVLANPort adds access ports to the VLAN the view edits (or, undone,
// puts them back in VLAN 1): one port, or a range on one card.
func cmdVLANPort(s *Session, a Args) error {
	id := s.cur().vlan
	first, _ := a.Get("if")
	last, ranged := a.Get("last")
	undo := a.Has("undo")
	return s.dev.Update(func(c *device.Config) error {
		from, ok := c.Interfaces[first.Value]
		if !ok {
			return &ParseError{Kind: WrongParam, Pos: first.Pos}
		}
		to := from
		if ranged {
			to, ok = c.Interfaces[last.Value]
			if !ok || to.Kind != from.Kind || to.Slot != from.Slot || to.Port < from.Port {
				return &ParseError{Kind: WrongParam, Pos: last.Pos}
			}
		}
		if _, ok := c.VLANs[id]; !ok {
			return userError(msgVLANNotExist)
		}
		for _, ifc := range c.SortedInterfaces() {
			if ifc.Kind != from.Kind || ifc.Slot != from.Slot || ifc.Port < from.Port || ifc.Port > to.Port ||
				ifc.Number < from.Number || ifc.Number > to.Number { // aggregates are numbered
				continue
			}
			if ifc.LinkType != device.LinkAccess {
				return userError(fmt.Sprintf(msgNotAccessPortFmt, ifc.Name))
			}
			switch {
			case !undo:
				ifc.PVID = id
			case ifc.PVID == id:
				ifc.PVID = 1
			}
			c.Interfaces[ifc.Name] = ifc
			syncAggregate(c, ifc.Name)
		}
		return nil
	})
}

// msgNotAccessPortFmt refuses to add a trunk or hybrid port [U wording].
const msgNotAccessPortFmt = " Error: %s is not an access port."

var vlanGroup = group{vlanCommands, helpVLAN}
