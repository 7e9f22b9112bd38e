package device

import (
	"net/netip"
	"time"
)

// NTP is the NTP client's configuration: the servers it polls
// (ntp-service unicast-server). The other NTP settings (peers,
// authentication, source interface) are configuration-only lines.
type NTP struct {
	Servers []NTPServer // in the order configured
}

// NTPServer is one ntp-service unicast-server entry.
type NTPServer struct {
	IP [4]byte
	// Options are the line's words after the address as typed
	// ("version 3", "priority"); "" for none.
	Options string
}

// NTPPoll is the NTP poll interval (64 s, the minimum and starting poll
// of NTPv3 [U: the device's value]).
const NTPPoll = 64 * time.Second

// NTPAssociation is what the NTP client knows of one configured server.
type NTPAssociation struct {
	Server NTPServer
	// Reachable: the last poll got an answer (one probe through Reach,
	// the path every probe takes).
	Reachable bool
	// Selected: the server the clock is synchronised to (the first
	// reachable one in configuration order).
	Selected bool
}

// NTPStatus is the NTP client's state: its associations, and the
// reference it is synchronised to (none if Synced is false).
type NTPStatus struct {
	Associations []NTPAssociation
	Synced       bool
	Reference    netip.Addr
	// RefTime is when the clock was last set from the reference: the
	// start of the current poll interval, on the device clock.
	RefTime time.Time
}

// NTPState polls the configured servers now, one probe each, and
// reports what the client knows: a server answers if a probe reaches
// it. The device's clock keeps its own time (the emulator does not take
// the server's).
func (d *Device) NTPState() NTPStatus {
	d.mu.Lock()
	servers := d.cfg.NTP.Servers // immutable once committed
	d.mu.Unlock()
	var st NTPStatus
	for _, srv := range servers {
		a := NTPAssociation{Server: srv, Reachable: d.Reach(netip.AddrFrom4(srv.IP)).OK}
		if a.Reachable && !st.Synced {
			a.Selected, st.Synced, st.Reference = true, true, netip.AddrFrom4(srv.IP)
		}
		st.Associations = append(st.Associations, a)
	}
	if st.Synced {
		now := d.Clock()
		st.RefTime = now.Add(-time.Duration(now.Unix()%int64(NTPPoll/time.Second)) * time.Second)
	}
	return st
}
