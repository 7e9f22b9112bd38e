package cli

import "strconv"

// ACLs.
//
// Source: HP A5120 EI Switch Series ACL and QoS Command Reference
// (Comware 5.20, Release 2208), "ACL configuration commands": acl number
// acl-number [ name acl-name ] [ match-order { auto | config } ], 2000 to
// 2999 basic ([Sysname-acl-basic-2000]), 3000 to 3999 advanced
// ([Sysname-acl-adv-3000]), 4000 to 4999 Ethernet frame header
// ([Sysname-acl-ethernetframe-4000]), 5000 to 5999 user-defined; rule [
// rule-id ] { deny | permit } ... (rule-id 0-65534); rule rule-id comment
// text; description text (1-127); step step-value (1-20). Real
// configurations print consecutive ACLs without "#" between them.
var confACL = confFeature{
	Name: "acl",
	Views: []confView{{
		Kind:   "acl",
		Header: "acl number {n:<2000-5999>} [name {name:STRING<1-63>}] [match-order (auto|config)]",
		Key:    3,
		At:     "head",
		Joined: true,
		Prompt: func(w []string) string {
			n, _ := strconv.Atoi(w[2])
			kind := "user"
			switch {
			case n < 3000:
				kind = "basic"
			case n < 4000:
				kind = "adv"
			case n < 5000:
				kind = "ethernetframe"
			}
			return "acl-" + kind + "-" + w[2]
		},
		Title: "Acl view commands:",
		Cmds: []confCmd{
			{Syntax: "description {text:LINE<1-127>}"},
			{Syntax: "step {n:<1-20>}"},
			{Syntax: "rule {id:<0-65534>} (permit|deny) [{rest:LINE<1-400>}]", Key: 2,
				Undo: []string{"undo rule {id:<0-65534>} [{rest:LINE<1-400>}]"}},
			{Syntax: "rule {id:<0-65534>} comment {text:LINE<1-127>}", Key: 3},
		},
	}},
	Help: map[string]string{
		"acl":         "Specify acl configuration information",
		"acl number":  "Specify a numbered acl",
		"match-order": "Set an acl's match order",
		"rule":        "Specify an acl rule",
		"permit":      "Specify matched packet permitted",
		"deny":        "Specify matched packet denied",
		"step":        "Specify step of acl sub rule ID",
		"description": "Specify the acl description",
	},
}
