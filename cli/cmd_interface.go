package cli

import (
	"fmt"

	"switchemu/device"
)

// interfaceCommands is the grammar of interface view.
var interfaceCommands = []Command{
	{Syntax: "description {text:LINE<1-80>}", Priv: 2, Run: cmdIfDescription},
	{Syntax: "undo description", Priv: 2, Run: cmdIfDescription},
	{Syntax: "shutdown", Priv: 2, Run: cmdIfShutdown},
	{Syntax: "undo shutdown", Priv: 2, Run: cmdIfShutdown},
	{Syntax: "port access vlan {id:<1-4094>}", Priv: 2, Run: cmdPortAccessVLAN},
	{Syntax: "port link-mode bridge", Priv: 2, Run: cmdPortLinkModeBridge},
	{Syntax: "undo port link-mode", Priv: 2, Run: cmdPortLinkModeBridge},
	{Syntax: "undo port access vlan", Priv: 2, Run: cmdPortAccessVLAN},
}

var helpInterface = map[string]string{
	"description":                    "Describe the interface",
	"description {text:LINE<1-80>}":  "Up to 80 characters for description of the interface",
	"undo description":               "Describe the interface",
	"shutdown":                       "Shut down this interface",
	"undo shutdown":                  "Shut down this interface",
	"port":                           "Assign interface to a VLAN",
	"port access":                    "Set access port attributes",
	"port link-mode":                 "Set the link mode of the port",
	"port link-mode bridge":          "Bridge mode (layer 2)",
	"undo port link-mode":            "Set the link mode of the port",
	"port access vlan":               "Set VLAN ID of access port",
	"port access vlan {id:<1-4094>}": "VLAN ID",
	"undo port":                      "Assign interface to a VLAN",
	"undo port access":               "Set access port attributes",
	"undo port access vlan":          "Set VLAN ID of access port",
}

// updateInterface changes the interface the session's view edits.
func (s *Session) updateInterface(fn func(ifc *device.Interface) error) error {
	name := s.cur().iface
	return s.dev.Update(func(c *device.Config) error {
		ifc, ok := c.Interfaces[name]
		if !ok {
			return userError(" Error: The interface does not exist.")
		}
		if err := fn(&ifc); err != nil {
			return err
		}
		c.Interfaces[name] = ifc
		return nil
	})
}

func cmdIfDescription(s *Session, a Args) error {
	text := a.Str("text")
	return s.updateInterface(func(ifc *device.Interface) error {
		ifc.Description = text
		return nil
	})
}

func cmdIfShutdown(s *Session, a Args) error {
	down := !a.Has("undo")
	if s.cur().iface == "NULL0" {
		return &ParseError{Kind: Unrecognized, Pos: 0}
	}
	return s.updateInterface(func(ifc *device.Interface) error {
		ifc.Shutdown = down
		return nil
	})
}

func cmdPortAccessVLAN(s *Session, a Args) error {
	id := 1
	if !a.Has("undo") {
		id = a.Int("id")
	}
	var missing bool
	err := s.dev.Update(func(c *device.Config) error {
		ifc, ok := c.Interfaces[s.cur().iface]
		if !ok || !ifc.Kind.Bridged() {
			return userError(" Error: This command is not supported on this interface!")
		}
		if ifc.LinkType != device.LinkAccess {
			return userError(" Error: Please configure the link type of the port to access first.")
		}
		if _, ok := c.VLANs[id]; !ok {
			missing = true
			return nil
		}
		ifc.PVID = id
		c.Interfaces[ifc.Name] = ifc
		return nil
	})
	if err == nil && missing {
		return userError(fmt.Sprintf(" Error: VLAN %d does not exist.", id))
	}
	return err
}

var interfaceGroup = group{interfaceCommands, helpInterface}

// cmdPortLinkModeBridge accepts the layer-2 mode that every Ethernet port
// of this chassis is in (the configuration lists it on each port); undo
// port link-mode restores that same default.
func cmdPortLinkModeBridge(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	if ifc, ok := cfg.Interfaces[s.cur().iface]; !ok || !ifc.Kind.Bridged() {
		return &ParseError{Kind: Unrecognized, Pos: a.Words[0].Pos}
	}
	return nil
}
