package cli

// User-interface settings kept only as lines.
//
// Source: HP A5120 EI Switch Series Fundamentals Command Reference
// (Comware 5.20, Release 2208), "Login management commands": terminal
// type { ansi | vt100 }; command
// authorization; command accounting; shell / undo shell; speed
// speed-value, parity, stopbits, databits, flow-control (AUX). The
// modelled ones (authentication-mode, set authentication password, user
// privilege level, protocol inbound, idle-timeout, screen-length,
// history-command max-size, acl inbound|outbound) live in cmd_ui.go and
// cmd_ui_acl.go.
var confUI = confFeature{
	Name: "ui",
	UI: []confCmd{
		{Syntax: "terminal type (ansi|vt100)"},
		{Syntax: "command authorization"},
		{Syntax: "command accounting"},
		{Syntax: "undo shell"},
		{Syntax: "speed {bps:<300-115200>}"},
		{Syntax: "parity (even|mark|none|odd|space)"},
		{Syntax: "stopbits (1|1.5|2)"},
		{Syntax: "databits (5|6|7|8)"},
	},
	Help: map[string]string{},
}
