package cli

import (
	"net/netip"
	"strconv"
	"strings"

	"switchemu/device"
)

// The part of an ACL rule after "permit" or "deny": parsed into what the
// rule matches and printed back the way the device prints it.
//
// Source: 3Com Switch 4500G Family Configuration Manual and HP A5120 EI
// ACL and QoS Command Reference (Comware 5.20): basic rules rule [
// rule-id ] { deny | permit } [ fragment | logging | source { sour-addr
// sour-wildcard | any } | time-range time-range-name ]*; advanced rules
// rule [ rule-id ] { deny | permit } protocol [ { established | { ack
// ack-value | fin fin-value | psh psh-value | rst rst-value | syn
// syn-value | urg urg-value } * } | destination { dest-addr
// dest-wildcard | any } | destination-port operator port1 [ port2 ] |
// dscp dscp | fragment | icmp-type { icmp-type icmp-code | icmp-message
// } | logging | precedence precedence | reflective | source { sour-addr
// sour-wildcard | any } | source-port operator port1 [ port2 ] |
// time-range time-range-name | tos tos ]*, operators eq, gt, lt, neq,
// range. The order the device prints the criteria in is [U] but for the
// real configurations in testdata/realconfigs (protocol, source,
// destination, destination-port); a wildcard of 0.0.0.0 prints "0", a
// port with a name prints the name [I from those configurations: "eq
// snmp", "eq dns", "eq klogin"].

// aclRuleSpec is a rule's criteria, each as the device prints it ("" =
// not given), in printing order.
type aclRuleSpec struct {
	proto      string // advanced: the protocol word ("ip", "tcp", "6"...)
	flags      []string
	src, srcP  string
	dst, dstP  string
	icmp       string
	prec, tos  string
	dscp       string
	fragment   bool
	logging    bool
	reflective bool
	timeRange  string
}

// aclProtocols are the protocol names rules take, with their numbers.
var aclProtocols = map[string]int{"ip": -1, "icmp": 1, "igmp": 2, "ipinip": 4, "tcp": 6, "udp": 17, "gre": 47, "ospf": 89}

// aclTCPPorts and aclUDPPorts are the port names the device prints
// (the mnemonic tables of the V5 ACL command references).
var aclTCPPorts = map[string]int{"bgp": 179, "chargen": 19, "cmd": 514, "daytime": 13, "discard": 9, "domain": 53,
	"echo": 7, "exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20, "gopher": 70, "hostname": 101, "irc": 194,
	"klogin": 543, "kshell": 544, "login": 513, "lpd": 515, "nntp": 119, "pop2": 109, "pop3": 110, "smtp": 25,
	"sunrpc": 111, "tacacs": 49, "talk": 517, "telnet": 23, "time": 37, "uucp": 540, "whois": 43, "www": 80}
var aclUDPPorts = map[string]int{"biff": 512, "bootpc": 68, "bootps": 67, "discard": 9, "dns": 53, "dnsix": 90,
	"echo": 7, "mobilip-ag": 434, "mobilip-mn": 435, "nameserver": 42, "netbios-dgm": 138, "netbios-ns": 137,
	"netbios-ssn": 139, "ntp": 123, "rip": 520, "snmp": 161, "snmptrap": 162, "sunrpc": 111, "syslog": 514,
	"tacacs-ds": 65, "talk": 517, "tftp": 69, "time": 37, "who": 513, "xdmcp": 177}

func portTable(proto string) map[string]int {
	switch proto {
	case "tcp", "6":
		return aclTCPPorts
	case "udp", "17":
		return aclUDPPorts
	}
	return nil
}

// portName prints port n the way the device does.
func portName(table map[string]int, n int) string {
	for name, v := range table {
		if v == n {
			return name
		}
	}
	return strconv.Itoa(n)
}

// aclParser walks the words of a rule's criteria.
type aclParser struct {
	toks []token
	i    int
	base int // offset of the criteria in the command line
	end  int // where the line ends, for Incomplete
}

func (p *aclParser) more() bool { return p.i < len(p.toks) }

func (p *aclParser) next() (token, error) {
	if !p.more() {
		return token{}, &ParseError{Kind: Incomplete, Pos: p.end}
	}
	t := p.toks[p.i]
	p.i++
	return t, nil
}

func (p *aclParser) fail(kind ParseErrorKind, t token) error {
	return &ParseError{Kind: kind, Pos: p.base + t.pos}
}

// keyword matches t against the words of one position, by unique prefix
// as the grammar does.
func (p *aclParser) keyword(t token, words ...string) (string, error) {
	var hits []string
	for _, w := range words {
		if w == strings.ToLower(t.text) {
			return w, nil
		}
		if strings.HasPrefix(w, strings.ToLower(t.text)) {
			hits = append(hits, w)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return "", p.fail(Unrecognized, t)
	}
	return "", p.fail(Ambiguous, t)
}

// address reads "A.B.C.D WILDCARD" or "any" after source/destination.
func (p *aclParser) address() (string, error) {
	t, err := p.next()
	if err != nil {
		return "", err
	}
	if strings.EqualFold(t.text, "any") {
		return "", nil
	}
	a, err := netip.ParseAddr(t.text)
	if err != nil || !a.Is4() {
		return "", p.fail(WrongParam, t)
	}
	w, err := p.next()
	if err != nil {
		return "", err
	}
	if w.text == "0" {
		return a.String() + " 0", nil
	}
	wa, err := netip.ParseAddr(w.text)
	if err != nil || !wa.Is4() {
		return "", p.fail(WrongParam, w)
	}
	if wa.IsUnspecified() {
		return a.String() + " 0", nil
	}
	return a.String() + " " + wa.String(), nil
}

// port reads "OP PORT [PORT]".
func (p *aclParser) port(proto string) (string, error) {
	t, err := p.next()
	if err != nil {
		return "", err
	}
	op, err := p.keyword(t, "eq", "gt", "lt", "neq", "range")
	if err != nil {
		return "", err
	}
	table := portTable(proto)
	one := func() (string, error) {
		v, err := p.next()
		if err != nil {
			return "", err
		}
		if n, err := strconv.Atoi(v.text); err == nil && n >= 0 && n <= 65535 {
			return portName(table, n), nil
		}
		if _, ok := table[strings.ToLower(v.text)]; ok {
			return strings.ToLower(v.text), nil
		}
		return "", p.fail(WrongParam, v)
	}
	lo, err := one()
	if err != nil {
		return "", err
	}
	if op != "range" {
		return op + " " + lo, nil
	}
	hi, err := one()
	if err != nil {
		return "", err
	}
	return op + " " + lo + " " + hi, nil
}

// value reads one word of a criterion that takes one (time-range NAME,
// dscp, precedence, tos).
func (p *aclParser) value() (string, error) {
	t, err := p.next()
	if err != nil {
		return "", err
	}
	return t.text, nil
}

// parseACLRule parses the criteria of a rule of an ACL of kind ("basic"
// or "adv"), given as the words of the command line from offset base.
func parseACLRule(kind, rest string, base, end int) (aclRuleSpec, error) {
	p := &aclParser{toks: tokenize(rest), base: base, end: end}
	var r aclRuleSpec
	words := []string{"fragment", "logging", "source", "time-range"}
	if kind == "adv" {
		t, err := p.next()
		if err != nil {
			return r, err
		}
		if n, err := strconv.Atoi(t.text); err == nil {
			if n < 0 || n > 255 {
				return r, p.fail(WrongParam, t)
			}
			r.proto = t.text
			for name, v := range aclProtocols {
				if v == n {
					r.proto = name
				}
			}
		} else {
			names := make([]string, 0, len(aclProtocols))
			for name := range aclProtocols {
				names = append(names, name)
			}
			if r.proto, err = p.keyword(t, names...); err != nil {
				return r, err
			}
		}
		words = []string{"ack", "destination", "destination-port", "dscp", "established", "fin", "fragment",
			"icmp-type", "logging", "precedence", "psh", "reflective", "rst", "source", "source-port", "syn",
			"time-range", "tos", "urg"}
	}
	for p.more() {
		t, _ := p.next()
		w, err := p.keyword(t, words...)
		if err != nil {
			return r, err
		}
		tcpOnly := w == "established" || w == "ack" || w == "fin" || w == "psh" || w == "rst" || w == "syn" || w == "urg"
		if (tcpOnly && r.proto != "tcp") || ((w == "source-port" || w == "destination-port") && portTable(r.proto) == nil) ||
			(w == "icmp-type" && r.proto != "icmp") {
			return r, p.fail(Unrecognized, t)
		}
		switch w {
		case "source":
			r.src, err = p.address()
		case "destination":
			r.dst, err = p.address()
		case "source-port":
			r.srcP, err = p.port(r.proto)
		case "destination-port":
			r.dstP, err = p.port(r.proto)
		case "fragment":
			r.fragment = true
		case "logging":
			r.logging = true
		case "reflective":
			r.reflective = true
		case "established":
			r.flags = append(r.flags, "established")
		case "ack", "fin", "psh", "rst", "syn", "urg":
			var v string
			if v, err = p.value(); err == nil {
				if v != "0" && v != "1" {
					return r, p.fail(WrongParam, p.toks[p.i-1])
				}
				r.flags = append(r.flags, w+" "+v)
			}
		case "icmp-type":
			if r.icmp, err = p.value(); err == nil && p.more() {
				if _, nerr := strconv.Atoi(r.icmp); nerr == nil {
					var code string
					code, err = p.value()
					r.icmp += " " + code
				}
			}
		case "dscp":
			r.dscp, err = p.value()
		case "precedence":
			r.prec, err = p.value()
		case "tos":
			r.tos, err = p.value()
		case "time-range":
			r.timeRange, err = p.value()
		}
		if err != nil {
			return r, err
		}
	}
	return r, nil
}

// text prints the criteria as the device does.
func (r aclRuleSpec) text() string {
	var w []string
	add := func(kw, v string) {
		if v != "" {
			w = append(w, kw+" "+v)
		}
	}
	if r.proto != "" {
		w = append(w, r.proto)
	}
	w = append(w, r.flags...)
	add("source", r.src)
	add("source-port", r.srcP)
	add("destination", r.dst)
	add("destination-port", r.dstP)
	add("icmp-type", r.icmp)
	add("precedence", r.prec)
	add("tos", r.tos)
	add("dscp", r.dscp)
	if r.fragment {
		w = append(w, "fragment")
	}
	if r.logging {
		w = append(w, "logging")
	}
	if r.reflective {
		w = append(w, "reflective")
	}
	add("time-range", r.timeRange)
	return strings.Join(w, " ")
}

// merge changes the criteria r gives in old: modifying a rule of a
// config-order ACL keeps the settings the command does not name (4500G
// manual, "Configuring a basic IPv4 ACL").
func (r aclRuleSpec) merge(old aclRuleSpec) aclRuleSpec {
	n := old
	if r.proto != "" {
		n.proto = r.proto
	}
	if len(r.flags) > 0 {
		n.flags = r.flags
	}
	pick := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	pick(&n.src, r.src)
	pick(&n.srcP, r.srcP)
	pick(&n.dst, r.dst)
	pick(&n.dstP, r.dstP)
	pick(&n.icmp, r.icmp)
	pick(&n.prec, r.prec)
	pick(&n.tos, r.tos)
	pick(&n.dscp, r.dscp)
	pick(&n.timeRange, r.timeRange)
	n.fragment = n.fragment || r.fragment
	n.logging = n.logging || r.logging
	n.reflective = n.reflective || r.reflective
	return n
}

// match is what the criteria match, for the device's checks.
func (r aclRuleSpec) match() *device.ACLMatch {
	m := &device.ACLMatch{Protocol: -1, Fragment: r.fragment}
	if n, ok := aclProtocols[r.proto]; ok {
		m.Protocol = n
	} else if n, err := strconv.Atoi(r.proto); err == nil {
		m.Protocol = n
	}
	m.Src = aclAddr(r.src)
	m.Dst = aclAddr(r.dst)
	table := portTable(r.proto)
	m.SrcPort = aclPorts(table, r.srcP)
	m.DstPort = aclPorts(table, r.dstP)
	return m
}

func aclAddr(s string) device.ACLAddr {
	f := strings.Fields(s)
	if len(f) != 2 {
		return device.ACLAddr{}
	}
	a := device.ACLAddr{Set: true, Addr: netip.MustParseAddr(f[0]).As4()}
	if f[1] != "0" {
		a.Wildcard = netip.MustParseAddr(f[1]).As4()
	}
	return a
}

func aclPorts(table map[string]int, s string) device.PortRange {
	f := strings.Fields(s)
	if len(f) < 2 {
		return device.PortRange{}
	}
	num := func(w string) int {
		if n, ok := table[w]; ok {
			return n
		}
		n, _ := strconv.Atoi(w)
		return n
	}
	v := num(f[1])
	switch f[0] {
	case "eq":
		return device.PortRange{Set: true, Lo: v, Hi: v}
	case "gt":
		return device.PortRange{Set: true, Lo: v + 1, Hi: 65535}
	case "lt":
		return device.PortRange{Set: true, Lo: 0, Hi: v - 1}
	case "neq":
		return device.PortRange{Set: true, Lo: v, Hi: v, Not: true}
	case "range":
		return device.PortRange{Set: true, Lo: v, Hi: num(f[2])}
	}
	return device.PortRange{}
}

// unset removes the criteria named by the words of undo rule ID WORDS
// (source, destination, ... : "only the specified information of the
// ACL rule is removed").
func (r aclRuleSpec) unset(kind, words string, base, end int) (aclRuleSpec, error) {
	p := &aclParser{toks: tokenize(words), base: base, end: end}
	names := []string{"fragment", "logging", "source", "time-range"}
	if kind == "adv" {
		names = []string{"destination", "destination-port", "dscp", "fragment", "icmp-type", "logging",
			"precedence", "source", "source-port", "time-range", "tos"}
	}
	for p.more() {
		t, _ := p.next()
		w, err := p.keyword(t, names...)
		if err != nil {
			return r, err
		}
		switch w {
		case "source":
			r.src = ""
		case "destination":
			r.dst = ""
		case "source-port":
			r.srcP = ""
		case "destination-port":
			r.dstP = ""
		case "fragment":
			r.fragment = false
		case "logging":
			r.logging = false
		case "icmp-type":
			r.icmp = ""
		case "precedence":
			r.prec = ""
		case "tos":
			r.tos = ""
		case "dscp":
			r.dscp = ""
		case "time-range":
			r.timeRange = ""
		}
	}
	return r, nil
}
