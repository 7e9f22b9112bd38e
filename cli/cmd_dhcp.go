package cli

// DHCP server, relay agent and snooping.
//
// Source: HP 5120 SI Switch Series Layer 3 - IP Services Command
// Reference (Release 1505, 5998-1810) and HP A5120 EI Switch Series
// Layer 3 - IP Services Command Reference (5.20, R2208), "DHCP server
// configuration commands": dhcp enable; dhcp server ip-pool pool-name
// (1-35 characters) → [Sysname-dhcp-pool-NAME]; network network-address
// [ mask-length | mask mask ]; gateway-list ip-address&<1-8>; dns-list
// ip-address&<1-8>; nbns-list; domain-name; expired { day day [ hour
// hour [ minute minute ] ] | unlimited } (day 0-365); forbidden-ip;
// option code { ascii | hex | ip-address } ...; static-bind ...; dhcp
// server forbidden-ip low [ high ]; dhcp select { relay | server {
// global-pool | interface-pool } } (interface view; the real
// configurations carry "undo dhcp select server global-pool"); "DHCP relay
// agent configuration commands": dhcp relay server-group group-id ip
// ip-address (group 0-19), dhcp relay server-select group-id;
// "DHCP snooping configuration commands": dhcp-snooping, dhcp-snooping
// trust [ no-user-binding ], dhcp-snooping information enable.
var confDHCP = confFeature{
	Name: "dhcp",
	Global: []confCmd{
		{Syntax: "dhcp-snooping", Group: "dhcp-snooping"},
		{Syntax: "dhcp-snooping information enable", Group: "dhcp-snooping"},
	},
	Iface: []confCmd{
		{Syntax: "dhcp select (relay|server (global-pool|interface-pool))", On: "l3", Family: "dhcp select", Key: 2},
		{Syntax: "undo dhcp select server global-pool", On: "l3", Family: "dhcp select"},
		{Syntax: "dhcp relay server-select {g:<0-19>}", On: "l3"},
		{Syntax: "dhcp relay address-check enable", On: "l3"},
	},
	Views: []confView{{
		Kind:   "dhcp-pool",
		Header: "dhcp server ip-pool {name:STRING<1-35>}",
		Prompt: func(w []string) string { return "dhcp-pool-" + w[3] },
		Title:  "DHCP address pool view commands:",
		Cmds: []confCmd{
			{Syntax: "network {ip:A.B.C.D} [(mask {mask:A.B.C.D}|{len:<1-31>})]"},
			{Syntax: "gateway-list {ip1:A.B.C.D} [{ip2:A.B.C.D} [{ip3:A.B.C.D} [{ip4:A.B.C.D} [{ip5:A.B.C.D} [{ip6:A.B.C.D} [{ip7:A.B.C.D} [{ip8:A.B.C.D}]]]]]]]"},
			{Syntax: "dns-list {ip1:A.B.C.D} [{ip2:A.B.C.D} [{ip3:A.B.C.D} [{ip4:A.B.C.D} [{ip5:A.B.C.D} [{ip6:A.B.C.D} [{ip7:A.B.C.D} [{ip8:A.B.C.D}]]]]]]]"},
			{Syntax: "nbns-list {ip1:A.B.C.D} [{ip2:A.B.C.D} [{ip3:A.B.C.D} [{ip4:A.B.C.D}]]]"},
			{Syntax: "netbios-type (b-node|h-node|m-node|p-node)"},
			{Syntax: "domain-name {name:STRING<1-50>}"},
			{Syntax: "expired (day {day:<0-365>} [hour {hour:<0-23>} [minute {minute:<0-59>}]]|unlimited)", Key: 1},
			{Syntax: "forbidden-ip {ip1:A.B.C.D} [{ip2:A.B.C.D} [{ip3:A.B.C.D} [{ip4:A.B.C.D}]]]", Key: -1,
				Undo: []string{"undo forbidden-ip {ip1:A.B.C.D}"}},
			{Syntax: "option {code:<2-254>} (ascii {s:STRING<1-255>}|hex {h:STRING<1-255>}|ip-address {ip:A.B.C.D})", Key: 2,
				Undo: []string{"undo option {code:<2-254>}"}},
			{Syntax: "static-bind ip-address {ip:A.B.C.D} [mask {mask:A.B.C.D}]", Key: 2},
			{Syntax: "static-bind (mac-address {mac:STRING<14-14>}|client-identifier {id:STRING<1-255>})", Key: 2},
			{Syntax: "tftp-server ip-address {ip:A.B.C.D}", Key: 2},
			{Syntax: "bootfile-name {name:STRING<1-63>}"},
		},
	}},
	Help: map[string]string{
		"dhcp":                "DHCP configuration",
		"dhcp server":         "DHCP server",
		"dhcp server ip-pool": "Pool",
		"dhcp-snooping":       "DHCP Snooping",
		"network":             "Network parameters for the pool",
		"gateway-list":        "Configure gateways for the client",
		"dns-list":            "DNS server",
		"expired":             "Set the lease time",
		"forbidden-ip":        "Define addresses DHCP server can not assign",
		"trust":               "Trusted port",
	},
}

// confDHCPTail are the DHCP lines printed after SNMP and NTP.
var confDHCPTail = confFeature{
	Name: "dhcp",
	Global: []confCmd{
		{Syntax: "dhcp server forbidden-ip {low:A.B.C.D} [{high:A.B.C.D}]", At: "info-center", Group: "dhcp server forbidden-ip", Key: -1,
			Undo: []string{"undo dhcp server forbidden-ip {low:A.B.C.D} [{high:A.B.C.D}]"}},
		{Syntax: "dhcp server ping (packets {n:<0-10>}|timeout {ms:<0-10000>})", At: "info-center", Group: "dhcp server ping", Key: 4},
		{Syntax: "dhcp enable", At: "info-center", Group: "dhcp enable"},
	},
}
