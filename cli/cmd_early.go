package cli

// confEarly are the global lines an HP 5500 EI (Release 2221P20, in
// testdata/realconfigs) prints first, before the IRF lines: the voice
// VLAN OUI table and the DHCP relay server groups. Sources: HP A5500 EI
// Switch Series Layer 2 - LAN Switching Command Reference (R2208), "Voice
// VLAN configuration commands"; Layer 3 - IP Services Command Reference,
// "DHCP relay agent configuration commands" (dhcp relay server-group
// group-id ip ip-address, group 0-19).
var confEarly = confFeature{
	Name: "early",
	Global: []confCmd{
		{Syntax: "undo voice vlan mac-address {oui:STRING<14-14>}", Group: "voice vlan", Key: -1, Undo: []string{}},
		{Syntax: "voice vlan mac-address {oui:STRING<14-14>} mask {mask:STRING<14-14>} [description {text:LINE<1-30>}]",
			Group: "voice vlan", Key: 3, Undo: []string{"undo voice vlan mac-address {oui:STRING<14-14>}"}},
		{Syntax: "voice vlan aging {min:<5-43200>}", Group: "voice vlan"},
		{Syntax: "undo voice vlan security enable", Group: "voice vlan"},
		{Syntax: "voice vlan {id:<2-4094>} enable", Group: "voice vlan", Key: 2,
			Undo: []string{"undo voice vlan [{id:<2-4094>}] enable"}},
		{Syntax: "dhcp relay server-group {g:<0-19>} ip {ip:A.B.C.D}", Group: "dhcp relay", Key: -1,
			Undo: []string{"undo dhcp relay server-group {g:<0-19>} [ip {ip:A.B.C.D}]"}},
	},
}
