package cli

// User-interface settings kept only as lines.
//
// Source: HP A5120 EI Switch Series Fundamentals Command Reference
// (Comware 5.20, Release 2208), "Login management commands": acl
// acl-number { inbound | outbound } (2000-4999, VTY), undo acl {
// inbound | outbound }; terminal type { ansi | vt100 }; command
// authorization; command accounting; shell / undo shell; speed
// speed-value, parity, stopbits, databits, flow-control (AUX). The
// modelled ones (authentication-mode, set authentication password, user
// privilege level, protocol inbound, idle-timeout, screen-length,
// history-command max-size) live in cmd_ui.go.
var confUI = confFeature{
	Name: "ui",
	UI: []confCmd{
		{Syntax: "acl {acl:<2000-4999>} (inbound|outbound)", At: "start", Key: -1,
			Undo: []string{"undo acl (inbound|outbound)"}},
		{Syntax: "terminal type (ansi|vt100)"},
		{Syntax: "command authorization"},
		{Syntax: "command accounting"},
		{Syntax: "undo shell"},
		{Syntax: "speed {bps:<300-115200>}"},
		{Syntax: "parity (even|mark|none|odd|space)"},
		{Syntax: "stopbits (1|1.5|2)"},
		{Syntax: "databits (5|6|7|8)"},
	},
	Help: map[string]string{
		"ui:acl":   "Specify acl filtering",
		"inbound":  "Filter login connections in the inbound direction",
		"outbound": "Filter logout connections in the outbound direction",
	},
}
