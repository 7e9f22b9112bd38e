package sshd

import (
	"net"
	"net/netip"
	"testing"
	"time"

	"switchemu/device"
)

// TestACLInbound: a VTY line's acl inbound refuses an address a rule
// denies by closing its TCP connection before the version exchange, and
// admits the permitted one; the refusal is logged and counted.
func TestACLInbound(t *testing.T) {
	d := loopDevice(t)
	if err := d.Update(func(c *device.Config) error {
		host := func(id int, permit bool, ip string) device.ACLRule {
			return device.ACLRule{ID: id, Permit: permit, Text: "source " + ip + " 0",
				Match: &device.ACLMatch{Protocol: -1, Src: device.ACLAddr{Set: true, Addr: netip.MustParseAddr(ip).As4()}}}
		}
		c.ACLs[2000] = device.ACL{Number: 2000, Rules: []device.ACLRule{host(0, true, "127.0.0.1"), host(5, false, "127.0.0.2")}}
		for i := range c.VTY {
			c.VTY[i].ACLIn = 2000
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	srv, addr := loopServer(t, d, "")

	dialer := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}, Timeout: 5 * time.Second}
	nc, err := dialer.Dial("tcp", addr)
	if err != nil {
		t.Skipf("cannot bind 127.0.0.2 on this host: %v", err)
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, 64)
	if n, err := nc.Read(buf); n != 0 || err == nil {
		t.Errorf("refused address read %q, %v; want the connection closed with nothing sent", buf[:n], err)
	}
	lbUntil(t, srv, "the refusal logged", func() bool { return lbLogHas(d, "ACL_DENY", "127.0.0.2") })

	lbDial(t, addr, lbClientConfig("admin")) // 127.0.0.1 is permitted
	if got := d.ACLMatches(2000); got[0] != 1 || got[5] != 1 {
		t.Errorf("matches = %v, want rule 0 and rule 5 once each", got)
	}
}
