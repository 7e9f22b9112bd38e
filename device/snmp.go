package device

import "slices"

// SNMPAgent is the configuration of the SNMP agent (snmp-agent ...). The
// emulator answers no SNMP: what the agent would do is configuration only,
// but it is typed here so that the display commands show it.
//
// Source: HP A5120 EI Switch Series Network Management and Monitoring
// Command Reference (Comware 5.20), "SNMP configuration commands".
type SNMPAgent struct {
	Enabled       bool   // snmp-agent (or any snmp-agent setting, which turns it on)
	LocalEngineID string // snmp-agent local-engineid; "" = the device's own
	Communities   []SNMPCommunity
	Contact       string // sys-info contact; "" = the brand's default
	Location      string // sys-info location; "" = the brand's default
	// Versions are the SNMP versions that run: the v3 default, more with
	// sys-info version; VersionsSet says the line is printed.
	Versions    SNMPVersions
	VersionsSet bool
	// The settings below are kept as the device prints them, after
	// "snmp-agent ", in the order they were made.
	Groups      []string // group v1|v2c|v3 NAME ...
	TargetHosts []string // target-host trap|inform address udp-domain IP ...
	TrapSource  string   // trap source INTERFACE
	TrapEnable  []string // trap enable [...]: the part after "trap enable" ("" = all)
	TrapsOff    []string // undo snmp-agent trap enable|if-mib ...: the part after "undo snmp-agent trap "
	TrapLife    int      // seconds; 0 = default
	TrapQueue   int      // trap queue-size; 0 = default
	USMUsers    []string // usm-user ...
	MIBViews    []string // mib-view ...
	PacketMax   int      // packet max-size; 0 = default (1500)
}

// SNMPCommunity is one snmp-agent community.
type SNMPCommunity struct {
	Name  string
	Write bool // write (read-write) or read (read-only)
	ACL   int  // 0 = none
	View  string
}

// SNMPVersions are the SNMP versions the agent runs.
type SNMPVersions struct{ V1, V2c, V3 bool }

// DefaultSNMPPacketMax is the default of snmp-agent packet max-size.
const DefaultSNMPPacketMax = 1500

// EffectiveVersions are the versions that run: v3 alone by default.
func (a SNMPAgent) EffectiveVersions() SNMPVersions {
	if !a.VersionsSet {
		return SNMPVersions{V3: true}
	}
	return a.Versions
}

// Community returns the index of the community called name, or -1.
func (a *SNMPAgent) Community(name string) int {
	return slices.IndexFunc(a.Communities, func(c SNMPCommunity) bool { return c.Name == name })
}

// Clone returns a deep copy of a.
func (a SNMPAgent) Clone() SNMPAgent {
	n := a
	n.Communities = slices.Clone(a.Communities)
	n.Groups = slices.Clone(a.Groups)
	n.TargetHosts = slices.Clone(a.TargetHosts)
	n.TrapEnable = slices.Clone(a.TrapEnable)
	n.TrapsOff = slices.Clone(a.TrapsOff)
	n.USMUsers = slices.Clone(a.USMUsers)
	n.MIBViews = slices.Clone(a.MIBViews)
	return n
}
