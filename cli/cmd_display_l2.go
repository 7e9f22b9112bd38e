package cli

import (
	"fmt"
	"strings"

	"switchemu/device"
)

// Layer-2 displays beyond the basic ones: display port trunk | hybrid,
// display vlan N to M, the filters of display mac-address, display
// interface TYPE and display interface brief down.
//
// Sources: HP A5500 EI Switch Series Layer 2 - LAN Switching Command
// Reference (Comware 5.20, R2208): "display port { hybrid | trunk }"
// (columns Interface, PVID, VLAN passing; a hybrid port's Tagged: and
// Untagged: lists) [I: column widths]; "display vlan [ vlan-id1 [ to
// vlan-id2 ] | all | dynamic | reserved | static ]"; "display
// mac-address [ [ dynamic | static ] [ interface interface-type
// interface-number ] [ vlan vlan-id ] [ count ] ]"; Fundamentals/
// Interface command reference: "display interface [ interface-type [
// interface-number ] ]" and "display interface [ interface-type ] brief
// [ down ]", whose down form lists the down interfaces with a Cause
// column [I: the V5 cause words "Not connected" and "Administratively"].
var displayL2Commands = []Command{
	{Syntax: "display port trunk", Priv: 1, Run: cmdDisplayPort},
	{Syntax: "display port hybrid", Priv: 1, Run: cmdDisplayPort},
	{Syntax: "display vlan {id:<1-4094>} to {last:<1-4094>}", Priv: 1, Run: cmdDisplayVLANRange},
	{Syntax: "display mac-address count", Priv: 1, Run: cmdDisplayMAC},
	{Syntax: "display mac-address interface {if:IFNAME} vlan {id:<1-4094>}", Priv: 1, Run: cmdDisplayMAC},
	{Syntax: "display interface brief down", Priv: 1, Run: cmdDisplayInterfaceBriefDown},
	{Syntax: "display interface {if:IFTYPE}", Priv: 1, Run: cmdDisplayInterfaceType},
}

var helpDisplayL2 = map[string]string{
	"display port":                                                         "Display port information",
	"display port trunk":                                                   "Trunk port",
	"display port hybrid":                                                  "Hybrid port",
	"display vlan {id:<1-4094>} to":                                        "Range of VLAN",
	"display vlan {id:<1-4094>} to {last:<1-4094>}":                        "VLAN ID",
	"display mac-address count":                                            "Number of MAC addresses",
	"display mac-address interface {if:IFNAME} vlan":                       "Specify a VLAN",
	"display mac-address interface {if:IFNAME} vlan {id:<1-4094>}":         "VLAN ID",
	"display interface brief down":                                         "Display information of interfaces in DOWN state",
	"display interface {if:IFTYPE}":                                        "Interface type",
	"display mac-address dynamic":                                          "Dynamic MAC address entries",
	"display mac-address static":                                           "Static MAC address entries",
	"display mac-address dynamic interface":                                "Specify an interface",
	"display mac-address static interface":                                 "Specify an interface",
	"display mac-address dynamic interface {if:IFNAME}":                    "Interface number",
	"display mac-address static interface {if:IFNAME}":                     "Interface number",
	"display mac-address dynamic vlan":                                     "Specify a VLAN",
	"display mac-address static vlan":                                      "Specify a VLAN",
	"display mac-address dynamic vlan {id:<1-4094>}":                       "VLAN ID",
	"display mac-address static vlan {id:<1-4094>}":                        "VLAN ID",
	"display mac-address dynamic interface {if:IFNAME} vlan":               "Specify a VLAN",
	"display mac-address static interface {if:IFNAME} vlan":                "Specify a VLAN",
	"display mac-address dynamic interface {if:IFNAME} vlan {id:<1-4094>}": "VLAN ID",
	"display mac-address static interface {if:IFNAME} vlan {id:<1-4094>}":  "VLAN ID",
}

// displayL2All is displayL2Commands with the generated forms.
func displayL2All() []Command {
	cmds := displayL2Commands
	// display mac-address { dynamic | static } [ interface X ] [ vlan N ]
	for _, kind := range []string{"dynamic", "static"} {
		for _, tail := range []string{"", " interface {if:IFNAME}", " vlan {id:<1-4094>}", " interface {if:IFNAME} vlan {id:<1-4094>}"} {
			cmds = append(cmds, Command{Syntax: "display mac-address " + kind + tail, Priv: 1, Run: cmdDisplayMAC})
		}
	}
	return cmds
}

var displayL2Group = group{displayL2All(), helpDisplayL2}

// cmdDisplayPort lists the trunk or the hybrid ports with their PVID and
// VLANs, ranges joined as display interface joins them.
func cmdDisplayPort(s *Session, a Args) error {
	cfg := s.dev.View()
	want := device.LinkTrunk
	if a.Has("hybrid") {
		want = device.LinkHybrid
	}
	const indent = "                           " // under "VLAN passing"
	var b strings.Builder
	b.WriteString("Interface            PVID  VLAN passing\n")
	for _, ifc := range cfg.SortedInterfaces() {
		if !ifc.Layer2() || ifc.LinkType != want {
			continue
		}
		head := fmt.Sprintf("%-21s%-6d", ifc.BriefName(), ifc.PVID)
		if want == device.LinkTrunk {
			b.WriteString(wrapList(head, rangeItems(ifc.Trunk)))
			continue
		}
		b.WriteString(wrapList(head+"Tagged:   ", rangeItems(ifc.HybridTagged)))
		b.WriteString(wrapList(indent+"Untagged: ", rangeItems(ifc.HybridUntagged)))
	}
	return s.printf("%s", b.String())
}

// rangeItems lists a VLAN set as "1, 3-4, 6-100"; "none" if empty.
func rangeItems(set device.VLANSet) []string {
	var items []string
	for _, r := range set.Ranges() {
		items = append(items, rangeItem(r[0], r[1]))
	}
	if len(items) == 0 {
		items = []string{"none"}
	}
	return items
}

// cmdDisplayVLANRange prints the VLANs of a range that exist, as display
// vlan N prints one.
func cmdDisplayVLANRange(s *Session, a Args) error {
	first, last := a.Int("id"), a.Int("last")
	if last < first {
		return &ParseError{Kind: WrongParam, Pos: a.Position("last")}
	}
	cfg := s.dev.Snapshot()
	var blocks []string
	for _, id := range cfg.SortedVLANs() {
		if id >= first && id <= last {
			blocks = append(blocks, vlanBlock(&cfg, id))
		}
	}
	if len(blocks) == 0 {
		return userError(msgVLANNotExist)
	}
	return s.printf("%s", strings.Join(blocks, "\n"))
}

// cmdDisplayInterfaceType prints display interface for every interface
// of the type named.
func cmdDisplayInterfaceType(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	var kind device.IfKind
	for _, t := range device.IfTypes() {
		if t.Name == a.Str("if") {
			kind = t.Kind
		}
	}
	p := s.dev.Profile()
	for _, st := range s.ifStates(&cfg, "") {
		if st.Kind != kind {
			continue
		}
		if err := s.printf("%s\n", interfaceBlock(st, p.Brand.BridgeMAC, s.dev.Clock())); err != nil {
			return err
		}
	}
	return nil
}

// cmdDisplayInterfaceBriefDown lists the interfaces that are down, in
// both modes, with why.
func cmdDisplayInterfaceBriefDown(s *Session, a Args) error {
	cfg := s.dev.View()
	up := s.dev.LinkStates(&cfg)
	var route, bridge strings.Builder
	for _, ifc := range cfg.SortedInterfaces() {
		if up[ifc.Name] || ifc.Kind == device.KindNull || (ifc.Kind == device.KindLoopBack && !ifc.Shutdown) {
			continue
		}
		link, cause := "DOWN", "Not connected"
		if ifc.Shutdown {
			link, cause = "ADM", "Administratively"
		}
		line := fmt.Sprintf("%-20s %-4s %s\n", ifc.BriefName(), link, cause)
		if ifc.Kind.Bridged() {
			bridge.WriteString(line)
		} else {
			route.WriteString(line)
		}
	}
	const legend = "Link: ADM - administratively down; Stby - standby\nInterface            Link Cause\n"
	return s.printf("%s", "The brief information of interface(s) under route mode:\n"+legend+route.String()+"\n"+
		"The brief information of interface(s) under bridge mode:\n"+legend+bridge.String())
}
