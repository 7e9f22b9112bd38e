package cli

// IRF (Intelligent Resilient Framework) of box switches.
//
// Source: HP A5120 EI Switch Series IRF Command Reference (Comware 5.20,
// Release 2208), "IRF configuration commands": irf domain, irf
// mac-address persistent { always | timer }, irf auto-update enable, irf
// link-delay interval (0-10000 ms), irf member member-id priority
// priority (1-32), irf member member-id description text, irf-port
// member-id/port-number with port group interface ... [ mode { enhanced |
// normal } ]; prompts [Sysname-irf-port1/1]. Lines as in the real
// configurations (testdata/realconfigs/).
var confIRF = confFeature{
	Name: "irf",
	Global: []confCmd{
		{Syntax: "irf domain {id:<0-4294967295>}"},
		{Syntax: "irf mac-address persistent (always|timer)", Undo: []string{"undo irf mac-address persistent"}},
		{Syntax: "irf auto-update enable"},
		{Syntax: "undo irf auto-update enable", Family: "irf auto-update"},
		{Syntax: "irf link-delay {ms:<0-10000>}", Family: "irf link-delay", Undo: []string{}},
		{Syntax: "undo irf link-delay", Family: "irf link-delay"},
		{Syntax: "irf member {member:<1-9>} priority {prio:<1-32>}", Key: 3},
		{Syntax: "irf member {member:<1-9>} description {text:LINE<1-127>}", Key: 3},
	},
	Views: []confView{{
		Kind:   "irf-port",
		Header: "irf-port {port:STRING<3-5>}",
		At:     "tail",
		Prompt: func(w []string) string { return "irf-port" + w[len(w)-1] },
		Title:  "IRF-port view commands:",
		Cmds: []confCmd{
			{Syntax: "port group interface {if:IFNAME} [mode (enhanced|normal)]", Key: 4,
				Undo: []string{"undo port group interface {if:IFNAME}"}},
		},
	}},
	Help: map[string]string{
		"irf":                  "Specify IRF configuration information",
		"irf domain":           "Specify IRF domain ID",
		"irf mac-address":      "Specify IRF MAC address information",
		"irf auto-update":      "Auto update",
		"irf link-delay":       "Specify delay time of reporting link down event",
		"irf member":           "Specify IRF member configuration information",
		"irf-port":             "Specify IRF port configuration information",
		"persistent":           "Specify MAC address persistent",
		"priority":             "Specify priority",
		"port group":           "Specify port group",
		"port group interface": "Specify interface",
	},
}
