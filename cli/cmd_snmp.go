package cli

import (
	"fmt"
	"slices"
	"strings"

	"switchemu/device"
)

// The SNMP agent's configuration (device.SNMPAgent) and its display
// commands. The emulator answers no SNMP, so display snmp-agent
// statistics counts nothing: every counter is zero.
//
// Source: HP A5120 EI Switch Series Network Management and Monitoring
// Command Reference (Comware 5.20, Release 2208), "SNMP configuration
// commands": snmp-agent, snmp-agent local-engineid, snmp-agent community
// { read | write } community-name [ acl acl-number | mib-view view-name
// ]*, snmp-agent sys-info { contact sys-contact | location sys-location |
// version { all | { v1 | v2c | v3 }* } }, snmp-agent group, snmp-agent
// target-host { inform | trap } address udp-domain ip-address ...,
// snmp-agent trap enable ..., snmp-agent trap source, snmp-agent
// usm-user, snmp-agent mib-view, display snmp-agent community [ read |
// write ], display snmp-agent sys-info [ contact | location | version ]*,
// display snmp-agent statistics. "Any command that begins with
// snmp-agent enables the SNMP agent." The configuration prints the
// community with an ACL as " snmp-agent community read public  acl 2500"
// (two spaces: the HP 5500 EI configuration in testdata/realconfigs).
var snmpSyntaxes = []string{
	"snmp-agent",
	"undo snmp-agent",
	"snmp-agent local-engineid {id:STRING<10-64>}",
	"undo snmp-agent local-engineid",
	"snmp-agent community (read|write) {name:STRING<1-32>} [acl {acl:<2000-3999>}] [mib-view {view:STRING<1-32>}]",
	"snmp-agent community (read|write) {name:STRING<1-32>} mib-view {view:STRING<1-32>} acl {acl:<2000-3999>}",
	"undo snmp-agent community [(read|write)] {name:STRING<1-32>}",
	"snmp-agent sys-info contact {text:LINE<1-200>}",
	"snmp-agent sys-info location {text:LINE<1-200>}",
	"snmp-agent sys-info version {rest:LINE<1-20>}",
	"undo snmp-agent sys-info contact",
	"undo snmp-agent sys-info location",
	"undo snmp-agent sys-info version {rest:LINE<1-20>}",
	"snmp-agent group (v1|v2c|v3) {group:STRING<1-32>} [{rest:LINE<1-200>}]",
	"undo snmp-agent group (v1|v2c|v3) {group:STRING<1-32>} [{rest:LINE<1-200>}]",
	"snmp-agent target-host (inform|trap) address udp-domain {ip:A.B.C.D} {rest:LINE<1-200>}",
	"undo snmp-agent target-host {rest:LINE<1-200>}",
	"snmp-agent trap source {if:IFNAME}",
	"undo snmp-agent trap source",
	"snmp-agent trap enable [{rest:LINE<1-200>}]",
	"undo snmp-agent trap (enable|if-mib) [{rest:LINE<1-200>}]",
	"snmp-agent trap life {s:<1-2592000>}",
	"undo snmp-agent trap life",
	"snmp-agent trap queue-size {n:<1-1000>}",
	"undo snmp-agent trap queue-size",
	"snmp-agent usm-user (v1|v2c|v3) {user:STRING<1-32>} {group:STRING<1-32>} [{rest:LINE<1-200>}]",
	"undo snmp-agent usm-user (v1|v2c|v3) {user:STRING<1-32>} [{rest:LINE<1-200>}]",
	"snmp-agent mib-view (excluded|included) {view:STRING<1-32>} {oid:STRING<1-255>}",
	"undo snmp-agent mib-view {view:STRING<1-32>}",
	"snmp-agent packet max-size {n:<484-17940>}",
	"undo snmp-agent packet max-size",
}

var snmpDisplaySyntaxes = []string{
	"display snmp-agent community [(read|write)]",
	"display snmp-agent sys-info [(contact|location|version)]",
	"display snmp-agent statistics",
}

// expandCommands turns syntaxes with [optional] and (a|b) parts into one
// Command per form, all run by run.
func expandCommands(syntaxes []string, priv int, run Handler) []Command {
	var out []Command
	for _, syn := range syntaxes {
		forms, err := expandSyntax(syn) // engine_confonly.go
		if err != nil {
			panic(fmt.Sprintf("cli: %q: %v", syn, err))
		}
		for _, f := range forms {
			out = append(out, Command{Syntax: f, Priv: priv, Run: run})
		}
	}
	return out
}

// helpFor gives every keyword path of cmds a help text: from texts by
// the path's last word, else as the configuration-only commands do.
func helpFor(cmds []Command, texts map[string]string) map[string]string {
	help := map[string]string{}
	for _, c := range cmds {
		words := strings.Fields(c.Syntax)
		for i := range words {
			path := strings.Join(words[:i+1], " ")
			if _, ok := help[path]; ok {
				continue
			}
			if h, ok := texts[words[i]]; ok {
				help[path] = h
			} else {
				help[path] = confHelpFallback(path)
			}
		}
	}
	return help
}

var snmpHelpTexts = map[string]string{
	"snmp-agent":     "Specify SNMP (Simple Network Management Protocol) configuration information",
	"community":      "Set a community for SNMPv1 and SNMPv2c",
	"sys-info":       "Set system information",
	"target-host":    "Set target host of SNMP traps",
	"usm-user":       "Set a user for SNMPv3",
	"mib-view":       "Set SNMP MIB view information",
	"local-engineid": "Set local engine ID",
	"group":          "Set SNMP group based on USM",
	"trap":           "Specify trap configuration information",
	"contact":        "Set contact information",
	"location":       "Set location information",
	"version":        "Set the SNMP version",
	"read":           "Read-only access",
	"write":          "Read-write access",
	"statistics":     "Display SNMP statistics",
	"acl":            "Specify an ACL to filter NMS access",
	"undo":           "Cancel current setting",
	"display":        "Display current system information",
}

var (
	snmpCommands        = expandCommands(snmpSyntaxes, 3, cmdSNMP)
	snmpDisplayCommands = expandCommands(snmpDisplaySyntaxes, 1, cmdDisplaySNMP)
	snmpGroup           = group{snmpCommands, helpFor(snmpCommands, snmpHelpTexts)}
	snmpDisplayGroup    = group{snmpDisplayCommands, helpFor(snmpDisplayCommands, snmpHelpTexts)}
)

// msgSNMPNoCommunity: undo of a community that does not exist [U].
const msgSNMPNoCommunity = " Error: The community does not exist."

// snmpRest is the typed words of the command from its word at index
// from, as the configuration prints them.
func snmpRest(a Args, from int) string {
	var w []string
	for _, x := range a.Words[from:] {
		w = append(w, x.Value)
	}
	return strings.Join(w, " ")
}

// removeMatching drops the entries whose words hold want's words in
// order (undo forms that name part of a line).
func removeMatching(list []string, want string) []string {
	ww := strings.Fields(want)
	return slices.DeleteFunc(slices.Clone(list), func(l string) bool {
		lw := strings.Fields(l)
		i := 0
		for _, w := range lw {
			if i < len(ww) && strings.EqualFold(w, ww[i]) {
				i++
			}
		}
		return i == len(ww)
	})
}

// setListed replaces the entry of list with the same first n words as
// line, or adds line.
func setListed(list []string, line string, n int) []string {
	key := strings.Fields(line)
	if n == 0 {
		if slices.Contains(list, line) {
			return list
		}
		return append(list, line)
	}
	if len(key) > n {
		key = key[:n]
	}
	for i, l := range list {
		f := strings.Fields(l)
		if len(f) >= len(key) && strings.EqualFold(strings.Join(f[:len(key)], " "), strings.Join(key, " ")) {
			list = slices.Clone(list)
			list[i] = line
			return list
		}
	}
	return append(list, line)
}

func cmdSNMP(s *Session, a Args) error {
	undo := a.Has("undo")
	// words after "[undo] snmp-agent"
	start := 1
	if undo {
		start = 2
	}
	if len(a.Words) <= start {
		return s.dev.Update(func(c *device.Config) error {
			c.SNMP.Enabled = !undo
			return nil
		})
	}
	sub := a.Words[start].Value
	rest := snmpRest(a, start+1)
	return s.dev.Update(func(c *device.Config) error {
		ag := &c.SNMP
		*ag = ag.Clone()
		if !undo {
			ag.Enabled = true
		}
		switch sub {
		case "local-engineid":
			ag.LocalEngineID = ""
			if !undo {
				ag.LocalEngineID = a.Str("id")
			}
		case "community":
			name := a.Str("name")
			i := ag.Community(name)
			if undo {
				if i < 0 {
					return userError(msgSNMPNoCommunity)
				}
				ag.Communities = slices.Delete(ag.Communities, i, i+1)
				return nil
			}
			cm := device.SNMPCommunity{Name: name, Write: a.Has("write"), ACL: a.Int("acl"), View: a.Str("view")}
			if i >= 0 {
				ag.Communities[i] = cm
			} else {
				ag.Communities = append(ag.Communities, cm)
			}
		case "sys-info":
			return snmpSysInfo(ag, a, undo)
		case "group":
			if undo {
				ag.Groups = removeMatching(ag.Groups, rest)
			} else {
				ag.Groups = setListed(ag.Groups, rest, 2)
			}
		case "target-host":
			if undo {
				ag.TargetHosts = removeMatching(ag.TargetHosts, rest)
			} else {
				ag.TargetHosts = setListed(ag.TargetHosts, rest, 0)
			}
		case "trap":
			return snmpTrap(ag, a, start+1, undo)
		case "usm-user":
			if undo {
				ag.USMUsers = removeMatching(ag.USMUsers, rest)
			} else {
				ag.USMUsers = setListed(ag.USMUsers, rest, 2)
			}
		case "mib-view":
			if undo {
				ag.MIBViews = removeMatching(ag.MIBViews, rest)
			} else if !slices.Contains(ag.MIBViews, rest) {
				ag.MIBViews = append(ag.MIBViews, rest)
			}
		case "packet":
			ag.PacketMax = 0
			if !undo && a.Int("n") != device.DefaultSNMPPacketMax {
				ag.PacketMax = a.Int("n")
			}
		}
		return nil
	})
}

// snmpSysInfo sets contact, location and version. sys-info version adds
// the versions named to those that run (v3 by default), undo removes
// them; all is v1, v2c and v3.
func snmpSysInfo(ag *device.SNMPAgent, a Args, undo bool) error {
	switch {
	case a.Has("contact"):
		ag.Contact = ""
		if !undo {
			ag.Contact = a.Str("text")
		}
	case a.Has("location"):
		ag.Location = ""
		if !undo {
			ag.Location = a.Str("text")
		}
	case a.Has("version"):
		rest, _ := a.Get("rest")
		v := ag.EffectiveVersions()
		for _, t := range tokenize(rest.Value) {
			on := !undo
			switch strings.ToLower(t.text) {
			case "all":
				v = device.SNMPVersions{V1: on, V2c: on, V3: on}
			case "v1":
				v.V1 = on
			case "v2c":
				v.V2c = on
			case "v3":
				v.V3 = on
			default:
				return &ParseError{Kind: WrongParam, Pos: rest.Pos + t.pos}
			}
		}
		ag.Versions, ag.VersionsSet = v, v != device.SNMPVersions{V3: true}
	}
	return nil
}

func snmpTrap(ag *device.SNMPAgent, a Args, from int, undo bool) error {
	what := a.Words[from].Value
	rest, _ := a.Get("rest")
	switch {
	case what == "source":
		ag.TrapSource = ""
		if !undo {
			ag.TrapSource = a.Str("if")
		}
	case what == "life":
		ag.TrapLife = 0
		if !undo {
			ag.TrapLife = a.Int("s")
		}
	case what == "queue-size":
		ag.TrapQueue = 0
		if !undo {
			ag.TrapQueue = a.Int("n")
		}
	case undo:
		// undo snmp-agent trap enable|if-mib ...: the default (traps on)
		// turned off, printed as typed.
		line := strings.TrimSpace(what + " " + rest.Value)
		ag.TrapEnable = removeMatching(ag.TrapEnable, strings.TrimSpace(rest.Value))
		if !slices.Contains(ag.TrapsOff, line) {
			ag.TrapsOff = append(ag.TrapsOff, line)
		}
	default:
		line := strings.TrimSpace(rest.Value)
		ag.TrapsOff = slices.DeleteFunc(slices.Clone(ag.TrapsOff), func(l string) bool { return l == "enable "+line || l == "enable" && line == "" })
		if !slices.Contains(ag.TrapEnable, line) {
			ag.TrapEnable = append(ag.TrapEnable, line)
		}
	}
	return nil
}

// renderSNMP prints the agent's block, in the order of the real
// configurations in testdata/realconfigs (agent, engine ID, communities,
// sys-info, groups, target hosts, USM users); the trap, MIB view and
// packet lines sit where the configuration-only declarations had them
// [U].
func renderSNMP(cfg device.Config) string {
	ag := cfg.SNMP
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, " snmp-agent "+format+"\n", a...) }
	if ag.Enabled {
		b.WriteString(" snmp-agent\n")
	}
	if ag.LocalEngineID != "" {
		line("local-engineid %s", ag.LocalEngineID)
	}
	for _, cm := range ag.Communities {
		access := "read"
		if cm.Write {
			access = "write"
		}
		l := "community " + access + " " + cm.Name
		if cm.ACL != 0 {
			l += fmt.Sprintf("  acl %d", cm.ACL)
		}
		if cm.View != "" {
			l += " mib-view " + cm.View
		}
		line("%s", l)
	}
	if ag.Contact != "" {
		line("sys-info contact %s", ag.Contact)
	}
	if ag.Location != "" {
		line("sys-info location %s", ag.Location)
	}
	if ag.VersionsSet {
		line("sys-info version %s", versionWords(ag.Versions, " "))
	}
	for _, g := range ag.Groups {
		line("group %s", g)
	}
	for _, h := range ag.TargetHosts {
		line("target-host %s", h)
	}
	if ag.TrapSource != "" {
		line("trap source %s", ag.TrapSource)
	}
	for _, t := range ag.TrapEnable {
		line("%s", strings.TrimSpace("trap enable "+t))
	}
	for _, t := range ag.TrapsOff {
		fmt.Fprintf(&b, " undo snmp-agent trap %s\n", t)
	}
	if ag.TrapLife != 0 {
		line("trap life %d", ag.TrapLife)
	}
	if ag.TrapQueue != 0 {
		line("trap queue-size %d", ag.TrapQueue)
	}
	for _, u := range ag.USMUsers {
		line("usm-user %s", u)
	}
	for _, v := range ag.MIBViews {
		line("mib-view %s", v)
	}
	if ag.PacketMax != 0 {
		line("packet max-size %d", ag.PacketMax)
	}
	if b.Len() == 0 {
		return ""
	}
	return b.String() + "#\n"
}

// versionWords names the versions as sys-info version takes them ("all"
// for the three) or, with sep "SNMP", as the display does.
func versionWords(v device.SNMPVersions, sep string) string {
	if sep == " " && v.V1 && v.V2c && v.V3 {
		return "all"
	}
	var w []string
	for _, x := range []struct {
		on   bool
		name string
	}{{v.V1, "v1"}, {v.V2c, "v2c"}, {v.V3, "v3"}} {
		if x.on {
			w = append(w, x.name)
		}
	}
	if sep != " " {
		for i := range w {
			w[i] = "SNMP" + w[i]
		}
		return strings.Join(w, " ")
	}
	return strings.Join(w, " ")
}

// snmpDefaults are the contact and location a brand's device reports
// before sys-info sets them [U: the H3C ones are those of H3C's V5
// documentation examples; the 3Com ones are guesses in the same form].
func snmpDefaults(vendor string) (contact, location string) {
	switch vendor {
	case "H3C":
		return "Hangzhou H3C Tech. Co., Ltd.", "Hangzhou China"
	case "HP":
		return "Hewlett-Packard Development Company, L.P.", "Palo Alto, CA, USA"
	}
	return "3Com Corporation.", "Marlborough, MA 01752 USA"
}

// msgSNMPDisabled is what the displays print while the agent is off (3Com
// Switch 8800 Command Reference, display snmp-agent: "If the SNMP Agent
// is disabled, "Snmp Agent disabled" will be displayed").
const msgSNMPDisabled = " Snmp Agent disabled"

func cmdDisplaySNMP(s *Session, a Args) error {
	cfg := s.dev.View()
	ag := cfg.SNMP
	if !ag.Enabled {
		return s.println(msgSNMPDisabled)
	}
	switch {
	case a.Has("statistics"):
		return s.printf("%s", snmpStatistics(ag))
	case a.Has("sys-info"):
		contact, location := snmpDefaults(s.dev.Profile().Brand.Vendor)
		if ag.Contact != "" {
			contact = ag.Contact
		}
		if ag.Location != "" {
			location = ag.Location
		}
		all := !a.Has("contact") && !a.Has("location") && !a.Has("version")
		// Layout [U: indentation from the V5 references' examples as
		// remembered, not from a capture].
		var parts []string
		if all || a.Has("contact") {
			parts = append(parts, "   The contact person for this managed node:\n           "+contact+"\n")
		}
		if all || a.Has("location") {
			parts = append(parts, "   The physical location of this node:\n           "+location+"\n")
		}
		if all || a.Has("version") {
			parts = append(parts, "   SNMP version running in the system:\n           "+versionWords(ag.EffectiveVersions(), "SNMP")+"\n")
		}
		return s.printf("%s", strings.Join(parts, "\n"))
	}
	// display snmp-agent community (HP A5120 EI reference [U for the
	// blank line between entries]):
	//
	//	   Community name: public
	//	       Group name: public
	//	       Acl:2000
	//	       Storage-type: nonVolatile
	var b strings.Builder
	for _, cm := range ag.Communities {
		if a.Has("read") && cm.Write || a.Has("write") && !cm.Write {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "   Community name: %s\n       Group name: %s\n", cm.Name, cm.Name)
		if cm.ACL != 0 {
			fmt.Fprintf(&b, "       Acl:%d\n", cm.ACL)
		}
		b.WriteString("       Storage-type: nonVolatile\n")
	}
	return s.printf("%s", b.String())
}

// snmpStatistics is display snmp-agent statistics (H3C S5120-SI Command
// Reference, Comware 5.20): the agent answers nothing, so every counter
// is zero; the maximum packet size is the configured one.
func snmpStatistics(ag device.SNMPAgent) string {
	max := ag.PacketMax
	if max == 0 {
		max = device.DefaultSNMPPacketMax
	}
	lines := []string{
		"Messages delivered to the SNMP entity",
		"Messages which were for an unsupported version",
		"Messages which used a SNMP community name not known",
		"Messages which represented an illegal operation for the community supplied",
		"ASN.1 or BER errors in the process of decoding",
		"Messages passed from the SNMP entity",
		"SNMP PDUs which had badValue error-status",
		"SNMP PDUs which had genErr error-status",
		"SNMP PDUs which had noSuchName error-status",
		fmt.Sprintf("SNMP PDUs which had tooBig error-status (Maximum packet size %d)", max),
		"MIB objects retrieved successfully",
		"MIB objects altered successfully",
		"GetRequest-PDU accepted and processed",
		"GetNextRequest-PDU accepted and processed",
		"GetBulkRequest-PDU accepted and processed",
		"GetResponse-PDU accepted and processed",
		"SetRequest-PDU accepted and processed",
		"Trap PDUs accepted and processed",
		"Alternate Response Class PDUs dropped silently",
		"Forwarded Confirmed Class PDUs dropped silently",
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("  0 " + l + "\n")
	}
	return b.String()
}
