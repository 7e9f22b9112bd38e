package cli

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"switchemu/device"
	"switchemu/profiles"
)

// renderConfig renders the whole configuration as display
// current-configuration prints it and save writes it: "#" separators,
// global commands with one leading space, sections at column 0 with
// their commands indented by one space, defaults left out, "return" last
// (reference §5.8).
func renderConfig(cfg device.Config, p *profiles.Profile) string {
	var b strings.Builder
	b.WriteString("#\n")
	fmt.Fprintf(&b, " version %s, Release %s\n", p.Version.Version, p.Version.Release)
	b.WriteString("#\n")
	fmt.Fprintf(&b, " sysname %s\n", cfg.Sysname)
	b.WriteString("#\n")
	renderGlobalParts(&b, cfg, p, true)
	b.WriteString(renderUserInterfaces(cfg) + "#\n")
	// IRF ports print after the user interfaces (the HP 5500 EI
	// configuration in testdata/realconfigs).
	tail, _ := confGlobalAt(&cfg.Extra, "tail", "")
	b.WriteString(tail)
	b.WriteString("return\n")
	return b.String()
}

// confAnchors are the places in the configuration where configuration-
// only lines and sub-view sections can be printed: each after the
// modelled block of the same name.
var confAnchors = []string{"clock", "head", "vlan", "local-user", "interface", "route", "tables", "info-center", "keys", "ssh", "ssh-tail", "end", "tail"}

// renderGlobalParts prints the configuration from the global features
// after sysname to the user-interface sections, modelled blocks and
// configuration-only lines in the device's order. Without sections (for
// display this in system view) only the global lines are printed.
func renderGlobalParts(b *strings.Builder, cfg device.Config, p *profiles.Profile, sections bool) {
	part := func(modelled, anchor, join string, inject ...confBlock) {
		blocks, joined := confGlobalAt(&cfg.Extra, anchor, join, inject...)
		if modelled+joined != "" {
			b.WriteString(modelled + joined + "#\n")
		}
		if !sections {
			blocks = globalLinesOnly(blocks)
		}
		b.WriteString(blocks)
	}
	part(renderTimeZone(cfg), "clock", "clock")
	// telnet server enable follows domain default enable (the R2202 and
	// R2221 configurations in testdata/realconfigs).
	telnet := ""
	if t := renderTelnet(cfg); t != "" { // cmd_telnet.go
		telnet = t + "#\n"
	}
	// The ACLs print where the configuration-only ones did: after the
	// DHCP lines, before the user groups (cmd_acl.go).
	acls := ""
	if sections {
		acls = renderACLs(cfg)
	}
	part(renderSuperPasswords(cfg), "head", "", confBlock{after: "domain default", text: telnet}, confBlock{before: "ugroup", text: acls})
	if sections {
		b.WriteString(renderVLANs(cfg))
	}
	// The public keys of peers print after the ISP domains, before the
	// QoS sections (the R2202 configuration in testdata/realconfigs).
	keys := ""
	if k := renderPeerKeys(cfg); k != "" && sections {
		keys = k + "#\n"
	}
	blocks, _ := confGlobalAt(&cfg.Extra, "vlan", "", confBlock{before: "classifier", text: keys})
	if !sections {
		blocks = globalLinesOnly(blocks)
	}
	b.WriteString(blocks)
	if sections {
		b.WriteString(renderLocalUsers(cfg))
	}
	b.WriteString(renderSTPBlocks(cfg, sections)) // cmd_stp.go
	if sections {
		for _, ifc := range configInterfaces(cfg) {
			b.WriteString(renderInterfaceExtra(ifc, &cfg.Extra, p.Chassis.NoLinkMode) + "#\n")
		}
	}
	part("", "interface", "")
	part(renderRoutes(cfg), "route", "route")
	part(renderStaticTables(cfg), "tables", "")
	// The SNMP agent's block follows the information center's, the
	// banners the command aliases (cmd_snmp.go, cmd_header.go), NTP's
	// servers nqa (cmd_ntp.go).
	icBlocks, icJoined := confGlobalAt(&cfg.Extra, "info-center", "info-center", ntpBlock(cfg),
		confBlock{after: "info-center", text: renderSNMP(cfg)}, confBlock{after: "command-alias", text: renderHeaders(cfg)})
	if ic := mergeInfoCenter(renderInfoCenter(cfg), icJoined); ic != "" {
		b.WriteString(ic + "#\n")
	}
	if !sections {
		icBlocks = globalLinesOnly(icBlocks)
	}
	b.WriteString(icBlocks)
	part("", "keys", "")
	// SSH client lines go between the server's lines and the ssh users.
	users := renderSSHUsers(cfg)
	server := strings.TrimSuffix(renderSSH(cfg), users)
	sshBlocks, sshJoined := confGlobalAt(&cfg.Extra, "ssh", "ssh")
	_, sshTail := confGlobalAt(&cfg.Extra, "ssh-tail", "ssh")
	if server+sshJoined+users+sshTail != "" {
		b.WriteString(server + sshJoined + users + sshTail + "#\n")
	}
	b.WriteString(sshBlocks)
	part("", "end", "")
}

// mergeInfoCenter orders the information center's lines as the device
// does: the switch itself, the sources, the log hosts by address (the
// modelled ones and those with a channel or facility together), the rest.
func mergeInfoCenter(modelled, extra string) string {
	var first, sources, hosts, rest []string
	for _, l := range strings.SplitAfter(modelled+extra, "\n") {
		switch {
		case l == "":
		case strings.HasPrefix(l, " undo info-center enable"):
			first = append(first, l)
		case strings.HasPrefix(l, " info-center source ") || strings.HasPrefix(l, " undo info-center source "):
			sources = append(sources, l)
		case strings.HasPrefix(l, " info-center loghost "):
			hosts = append(hosts, l)
		default:
			rest = append(rest, l)
		}
	}
	key := func(l string) netip.Addr {
		f := strings.Fields(l)
		a, _ := netip.ParseAddr(f[2]) // "source" sorts first: the zero address
		return a
	}
	slices.SortStableFunc(hosts, func(a, b string) int { return key(a).Compare(key(b)) })
	return strings.Join(slices.Concat(first, sources, hosts, rest), "")
}

// configInterfaces are the interfaces in the order the configuration
// lists them: aggregates, NULL0, then the device's order (loopbacks, VLAN
// interfaces, ports by slot, the management port).
func configInterfaces(cfg device.Config) []device.Interface {
	ifs := cfg.SortedInterfaces()
	// Ports in route mode come before the bridged ones, and GE ports
	// before 10GE ones (the HP 5500 EI configuration).
	first := func(i device.Interface) int {
		switch {
		case i.Kind == device.KindBAGG:
			return 0
		case i.Kind == device.KindNull:
			return 1
		case i.Routed:
			return 3
		case i.Kind == device.KindGE:
			return 4
		case i.Kind == device.KindXGE:
			return 5
		case i.Kind == device.KindMEth:
			return 6
		}
		return 2
	}
	slices.SortStableFunc(ifs, func(a, b device.Interface) int { return cmp.Compare(first(a), first(b)) })
	return ifs
}

// globalLinesOnly drops the sub-view sections (lines at column 0 and what
// follows them) from rendered blocks.
func globalLinesOnly(blocks string) string {
	var b strings.Builder
	in := false
	for _, l := range strings.SplitAfter(blocks, "\n") {
		switch {
		case l == "":
		case l == "#\n":
			if !in {
				b.WriteString(l)
			}
			in = false
		case !strings.HasPrefix(l, " "):
			in = true
		case !in:
			b.WriteString(l)
		}
	}
	return b.String()
}

// renderVLANs prints the VLAN sections. Consecutive VLANs without
// settings share one "vlan 10 to 11" line, as the device prints them;
// VLAN 1 always has its own.
func renderVLANs(cfg device.Config) string {
	var b strings.Builder
	ids := cfg.SortedVLANs()
	bare := func(id device.VLANID) bool {
		v := cfg.VLANs[id]
		return id != 1 && v.Description == "" && v.Name == "" && len(cfg.Extra.Lines(fmt.Sprintf("vlan %d", id))) == 0
	}
	for i := 0; i < len(ids); i++ {
		id := ids[i]
		if !bare(id) {
			b.WriteString(renderVLAN(cfg.VLANs[id]) + confLinesAt(&cfg.Extra, fmt.Sprintf("vlan %d", id), "end", "end") + "#\n")
			continue
		}
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 && bare(ids[j+1]) {
			j++
		}
		if j == i {
			fmt.Fprintf(&b, "vlan %d\n#\n", id)
		} else {
			fmt.Fprintf(&b, "vlan %d to %d\n#\n", id, ids[j])
		}
		i = j
	}
	return b.String()
}

// renderLocalUsers prints the local-user sections, with no "#" between
// consecutive ones, as the device prints them.
func renderLocalUsers(cfg device.Config) string {
	users := cfg.SortedUsers()
	if len(users) == 0 {
		return ""
	}
	var b strings.Builder
	for _, u := range users {
		b.WriteString(renderLocalUser(u))
	}
	return b.String() + "#\n"
}

func renderSuperPasswords(cfg device.Config) string {
	var b strings.Builder
	for lvl := 0; lvl <= 3; lvl++ {
		if ct, ok := cfg.SuperPasswords[lvl]; ok {
			fmt.Fprintf(&b, " super password level %d cipher %s\n", lvl, ct)
		}
	}
	return b.String()
}

func renderVLAN(v device.VLAN) string {
	var b strings.Builder
	fmt.Fprintf(&b, "vlan %d\n", v.ID)
	if v.Description != "" {
		fmt.Fprintf(&b, " description %s\n", v.Description)
	}
	if v.Name != "" {
		fmt.Fprintf(&b, " name %s\n", v.Name)
	}
	return b.String()
}

func renderLocalUser(u device.LocalUser) string {
	var b strings.Builder
	fmt.Fprintf(&b, "local-user %s\n", u.Name)
	if u.Password != "" {
		fmt.Fprintf(&b, " password cipher %s\n", u.Password)
	}
	if u.Level != 0 {
		fmt.Fprintf(&b, " authorization-attribute level %d\n", u.Level)
	}
	b.WriteString(renderServiceTypes(u.Services))
	return b.String()
}

// renderServiceTypes prints ssh, telnet and terminal together on one
// line, as service-type takes them, and ftp, lan-access, portal and web
// each on a line of its own.
func renderServiceTypes(services []string) string {
	var b strings.Builder
	var combo []string
	for _, t := range services {
		if t == "ssh" || t == "telnet" || t == "terminal" {
			combo = append(combo, t)
		}
	}
	if len(combo) > 0 {
		fmt.Fprintf(&b, " service-type %s\n", strings.Join(combo, " "))
	}
	for _, t := range services {
		if !slices.Contains(combo, t) {
			fmt.Fprintf(&b, " service-type %s\n", t)
		}
	}
	return b.String()
}

func renderInterface(ifc device.Interface) string {
	return renderInterfaceExtra(ifc, &device.Extra{}, false)
}

// renderInterfaceExtra is an interface's section with its configuration-
// only lines in place. noLinkMode: the switch prints no "port link-mode
// bridge" (a box switch whose ports have no other mode).
func renderInterfaceExtra(ifc device.Interface, e *device.Extra, noLinkMode bool) string {
	var b strings.Builder
	path := "interface " + ifc.Name
	fmt.Fprintf(&b, "interface %s\n", ifc.Name)
	switch {
	case ifc.Routed:
		b.WriteString(" port link-mode route\n")
	case ifc.Kind.Bridged() && ifc.Kind != device.KindBAGG && !noLinkMode:
		b.WriteString(" port link-mode bridge\n")
	}
	b.WriteString(confLinesAt(e, path, "start", "settings"))
	if ifc.Description != "" {
		fmt.Fprintf(&b, " description %s\n", ifc.Description)
	}
	// shutdown follows the description (the HP 5500 EI configuration:
	// description, shutdown, broadcast-suppression, ...).
	if ifc.Shutdown {
		b.WriteString(" shutdown\n")
	}
	b.WriteString(confLinesAt(e, path, "description", "settings"))
	for _, a := range ifc.Addresses {
		fmt.Fprintf(&b, " ip address %s %s", netip.AddrFrom4(a.IP), maskString(a.Mask))
		if a.Sub {
			b.WriteString(" sub")
		}
		b.WriteString("\n")
	}
	if ifc.Layer2() {
		switch ifc.LinkType {
		case device.LinkAccess:
			if ifc.PVID != 1 {
				fmt.Fprintf(&b, " port access vlan %d\n", ifc.PVID)
			}
		case device.LinkTrunk:
			b.WriteString(" port link-type trunk\n")
			if !ifc.Trunk.Has(1) {
				b.WriteString(" undo port trunk permit vlan 1\n")
			}
			// The permitted list includes VLAN 1 when it is permitted
			// with others ("port trunk permit vlan 1 502 to 503" in the
			// HP 5500 EI configuration); VLAN 1 alone is the default.
			rest := ifc.Trunk
			if rest.Len() == 1 && rest.Has(1) {
				rest.Remove(1)
			}
			if ifc.Trunk.Len() == device.MaxVLAN {
				b.WriteString(" port trunk permit vlan all\n")
			} else {
				b.WriteString(vlanListLines(" port trunk permit vlan ", "", rest))
			}
			if ifc.PVID != 1 {
				fmt.Fprintf(&b, " port trunk pvid vlan %d\n", ifc.PVID)
			}
		case device.LinkHybrid:
			b.WriteString(" port link-type hybrid\n")
			if !ifc.HybridUntagged.Has(1) {
				b.WriteString(" undo port hybrid vlan 1\n")
			}
			b.WriteString(vlanListLines(" port hybrid vlan ", " tagged", ifc.HybridTagged))
			untagged := ifc.HybridUntagged
			untagged.Remove(1)
			b.WriteString(vlanListLines(" port hybrid vlan ", " untagged", untagged))
			if ifc.PVID != 1 {
				fmt.Fprintf(&b, " port hybrid pvid vlan %d\n", ifc.PVID)
			}
		}
	}
	if ifc.AggGroup != 0 {
		fmt.Fprintf(&b, " port link-aggregation group %d\n", ifc.AggGroup)
	}
	b.WriteString(confLinesAt(e, path, "port", "settings"))
	b.WriteString(renderPortSettings(ifc))
	if ifc.LACPDynamic {
		b.WriteString(" link-aggregation mode dynamic\n")
	}
	b.WriteString(portSettings(ifc, e, path))
	b.WriteString(confLinesAt(e, path, "end", "settings"))
	return b.String()
}

// vlanListLines prints a VLAN list command for set, ten ranges to a
// line as the device splits long lists (one command line holds at most
// 255 characters); nothing for an empty set.
func vlanListLines(prefix, suffix string, set device.VLANSet) string {
	var b strings.Builder
	ranges := set.Ranges()
	for i := 0; i < len(ranges); i += 10 {
		var one device.VLANSet
		for _, r := range ranges[i:min(i+10, len(ranges))] {
			one.AddRange(r[0], r[1])
		}
		b.WriteString(prefix + one.ConfigString() + suffix + "\n")
	}
	return b.String()
}

func renderRoutes(cfg device.Config) string {
	var b strings.Builder
	for _, r := range cfg.Routes {
		if r.Interface != "" {
			fmt.Fprintf(&b, " ip route-static %s %s %s", netip.AddrFrom4(r.Dest), maskString(r.Mask), r.Interface)
			if r.NextHop != [4]byte{} {
				fmt.Fprintf(&b, " %s", netip.AddrFrom4(r.NextHop))
			}
		} else {
			fmt.Fprintf(&b, " ip route-static %s %s %s", netip.AddrFrom4(r.Dest), maskString(r.Mask), netip.AddrFrom4(r.NextHop))
		}
		if r.Preference != 60 && r.Preference != 0 {
			fmt.Fprintf(&b, " preference %d", r.Preference)
		}
		if r.Description != "" {
			fmt.Fprintf(&b, " description %s", r.Description)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func renderSSH(cfg device.Config) string {
	var b strings.Builder
	if cfg.SSH.Enabled {
		b.WriteString(" ssh server enable\n")
	}
	if !cfg.SSH.Compatible1x {
		b.WriteString(" undo ssh server compatible-ssh1x enable\n")
	}
	if cfg.SSH.AuthTimeout != device.DefaultAuthTimeout {
		fmt.Fprintf(&b, " ssh server authentication-timeout %d\n", cfg.SSH.AuthTimeout)
	}
	if cfg.SSH.AuthRetries != device.DefaultAuthRetries {
		fmt.Fprintf(&b, " ssh server authentication-retries %d\n", cfg.SSH.AuthRetries)
	}
	if cfg.SSH.RekeyInterval != 0 {
		fmt.Fprintf(&b, " ssh server rekey-interval %d\n", cfg.SSH.RekeyInterval)
	}
	b.WriteString(renderSFTP(cfg)) // cmd_telnet.go
	b.WriteString(renderSSHUsers(cfg))
	return b.String()
}

// renderUserInterfaces prints aux 0 and the VTY lines, grouping runs of
// lines with the same settings; consecutive user-interface sections are
// not separated by "#".
func renderUserInterfaces(cfg device.Config) string {
	var b strings.Builder
	lines := func(path string, ui device.UserInterface) string {
		return confLinesAt(&cfg.Extra, path, "start", "end") + renderUISettings(ui) + confLinesAt(&cfg.Extra, path, "end", "end")
	}
	vty := func(n int) string { return lines(fmt.Sprintf("user-interface vty %d", n), cfg.VTY[n]) }
	b.WriteString("user-interface aux 0\n")
	b.WriteString(lines("user-interface aux 0", cfg.AUX))
	for from := 0; from < device.MaxVTY; {
		to := from
		for to+1 < device.MaxVTY && vty(to+1) == vty(from) {
			to++
		}
		if from == to {
			fmt.Fprintf(&b, "user-interface vty %d\n", from)
		} else {
			fmt.Fprintf(&b, "user-interface vty %d %d\n", from, to)
		}
		b.WriteString(vty(from))
		from = to + 1
	}
	return b.String()
}

func renderUISettings(ui device.UserInterface) string {
	var b strings.Builder
	b.WriteString(renderUIACL(ui)) // cmd_ui_acl.go
	if ui.AuthMode != "" {
		fmt.Fprintf(&b, " authentication-mode %s\n", ui.AuthMode)
	}
	if ui.Password != "" {
		fmt.Fprintf(&b, " set authentication password cipher %s\n", ui.Password)
	}
	if ui.Level >= 0 {
		fmt.Fprintf(&b, " user privilege level %d\n", ui.Level)
	}
	if ui.Protocol != "" && ui.Protocol != "all" {
		fmt.Fprintf(&b, " protocol inbound %s\n", ui.Protocol)
	}
	if ui.IdleMinutes >= 0 {
		fmt.Fprintf(&b, " idle-timeout %d %d\n", ui.IdleMinutes, ui.IdleSeconds)
	}
	if ui.ScreenLength >= 0 {
		fmt.Fprintf(&b, " screen-length %d\n", ui.ScreenLength)
	}
	if ui.HistorySize >= 0 {
		fmt.Fprintf(&b, " history-command max-size %d\n", ui.HistorySize)
	}
	return b.String()
}

// maskString turns a prefix length into a dotted mask.
func maskString(bits int) string {
	var m [4]byte
	for i := 0; i < bits; i++ {
		m[i/8] |= 0x80 >> (i % 8)
	}
	return netip.AddrFrom4(m).String()
}

// portSettings is an interface's "settings" configuration-only lines with
// the modelled lines that print among them, each before the first
// declaration ranked at or after its place: the packet filters
// (cmd_packet_filter.go) and the port's spanning tree settings
// (cmd_stp.go).
func portSettings(ifc device.Interface, e *device.Extra, path string) string {
	type insert struct {
		rank int
		text string
	}
	inserts := []insert{{packetFilterRank, renderPacketFilters(ifc)}, {stpPortRank(), renderPortSTP(ifc)}}
	slices.SortStableFunc(inserts, func(a, b insert) int { return a.rank - b.rank })
	var b strings.Builder
	for _, l := range e.Lines(path) {
		c := confViews.cmds[l.Decl]
		if c != nil && c.At != "" && c.At != "settings" {
			continue
		}
		for c != nil && len(inserts) > 0 && c.rank >= inserts[0].rank {
			b.WriteString(inserts[0].text)
			inserts = inserts[1:]
		}
		b.WriteString(" " + l.Text + "\n")
	}
	for _, in := range inserts {
		b.WriteString(in.text)
	}
	return b.String()
}
