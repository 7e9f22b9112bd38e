package cli

// Layer 2: the spanning tree settings that are only lines (the rest is
// cmd_stp.go), IGMP snooping, mirroring, port security and 802.1X
// globals, ARP protection, VLAN-view settings.
//
// Source: HP A5120 EI Switch Series Layer 2 - LAN Switching Command
// Reference (Comware 5.20, Release 2208), "MSTP configuration commands":
// stp enable, stp mode { mstp | pvst | rstp | stp }, stp [ instance
// instance-id ] priority priority (0-61440, step 4096), stp [ instance
// instance-id ] root { primary | secondary }, stp pathcost-standard {
// dot1d-1998 | dot1t | legacy }, stp bpdu-protection, stp tc-protection
// enable, stp timer-factor (1-20), stp region-configuration →
// [Sysname-mst-region] with region-name, instance instance-id vlan
// vlan-list, revision-level (0-65535), active region-configuration;
// "Port mirroring configuration commands": mirroring-group group-id {
// local | remote-destination | remote-source }; IP Multicast Command
// Reference, "IGMP snooping configuration commands": igmp-snooping →
// [Sysname-igmp-snooping], igmp-snooping enable (VLAN view),
// igmp-snooping drop-unknown, host-aging-time, max-response-time,
// fast-leave, report-aggregation; Security Command Reference:
// port-security enable, dot1x, dot1x authentication-method { chap | eap
// | pap }, mac-authentication, arp detection enable (VLAN view), arp
// anti-attack ...
var confL2 = confFeature{
	Name: "stp",
	Global: []confCmd{
		// stp enable, mode, priority, root and the region are modelled
		// (cmd_stp.go); these lines print inside its block.
		{Syntax: "stp pathcost-standard (dot1d-1998|dot1t|legacy)", At: "local-user", Group: "stp-block"},
		{Syntax: "stp bpdu-protection", At: "local-user", Group: "stp-block"},
		{Syntax: "stp tc-protection enable", At: "local-user", Group: "stp-block"},
		{Syntax: "stp timer-factor {n:<1-20>}", At: "local-user", Group: "stp-block"},
		{Syntax: "mirroring-group {g:<1-4>} (local|remote-destination|remote-source)", At: "local-user", Group: "mirroring-group", Key: 2},
		{Syntax: "arp anti-attack {rest:LINE<1-128>}", Group: "arp", Key: 3},
	},
	VLAN: []confCmd{
		{Syntax: "igmp-snooping enable"},
		{Syntax: "igmp-snooping drop-unknown"},
		{Syntax: "igmp-snooping querier"},
		{Syntax: "arp detection enable"},
		{Syntax: "voice vlan enable"},
	},
	Views: []confView{
		{
			Kind:   "vlan-group",
			Header: "vlan-group {name:STRING<1-31>}",
			At:     "local-user",
			Prompt: func(w []string) string { return "vlan-group-" + w[1] },
			Title:  "VLAN group view commands:",
			Cmds: []confCmd{
				{Syntax: "vlan-list {list:LINE<1-255>}", Key: -1, Undo: []string{"undo vlan-list {list:LINE<1-255>}"}},
			},
		},
		{
			Kind:   "poe-profile",
			Header: "poe-profile {name:STRING<1-15>} [{index:<1-100>}]",
			Key:    2,
			At:     "local-user",
			Prompt: func(w []string) string { return "poe-profile-" + w[1] },
			Title:  "PoE-profile view commands:",
			Cmds: []confCmd{
				{Syntax: "poe enable"},
				{Syntax: "poe max-power {mw:<1000-30000>}"},
				{Syntax: "poe priority (critical|high|low)"},
			},
		},
		{
			Kind:   "igmp-snooping",
			Header: "igmp-snooping",
			Key:    1,
			At:     "head",
			Prompt: func([]string) string { return "igmp-snooping" },
			Title:  "IGMP-Snooping view commands:",
			Cmds: []confCmd{
				{Syntax: "host-aging-time {s:<200-1000>}"},
				{Syntax: "max-response-time {s:<1-25>}"},
				{Syntax: "fast-leave [vlan {list:LINE<1-255>}]", Key: 1},
				{Syntax: "report-aggregation"},
				{Syntax: "undo report-aggregation", Family: "report-aggregation"},
				{Syntax: "drop-unknown [vlan {list:LINE<1-255>}]", Key: 1},
			},
		},
	},
	Help: map[string]string{
		"stp":             "Spanning tree protocol",
		"mirroring-group": "Specify mirroring group",
		"port-security":   "Specify port-security configuration information",
		"dot1x":           "Specify 802.1X configuration information",
		"igmp-snooping":   "IGMP snooping",
		"arp":             "Specify ARP configuration information",
	},
}
