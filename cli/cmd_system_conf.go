package cli

// Global settings of the system view that real V5 configurations carry
// between the IRF lines and the VLANs.
//
// Sources: HP A5120 EI Switch Series Security Command Reference (5.20,
// R2208), "AAA configuration commands": domain default { disable |
// enable isp-name }; Fundamentals Command Reference, "Basic
// configuration commands": password-recovery enable, header { incoming |
// legal | login | motd | shell } text, command-alias enable, command-alias
// mapping cmdkey alias, copyright-info enable; "Web login commands": web
// idle-timeout minutes (1-999), ip http enable, ip http acl; Layer 3 - IP
// Services Command Reference: ip ttl-expires enable, ip unreachables
// enable, dns resolve, dns server ip-address, dns domain domain-name, dns
// proxy enable; Layer 2 - LAN Switching Command Reference: mac-address
// timer { aging seconds | no-aging } (10-1000000), loopback-detection
// enable, loopback-detection interval-time (5-300), lldp enable, lldp
// compliance cdp, lldp hold-multiplier (2-10), lldp timer tx-interval
// (5-32768), voice vlan vlan-id enable, voice vlan mac-address oui mask
// oui-mask [ description text ], voice vlan aging (5-43200), voice vlan
// security enable; NDP/NTDP/cluster: ndp enable, ntdp enable, cluster
// enable.
var confSystemMisc = confFeature{
	Name: "system",
	Global: []confCmd{
		{Syntax: "domain default enable {name:STRING<1-24>}", Group: "domain default", Key: 3,
			Undo: []string{"domain default disable", "undo domain default enable"}},
		{Syntax: "ip ttl-expires enable", Group: "ip ttl-expires", Family: "ip ttl-expires"},
		{Syntax: "undo ip ttl-expires [enable]", Group: "ip ttl-expires", Family: "ip ttl-expires", Undo: []string{}},
		{Syntax: "ip unreachables enable", Group: "ip unreachables"},
		{Syntax: "web idle-timeout {min:<1-999>}", Group: "web"},
		{Syntax: "undo ip http enable", Group: "http"},
		{Syntax: "ip http acl {acl:<2000-2999>}", Group: "http"},
		{Syntax: "undo ip https enable", Group: "http"},
		{Syntax: "irf-port load-sharing mode {rest:LINE<1-64>}", Group: "irf-port load-sharing", Key: 3},
		{Syntax: "lldp compliance cdp", Group: "lldp"},
		{Syntax: "undo lldp enable", Group: "lldp"},
		{Syntax: "lldp hold-multiplier {n:<2-10>}", Group: "lldp"},
		{Syntax: "lldp timer tx-interval {s:<5-32768>}", Group: "lldp", Key: 3},
		{Syntax: "lldp fast-count {n:<1-10>}", Group: "lldp"},
		{Syntax: "port-security enable", Group: "port-security"},
		{Syntax: "dot1x", Group: "dot1x"},
		{Syntax: "dot1x authentication-method (chap|eap|pap)", Group: "dot1x"},
		{Syntax: "portal server {name:STRING<1-32>} ip {ip:A.B.C.D} [{rest:LINE<1-200>}]", Group: "portal", Key: 3,
			Undo: []string{"undo portal server {name:STRING<1-32>}"}},
		{Syntax: "portal free-rule {id:<0-4294967295>} {rest:LINE<1-200>}", Group: "portal", Key: 3,
			Undo: []string{"undo portal free-rule {id:<0-4294967295>}"}},
		{Syntax: "mac-authentication", Group: "mac-authentication"},
		{Syntax: "mac-authentication domain {name:STRING<1-24>}", Group: "mac-authentication domain"},
		{Syntax: "poe legacy enable pse {pse:<1-16>}", Group: "poe legacy", Key: -1},
		{Syntax: "multicast routing-enable", Group: "multicast"},
		{Syntax: "password-recovery enable", Group: "password-recovery", Family: "password-recovery"},
		{Syntax: "undo password-recovery enable", Group: "password-recovery", Family: "password-recovery", Undo: []string{}},
		{Syntax: "undo copyright-info enable", Group: "copyright"},
		{Syntax: "undo ndp enable", Group: "ndp"},
		{Syntax: "undo ntdp enable", Group: "ntdp"},
		{Syntax: "undo cluster enable", Group: "cluster"},
		{Syntax: "loopback-detection enable", Group: "loopback-detection"},
		{Syntax: "loopback-detection interval-time {s:<5-300>}", Group: "loopback-detection"},
		{Syntax: "mac-address timer (aging {s:<10-1000000>}|no-aging)", Group: "mac-address", Key: 2},
		{Syntax: "dns resolve", Group: "dns"},
		{Syntax: "dns server {ip:A.B.C.D}", Group: "dns", Key: -1},
		{Syntax: "dns domain {name:STRING<1-253>}", Group: "dns", Key: -1},
		{Syntax: "dns proxy enable", Group: "dns"},
	},
	Help: map[string]string{
		"domain":             "Add domain or modify domain attributes",
		"domain default":     "Specify the default ISP domain",
		"password-recovery":  "Password recovery",
		"web":                "Web configuration",
		"web idle-timeout":   "Web user idle timeout",
		"http":               "Specify HTTP server",
		"ttl-expires":        "Enable TTL expires packet sending",
		"lldp":               "Link Layer Discovery Protocol(802.1ab)",
		"loopback-detection": "Detect if loopback exists",
		"voice":              "Specify voice VLAN",
		"dns":                "Domain name system",
		"command-alias":      "Specify command alias",
		"header":             "Specify the login banner",
		"enable":             "Enable function",
	},
}
