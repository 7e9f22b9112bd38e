package device

import (
	"fmt"
	"net"
	"net/netip"
)

// LoginPermitted says whether a login connection from remote to local may
// have VTY line: the line's acl N inbound must permit it (a rule that
// permits the connection's first packet, a TCP segment to the SSH or
// telnet port; a packet no rule matches is refused). The rule that
// decides counts a match (display acl). A refusal is logged; the
// transport then closes the connection at once, before any protocol
// output, as the device does for telnet ("Upon a connection failure, a
// message appears: %connection closed by remote host!", H3C S5820X
// Fundamentals Command Reference, acl in user interface view) and, by
// the same rule [I], for SSH: the client reads "Connection closed by
// remote host" before any version line. protocol is "SSH" or
// "TELNET": it names the log's connection and gives the destination
// port the rules see (22 or 23).
func (d *Device) LoginPermitted(line int, protocol string, remote, local net.Addr) bool {
	d.mu.Lock()
	n := 0
	if line >= 0 && line < MaxVTY {
		n = d.cfg.VTY[line].ACLIn
	}
	d.mu.Unlock()
	if n == 0 || n >= 4000 {
		// Ethernet frame header ACLs match MAC addresses, which a TCP
		// connection to the emulator does not carry.
		return true
	}
	r, l := addrPort(remote), addrPort(local)
	p, err := VTYPacket(r, l)
	if err != nil {
		return true // not IPv4: an IPv4 ACL does not apply
	}
	// The device serves SSH on 22 and telnet on 23 whatever port the
	// emulator listens on: an ACL written for the real switch
	// ("destination-port eq 22") decides the same here.
	p.DstPort = 22
	if protocol == "TELNET" {
		p.DstPort = 23
	}
	v := d.CheckACL(n, p)
	if v.Permit {
		return true
	}
	// [U] the log's module, digest and words.
	d.Log("VTY", 5, "ACL_DENY", fmt.Sprintf("The %s connection from %s to VTY %d was refused by ACL %d.", protocol, r.Addr(), line, n))
	return false
}

func addrPort(a net.Addr) netip.AddrPort {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.AddrPort()
	}
	if a == nil {
		return netip.AddrPort{}
	}
	ap, _ := netip.ParseAddrPort(a.String())
	return ap
}
