package cli

import (
	"net/netip"
	"testing"

	"switchemu/device"
)

// TestACLRulesMatch: rules typed at the command line match the packets
// their words say, in the ACL's match order (config: by ID; auto: depth
// first), and the deciding rule counts the match.
func TestACLRulesMatch(t *testing.T) {
	d := testDevice(t)
	if errs := New(d, nil).Replay(`acl number 2001
 rule 0 deny source 10.1.1.128 0.0.0.127
 rule 5 permit source 10.1.1.0 0.0.0.255
acl number 3001 match-order auto
 rule 0 deny tcp
 rule 5 permit tcp source 192.0.2.0 0.0.0.255 destination-port range 20 23
 rule 10 permit udp destination-port eq snmp
 rule 15 deny ip source 192.0.2.7 0
`); len(errs) > 0 {
		t.Fatal(errs)
	}
	pkt := func(proto int, src string, port int) device.ACLPacket {
		return device.ACLPacket{Protocol: proto, Src: netip.MustParseAddr(src).As4(), Dst: [4]byte{10, 0, 0, 1}, SrcPort: 50000, DstPort: port}
	}
	for _, tt := range []struct {
		acl    int
		p      device.ACLPacket
		permit bool
		rule   int
	}{
		{2001, pkt(6, "10.1.1.200", 22), false, 0},
		{2001, pkt(6, "10.1.1.20", 22), true, 5},
		{2001, pkt(6, "10.1.2.20", 22), false, -1},
		{3001, pkt(6, "192.0.2.9", 23), true, 5}, // narrower than rule 0
		{3001, pkt(6, "192.0.2.7", 23), true, 5}, // a protocol before "ip", though ip's source is a host
		{3001, pkt(1, "192.0.2.7", 0), false, 15},
		{3001, pkt(6, "192.0.2.9", 80), false, 0},
		{3001, pkt(17, "198.51.100.1", 161), true, 10},
	} {
		v := d.CheckACL(tt.acl, tt.p)
		if v.Permit != tt.permit || v.Rule != tt.rule {
			t.Errorf("acl %d, %+v: permit %v by rule %d, want %v by rule %d", tt.acl, tt.p, v.Permit, v.Rule, tt.permit, tt.rule)
		}
	}
	if got := d.ACLMatches(3001); got[5] != 2 || got[15] != 1 || got[0] != 1 || got[10] != 1 {
		t.Errorf("acl 3001 matches = %v", got)
	}
}
