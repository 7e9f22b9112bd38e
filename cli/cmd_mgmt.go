package cli

import (
	"slices"
	"strings"
)

// Network management and monitoring: information center, SNMP, NTP,
// sFlow, NQA, FTP server, portal, SSH client lines, load lines. (clock
// summer-time and ntp-service unicast-server are modelled: cmd_summer.go,
// cmd_ntp.go.)
//
// Source: HP A5120 EI Switch Series Network Management and Monitoring
// Command Reference (Comware 5.20, Release 2208): "Information center
// configuration commands": info-center source { module-name | default }
// channel { channel-number | channel-name } [ debug ... | log ... | trap
// ... ]*, info-center timestamp { debugging | log | trap } { boot | date
// | none }, info-center timestamp loghost { date | iso | no-year-date |
// none }, info-center loghost source interface, info-center loghost
// ip-address [ port ] [ channel ] [ facility local-number ], info-center
// synchronous, info-center console channel; "SNMP configuration
// commands": snmp-agent, snmp-agent local-engineid, snmp-agent community
// { read | write } community-name [ acl acl-number | mib-view view-name
// ]*, snmp-agent sys-info { contact sys-contact | location sys-location |
// version { all | { v1 | v2c | v3 }* } }, snmp-agent group { v1 | v2c |
// v3 } group-name ..., snmp-agent target-host { inform | trap } address
// udp-domain ip-address ... params securityname ..., snmp-agent trap
// enable ..., snmp-agent trap source, snmp-agent usm-user { v1 | v2c | v3
// } user-name group-name ..., snmp-agent mib-view { excluded | included }
// view-name oid-tree; "NTP configuration commands": ntp-service
// unicast-server, ntp-service unicast-peer, ntp-service source-interface,
// ntp-service authentication enable, ntp-service authentication-keyid
// keyid authentication-mode md5 value, ntp-service reliable
// authentication-keyid; "sFlow configuration commands": sflow agent ip,
// sflow source ip, sflow collector collector-id ip ip-address [ port ]
// [ description ] ..., sflow sampling-rate, sflow flow collector, sflow
// flow max-header, sflow counter interval, sflow counter collector;
// "NQA configuration commands": nqa entry admin-name operation-tag →
// [Sysname-nqa-admin-tag], type { dhcp | dlsw | dns | ftp | http |
// icmp-echo | snmp | tcp | udp-echo | udp-jitter | voice } →
// [Sysname-nqa-admin-tag-icmp-echo], destination ip, frequency, probe
// count, probe timeout, history-record enable, nqa schedule admin-name
// operation-tag start-time ... lifetime ...; Fundamentals Command
// Reference: ftp server enable, ftp server acl, ftp timeout, clock
// summer-time zone-name { one-off | repeating } ...; Security Command
// Reference: portal server server-name ip ip-address [ key key-string |
// port port-id | url url-string ]*, portal free-rule, ssh client source,
// ssh client authentication server. The real configurations end with
// "load xml-configuration" (and "load tr069-configuration"). The banner
// (header) prints after SNMP, a multi-line one from its delimiter to the
// next (a public configuration template: " header login ^" / text / "^").
var confMgmt = confFeature{
	Name: "mgmt",
	Global: []confCmd{
		{Syntax: "info-center source {module:STRING<1-20>} channel {ch:STRING<1-30>} [{rest:LINE<1-200>}]", At: "info-center", Group: "info-center", Key: 5,
			Undo: []string{"undo info-center source {module:STRING<1-20>} channel {ch:STRING<1-30>}"}},
		{Syntax: "info-center timestamp (debugging|log|trap) (boot|date|none)", At: "info-center", Group: "info-center", Key: 3},
		{Syntax: "info-center timestamp loghost (date|iso|no-year-date|none)", At: "info-center", Group: "info-center", Key: 3},
		{Syntax: "info-center loghost source {if:IFNAME}", At: "info-center", Group: "info-center", Key: 3},
		{Syntax: "info-center loghost {ip:A.B.C.D} (port {port:<1-65535>} [{rest:LINE<1-64>}]|channel {rest:LINE<1-64>}|facility {rest:LINE<1-64>})",
			At: "info-center", Group: "info-center", Key: 3, Undo: []string{}},
		{Syntax: "info-center synchronous", At: "info-center", Group: "info-center"},
		{Syntax: "info-center console channel {ch:STRING<1-30>}", At: "info-center", Group: "info-center", Key: 3},
		{Syntax: "info-center monitor channel {ch:STRING<1-30>}", At: "info-center", Group: "info-center", Key: 3},
		{Syntax: "undo info-center (console|monitor|trapbuffer|logfile) enable", At: "info-center", Group: "info-center", Key: -1},
		{Syntax: "command-alias enable", At: "info-center", Group: "command-alias"},
		{Syntax: "command-alias mapping {cmd:STRING<1-20>} {alias:STRING<1-20>}", At: "info-center", Group: "command-alias", Key: 3,
			Undo: []string{"undo command-alias mapping {cmd:STRING<1-20>}"}},
	},
	Iface: []confCmd{
		{Syntax: "ntp-service (broadcast-client|multicast-client)", On: "l3", Key: -1},
		{Syntax: "portal server {name:STRING<1-32>} method (direct|layer3|redhcp)", On: "l3", Key: 2,
			Undo: []string{"undo portal"}},
		{Syntax: "portal domain {name:STRING<1-24>}", On: "l3"},
	},
	Views: []confView{{
		Kind:   "nqa",
		Header: "nqa entry {admin:STRING<1-32>} {tag:STRING<1-32>}",
		Key:    4,
		At:     "interface",
		Prompt: func(w []string) string { return "nqa-" + w[2] + "-" + w[3] },
		Title:  "NQA entry view commands:",
		Views: []confView{{
			Kind:   "nqa-type",
			Sorted: true,
			Header: "type (dhcp|dlsw|dns|ftp|http|icmp-echo|snmp|tcp|udp-echo|udp-jitter|voice)",
			Key:    1,
			Prompt: func(w []string) string { return w[1] },
			Title:  "NQA test type view commands:",
			Cmds: []confCmd{
				{Syntax: "destination ip {ip:A.B.C.D}", Key: 2},
				{Syntax: "destination port {port:<1-65535>}", Key: 2},
				{Syntax: "source ip {ip:A.B.C.D}", Key: 2},
				{Syntax: "source interface {if:IFNAME}", Key: 2},
				{Syntax: "frequency {ms:<0-604800000>}"},
				{Syntax: "probe count {n:<1-15>}", Key: 2},
				{Syntax: "probe timeout {ms:<10-86400000>}", Key: 2},
				{Syntax: "probe packet-number {n:<10-1000>}", Key: 2},
				{Syntax: "probe packet-timeout {ms:<10-3600000>}", Key: 2},
				{Syntax: "data-fill {s:STRING<1-200>}"},
				{Syntax: "resolve-target {name:STRING<1-255>}"},
				{Syntax: "source port {port:<1-65535>}", Key: 2},
				{Syntax: "history-record enable"},
				{Syntax: "history-record number {n:<0-50>}", Key: 2},
				{Syntax: "reaction {rest:LINE<1-200>}", Key: 2},
				{Syntax: "next-hop {ip:A.B.C.D}"},
				{Syntax: "ttl {n:<1-255>}"},
				{Syntax: "tos {n:<0-255>}"},
				{Syntax: "data-size {n:<20-8100>}"},
			},
		}},
	}},
	Help: map[string]string{
		"info-center": "Specify information center configuration information",
		"snmp-agent":  "Specify SNMP (Simple Network Management Protocol) configuration information",
		"community":   "Set a community for SNMPv1 and SNMPv2c",
		"sys-info":    "Set system information",
		"target-host": "Set target host of SNMP traps",
		"usm-user":    "Set a user for SNMPv3",
		"mib-view":    "Set SNMP MIB view information",
		"ntp-service": "Specify NTP (Network Time Protocol) configuration information",
		"sflow":       "Specify sFlow configuration information",
		"nqa":         "Network Quality Analyzer",
		"ftp":         "Specify FTP configuration information",
		"portal":      "Portal configuration",
		"load":        "Load configuration",
		"summer-time": "Configure summer time",
		"type":        "Specify a test type",
	},
}

// confMgmtTail are the management lines printed after the DHCP ones:
// sFlow, NQA schedules, portal, FTP, SSH client, load.
var confMgmtTail = confFeature{
	Name: "mgmt",
	Global: []confCmd{
		{Syntax: "nqa schedule {admin:STRING<1-32>} {tag:STRING<1-32>} start-time {rest:LINE<1-128>}", At: "info-center", Group: "nqa", Key: 4,
			Undo: []string{"undo nqa schedule {admin:STRING<1-32>} {tag:STRING<1-32>}"}},
		{Syntax: "nqa server enable", At: "info-center", Group: "nqa"},
		{Syntax: "ntp-service unicast-peer {ip:A.B.C.D} [{rest:LINE<1-128>}]", At: "info-center", Group: "ntp-service", Key: 3},
		{Syntax: "ntp-service source-interface {if:IFNAME}", At: "info-center", Group: "ntp-service"},
		{Syntax: "ntp-service authentication enable", At: "info-center", Group: "ntp-service"},
		{Syntax: "ntp-service authentication-keyid {id:<1-4294967295>} authentication-mode md5 {key:STRING<1-32>}", At: "info-center", Group: "ntp-service", Key: 3,
			Undo: []string{"undo ntp-service authentication-keyid {id:<1-4294967295>}"}},
		{Syntax: "ntp-service reliable authentication-keyid {id:<1-4294967295>}", At: "info-center", Group: "ntp-service", Key: -1},
		{Syntax: "ntp-service refclock-master [{rest:LINE<1-64>}]", At: "info-center", Group: "ntp-service", Key: 2},
		{Syntax: "rmon event {id:<1-65535>} {rest:LINE<1-255>}", At: "ssh", Group: "rmon", Key: 3,
			Undo: []string{"undo rmon event {id:<1-65535>}"}},
		{Syntax: "ftp server enable", At: "ssh", Group: "ftp"},
		{Syntax: "ftp server acl {acl:<2000-2999>}", At: "ssh", Group: "ftp"},
		{Syntax: "ftp timeout {min:<1-35791>}", At: "ssh", Group: "ftp"},
		{Syntax: "sflow agent ip {ip:A.B.C.D}", At: "ssh", Group: "sflow", Key: 2},
		{Syntax: "sflow source ip {ip:A.B.C.D}", At: "ssh", Group: "sflow", Key: 2},
		{Syntax: "sflow collector {id:<1-10>} ip {ip:A.B.C.D} [{rest:LINE<1-128>}]", At: "ssh", Group: "sflow", Key: 3,
			Undo: []string{"undo sflow collector {id:<1-10>}"}},
		{Syntax: "ssh client source (interface {if:IFNAME}|ip {ip:A.B.C.D})", At: "ssh", Group: "ssh", Key: 3},
		{Syntax: "ssh client authentication server {ip:A.B.C.D} assign publickey {key:STRING<1-64>}", At: "ssh-tail", Group: "ssh", Key: 4,
			Undo: []string{"undo ssh client authentication server {ip:A.B.C.D} assign publickey"}},
		{Syntax: "ssh client first-time enable", At: "ssh", Group: "ssh"},
		{Syntax: "undo ssh client first-time", At: "ssh", Group: "ssh"},
		{Syntax: "load xml-configuration", At: "end", Group: "load xml", Undo: []string{}},
		{Syntax: "load tr069-configuration", At: "end", Group: "load tr069", Undo: []string{}},
	},
}

// closedBanner: a banner's text ends with the character it starts with
// (one line, "%text%", or several: typed after the dialog of
// bannerDialog, or joined by replay).
func closedBanner(words []string) bool {
	text := words[len(words)-1]
	return len(text) >= 2 && strings.Contains(text[1:], text[:1])
}

// bannerDialog reads the rest of a banner typed over several lines: after
// "header motd %" the device asks for the text and reads lines until one
// holds the delimiter (reference §6.1: "Input banner text, and quit with
// the character '%'." [U wording]).
func bannerDialog(s *Session, words []string) ([]string, error) {
	text := words[len(words)-1]
	delim := text[:1]
	if strings.Contains(text[1:], delim) {
		return words, nil
	}
	s.t.text("Input banner text, and quit with the character '" + delim + "'.\n")
	for {
		line, err := s.ask("")
		if err != nil {
			return nil, err
		}
		text += "\n" + line
		if strings.Contains(line, delim) {
			break
		}
	}
	words = slices.Clone(words)
	words[len(words)-1] = text
	return words, nil
}
