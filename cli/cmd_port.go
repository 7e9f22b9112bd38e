package cli

// Settings of Ethernet ports that the device model keeps only as lines.
//
// Source: HP A5120 EI Switch Series Layer 2 - LAN Switching Command
// Reference (Comware 5.20, Release 2208): "Ethernet interface
// configuration commands": broadcast-suppression { ratio | pps
// max-pps | kbps max-kbps }, multicast-suppression ..., unicast-suppression
// ..., undo negotiation auto, port-isolate enable, combo enable { copper |
// fiber }, mdi { across | auto | normal }, loopback-detection enable,
// loopback-detection control enable, loopback-detection per-vlan enable,
// loopback-detection action { block | no-learning | shutdown }; "Link
// aggregation configuration commands": lacp port-priority (0-65535),
// lacp period short (port link-aggregation group is cmd_lagg.go); "MSTP
// configuration commands": stp edged-port enable (undo stp edged-port),
// stp point-to-point { auto | force-false | force-true }, stp [ instance
// instance-id ] cost cost, stp [ instance instance-id ] port priority
// priority, stp root-protection, stp loop-protection, stp enable; "MAC
// address table configuration commands": mac-address max-mac-count
// count (0-8192); "LLDP configuration commands": lldp admin-status {
// disable | rx | tx | txrx }, lldp compliance admin-status cdp { disable |
// txrx }, lldp management-address-tlv [ ip-address ], lldp
// notification remote-change enable, lldp tlv-enable ..., lldp enable;
// "Voice VLAN configuration commands": voice vlan vlan-id enable, voice
// vlan mode auto; "Port mirroring": mirroring-group group-id {
// mirroring-port | monitor-port } [ both | inbound | outbound ];
// lldp management-address-format string, lldp voice-vlan vlan-id (seen
// in the HP 5500 EI capture of the pyhpeimc documentation, Apache-2.0);
// stp disable; apply poe-profile { index | name }; Security Command Reference: port-security port-mode mode,
// port-security max-mac-count, port-security intrusion-mode ...,
// port-security mac-address security ..., dot1x, dot1x port-method {
// macbased | portbased }, mac-authentication, arp detection trust;
// ACL and QoS Command Reference: qos apply policy policy-name { inbound |
// outbound }, qos trust { dot1p | dscp }, qos priority (0-7), qos lr
// outbound cir ... (packet-filter is modelled: cmd_packet_filter.go);
// PoE Command Reference: poe enable, poe
// max-power (1000-30000), poe priority { critical | high | low }.
var confPort = confFeature{
	Name: "port",
	Iface: []confCmd{
		{Syntax: "combo enable (copper|fiber)", On: "port", At: "start", Key: 2},
		{Syntax: "broadcast-suppression (pps {pps:<0-14881000>}|kbps {kbps:<0-10000000>})", On: "port", Key: 1,
			Undo: []string{"undo broadcast-suppression"}},
		{Syntax: "multicast-suppression ({ratio:<1-100>}|pps {pps:<0-14881000>}|kbps {kbps:<0-10000000>})", On: "port", Key: 1},
		{Syntax: "unicast-suppression ({ratio:<1-100>}|pps {pps:<0-14881000>}|kbps {kbps:<0-10000000>})", On: "port", Key: 1},
		{Syntax: "undo jumboframe enable", On: "port", Family: "jumboframe", Undo: []string{}},
		{Syntax: "mdi (across|auto|normal)", On: "port"},
		{Syntax: "undo negotiation auto", On: "port", Family: "negotiation"},
		{Syntax: "poe enable", On: "port"},
		{Syntax: "poe max-power {mw:<1000-30000>}", On: "port"},
		{Syntax: "poe priority (critical|high|low)", On: "port"},
		{Syntax: "apply poe-profile (index {i:<1-100>}|name {name:STRING<1-15>})", On: "port", Key: 2},
		{Syntax: "qos apply policy {policy:STRING<1-31>} (inbound|outbound)", Key: -1,
			Undo: []string{"undo qos apply policy [{policy:STRING<1-31>}] (inbound|outbound)"}},
		{Syntax: "dhcp-snooping trust [no-user-binding]", On: "port", Key: 2},
		{Syntax: "dhcp-snooping information enable", On: "port"},
		// stp enable/disable, edged-port, cost and port priority are
		// modelled (cmd_stp.go).
		{Syntax: "stp point-to-point (auto|force-false|force-true)", On: "port"},
		{Syntax: "stp instance {i:<0-32>} (cost {cost:<1-200000000>}|port priority {prio:<0-240>})", On: "port", Key: 4},
		{Syntax: "stp root-protection", On: "port"},
		{Syntax: "stp loop-protection", On: "port"},
		{Syntax: "lldp admin-status (disable|rx|tx|txrx)", On: "port"},
		{Syntax: "lldp management-address-tlv [{ip:A.B.C.D}]", On: "port", Key: 1},
		{Syntax: "undo lldp management-address-tlv", On: "port", Family: "lldp management-address-tlv"},
		{Syntax: "lldp compliance admin-status cdp (disable|txrx)", On: "port", Key: 4},
		{Syntax: "lldp management-address-format string", On: "port"},
		{Syntax: "lldp voice-vlan {id:<1-4094>}", On: "port"},
		{Syntax: "lldp notification remote-change enable", On: "port"},
		{Syntax: "lldp tlv-enable {rest:LINE<1-128>}", On: "port", Key: -1, Undo: []string{}},
		{Syntax: "undo lldp tlv-enable {rest:LINE<1-128>}", On: "port", Key: -1},
		{Syntax: "undo lldp enable", On: "port"},
		{Syntax: "sflow sampling-rate {rate:<1000-500000>}", On: "port"},
		{Syntax: "sflow sampling-mode (determine|random)", On: "port"},
		{Syntax: "sflow flow collector {id:<1-10>}", On: "port", Key: 3},
		{Syntax: "sflow flow max-header {n:<18-512>}", On: "port", Key: 3},
		{Syntax: "sflow counter interval {s:<2-3600>}", On: "port", Key: 3},
		{Syntax: "sflow counter collector {id:<1-10>}", On: "port", Key: 3},
		{Syntax: "port-isolate enable", On: "port", At: "port"},
		{Syntax: "mac-address max-mac-count {n:<0-8192>}", On: "port"},
		{Syntax: "undo mac-address max-mac-count enable-forwarding", On: "port"},
		{Syntax: "loopback-detection enable", On: "port"},
		{Syntax: "loopback-detection control enable", On: "port"},
		{Syntax: "loopback-detection per-vlan enable", On: "port"},
		{Syntax: "loopback-detection action (block|no-learning|shutdown)", On: "port"},
		{Syntax: "voice vlan mode auto", On: "port", Family: "voice vlan mode", Undo: []string{}},
		{Syntax: "undo voice vlan mode auto", On: "port", Family: "voice vlan mode"},
		{Syntax: "voice vlan {id:<2-4094>} enable", On: "port", Key: 2, Undo: []string{"undo voice vlan [{id:<2-4094>}] enable"}},
		{Syntax: "port-security port-mode {mode:STRING<1-32>}", On: "port"},
		{Syntax: "port-security max-mac-count {n:<1-1024>}", On: "port"},
		{Syntax: "port-security intrusion-mode {mode:STRING<1-32>}", On: "port"},
		{Syntax: "port-security mac-address security {mac:STRING<14-14>} vlan {id:<1-4094>}", On: "port", Key: -1,
			Undo: []string{"undo port-security mac-address security {mac:STRING<14-14>} vlan {id:<1-4094>}"}},
		{Syntax: "dot1x", On: "port"},
		{Syntax: "dot1x port-method (macbased|portbased)", On: "port"},
		{Syntax: "dot1x guest-vlan {id:<1-4094>}", On: "port"},
		{Syntax: "mac-authentication", On: "port"},
		{Syntax: "arp detection trust", On: "port"},
		{Syntax: "dhcp-snooping information strategy (drop|keep|replace)", On: "port", Key: 3},
		{Syntax: "mirroring-group {g:<1-4>} (mirroring-port|monitor-port) [(both|inbound|outbound)]", On: "port", Key: -1,
			Undo: []string{"undo mirroring-group {g:<1-4>} (mirroring-port|monitor-port)"}},
		{Syntax: "lacp port-priority {prio:<0-65535>}", On: "port"},
		{Syntax: "lacp period short", On: "port"},
		{Syntax: "qos trust (dot1p|dscp)", On: "port"},
		{Syntax: "qos priority {p:<0-7>}", On: "port"},
		{Syntax: "qos lr (inbound|outbound) cir {cir:<64-10000000>} [cbs {cbs:<4096-16000000>}]", On: "port", Key: 3,
			Undo: []string{"undo qos lr (inbound|outbound)"}},
	},
	Help: map[string]string{
		"stp":                    "Spanning tree protocol",
		"broadcast-suppression":  "Specify the broadcast storm suppression ratio",
		"multicast-suppression":  "Specify the multicast storm suppression ratio",
		"unicast-suppression":    "Specify the unicast storm suppression ratio",
		"pps":                    "Specify the storm suppression packets per second",
		"kbps":                   "Specify the storm suppression kilobits per second",
		"lldp":                   "Link Layer Discovery Protocol(802.1ab)",
		"poe":                    "Configure PoE",
		"loopback-detection":     "Detect if loopback exists",
		"voice":                  "Specify voice VLAN",
		"port-security":          "Specify port-security configuration information",
		"mac-address":            "Configure MAC address",
		"qos":                    "Command-group of QoS",
		"link-aggregation":       "Specify link aggregation group",
		"link-aggregation group": "Specify link aggregation group",
		"negotiation":            "Negotiation",
		"dhcp-snooping":          "DHCP Snooping",
	},
}
