package device

import (
	"cmp"
	"fmt"
	"math/bits"
	"net/netip"
	"slices"
)

// ACLs (acl number 2000-5999) and their rules. The configuration keeps
// each ACL's rules as the device prints them and, for the IPv4 basic and
// advanced ones, what they match; the match counters are runtime state of
// the device, kept apart from the configuration (display acl shows them,
// reset acl counter clears them).
//
// Source: 3Com Switch 4500G Family Configuration Manual (Comware 5.20),
// "ACL configuration": basic ACLs 2000-2999 match the source address,
// advanced ACLs 3000-3999 the source and destination, the protocol over
// IP and the TCP/UDP ports; match order config (by rule ID) or auto
// (depth first); rule IDs assigned automatically are "the smallest
// multiple of the step that is bigger than the current biggest number",
// the step defaulting to 5.

// ACL match orders.
const (
	MatchConfig = "config" // the default: by rule ID
	MatchAuto   = "auto"   // depth first
)

// DefaultACLStep is the rule numbering step of a new ACL.
const DefaultACLStep = 5

// ACL is one numbered ACL.
type ACL struct {
	Number      int
	Name        string // "" = not named
	MatchOrder  string // MatchConfig ("" too) or MatchAuto
	Description string
	Step        int // 0 = DefaultACLStep
	Rules       []ACLRule
}

// ACLRule is one rule of an ACL.
type ACLRule struct {
	ID      int
	Permit  bool
	Text    string // what follows "permit"/"deny", as the device prints it; "" = everything
	Comment string // rule ID comment TEXT
	// Match is what the rule matches, for the IPv4 basic and advanced
	// ACLs; nil for the others (kept as lines, never evaluated).
	Match *ACLMatch
}

// ACLMatch is what an IPv4 rule matches. Zero fields match anything.
type ACLMatch struct {
	Protocol int // IP protocol number; -1 = any ("ip")
	Src, Dst ACLAddr
	SrcPort  PortRange
	DstPort  PortRange
	Fragment bool // matches only non-first fragments: never a TCP connection
}

// ACLAddr is an address with a wildcard (the complement of a mask: its
// one bits are "don't care").
type ACLAddr struct {
	Set      bool
	Addr     [4]byte
	Wildcard [4]byte
}

// Zeros is how many zero bits the wildcard has (32 for a host, 0 for any):
// the depth-first order's measure.
func (a ACLAddr) Zeros() int {
	if !a.Set {
		return 0
	}
	n := 0
	for _, b := range a.Wildcard {
		n += 8 - bits.OnesCount8(b)
	}
	return n
}

// Matches reports whether ip is in the address's range.
func (a ACLAddr) Matches(ip [4]byte) bool {
	if !a.Set {
		return true
	}
	for i := range ip {
		if (ip[i]^a.Addr[i])&^a.Wildcard[i] != 0 {
			return false
		}
	}
	return true
}

// PortRange is a TCP/UDP port condition: Lo..Hi inclusive; the zero value
// matches any port.
type PortRange struct {
	Set    bool
	Lo, Hi int
	Not    bool // neq: any port but Lo
}

// Width is how many ports the range holds (65536 when unset).
func (p PortRange) Width() int {
	switch {
	case !p.Set:
		return 65536
	case p.Not:
		return 65535
	}
	return p.Hi - p.Lo + 1
}

// Matches reports whether port is in the range.
func (p PortRange) Matches(port int) bool {
	if p.Not {
		return port != p.Lo
	}
	return !p.Set || port >= p.Lo && port <= p.Hi
}

// ACLPacket is what a rule is checked against: a connection's first
// packet as the device sees it.
type ACLPacket struct {
	Protocol         int // 6 = TCP
	Src, Dst         [4]byte
	SrcPort, DstPort int
}

func (m *ACLMatch) matches(p ACLPacket) bool {
	if m.Fragment {
		return false
	}
	if m.Protocol >= 0 && m.Protocol != p.Protocol {
		return false
	}
	return m.Src.Matches(p.Src) && m.Dst.Matches(p.Dst) && m.SrcPort.Matches(p.SrcPort) && m.DstPort.Matches(p.DstPort)
}

// ACLKind is the category of an ACL number.
func ACLKind(n int) string {
	switch {
	case n >= 2000 && n < 3000:
		return "basic"
	case n >= 3000 && n < 4000:
		return "adv"
	case n >= 4000 && n < 5000:
		return "ethernetframe"
	}
	return "user"
}

// StepOrDefault is the ACL's rule numbering step.
func (a *ACL) StepOrDefault() int {
	if a.Step <= 0 {
		return DefaultACLStep
	}
	return a.Step
}

// NextRuleID is the ID a rule typed without one gets: 0 in an empty
// ACL, else the smallest multiple of the step above the highest ID; -1
// when that is beyond 65534.
func (a *ACL) NextRuleID() int {
	if len(a.Rules) == 0 {
		return 0
	}
	high := 0
	for _, r := range a.Rules {
		high = max(high, r.ID)
	}
	step := a.StepOrDefault()
	next := (high/step + 1) * step
	if next > 65534 {
		return -1
	}
	return next
}

// Rule returns the index of rule id, or -1.
func (a *ACL) Rule(id int) int {
	return slices.IndexFunc(a.Rules, func(r ACLRule) bool { return r.ID == id })
}

// Ordered returns the rules in match order: by ID, or depth first for
// match-order auto (the protocol given before any protocol, then more
// zeros in the source wildcard, more in the destination one, narrower
// source and destination ports, and the lower ID; 4500G manual, "depth-
// first match for an advanced IPv4 ACL"). The device prints them in this
// order too.
func (a *ACL) Ordered() []ACLRule {
	out := slices.Clone(a.Rules)
	slices.SortStableFunc(out, func(x, y ACLRule) int { return cmp.Compare(x.ID, y.ID) })
	if a.MatchOrder != MatchAuto {
		return out
	}
	slices.SortStableFunc(out, func(x, y ACLRule) int {
		mx, my := x.Match, y.Match
		if mx == nil || my == nil {
			return 0
		}
		anyProto := func(m *ACLMatch) int {
			if m.Protocol < 0 {
				return 1
			}
			return 0
		}
		return cmp.Or(
			cmp.Compare(anyProto(mx), anyProto(my)),
			cmp.Compare(my.Src.Zeros(), mx.Src.Zeros()),
			cmp.Compare(my.Dst.Zeros(), mx.Dst.Zeros()),
			cmp.Compare(mx.SrcPort.Width(), my.SrcPort.Width()),
			cmp.Compare(mx.DstPort.Width(), my.DstPort.Width()),
		)
	})
	return out
}

// Clone returns a deep copy of a.
func (a ACL) Clone() ACL {
	n := a
	n.Rules = slices.Clone(a.Rules)
	for i, r := range n.Rules {
		if r.Match != nil {
			m := *r.Match
			n.Rules[i].Match = &m
		}
	}
	return n
}

// ACLByName returns the number of the ACL named name (case-insensitive,
// as the device compares ACL names), or 0.
func (c *Config) ACLByName(name string) int {
	for n, a := range c.ACLs {
		if a.Name != "" && equalFold(a.Name, name) {
			return n
		}
	}
	return 0
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// SortedACLs returns the ACL numbers in ascending order.
func (c *Config) SortedACLs() []int {
	out := make([]int, 0, len(c.ACLs))
	for n := range c.ACLs {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// aclHitKey names one rule's match counter.
type aclHitKey struct{ acl, rule int }

// ACLVerdict is what checking a packet against an ACL decided.
type ACLVerdict struct {
	Permit bool
	Rule   int  // the rule that matched; -1 = none
	Exists bool // the ACL exists and has rules
}

// CheckACL checks p against ACL n in match order and counts the match on
// the rule that decides. A packet no rule matches is denied; an ACL that
// does not exist or has no rules restricts nothing (Permit true, Exists
// false) [U: the device's handling of an empty or missing ACL referenced
// by a user interface is not in the references read].
func (d *Device) CheckACL(n int, p ACLPacket) ACLVerdict {
	d.mu.Lock()
	defer d.mu.Unlock()
	a, ok := d.cfg.ACLs[n]
	if !ok || len(a.Rules) == 0 {
		return ACLVerdict{Permit: true, Rule: -1}
	}
	d.forgetACLHits()
	for _, r := range a.Ordered() {
		if r.Match == nil || !r.Match.matches(p) {
			continue
		}
		if d.aclHits == nil {
			d.aclHits = map[aclHitKey]uint64{}
		}
		d.aclHits[aclHitKey{n, r.ID}]++
		return ACLVerdict{Permit: r.Permit, Rule: r.ID, Exists: true}
	}
	return ACLVerdict{Rule: -1, Exists: true}
}

// ACLMatches returns how many times each rule of ACL n matched, by rule ID.
func (d *Device) ACLMatches(n int) map[int]uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.forgetACLHits()
	out := map[int]uint64{}
	for k, v := range d.aclHits {
		if k.acl == n {
			out[k.rule] = v
		}
	}
	return out
}

// ResetACLCounters clears the match counters of ACL n, or of every ACL
// when n is 0 (reset acl counter all).
func (d *Device) ResetACLCounters(n int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for k := range d.aclHits {
		if n == 0 || k.acl == n {
			delete(d.aclHits, k)
		}
	}
}

// forgetACLHits drops the counters of rules that no longer exist (a rule
// or an ACL removed, then made again, counts from zero). The caller holds
// d.mu.
func (d *Device) forgetACLHits() {
	for k := range d.aclHits {
		a, ok := d.cfg.ACLs[k.acl]
		if !ok || a.Rule(k.rule) < 0 {
			delete(d.aclHits, k)
		}
	}
}

// VTYPacket is the first packet of a login connection to the device from
// remote to local, for the user-interface ACL check.
func VTYPacket(remote, local netip.AddrPort) (ACLPacket, error) {
	r, l := remote.Addr().Unmap(), local.Addr().Unmap()
	if !r.Is4() || !l.Is4() {
		return ACLPacket{}, fmt.Errorf("device: acl check: %s -> %s: not IPv4", remote, local)
	}
	return ACLPacket{Protocol: 6, Src: r.As4(), Dst: l.As4(), SrcPort: int(remote.Port()), DstPort: int(local.Port())}, nil
}

// PacketFilter is one packet-filter applied to an interface: an ACL by
// number or by name, in one direction. The emulator forwards no traffic,
// so the filter is configuration the displays show.
type PacketFilter struct {
	ACL      int    // 0 when named
	Name     string // packet-filter name NAME
	Outbound bool
}
