package cli

// QoS: traffic classifiers, behaviors and policies.
//
// Source: HP A5120 EI Switch Series ACL and QoS Command Reference
// (Comware 5.20, Release 2208), "QoS policy commands": traffic classifier
// tcl-name [ operator { and | or } ] → [Sysname-classifier-NAME];
// if-match match-criteria; traffic behavior behavior-name →
// [Sysname-behavior-NAME]; car cir ...; filter { deny | permit };
// redirect { cpu | interface ... | next-hop ... }; remark { dot1p |
// dscp | local-precedence | ip-precedence | customer-vlan-id |
// service-vlan-id } value; accounting; qos policy policy-name →
// [Sysname-qospolicy-NAME]; classifier tcl-name behavior behavior-name [
// mode qppb-manipulation ]. "Priority mapping" and "line rate": qos
// apply policy, qos trust, qos priority, qos lr (interface view, in
// cmd_port.go); qos vlan-policy policy-name vlan vlan-id-list { inbound |
// outbound }. The real configurations print consecutive classifiers,
// behaviors and policies without "#" between them.
var confQoS = confFeature{
	Name: "qos",
	Global: []confCmd{
		{Syntax: "qos vlan-policy {policy:STRING<1-31>} vlan {rest:LINE<1-255>}", At: "interface", Key: -1,
			Undo: []string{"undo qos vlan-policy vlan {rest:LINE<1-255>}"}},
		{Syntax: "qos apply policy {policy:STRING<1-31>} global (inbound|outbound)", At: "interface", Key: -1,
			Undo: []string{"undo qos apply policy global (inbound|outbound)"}},
	},
	Iface: []confCmd{},
	Views: []confView{
		{
			Kind:   "classifier",
			Header: "traffic classifier {name:STRING<1-31>} [operator (and|or)]",
			Key:    3,
			Joined: true,
			Prompt: func(w []string) string { return "classifier-" + w[2] },
			Title:  "Classifier view commands:",
			Cmds: []confCmd{
				{Syntax: "if-match [not] {rest:LINE<1-255>}", Key: -1, Undo: []string{"undo if-match [not] {rest:LINE<1-255>}"}},
			},
		},
		{
			Kind:   "behavior",
			Header: "traffic behavior {name:STRING<1-31>}",
			Joined: true,
			Prompt: func(w []string) string { return "behavior-" + w[2] },
			Title:  "Behavior view commands:",
			Cmds: []confCmd{
				{Syntax: "car {rest:LINE<1-255>}", Key: 1},
				{Syntax: "filter (deny|permit)"},
				{Syntax: "redirect {rest:LINE<1-255>}", Key: 1},
				{Syntax: "remark {what:STRING<1-20>} {rest:LINE<1-64>}", Key: 2,
					Undo: []string{"undo remark {what:STRING<1-20>}"}},
				{Syntax: "accounting [(byte|packet)]"},
				{Syntax: "mirror-to {rest:LINE<1-255>}", Key: 1},
				{Syntax: "nest top-most vlan-id {id:<1-4094>}", Key: 2},
			},
		},
		{
			Kind:   "qospolicy",
			Header: "qos policy {name:STRING<1-31>}",
			Joined: true,
			Prompt: func(w []string) string { return "qospolicy-" + w[2] },
			Title:  "Policy view commands:",
			Cmds: []confCmd{
				{Syntax: "classifier {tcl:STRING<1-31>} behavior {behavior:STRING<1-31>} [mode (dcbx|qppb-manipulation)]", Key: 2,
					Undo: []string{"undo classifier {tcl:STRING<1-31>}"}},
			},
		},
	},
	Help: map[string]string{
		"traffic":            "Specify traffic configuration information",
		"traffic classifier": "Specify traffic classifier",
		"traffic behavior":   "Specify traffic behavior",
		"qos":                "Command-group of QoS",
		"qos policy":         "QoS policy",
		"if-match":           "Specify matching statement for classification",
		"classifier":         "Specify traffic classifier",
		"operator":           "Specify the operator of classifier",
		"car":                "Specify CAR action",
		"filter":             "Specify packet filter action",
		"redirect":           "Redirect packets",
		"remark":             "Remark action",
	},
}
