package cli

// AAA: RADIUS and HWTACACS schemes, ISP domains, user groups.
//
// Source: HP A5120 EI Switch Series Security Command Reference (Comware
// 5.20, Release 2208), "AAA configuration commands", "RADIUS
// configuration commands", "HWTACACS configuration commands": radius
// scheme radius-scheme-name (1-32 characters) → [Sysname-radius-NAME];
// server-type { extended | standard }; primary { accounting |
// authentication } ip-address [ port-number ] [ key string ]; secondary
// ...; key { accounting | authentication } [ cipher | simple ] key;
// user-name-format { keep-original | with-domain | without-domain };
// nas-ip; timer response-timeout; retry; domain isp-name (1-24) →
// [Sysname-isp-NAME]; access-limit { disable | enable max-user-number };
// state { active | block }; idle-cut { disable | enable minute [ flow ] };
// self-service-url { disable | enable url-string }; authentication,
// authorization, accounting { default | lan-access | login | portal |
// ppp | command } { hwtacacs-scheme | local | none | radius-scheme } ...;
// user-group group-name → [Sysname-ugroup-NAME]; group-attribute
// allow-guest.
var confAAA = confFeature{
	Name: "aaa",
	Views: []confView{
		{
			Kind:   "radius",
			Header: "radius scheme {name:STRING<1-32>}",
			Joined: true,
			Prompt: func(w []string) string { return "radius-" + w[2] },
			Title:  "Radius-template view commands:",
			Cmds: []confCmd{
				{Syntax: "server-type (extended|standard)"},
				{Syntax: "primary (authentication|accounting) {ip:A.B.C.D} [{port:<1-65535>}] [key {key:STRING<1-64>}]", Key: 2},
				{Syntax: "secondary (authentication|accounting) {ip:A.B.C.D} [{port:<1-65535>}] [key {key:STRING<1-64>}]", Key: -1,
					Undo: []string{"undo secondary (authentication|accounting) [{ip:A.B.C.D}]"}},
				{Syntax: "key (authentication|accounting) [(cipher|simple)] {key:STRING<1-117>}", Key: 2},
				{Syntax: "user-name-format (keep-original|with-domain|without-domain)"},
				{Syntax: "nas-ip {ip:A.B.C.D}"},
				{Syntax: "timer (response-timeout|quiet|realtime-accounting) {n:<1-3600>}", Key: 2},
				{Syntax: "retry {n:<1-20>}"},
				{Syntax: "retry realtime-accounting {n:<1-255>}"},
				{Syntax: "accounting-on enable [{rest:LINE<1-64>}]", Key: 2},
				{Syntax: "security-policy-server {ip:A.B.C.D}", Key: -1},
			},
		},
		{
			Kind:   "hwtacacs",
			Header: "hwtacacs scheme {name:STRING<1-32>}",
			Prompt: func(w []string) string { return "hwtacacs-" + w[2] },
			Title:  "HWTACACS view commands:",
			Cmds: []confCmd{
				{Syntax: "primary (authentication|authorization|accounting) {ip:A.B.C.D} [{port:<1-65535>}]", Key: 2},
				{Syntax: "secondary (authentication|authorization|accounting) {ip:A.B.C.D} [{port:<1-65535>}]", Key: 2},
				{Syntax: "key (authentication|authorization|accounting) [(cipher|simple)] {key:STRING<1-117>}", Key: 2},
				{Syntax: "user-name-format (keep-original|with-domain|without-domain)"},
				{Syntax: "nas-ip {ip:A.B.C.D}"},
				{Syntax: "timer (response-timeout|quiet|realtime-accounting) {n:<1-3600>}", Key: 2},
			},
		},
		{
			Kind:   "isp",
			Header: "domain {name:STRING<1-24>}",
			Joined: true,
			Prompt: func(w []string) string { return "isp-" + w[1] },
			Title:  "ISP view commands:",
			Cmds: []confCmd{
				{Syntax: "(authentication|authorization|accounting) (default|lan-access|login|portal|ppp|command) (local|none|radius-scheme {s:STRING<1-32>} [local]|hwtacacs-scheme {s:STRING<1-32>} [local])", Key: 2},
				{Syntax: "access-limit (disable|enable {n:<1-2147483646>})", Key: 1, Undo: []string{}},
				{Syntax: "state (active|block)", Key: 1, Undo: []string{}},
				{Syntax: "idle-cut (disable|enable {min:<1-120>} [{flow:<1-10240000>}])", Key: 1, Undo: []string{}},
				{Syntax: "self-service-url (disable|enable {url:LINE<1-64>})", Key: 1, Undo: []string{}},
				{Syntax: "accounting optional"},
				{Syntax: "authorization-attribute (idle-cut|level|user-profile|vlan) {rest:LINE<1-64>}", Key: 2},
			},
		},
	},
	Help: map[string]string{
		"radius":           "Specify RADIUS configuration information",
		"radius scheme":    "Add RADIUS scheme or modify radius scheme attributes",
		"hwtacacs":         "Specify HWTACACS configuration information",
		"hwtacacs scheme":  "Add HWTACACS scheme or modify HWTACACS scheme attributes",
		"server-type":      "Specify the type of RADIUS server",
		"primary":          "Specify IP address of primary server",
		"secondary":        "Specify IP address of secondary server",
		"user-name-format": "Specify user-name format sent to RADIUS server",
		"access-limit":     "Specify access limit of domain",
		"state":            "Specify state of domain",
		"idle-cut":         "Specify idle-cut attribute of domain",
		"self-service-url": "Specify self-service URL(Uniform Resource Locator) of domain",
		"authentication":   "Specify authentication scheme",
		"authorization":    "Specify authorization scheme",
		"accounting":       "Specify accounting scheme",
	},
}

// confUserGroup is the user-group view; user groups print after the DHCP
// pools and before the local users.
var confUserGroup = confFeature{
	Name: "user-group",
	Views: []confView{{
		Kind:   "ugroup",
		Header: "user-group {name:STRING<1-32>}",
		Joined: true,
		Prompt: func(w []string) string { return "ugroup-" + w[1] },
		Title:  "User-group view commands:",
		Cmds: []confCmd{
			{Syntax: "group-attribute allow-guest"},
		},
	}},
	Help: map[string]string{
		"user-group":      "Specify user group",
		"group-attribute": "Specify group attribute",
		"allow-guest":     "Allow guest",
	},
}
