package cli

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"switchemu/device"
)

// displayCommands are available in every view (reference §10).
var displayCommands = []Command{
	{Syntax: "display version", Priv: 1, Run: cmdDisplayVersion},
	{Syntax: "display interface brief", Priv: 1, Run: cmdDisplayInterfaceBrief},
	{Syntax: "display vlan", Priv: 1, Run: cmdDisplayVLAN},
	{Syntax: "display vlan {id:<1-4094>}", Priv: 1, Run: cmdDisplayVLAN},
	{Syntax: "display vlan all", Priv: 1, Run: cmdDisplayVLAN},
	{Syntax: "display history-command", Priv: 1, Run: cmdDisplayHistory},
}

var helpDisplay = map[string]string{
	"display version":            "Display version of system software",
	"display interface":          "Status and configuration information about the interface",
	"display interface brief":    "Brief information of status and configuration for interface(s)",
	"display vlan":               "VLAN information",
	"display vlan {id:<1-4094>}": "VLAN ID",
	"display vlan all":           "All VLANs",
	"display history-command":    "Display the history command of current user",
}

func cmdDisplayVersion(s *Session, a Args) error {
	p := s.dev.Profile()
	up := formatUptime(s.dev.Uptime())
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n%s\n%s uptime is %s\n", p.Brand.VersionHeader, p.Version.Line, p.Brand.Copyright, p.Model, up)
	for _, bd := range p.Chassis.Boards {
		fmt.Fprintf(&b, "\n%s %d : uptime is %s\n", bd.Type, bd.Slot, up)
		fmt.Fprintf(&b, "%s %s with 1 BCM1125H 600MHz Processor\n", p.Model, bd.Type)
		if bd.Role == "mpu" {
			b.WriteString("1024M   bytes SDRAM\n16384K  bytes Flash Memory\nConfig Register points to FLASH\n\n")
			b.WriteString("Hardware Version is Ver.B\nCPLD Version is 001\nBootrom Version is 1.25\n")
			continue
		}
		b.WriteString("512M    bytes SDRAM\n0K      bytes Flash Memory\n\n")
		b.WriteString("Hardware Version is Ver.A\nCPLD Version is 002\nBootrom Version is 1.25\n")
		kind := "GE"
		if bd.PortType == "Ten-GigabitEthernet" {
			kind = "XFP"
		}
		fmt.Fprintf(&b, "[SubSlot 0] %d%s Hardware Version is Ver.A\n", bd.Ports, kind)
	}
	_, err := s.Out.Write([]byte(b.String()))
	return err
}

// formatUptime writes "N weeks, N days, N hours, N minutes", singular for
// 0 and 1 as the device does.
func formatUptime(d time.Duration) string {
	m := int(d / time.Minute)
	unit := func(n int, w string) string {
		if n > 1 {
			w += "s"
		}
		return fmt.Sprintf("%d %s", n, w)
	}
	return strings.Join([]string{
		unit(m/(7*24*60), "week"), unit(m/(24*60)%7, "day"), unit(m/60%24, "hour"), unit(m%60, "minute"),
	}, ", ")
}

func cmdDisplayHistory(s *Session, a Args) error {
	for _, h := range s.hist.list() {
		if err := s.println("  " + h); err != nil {
			return err
		}
	}
	return s.println("  " + strings.TrimSpace(a.Line))
}

// displayInterfaceBrief prints both sections of display interface brief
// in the V5 layout (reference §5.4).
func cmdDisplayInterfaceBrief(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	var route, bridge strings.Builder
	for _, ifc := range cfg.SortedInterfaces() {
		up := s.dev.LinkUp(&cfg, ifc)
		link := "DOWN"
		switch {
		case ifc.Shutdown:
			link = "ADM"
		case up:
			link = "UP"
		}
		desc := ifc.Description
		if !ifc.Kind.Bridged() {
			proto := "DOWN"
			if up {
				proto = "UP"
			}
			if ifc.Kind == device.KindNull || ifc.Kind == device.KindLoopBack {
				proto = "UP(s)"
			}
			ip := "--"
			if len(ifc.Addresses) > 0 {
				ip = netip.AddrFrom4(ifc.Addresses[0].IP).String()
			}
			route.WriteString(strings.TrimRight(fmt.Sprintf("%-20s %-4s %-8s %-15s %s", ifc.BriefName(), link, proto, ip, desc), " ") + "\n")
			continue
		}
		speed, duplex := "auto", "A"
		if up {
			speed, duplex = "1G(a)", "F(a)"
			if ifc.Kind == device.KindXGE {
				speed = "10G(a)"
			}
		}
		typ := strings.ToUpper(ifc.LinkType.String()[:1])
		bridge.WriteString(strings.TrimRight(fmt.Sprintf("%-20s %-4s %-7s %-6s %-4s %-4d %s", ifc.BriefName(), link, speed, duplex, typ, ifc.PVID, desc), " ") + "\n")
	}
	return s.printf("The brief information of interface(s) under route mode:\n"+
		"Link: ADM - administratively down; Stby - standby\n"+
		"Protocol: (s) - spoofing\n"+
		"Interface            Link Protocol Main IP         Description\n%s\n"+
		"The brief information of interface(s) under bridge mode:\n"+
		"Link: ADM - administratively down; Stby - standby\n"+
		"Speed or Duplex: (a)/A - auto; H - half; F - full\n"+
		"Type: A - access; T - trunk; H - hybrid\n"+
		"Interface            Link Speed   Duplex Type PVID Description\n%s", route.String(), bridge.String())
}

func cmdDisplayVLAN(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	switch {
	case a.Has("all"):
		for _, id := range cfg.SortedVLANs() {
			if err := s.printf("%s\n", vlanBlock(s, &cfg, id)); err != nil {
				return err
			}
		}
		return nil
	case a.Str("id") != "":
		id := a.Int("id")
		if _, ok := cfg.VLANs[id]; !ok {
			return userError(msgVLANNotExist)
		}
		return s.printf("%s", vlanBlock(s, &cfg, id))
	}
	ids := cfg.SortedVLANs()
	var list []string
	for _, id := range ids {
		if id == 1 {
			list = append(list, "1(default)")
		} else {
			list = append(list, itoa(id))
		}
	}
	return s.printf(" Total %d VLAN exist(s).\n The following VLANs exist:\n %s\n", len(ids), strings.Join(list, ", "))
}

// vlanBlock is one VLAN of display vlan N / all (reference §5.7).
func vlanBlock(s *Session, cfg *device.Config, id int) string {
	v := cfg.VLANs[id]
	var b strings.Builder
	fmt.Fprintf(&b, " VLAN ID: %d\n VLAN Type: static\n", id)
	vif, routed := cfg.Interfaces[fmt.Sprintf("Vlan-interface%d", id)]
	if routed {
		b.WriteString(" Route Interface: configured\n")
		if len(vif.Addresses) > 0 {
			a := vif.Addresses[0]
			fmt.Fprintf(&b, " IP Address: %s\n Subnet Mask: %s\n", netip.AddrFrom4(a.IP), maskString(a.Mask))
		}
	} else {
		b.WriteString(" Route Interface: not configured\n")
	}
	fmt.Fprintf(&b, " Description: %s\n Name: %s\n", v.EffectiveDescription(), v.EffectiveName())
	var tagged, untagged []string
	for _, ifc := range cfg.SortedInterfaces() {
		if !ifc.Kind.Bridged() || !ifc.InVLAN(id) {
			continue
		}
		if ifc.TaggedIn(id) {
			tagged = append(tagged, ifc.Name)
		} else {
			untagged = append(untagged, ifc.Name)
		}
	}
	b.WriteString(portList(" Tagged   Ports:", tagged))
	b.WriteString(portList(" Untagged Ports:", untagged))
	return b.String()
}

// portList prints ports three to a line, 25 columns each, or "none".
func portList(head string, ports []string) string {
	if len(ports) == 0 {
		return head + " none\n"
	}
	var b strings.Builder
	b.WriteString(head + "\n")
	for i := 0; i < len(ports); i += 3 {
		b.WriteString("    ")
		for j := i; j < min(i+3, len(ports)); j++ {
			fmt.Fprintf(&b, "%-25s", ports[j])
		}
		b.WriteString("\n")
	}
	return b.String()
}

var displayGroup = group{displayCommands, helpDisplay}
