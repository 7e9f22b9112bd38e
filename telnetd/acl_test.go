package telnetd

import (
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"switchemu/device"
)

// TestACLInbound: a telnet connection from an address the VTY line's acl
// inbound denies is closed at once, before any option is sent; the
// permitted address gets the login dialog.
func TestACLInbound(t *testing.T) {
	d := testDevice(t)
	if err := d.Update(func(c *device.Config) error {
		c.ACLs[2000] = device.ACL{Number: 2000, Rules: []device.ACLRule{{ID: 0, Permit: true, Text: "source 127.0.0.1 0",
			Match: &device.ACLMatch{Protocol: -1, Src: device.ACLAddr{Set: true, Addr: netip.MustParseAddr("127.0.0.1").As4()}}}}}
		for i := range c.VTY {
			c.VTY[i].ACLIn = 2000
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_, addr := testServer(t, d)
	dialer := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}, Timeout: 5 * time.Second}
	nc, err := dialer.Dial("tcp", addr)
	if err != nil {
		t.Skipf("cannot bind 127.0.0.2 on this host: %v", err)
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 64)
	if n, err := nc.Read(buf); n != 0 || err == nil {
		t.Errorf("refused address read %q, %v; want the connection closed with nothing sent", buf[:n], err)
	}
	if out := dial(t, addr).expect("Username:"); !strings.Contains(out, "Login authentication") {
		t.Errorf("permitted address: %q", out)
	}
	if got := d.ACLMatches(2000); got[0] != 1 {
		t.Errorf("matches = %v, want rule 0 once", got)
	}
}
