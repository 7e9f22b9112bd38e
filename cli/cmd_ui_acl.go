package cli

import (
	"fmt"

	"switchemu/device"
)

// acl N inbound|outbound in a user-interface view: the ACL that logins to
// the VTY lines must pass (enforced by sshd and telnetd through
// device.LoginPermitted) and the one outgoing telnet would (kept only).
//
// Source: H3C S5820X/S5800 and HP A5120 Fundamentals Command References
// (Comware 5.20), "acl (user interface view)": acl [ ipv6 ] acl-number {
// inbound | outbound }, undo acl [ ipv6 ] { inbound | outbound }, VTY
// user interface view, 2000-2999 basic, 3000-3999 advanced, 4000-4999
// Ethernet frame header; "the connection is permitted to be established
// only when packets for establishing a Telnet or SSH connection match a
// permit statement in the ACL"; the line is printed first in the
// user-interface section (as the configuration-only line was).
var uiACLCommands = []Command{
	{Syntax: "acl {acl:<2000-4999>} inbound", Priv: 2, Run: cmdUIACL},
	{Syntax: "acl {acl:<2000-4999>} outbound", Priv: 2, Run: cmdUIACL},
	{Syntax: "undo acl inbound", Priv: 2, Run: cmdUIACL},
	{Syntax: "undo acl outbound", Priv: 2, Run: cmdUIACL},
}

var helpUIACL = map[string]string{
	"acl":                            "Specify acl filtering",
	"acl {acl:<2000-4999>}":          "Basic acl (2000-2999), advanced acl (3000-3999) or ethernet frame header acl (4000-4999)",
	"acl {acl:<2000-4999>} inbound":  "Filter login connections in the inbound direction",
	"acl {acl:<2000-4999>} outbound": "Filter logout connections in the outbound direction",
	"undo acl":                       "Specify acl filtering",
	"undo acl inbound":               "Filter login connections in the inbound direction",
	"undo acl outbound":              "Filter logout connections in the outbound direction",
}

var uiACLGroup = group{uiACLCommands, helpUIACL}

// msgUIACLVTYOnly: acl is a VTY command [U: the device's words for it on
// the AUX line are not in the references read].
const msgUIACLVTYOnly = " Error: This command is available only in VTY user interface view."

func cmdUIACL(s *Session, a Args) error {
	if s.cur().uiAux {
		return userError(msgUIACLVTYOnly)
	}
	n := a.Int("acl")
	in := a.Has("inbound")
	return s.updateUI(func(ui *device.UserInterface) {
		if in {
			ui.ACLIn = n
		} else {
			ui.ACLOut = n
		}
	})
}

func renderUIACL(ui device.UserInterface) string {
	out := ""
	if ui.ACLIn != 0 {
		out += fmt.Sprintf(" acl %d inbound\n", ui.ACLIn)
	}
	if ui.ACLOut != 0 {
		out += fmt.Sprintf(" acl %d outbound\n", ui.ACLOut)
	}
	return out
}
