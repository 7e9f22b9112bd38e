package cli

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"switchemu/device"
)

// display stp [ brief ], display stp interface, display stp root,
// display stp region-configuration: the device's computed spanning tree
// (device/stp.go; the CIST, MSTID 0).
//
// Layouts: HP 3100 v2 Switch Series Layer 2 Command Reference (Comware
// 5.20), display stp: "-------[CIST Global Info][Mode MSTP]-------",
// "CIST Bridge :32768.000f-e200-2200", "Bridge Times :Hello 2s MaxAge 20s
// FwDly 15s MaxHop 20", "CIST Root/ERPC :0.00e0-fc0e-6554 / 200200",
// "CIST RegRoot/IRPC", "CIST RootPortId :128.48", "BPDU-Protection
// :disabled", "Bridge Config-" / "Digest-Snooping :disabled", "TC or TCN
// received :2", "Time since last TC :0 days 0h:5m:42s", then per port
// "----[Port1(Ethernet1/0/1)][FORWARDING]----", "Port Protocol :enabled",
// "Port Role :CIST Designated Port", "Port Priority :128", "Port
// Cost(Legacy) :Config=auto / Active=200", "Desg. Bridge/Port
// :32768.000f-e200-2200 / 128.2", "Port Edged :Config=disabled /
// Active=disabled", "Point-to-point :Config=auto / Active=true",
// "Transmit Limit :10 packets/hello-time"; the labels padded to 20
// columns and the port lines indented by one space as in the verbatim
// captures of the same layout (VRP, Comware's sibling: "CIST Bridge
// :32768.4c1f-cc7a-2c11", " Port Protocol       :enabled") [U: padding
// on the 7900E]. Disabled: HP HSR6800 Layer 2 Command Reference (Comware
// 5.20): "Protocol Status :disabled", "Protocol Std. :IEEE 802.1s",
// "Version :3", "Bridge-Prio. :32768", "MAC address :000f-e200-8048",
// "Max age(s) :20", "Forward delay(s) :15", "Hello time(s) :2", "Max hops
// :20". Brief: H3C S3100 / WA and HP 3100 v2 references: "MSTID Port Role
// STP State Protection", roles ALTE BACK ROOT DESI MAST DISA, states
// FORWARDING DISCARDING LEARNING, protection NONE [U: column widths, from
// the VRP captures " MSTID      Port                  Role  STP State
// Protection"]. Root: HPE 7500 Layer 2 Command Reference, display stp
// root: " MST ID  Root Bridge ID        ExtPathCost IntPathCost Root Port"
// [U: the V5 form]. Region: 3Com Switch 4210 and H3C S7500E (Comware V5)
// check region-configuration: "Admin configuration", "Format selector
// :0", "Region name :000fe26a58ed", "Revision level :0", "Configuration
// digest :0x41b5...", "Instance Vlans Mapped", "0 1 to 9, 11 to 4094";
// display stp region-configuration prints "Oper configuration" [U].
var displaySTPCommands = []Command{
	{Syntax: "display stp", Priv: 1, Run: cmdDisplaySTP},
	{Syntax: "display stp brief", Priv: 1, Run: cmdDisplaySTP},
	{Syntax: "display stp instance {i:<0-32>}", Priv: 1, Run: cmdDisplaySTP},
	{Syntax: "display stp instance {i:<0-32>} brief", Priv: 1, Run: cmdDisplaySTP},
	{Syntax: "display stp interface {if:ETHNAME}", Priv: 1, Run: cmdDisplaySTP},
	{Syntax: "display stp interface {if:ETHNAME} brief", Priv: 1, Run: cmdDisplaySTP},
	{Syntax: "display stp root", Priv: 1, Run: cmdDisplaySTPRoot},
	{Syntax: "display stp region-configuration", Priv: 1, Run: cmdDisplaySTPRegion},
}

var helpDisplaySTP = map[string]string{
	"display stp":                              "Spanning tree protocol",
	"display stp brief":                        "Brief information",
	"display stp instance":                     "Spanning tree instance",
	"display stp instance {i:<0-32>}":          "Identifier of spanning tree instance",
	"display stp interface":                    "Specify interface",
	"display stp root":                         "Root bridge information",
	"display stp region-configuration":         "Region configuration",
	"display stp instance {i:<0-32>} brief":    "Brief information",
	"display stp interface {if:ETHNAME}":       "Interface number",
	"display stp interface {if:ETHNAME} brief": "Brief information",
}

// stpRoleNames are the roles as display stp words them.
var stpRoleNames = map[string]string{
	device.RoleRoot:       "CIST Root Port",
	device.RoleDesignated: "CIST Designated Port",
	device.RoleAlternate:  "CIST Alternate Port",
	device.RoleBackup:     "CIST Backup Port",
	device.RoleDisabled:   "CIST Disabled Port",
}

func cmdDisplaySTP(s *Session, a Args) error {
	st := s.dev.STPStatus()
	cfg := s.dev.Snapshot()
	if !st.Enabled {
		return s.printf("%s", stpDisabledBlock(cfg.STP, st))
	}
	only, err := interfaceArg(&cfg, a)
	if err != nil {
		return err
	}
	// The trees: the CIST (MSTID 0), then the MSTIs of the region.
	trees := []device.MSTIStatus{{ID: 0, Bridge: st.Bridge, Root: st.Root, RootCost: st.RootCost, RootPort: st.RootPort, RootID: st.RootID, Ports: st.Ports}}
	trees = append(trees, st.Instances...)
	var b strings.Builder
	if a.Has("brief") {
		b.WriteString(" MSTID      Port                         Role  STP State     Protection\n")
	}
	for _, tr := range trees {
		if a.Has("instance") && a.Int("i") != tr.ID {
			continue
		}
		var ports []device.STPPort
		for _, p := range tr.Ports {
			// Ports that are down take no part [U: whether the device
			// lists them as [DOWN]].
			if p.Up && (only == "" || p.Name == only) {
				ports = append(ports, p)
			}
		}
		switch {
		case a.Has("brief"):
			b.WriteString(stpBrief(&cfg, tr.ID, ports))
		case tr.ID == 0:
			// The global block heads the ports' blocks, with or without
			// an interface (as VRP, Comware's sibling, prints display
			// stp interface) [U].
			b.WriteString(stpGlobalBlock(&cfg, st))
			for _, p := range ports {
				b.WriteString(stpPortBlock(&cfg, p, st))
			}
		default:
			b.WriteString(stpMSTIBlock(cfg.STP, st, tr))
			for _, p := range ports {
				b.WriteString(stpMSTIPortBlock(p))
			}
		}
	}
	return s.printf("%s", b.String())
}

// stpMSTIBlock is an MSTI's global block (HP HSR6800 Layer 2 Command
// Reference, Comware 5.20: "MSTI Root Type :PRIMARY root", "Master Bridge
// :32768.000f-e23e-9ca4", "Cost to Master :0", "TC received :0", "Time
// since last TC"; the head and first lines [U]). Each device is its own
// master bridge as it is its own CIST regional root.
func stpMSTIBlock(c device.STP, st device.STPStatus, tr device.MSTIStatus) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-------[MSTI %d Global Info]-------\n", tr.ID)
	b.WriteString(stpField("", "MSTI Bridge ID", tr.Bridge.String()))
	b.WriteString(stpField("", "MSTI RegRoot/IRPC", fmt.Sprintf("%s / %d", tr.Root, tr.RootCost)))
	b.WriteString(stpField("", "MSTI RootPortId", tr.RootID.String()))
	if r := c.Root[tr.ID]; r != "" {
		b.WriteString(stpField("", "MSTI Root Type", strings.ToUpper(r)+" root"))
	}
	b.WriteString(stpField("", "Master Bridge", st.Bridge.String()))
	b.WriteString(stpField("", "Cost to Master", "0"))
	b.WriteString(stpField("", "TC received", "0"))
	return b.String()
}

// stpMSTIRoleNames are the MSTI port roles as display stp words them [U].
var stpMSTIRoleNames = map[string]string{
	device.RoleRoot:       "Root Port",
	device.RoleDesignated: "Designated Port",
	device.RoleAlternate:  "Alternate Port",
	device.RoleBackup:     "Backup Port",
	device.RoleMaster:     "Master Port",
	device.RoleDisabled:   "Disabled Port",
}

func stpMSTIPortBlock(p device.STPPort) string {
	var b strings.Builder
	fmt.Fprintf(&b, "----[Port%d(%s)][%s]----\n", p.ID.Number, p.Name, p.State)
	b.WriteString(stpField(" ", "Port Role", stpMSTIRoleNames[p.Role]))
	b.WriteString(stpField(" ", "Port Priority", fmt.Sprint(p.ID.Priority)))
	b.WriteString(stpField(" ", "Port Cost(Legacy)", fmt.Sprintf("Config=%s / Active=%d", stpCostConfig(p), p.Cost)))
	b.WriteString(stpField(" ", "Desg. Bridge/Port", fmt.Sprintf("%s / %s", p.DesgBridge, p.DesgPort)))
	return b.String()
}

// stpDisabledBlock is what display stp prints while the spanning tree is
// off.
func stpDisabledBlock(c device.STP, st device.STPStatus) string {
	std, ver := "IEEE 802.1s", 3
	switch c.Mode {
	case "rstp":
		std, ver = "IEEE 802.1w", 2
	case "stp":
		std, ver = "IEEE 802.1D", 0
	}
	return fmt.Sprintf(" Protocol Status     :disabled\n Protocol Std.       :%s\n Version             :%d\n"+
		" Bridge-Prio.        :%d\n MAC address         :%s\n Max age(s)          :20\n"+
		" Forward delay(s)    :15\n Hello time(s)       :2\n Max hops            :20\n",
		std, ver, st.Bridge.Priority, device.FormatMAC(st.Bridge.MAC))
}

// stpProtection is a port's protection from its configuration-only
// lines (stp root-protection, stp loop-protection, cmd_port.go) and stp
// bpdu-protection on an edge port: the brief's word and display stp's.
func stpProtection(cfg *device.Config, p device.STPPort) (brief, full string) {
	has := func(path, text string) bool {
		return slices.ContainsFunc(cfg.Extra.Lines(path), func(l device.ExtraLine) bool { return l.Text == text })
	}
	switch {
	case has("interface "+p.Name, "stp root-protection"):
		return "ROOT", "Root"
	case has("interface "+p.Name, "stp loop-protection"):
		return "LOOP", "Loop"
	case p.Edged && has("", "stp bpdu-protection"):
		return "BPDU", "BPDU"
	}
	return "NONE", "None"
}

// bpduProtection is the global BPDU protection: stp bpdu-protection.
func bpduProtection(cfg *device.Config) string {
	if slices.ContainsFunc(cfg.Extra.Lines(""), func(l device.ExtraLine) bool { return l.Text == "stp bpdu-protection" }) {
		return "enabled"
	}
	return "disabled"
}

// stpBrief is one tree's rows of display stp brief: the up ports.
func stpBrief(cfg *device.Config, id int, ports []device.STPPort) string {
	var b strings.Builder
	for _, p := range ports {
		if !p.Up {
			continue
		}
		prot, _ := stpProtection(cfg, p)
		fmt.Fprintf(&b, "   %-9d%-29s%-6s%-14s%s\n", id, p.Name, p.Role, p.State, prot)
	}
	return b.String()
}

// stpField is one "Label      :value" line, the label padded to 20
// after the indent.
func stpField(indent, label, value string) string {
	return fmt.Sprintf("%s%-20s:%s\n", indent, label, value)
}

// stpDuration is "0 days 0h:5m:42s".
func stpDuration(d time.Duration) string {
	sec := int(d / time.Second)
	return fmt.Sprintf("%d days %dh:%dm:%ds", sec/86400, sec/3600%24, sec/60%60, sec%60)
}

func stpGlobalBlock(cfg *device.Config, st device.STPStatus) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-------[CIST Global Info][Mode %s]-------\n", st.Mode)
	b.WriteString(stpField("", "CIST Bridge", st.Bridge.String()))
	b.WriteString(stpField("", "Bridge Times", "Hello 2s MaxAge 20s FwDly 15s MaxHop 20"))
	b.WriteString(stpField("", "CIST Root/ERPC", fmt.Sprintf("%s / %d", st.Root, st.RootCost)))
	// Each device is its own MST region (the default region name is the
	// bridge MAC), so it is its own regional root.
	b.WriteString(stpField("", "CIST RegRoot/IRPC", st.Bridge.String()+" / 0"))
	b.WriteString(stpField("", "CIST RootPortId", st.RootID.String()))
	b.WriteString(stpField("", "BPDU-Protection", bpduProtection(cfg)))
	b.WriteString("Bridge Config-\n")
	b.WriteString(stpField("", "Digest-Snooping", "disabled"))
	b.WriteString(stpField("", "TC or TCN received", fmt.Sprint(st.TCs)))
	b.WriteString(stpField("", "Time since last TC", stpDuration(st.SinceTC)))
	return b.String()
}

func stpPortBlock(cfg *device.Config, p device.STPPort, st device.STPStatus) string {
	var b strings.Builder
	fmt.Fprintf(&b, "----[Port%d(%s)][%s]----\n", p.ID.Number, p.Name, p.State)
	b.WriteString(stpField(" ", "Port Protocol", "enabled"))
	b.WriteString(stpField(" ", "Port Role", stpRoleNames[p.Role]))
	b.WriteString(stpField(" ", "Port Priority", fmt.Sprint(p.ID.Priority)))
	b.WriteString(stpField(" ", "Port Cost(Legacy)", fmt.Sprintf("Config=%s / Active=%d", stpCostConfig(p), p.Cost)))
	desg, dport := p.DesgBridge, p.DesgPort
	if p.Role == device.RoleDisabled {
		desg, dport = st.Bridge, p.ID
	}
	b.WriteString(stpField(" ", "Desg. Bridge/Port", fmt.Sprintf("%s / %s", desg, dport)))
	b.WriteString(stpField(" ", "Port Edged", fmt.Sprintf("Config=%s / Active=%s", onOff(p.Edged), onOff(p.EdgedOn))))
	b.WriteString(stpField(" ", "Point-to-point", "Config=auto / Active=true"))
	b.WriteString(stpField(" ", "Transmit Limit", "10 packets/hello-time"))
	_, prot := stpProtection(cfg, p)
	b.WriteString(stpField(" ", "Protection Type", prot))
	return b.String()
}

// stpCostConfig is the configured cost: "auto" or the number.
func stpCostConfig(p device.STPPort) string {
	if p.CostSet {
		return fmt.Sprint(p.Cost)
	}
	return "auto"
}

func onOff(b bool) string {
	if b {
		return "enabled"
	}
	return "disabled"
}

func cmdDisplaySTPRoot(s *Session, a Args) error {
	st := s.dev.STPStatus()
	if !st.Enabled {
		return nil
	}
	var b strings.Builder
	b.WriteString(" MST ID  Root Bridge ID        ExtPathCost IntPathCost Root Port\n")
	fmt.Fprintf(&b, " %-8d%-22s%-12d%-12d%s\n", 0, st.Root.String(), st.RootCost, 0, st.RootPort)
	for _, mi := range st.Instances {
		fmt.Fprintf(&b, " %-8d%-22s%-12d%-12d%s\n", mi.ID, mi.Root.String(), 0, mi.RootCost, mi.RootPort)
	}
	return s.printf("%s", b.String())
}

func cmdDisplaySTPRegion(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	return s.printf("%s", regionBlock("Oper configuration", cfg.STP.Active, s.dev.Profile().Brand.BridgeMAC))
}

// regionBlock prints a region configuration as check
// region-configuration and display stp region-configuration do.
func regionBlock(title string, r device.STPRegion, bridgeMAC string) string {
	name := r.Name
	if name == "" {
		name = strings.ReplaceAll(bridgeMAC, "-", "")
	}
	var b strings.Builder
	b.WriteString(" " + title + "\n")
	fmt.Fprintf(&b, "   Format selector    :0\n   Region name        :%s\n   Revision level     :%d\n", name, r.Revision)
	fmt.Fprintf(&b, "   Configuration digest :0x%x\n\n", r.Digest())
	b.WriteString("   Instance   Vlans Mapped\n")
	rest := device.VLANSet{}
	rest.AddRange(1, device.MaxVLAN)
	for _, v := range r.Instances {
		rest = rest.Minus(v)
	}
	row := func(i int, set device.VLANSet) {
		if set.Len() > 0 {
			fmt.Fprintf(&b, "      %-8d%s\n", i, vlanRanges(set))
		}
	}
	row(0, rest)
	for _, i := range slices.Sorted(maps.Keys(r.Instances)) {
		row(i, r.Instances[i])
	}
	return b.String()
}

// vlanRanges is "1 to 9, 11 to 4094".
func vlanRanges(set device.VLANSet) string {
	var parts []string
	for _, r := range set.Ranges() {
		if r[0] == r[1] {
			parts = append(parts, fmt.Sprint(r[0]))
		} else {
			parts = append(parts, fmt.Sprintf("%d to %d", r[0], r[1]))
		}
	}
	return strings.Join(parts, ", ")
}

var displaySTPGroup = group{displaySTPCommands, helpDisplaySTP}
