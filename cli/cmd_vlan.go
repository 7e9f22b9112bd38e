package cli

import (
	"switchemu/device"
)

// vlanCommands is the grammar of VLAN view.
var vlanCommands = []Command{
	{Syntax: "name {text:LINE<1-32>}", Priv: 2, Run: cmdVLANName},
	{Syntax: "undo name", Priv: 2, Run: cmdVLANName},
	{Syntax: "description {text:LINE<1-32>}", Priv: 2, Run: cmdVLANDescription},
	{Syntax: "undo description", Priv: 2, Run: cmdVLANDescription},
}

var helpVLAN = map[string]string{
	"description":                   "Describe VLAN",
	"undo description":              "Describe VLAN",
	"name":                          "Specify a name",
	"name {text:LINE<1-32>}":        "Name of the VLAN (1 to 32 characters)",
	"undo name":                     "Specify a name",
	"description {text:LINE<1-32>}": "Description of the VLAN (1 to 32 characters)",
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

var vlanGroup = group{vlanCommands, helpVLAN}
