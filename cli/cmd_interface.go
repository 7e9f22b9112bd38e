package cli

import (
	"fmt"
	"strings"

	"switchemu/device"
)

// interfaceCommands is the grammar of interface view. Commands that do
// not apply to the interface being edited (port commands on a VLAN
// interface, ip address on a port) are rejected as unrecognized, as the
// device's per-type command trees do.
var interfaceCommands = []Command{
	{Syntax: "description {text:LINE<1-80>}", Priv: 2, Run: cmdIfDescription},
	{Syntax: "undo description", Priv: 2, Run: cmdIfDescription},
	{Syntax: "shutdown", Priv: 2, Run: cmdIfShutdown},
	{Syntax: "undo shutdown", Priv: 2, Run: cmdIfShutdown},
	{Syntax: "port access vlan {id:<1-4094>}", Priv: 2, Run: cmdPortAccessVLAN},
	{Syntax: "undo port access vlan", Priv: 2, Run: cmdPortAccessVLAN},
	{Syntax: "port link-mode bridge", Priv: 2, Run: cmdPortLinkMode},
	{Syntax: "port link-mode route", Priv: 2, Run: cmdPortLinkMode},
	{Syntax: "undo port link-mode", Priv: 2, Run: cmdPortLinkMode},
	{Syntax: "port link-type access", Priv: 2, Run: cmdPortLinkType},
	{Syntax: "port link-type trunk", Priv: 2, Run: cmdPortLinkType},
	{Syntax: "port link-type hybrid", Priv: 2, Run: cmdPortLinkType},
	{Syntax: "undo port link-type", Priv: 2, Run: cmdPortLinkType},
	{Syntax: "port trunk permit vlan {list:LINE<1-255>}", Priv: 2, Run: cmdPortTrunkPermit},
	{Syntax: "undo port trunk permit vlan {list:LINE<1-255>}", Priv: 2, Run: cmdPortTrunkPermit},
	{Syntax: "port trunk pvid vlan {id:<1-4094>}", Priv: 2, Run: cmdPortPVID},
	{Syntax: "undo port trunk pvid vlan", Priv: 2, Run: cmdPortPVID},
	{Syntax: "port hybrid vlan {list:LINE<1-255>}", Priv: 2, Run: cmdPortHybridVLAN},
	{Syntax: "undo port hybrid vlan {list:LINE<1-255>}", Priv: 2, Run: cmdPortHybridVLAN},
	{Syntax: "port hybrid pvid vlan {id:<1-4094>}", Priv: 2, Run: cmdPortPVID},
	{Syntax: "undo port hybrid pvid vlan", Priv: 2, Run: cmdPortPVID},
	{Syntax: "speed 10", Priv: 2, Run: cmdSpeed},
	{Syntax: "speed 100", Priv: 2, Run: cmdSpeed},
	{Syntax: "speed 1000", Priv: 2, Run: cmdSpeed},
	{Syntax: "speed auto", Priv: 2, Run: cmdSpeed},
	{Syntax: "undo speed", Priv: 2, Run: cmdSpeed},
	{Syntax: "duplex auto", Priv: 2, Run: cmdDuplex},
	{Syntax: "duplex full", Priv: 2, Run: cmdDuplex},
	{Syntax: "duplex half", Priv: 2, Run: cmdDuplex},
	{Syntax: "undo duplex", Priv: 2, Run: cmdDuplex},
	{Syntax: "jumboframe enable", Priv: 2, Run: cmdJumbo},
	{Syntax: "jumboframe enable {size:<1536-9216>}", Priv: 2, Run: cmdJumbo},
	{Syntax: "undo jumboframe enable", Priv: 2, Run: cmdJumbo},
	{Syntax: "flow-control", Priv: 2, Run: cmdFlowControl},
	{Syntax: "undo flow-control", Priv: 2, Run: cmdFlowControl},
	{Syntax: "broadcast-suppression {ratio:<1-100>}", Priv: 2, Run: cmdBroadcastSuppression},
	{Syntax: "undo broadcast-suppression", Priv: 2, Run: cmdBroadcastSuppression},
}

var helpInterface = map[string]string{
	"description":                               "Describe the interface",
	"description {text:LINE<1-80>}":             "Up to 80 characters for description of the interface",
	"undo description":                          "Describe the interface",
	"shutdown":                                  "Shut down this interface",
	"undo shutdown":                             "Shut down this interface",
	"port":                                      "Assign interface to a VLAN",
	"port access":                               "Set access port attributes",
	"port access vlan":                          "Set VLAN ID of access port",
	"port access vlan {id:<1-4094>}":            "VLAN ID",
	"undo port":                                 "Assign interface to a VLAN",
	"undo port access":                          "Set access port attributes",
	"undo port access vlan":                     "Set VLAN ID of access port",
	"port link-mode":                            "Set the link mode of the port",
	"port link-mode bridge":                     "Layer 2 (bridge) mode",
	"port link-mode route":                      "Layer 3 (route) mode",
	"undo port link-mode":                       "Set the link mode of the port",
	"port link-type":                            "Set port link type",
	"port link-type access":                     "Access link type",
	"port link-type trunk":                      "Trunk link type",
	"port link-type hybrid":                     "Hybrid link type",
	"undo port link-type":                       "Set port link type",
	"port trunk":                                "Set trunk port attributes",
	"port trunk permit":                         "Permit the specified VLANs to pass",
	"port trunk permit vlan":                    "Set VLANs permitted to pass",
	"port trunk permit vlan {list:LINE<1-255>}": "VLAN ID list: <1-4094> [to <1-4094>] ..., or all",
	"undo port trunk":                           "Set trunk port attributes",
	"undo port trunk permit":                    "Permit the specified VLANs to pass",
	"undo port trunk permit vlan":               "Set VLANs permitted to pass",
	"undo port trunk permit vlan {list:LINE<1-255>}": "VLAN ID list: <1-4094> [to <1-4094>] ..., or all",
	"port trunk pvid":                          "Set port VLAN ID of trunk port",
	"port trunk pvid vlan":                     "Set port VLAN ID of trunk port",
	"port trunk pvid vlan {id:<1-4094>}":       "VLAN ID",
	"undo port trunk pvid":                     "Set port VLAN ID of trunk port",
	"undo port trunk pvid vlan":                "Set port VLAN ID of trunk port",
	"port hybrid":                              "Set hybrid port attributes",
	"port hybrid vlan":                         "Set VLANs of hybrid port",
	"port hybrid vlan {list:LINE<1-255>}":      "VLAN ID list: <1-4094> [to <1-4094>] ..., then tagged or untagged",
	"undo port hybrid":                         "Set hybrid port attributes",
	"undo port hybrid vlan":                    "Set VLANs of hybrid port",
	"undo port hybrid vlan {list:LINE<1-255>}": "VLAN ID list: <1-4094> [to <1-4094>] ...",
	"port hybrid pvid":                         "Set port VLAN ID of hybrid port",
	"port hybrid pvid vlan":                    "Set port VLAN ID of hybrid port",
	"port hybrid pvid vlan {id:<1-4094>}":      "VLAN ID",
	"undo port hybrid pvid":                    "Set port VLAN ID of hybrid port",
	"undo port hybrid pvid vlan":               "Set port VLAN ID of hybrid port",
	"speed":                                    "Specify transmission rate",
	"speed 10":                                 "Specify speed as 10 Mbps",
	"speed 100":                                "Specify speed as 100 Mbps",
	"speed 1000":                               "Specify speed as 1000 Mbps",
	"speed auto":                               "Enable port's speed negotiation automatically",
	"undo speed":                               "Specify transmission rate",
	"duplex":                                   "Status of duplex",
	"duplex auto":                              "Enable port's duplex negotiation automatically",
	"duplex full":                              "Full-duplex",
	"duplex half":                              "Half-duplex",
	"undo duplex":                              "Status of duplex",
	"jumboframe":                               "Jumbo frame",
	"jumboframe enable":                        "Enable jumbo frame function",
	"jumboframe enable {size:<1536-9216>}":     "Maximum frame length",
	"undo jumboframe":                          "Jumbo frame",
	"undo jumboframe enable":                   "Enable jumbo frame function",
	"flow-control":                             "Flow control command",
	"undo flow-control":                        "Flow control command",
	"broadcast-suppression":                    "Specify the broadcast storm control",
	"broadcast-suppression {ratio:<1-100>}":    "Ratio",
	"undo broadcast-suppression":               "Specify the broadcast storm control",
}

// Replies and errors of interface view (reference §6.3).
const (
	msgPleaseWait       = " Please wait"
	msgDone             = " Done."
	msgTrunkToHybrid    = " Because it is a Trunk-port, Hybrid can not be specified, please set it Access first."
	msgHybridToTrunk    = " Because it is a Hybrid-port, Trunk can not be specified, please set it Access first."
	msgNotAccess        = " Error: Please configure the link type of the port to access first."
	msgNotTrunk         = " Error: Please configure the link type of the port to trunk first."
	msgNotHybrid        = " Error: Please configure the link type of the port to hybrid first."
	msgModeNotSupported = " Error: This mode is not supported on this interface!"
	msgVLANNotExistFmt  = " Error: VLAN %d does not exist."
)

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
		syncAggregate(c, name)
		return nil
	})
}

// curKind is the kind of the interface the view edits.
func (s *Session) curKind() device.IfKind {
	ifc, _ := s.dev.Snapshot().Interfaces[s.cur().iface]
	return ifc.Kind
}

// needBridged rejects a layer-2 command on an interface that is not a
// layer-2 port.
func (s *Session) needBridged() error {
	if ifc := s.dev.Snapshot().Interfaces[s.cur().iface]; !ifc.Layer2() {
		return &ParseError{Kind: Unrecognized, Pos: 0}
	}
	return nil
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
	if s.curKind() == device.KindNull {
		return &ParseError{Kind: Unrecognized, Pos: 0}
	}
	return s.updateInterface(func(ifc *device.Interface) error {
		ifc.Shutdown = down
		return nil
	})
}

func cmdPortAccessVLAN(s *Session, a Args) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	id := 1
	if !a.Has("undo") {
		id = a.Int("id")
	}
	return s.dev.Update(func(c *device.Config) error {
		ifc := c.Interfaces[s.cur().iface]
		if ifc.LinkType != device.LinkAccess {
			return userError(msgNotAccess)
		}
		if _, ok := c.VLANs[id]; !ok {
			return userError(fmt.Sprintf(msgVLANNotExistFmt, id))
		}
		ifc.PVID = id
		c.Interfaces[ifc.Name] = ifc
		syncAggregate(c, ifc.Name)
		return nil
	})
}

// resetVLANs puts a port's VLAN settings back to a new link type's
// defaults: PVID 1, trunk permits VLAN 1, hybrid untagged in VLAN 1.
func resetVLANs(ifc *device.Interface, lt device.LinkType) {
	ifc.LinkType, ifc.PVID = lt, 1
	ifc.Trunk, ifc.HybridTagged, ifc.HybridUntagged = device.VLANSet{}, device.VLANSet{}, device.VLANSet{}
	ifc.Trunk.Add(1)
	ifc.HybridUntagged.Add(1)
}

// pleaseWait is the progress line of a port VLAN change: more dots the
// more VLANs it touches.
func (s *Session) pleaseWait(vlans int) error {
	return s.println(msgPleaseWait + strings.Repeat(".", 3+min(vlans/100, 40)) + msgDone)
}

// cmdPortLinkMode accepts the bridge mode every port of the model is in,
// as the configuration lists it.
// cmdPortLinkMode switches an Ethernet port between bridge and route
// mode (HP A5500 EI Layer 2 - LAN Switching Command Reference, R2208:
// port link-mode { bridge | route }; real 5500 EI configurations carry
// "port link-mode route" with an ip address). A port changing mode
// starts again from that mode's defaults.
func cmdPortLinkMode(s *Session, a Args) error {
	if k := s.curKind(); k != device.KindGE && k != device.KindXGE {
		return &ParseError{Kind: Unrecognized, Pos: 0}
	}
	route := a.Has("route")
	return s.updateInterface(func(ifc *device.Interface) error {
		if ifc.Routed == route {
			return nil
		}
		fresh := *ifc
		fresh.Routed = route
		fresh.Addresses = nil
		fresh.LinkType, fresh.PVID = device.LinkAccess, 1
		fresh.Trunk, fresh.HybridTagged, fresh.HybridUntagged = device.SetOf(1), device.VLANSet{}, device.SetOf(1)
		*ifc = fresh
		return nil
	})
}

func cmdPortLinkType(s *Session, a Args) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	want := device.LinkAccess
	switch {
	case a.Has("trunk"):
		want = device.LinkTrunk
	case a.Has("hybrid"):
		want = device.LinkHybrid
	}
	changed := false
	err := s.updateInterface(func(ifc *device.Interface) error {
		switch {
		case ifc.LinkType == want:
			return nil
		case ifc.LinkType == device.LinkTrunk && want == device.LinkHybrid:
			return userError(msgTrunkToHybrid)
		case ifc.LinkType == device.LinkHybrid && want == device.LinkTrunk:
			return userError(msgHybridToTrunk)
		}
		resetVLANs(ifc, want)
		changed = true
		return nil
	})
	if err != nil || !changed {
		return err
	}
	return s.pleaseWait(1)
}

// parseVLANList reads "10 20 30 to 40" or "all" from argument name.
// Words after the list that are in tail (a keyword such as "tagged",
// matched by prefix) are returned. A bad word is a parse error under it.
func parseVLANList(a Args, name string, tail ...string) (set device.VLANSet, kw string, perr *ParseError) {
	arg, _ := a.Get(name)
	toks := tokenize(arg.Value)
	bad := func(i int) *ParseError {
		return &ParseError{Kind: WrongParam, Pos: arg.Pos + toks[i].pos}
	}
	if len(tail) > 0 {
		last := len(toks) - 1
		for _, t := range tail {
			if last >= 0 && keywordRank(t, toks[last].text) >= prefix {
				kw = t
			}
		}
		if kw == "" {
			return set, "", &ParseError{Kind: Incomplete, Pos: arg.Pos + len(arg.Value) + 1}
		}
		toks = toks[:last]
		if len(toks) == 0 {
			return set, "", &ParseError{Kind: WrongParam, Pos: arg.Pos}
		}
	}
	if len(toks) == 1 && keywordRank("all", toks[0].text) >= prefix {
		set.AddRange(1, device.MaxVLAN)
		return set, kw, nil
	}
	num := func(i int) (int, bool) {
		if i >= len(toks) || !isDigits(toks[i].text) || len(toks[i].text) > 4 {
			return 0, false
		}
		n := 0
		fmt.Sscan(toks[i].text, &n)
		return n, n >= 1 && n <= device.MaxVLAN
	}
	for i := 0; i < len(toks); i++ {
		from, ok := num(i)
		if !ok {
			return set, "", bad(i)
		}
		to := from
		if i+1 < len(toks) && keywordRank("to", toks[i+1].text) >= prefix {
			if i+2 >= len(toks) {
				return set, "", &ParseError{Kind: Incomplete, Pos: arg.Pos + len(arg.Value) + 1}
			}
			if to, ok = num(i + 2); !ok || to < from {
				return set, "", bad(i + 2)
			}
			i += 2
		}
		set.AddRange(from, to)
	}
	return set, kw, nil
}

func cmdPortTrunkPermit(s *Session, a Args) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	set, _, perr := parseVLANList(a, "list")
	if perr != nil {
		return perr
	}
	undo := a.Has("undo")
	err := s.updateInterface(func(ifc *device.Interface) error {
		if ifc.LinkType != device.LinkTrunk {
			return userError(msgNotTrunk)
		}
		if undo {
			ifc.Trunk = ifc.Trunk.Minus(set)
		} else {
			ifc.Trunk = ifc.Trunk.Union(set)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.pleaseWait(set.Len())
}

func cmdPortPVID(s *Session, a Args) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	want, msg := device.LinkTrunk, msgNotTrunk
	if a.Has("hybrid") {
		want, msg = device.LinkHybrid, msgNotHybrid
	}
	id := 1
	if !a.Has("undo") {
		id = a.Int("id")
	}
	return s.dev.Update(func(c *device.Config) error {
		ifc := c.Interfaces[s.cur().iface]
		if ifc.LinkType != want {
			return userError(msg)
		}
		ifc.PVID = id
		c.Interfaces[ifc.Name] = ifc
		syncAggregate(c, ifc.Name)
		return nil
	})
}

func cmdPortHybridVLAN(s *Session, a Args) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	undo := a.Has("undo")
	var tail []string
	if !undo {
		tail = []string{"tagged", "untagged"}
	}
	set, kw, perr := parseVLANList(a, "list", tail...)
	if perr != nil {
		return perr
	}
	err := s.dev.Update(func(c *device.Config) error {
		ifc := c.Interfaces[s.cur().iface]
		if ifc.LinkType != device.LinkHybrid {
			return userError(msgNotHybrid)
		}
		for _, id := range set.IDs() {
			if _, ok := c.VLANs[id]; !ok && !undo {
				return userError(fmt.Sprintf(msgVLANNotExistFmt, id))
			}
		}
		ifc.HybridTagged = ifc.HybridTagged.Minus(set)
		ifc.HybridUntagged = ifc.HybridUntagged.Minus(set)
		switch kw {
		case "tagged":
			ifc.HybridTagged = ifc.HybridTagged.Union(set)
		case "untagged":
			ifc.HybridUntagged = ifc.HybridUntagged.Union(set)
		}
		c.Interfaces[ifc.Name] = ifc
		syncAggregate(c, ifc.Name)
		return nil
	})
	if err != nil {
		return err
	}
	return s.pleaseWait(set.Len())
}

func cmdSpeed(s *Session, a Args) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	speed := 0
	for _, w := range []string{"10", "100", "1000"} {
		if a.Has(w) {
			fmt.Sscan(w, &speed)
		}
	}
	return s.updateInterface(func(ifc *device.Interface) error {
		switch {
		case speed == 0:
		case ifc.Kind == device.KindXGE, ifc.Media != "copper" && speed != 1000:
			return userError(msgModeNotSupported)
		case speed == 1000 && ifc.Duplex == "half":
			return userError(msgModeNotSupported)
		}
		ifc.Speed = speed
		return nil
	})
}

func cmdDuplex(s *Session, a Args) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	duplex := ""
	switch {
	case a.Has("full"):
		duplex = "full"
	case a.Has("half"):
		duplex = "half"
	}
	return s.updateInterface(func(ifc *device.Interface) error {
		if duplex == "half" && (ifc.Media != "copper" || ifc.Speed == 1000) {
			return userError(msgModeNotSupported)
		}
		ifc.Duplex = duplex
		return nil
	})
}

func cmdJumbo(s *Session, a Args) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	on, size := !a.Has("undo"), a.Int("size")
	return s.updateInterface(func(ifc *device.Interface) error {
		ifc.Jumbo, ifc.JumboSize = on, size
		return nil
	})
}

func cmdFlowControl(s *Session, a Args) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	on := !a.Has("undo")
	return s.updateInterface(func(ifc *device.Interface) error {
		ifc.FlowControl = on
		return nil
	})
}

func cmdBroadcastSuppression(s *Session, a Args) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	pct := a.Int("ratio")
	if pct == 100 {
		pct = 0
	}
	return s.updateInterface(func(ifc *device.Interface) error {
		ifc.BroadcastPct = pct
		return nil
	})
}

var interfaceGroup = group{interfaceCommands, helpInterface}
