package cli

import (
	"net/netip"
	"slices"
	"strconv"
)

// Dynamic routing (OSPF, RIP) and the routing lines of VLAN interfaces.
//
// Source: HP A5120 EI Switch Series Layer 3 - IP Routing Command
// Reference (Comware 5.20, Release 2208), "OSPF configuration commands":
// ospf [ process-id | router-id router-id | vpn-instance ... ] *
// (process 1-65535, default 1) → [Sysname-ospf-1]; area area-id (an
// integer or dotted) → [Sysname-ospf-1-area-0.0.0.0]; network ip-address
// wildcard-mask; import-route protocol ...; default-route-advertise ...;
// silent-interface { interface-type interface-number | all }; stub [
// no-summary ]; nssa ...; ospf cost value (1-65535), ospf network-type
// ..., ospf timer hello (interface view); "RIP configuration commands":
// rip [ process-id ] → [Sysname-rip-1]; network network-address; version
// { 1 | 2 [ broadcast | multicast ] }; undo summary; rip version 2
// (interface view); "VRRP": vrrp vrid virtual-router-id virtual-ip
// virtual-address, priority (1-254), preempt-mode; IP Multicast: igmp
// enable, pim dm, pim sm, multicast routing-enable.
var confRouting = confFeature{
	Name:   "routing",
	Global: []confCmd{},
	Iface: []confCmd{
		{Syntax: "vrrp vrid {v:<1-255>} virtual-ip {ip:A.B.C.D}", On: "l3", Key: -1,
			Undo: []string{"undo vrrp vrid {v:<1-255>} [virtual-ip [{ip:A.B.C.D}]]"}},
		{Syntax: "vrrp vrid {v:<1-255>} priority {prio:<1-254>}", On: "l3", Key: 4},
		{Syntax: "vrrp vrid {v:<1-255>} preempt-mode [timer delay {s:<0-255>}]", On: "l3", Key: 4},
		{Syntax: "vrrp vrid {v:<1-255>} authentication-mode (md5|simple) {key:STRING<1-53>}", On: "l3", Key: 4},
		{Syntax: "vrrp vrid {v:<1-255>} track {rest:LINE<1-128>}", On: "l3", Key: 4},
		{Syntax: "ospf cost {cost:<1-65535>}", On: "l3"},
		{Syntax: "ospf network-type (broadcast|nbma|p2mp|p2p)", On: "l3"},
		{Syntax: "ospf timer (hello|dead|poll|retransmit|transmit-delay) {s:<1-2147483647>}", On: "l3", Key: 3},
		{Syntax: "ospf authentication-mode {rest:LINE<1-128>}", On: "l3", Key: 2},
		{Syntax: "rip version (1|2 [(broadcast|multicast)])", On: "l3", Key: 2},
		{Syntax: "rip authentication-mode {rest:LINE<1-128>}", On: "l3", Key: 2},
		{Syntax: "igmp enable", On: "l3"},
		{Syntax: "pim (dm|sm)", On: "l3"},
		{Syntax: "ip forward-broadcast", On: "l3"},
		{Syntax: "proxy-arp enable", On: "l3"},
	},
	Views: []confView{
		{
			Kind:   "ospf",
			Header: "ospf [{id:<1-65535>}] [router-id {rid:A.B.C.D}]",
			Key:    2,
			Canon:  defaultProcess,
			At:     "interface",
			Prompt: func(w []string) string { return "ospf-" + w[1] },
			Title:  "OSPF view commands:",
			Cmds: []confCmd{
				{Syntax: "import-route {proto:STRING<1-10>} [{rest:LINE<1-128>}]", Key: 2,
					Undo: []string{"undo import-route {proto:STRING<1-10>} [{rest:LINE<1-128>}]"}},
				{Syntax: "default-route-advertise [{rest:LINE<1-128>}]", Key: 1},
				{Syntax: "silent-interface ({if:IFNAME}|all)", Key: -1},
				{Syntax: "preference [ase] {n:<1-255>}", Key: -1},
				{Syntax: "stub-router"},
			},
			Views: []confView{{
				Kind:   "ospf-area",
				Header: "area ({area:A.B.C.D}|{n:<0-4294967295>})",
				Key:    2,
				Canon:  dottedArea,
				Prompt: func(w []string) string { return "area-" + w[1] },
				Title:  "OSPF Area view commands:",
				Cmds: []confCmd{
					{Syntax: "network {ip:A.B.C.D} {wild:A.B.C.D}", Key: -1},
					{Syntax: "stub [no-summary]", Key: 1},
					{Syntax: "nssa [{rest:LINE<1-128>}]", Key: 1},
					{Syntax: "authentication-mode (md5|simple)"},
					{Syntax: "abr-summary {ip:A.B.C.D} {mask:A.B.C.D} [(advertise|not-advertise)]", Key: 3},
				},
			}},
		},
		{
			Kind:   "rip",
			Header: "rip [{id:<1-65535>}]",
			Key:    2,
			Canon:  defaultProcess,
			At:     "interface",
			Prompt: func(w []string) string { return "rip-" + w[1] },
			Title:  "RIP view commands:",
			Cmds: []confCmd{
				{Syntax: "network {ip:A.B.C.D}", Key: -1},
				{Syntax: "version (1|2 [(broadcast|multicast)])", Key: 1},
				{Syntax: "undo summary", Family: "summary"},
				{Syntax: "summary", Family: "summary", Undo: []string{}},
				{Syntax: "import-route {proto:STRING<1-10>} [{rest:LINE<1-128>}]", Key: 2,
					Undo: []string{"undo import-route {proto:STRING<1-10>} [{rest:LINE<1-128>}]"}},
				{Syntax: "silent-interface ({if:IFNAME}|all)", Key: -1},
				{Syntax: "default-route originate [{rest:LINE<1-128>}]", Key: 2},
			},
		},
		{
			Kind:   "pim",
			Header: "pim",
			Key:    1,
			At:     "interface",
			Prompt: func([]string) string { return "pim" },
			Title:  "PIM view commands:",
			Cmds: []confCmd{
				{Syntax: "static-rp {ip:A.B.C.D} [{rest:LINE<1-64>}]", Key: 2},
				{Syntax: "c-bsr {rest:LINE<1-64>}", Key: 1},
				{Syntax: "c-rp {rest:LINE<1-64>}", Key: 1},
			},
		},
	},
	Help: map[string]string{
		"ospf":         "Open Shortest Path First (OSPF)",
		"rip":          "Routing Information Protocol (RIP)",
		"area":         "Configure OSPF area",
		"network":      "Enable routing on specified interface network",
		"router-id":    "Router ID",
		"vrrp":         "Specify VRRP (Virtual Router Redundancy Protocol) configuration information",
		"import-route": "Import routes from other protocols into OSPF",
	},
}

// defaultProcess makes "ospf" and "ospf router-id X" name process 1, as
// the device prints them.
func defaultProcess(w []string) []string {
	if len(w) < 2 || w[1] == "router-id" {
		return slices.Insert(slices.Clone(w), 1, "1")
	}
	return w
}

// dottedArea prints an area given as an integer in dotted form.
func dottedArea(w []string) []string {
	if len(w) < 2 {
		return w
	}
	if n, err := strconv.ParseUint(w[1], 10, 32); err == nil {
		out := slices.Clone(w)
		out[1] = netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}).String()
		return out
	}
	return w
}
