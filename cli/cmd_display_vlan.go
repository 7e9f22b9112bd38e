package cli

import (
	"fmt"
	"net/netip"
	"strings"

	"switchemu/device"
)

// VLAN displays (reference §5.7).
var displayVLANCommands = []Command{
	{Syntax: "display vlan", Priv: 1, Run: cmdDisplayVLAN},
	{Syntax: "display vlan {id:<1-4094>}", Priv: 1, Run: cmdDisplayVLAN},
	{Syntax: "display vlan all", Priv: 1, Run: cmdDisplayVLAN},
	{Syntax: "display vlan brief", Priv: 1, Run: cmdDisplayVLANBrief},
}

var helpDisplayVLAN = map[string]string{
	"display vlan":               "VLAN information",
	"display vlan {id:<1-4094>}": "VLAN ID",
	"display vlan all":           "All VLANs",
	"display vlan brief":         "Brief information",
}

func cmdDisplayVLAN(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	switch {
	case a.Has("all"):
		for _, id := range cfg.SortedVLANs() {
			if err := s.printf("%s\n", vlanBlock(&cfg, id)); err != nil {
				return err
			}
		}
		return nil
	case a.Str("id") != "":
		id := a.Int("id")
		if _, ok := cfg.VLANs[id]; !ok {
			return userError(msgVLANNotExist)
		}
		return s.printf("%s", vlanBlock(&cfg, id))
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

// vlanPorts returns the ports of VLAN id, tagged and untagged.
func vlanPorts(cfg *device.Config, id int) (tagged, untagged []device.Interface) {
	for _, ifc := range cfg.SortedInterfaces() {
		if !ifc.Kind.Bridged() || !ifc.InVLAN(id) {
			continue
		}
		if ifc.TaggedIn(id) {
			tagged = append(tagged, ifc)
		} else {
			untagged = append(untagged, ifc)
		}
	}
	return tagged, untagged
}

// vlanBlock is one VLAN of display vlan N / all (reference §5.7).
func vlanBlock(cfg *device.Config, id int) string {
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
	tagged, untagged := vlanPorts(cfg, id)
	b.WriteString(portList(" Tagged   Ports:", names(tagged)))
	b.WriteString(portList(" Untagged Ports:", names(untagged)))
	return b.String()
}

func names(ifs []device.Interface) []string {
	var out []string
	for _, i := range ifs {
		out = append(out, i.Name)
	}
	return out
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

// cmdDisplayVLANBrief lists every VLAN with its name and ports, three
// abbreviated port names to a line.
func cmdDisplayVLANBrief(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	if err := s.printf("Brief information about all VLANs:\nSupported Minimum VLAN ID: 1\nSupported Maximum VLAN ID: %d\n"+
		"Default VLAN ID: 1\nVLAN ID   Name                             Port\n", device.MaxVLAN); err != nil {
		return err
	}
	for _, id := range cfg.SortedVLANs() {
		var ports []string
		for _, p := range cfg.SortedInterfaces() {
			if p.Kind.Bridged() && p.InVLAN(id) {
				ports = append(ports, p.BriefName())
			}
		}
		first := fmt.Sprintf("%-10d%-33s", id, cfg.VLANs[id].EffectiveName())
		if len(ports) == 0 {
			if err := s.println(strings.TrimRight(first, " ")); err != nil {
				return err
			}
			continue
		}
		for i := 0; i < len(ports); i += 3 {
			line := strings.Repeat(" ", 43)
			if i == 0 {
				line = first
			}
			if err := s.println(line + strings.Join(ports[i:min(i+3, len(ports))], "  ")); err != nil {
				return err
			}
		}
	}
	return nil
}

var displayVLANGroup = group{displayVLANCommands, helpDisplayVLAN}
