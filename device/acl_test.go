package device

import (
	"net"
	"net/netip"
	"slices"
	"testing"
)

func hostRule(id int, permit bool, a string) ACLRule {
	return ACLRule{ID: id, Permit: permit, Text: "source " + a + " 0",
		Match: &ACLMatch{Protocol: -1, Src: ACLAddr{Set: true, Addr: netip.MustParseAddr(a).As4()}}}
}

func TestACLNextRuleID(t *testing.T) {
	for _, tt := range []struct {
		ids        []int
		step, want int
	}{
		{nil, 0, 0},
		{[]int{0}, 0, 5},
		{[]int{28}, 5, 30}, // the 4500G manual's example
		{[]int{3, 10}, 10, 20},
		{[]int{65530}, 5, -1},
	} {
		a := ACL{Step: tt.step}
		for _, id := range tt.ids {
			a.Rules = append(a.Rules, ACLRule{ID: id})
		}
		if got := a.NextRuleID(); got != tt.want {
			t.Errorf("rules %v step %d: NextRuleID = %d, want %d", tt.ids, tt.step, got, tt.want)
		}
	}
}

// TestACLOrderedAuto: match-order auto sorts the rules depth first, as
// the HP 5500 EI configuration in cli/testdata/realconfigs prints ACL
// 3500 (hosts before /16 before /12 before /8, IDs within a width).
func TestACLOrderedAuto(t *testing.T) {
	dst := func(id int, a, w string) ACLRule {
		return ACLRule{ID: id, Match: &ACLMatch{Protocol: -1, Dst: ACLAddr{Set: true, Addr: netip.MustParseAddr(a).As4(), Wildcard: netip.MustParseAddr(w).As4()}}}
	}
	a := ACL{MatchOrder: MatchAuto, Rules: []ACLRule{
		dst(5, "10.0.0.0", "0.255.255.255"), dst(10, "172.16.0.0", "0.15.255.255"), dst(15, "192.168.0.0", "0.0.255.255"),
		dst(0, "0.0.0.0", "0.0.0.0"), dst(20, "10.101.0.200", "0.0.0.0"), dst(25, "10.101.0.201", "0.0.0.0"),
	}}
	var got []int
	for _, r := range a.Ordered() {
		got = append(got, r.ID)
	}
	if want := []int{0, 20, 25, 15, 10, 5}; !slices.Equal(got, want) {
		t.Errorf("auto order = %v, want %v", got, want)
	}
	a.MatchOrder = ""
	got = got[:0]
	for _, r := range a.Ordered() {
		got = append(got, r.ID)
	}
	if want := []int{0, 5, 10, 15, 20, 25}; !slices.Equal(got, want) {
		t.Errorf("config order = %v, want %v", got, want)
	}
}

// TestLoginPermitted: a VTY line's acl inbound admits the addresses a rule
// permits, refuses the ones a rule denies or no rule matches, counts the
// deciding rule's match and logs the refusal.
func TestLoginPermitted(t *testing.T) {
	d, _ := newTestDevice(t)
	if err := d.Update(func(c *Config) error {
		c.ACLs[2000] = ACL{Number: 2000, Rules: []ACLRule{hostRule(0, true, "127.0.0.1"), hostRule(5, false, "127.0.0.2")}}
		c.VTY[0].ACLIn = 2000
		c.VTY[1].ACLIn = 2999 // no such ACL: no restriction
		// rule 0 permit tcp destination-port eq 22: SSH only, on the
		// device's port whatever the emulator listens on
		c.ACLs[3000] = ACL{Number: 3000, Rules: []ACLRule{{ID: 0, Permit: true, Text: "tcp destination-port eq 22",
			Match: &ACLMatch{Protocol: 6, DstPort: PortRange{Set: true, Lo: 22, Hi: 22}}}}}
		c.VTY[3].ACLIn = 3000
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 22}
	from := func(ip string) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: 40000} }
	for _, tt := range []struct {
		line int
		ip   string
		want bool
	}{
		{0, "127.0.0.1", true},
		{0, "127.0.0.1", true},
		{0, "127.0.0.2", false},
		{0, "127.0.0.3", false}, // no rule matches
		{1, "127.0.0.2", true},
		{2, "127.0.0.2", true}, // no acl on the line
	} {
		if got := d.LoginPermitted(tt.line, "SSH", from(tt.ip), local); got != tt.want {
			t.Errorf("line %d from %s: permitted %v, want %v", tt.line, tt.ip, got, tt.want)
		}
	}
	if !d.LoginPermitted(3, "SSH", from("10.0.0.1"), &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}) {
		t.Errorf("advanced ACL: SSH on the emulator's port 2222 refused")
	}
	if d.LoginPermitted(3, "TELNET", from("10.0.0.1"), local) {
		t.Errorf("advanced ACL: telnet permitted by a rule for port 22")
	}
	if got := d.ACLMatches(2000); got[0] != 2 || got[5] != 1 {
		t.Errorf("matches = %v, want rule 0 twice and rule 5 once", got)
	}
	refused := 0
	for _, e := range d.LogEntries() {
		if e.Digest == "ACL_DENY" {
			refused++
		}
	}
	if refused != 3 {
		t.Errorf("%d refusals logged, want 3", refused)
	}
	// A rule removed and made again counts from zero.
	for _, rules := range [][]ACLRule{{hostRule(0, true, "127.0.0.1")}, {hostRule(0, true, "127.0.0.1"), hostRule(5, false, "127.0.0.2")}} {
		if err := d.Update(func(c *Config) error {
			c.ACLs[2000] = ACL{Number: 2000, Rules: rules}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if got := d.ACLMatches(2000); got[0] != 2 || got[5] != 0 {
		t.Errorf("after rule 5 was removed and made again: %v", got)
	}
	d.ResetACLCounters(2000)
	if got := d.ACLMatches(2000); len(got) != 0 {
		t.Errorf("after reset: %v", got)
	}
}
