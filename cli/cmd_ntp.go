package cli

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"switchemu/device"
)

// The NTP client: ntp-service unicast-server (system view, level 2),
// display ntp-service status and sessions (any view, level 1). Syntax:
// HP A5120 EI Switch Series Network Management and Monitoring Command
// Reference (Comware 5.20, Release 2208), "NTP configuration commands":
// ntp-service unicast-server [ vpn-instance vpn-instance-name ] {
// ip-address | server-name } [ authentication-keyid keyid | priority |
// source-interface interface-type interface-number | version number ]*
// (the options are kept as typed), undo ntp-service unicast-server
// ip-address; display ntp-service status, display ntp-service sessions [
// verbose ]. Layouts [I]: recalled from that reference's examples ("Clock
// status: unsynchronized", "Clock stratum: 16", "Reference clock ID:
// none"; the sessions table with its row of asterisks, the "[12345]"
// flags and the note line). A server is reachable when one probe reaches
// it (device.NTPState, through device.Reach): a fleet neighbour over an up
// link, an end station of the profile, anything a route leads to. The
// reachable server is taken for a stratum-1 server serving its local
// clock [U]; the device's clock keeps its own time.
//
// The other ntp-service lines (unicast-peer, source-interface,
// authentication) stay configuration-only (cmd_mgmt.go); the server
// lines print in their block, before them.
var ntpCommands = []Command{
	{Syntax: "ntp-service unicast-server {ip:A.B.C.D}", Priv: 2, Run: cmdNTPServer},
	{Syntax: "ntp-service unicast-server {ip:A.B.C.D} {rest:LINE<1-128>}", Priv: 2, Run: cmdNTPServer},
	{Syntax: "undo ntp-service unicast-server {ip:A.B.C.D}", Priv: 2, Run: cmdNTPServer},
}

var helpNTP = map[string]string{
	"ntp-service":                                                "Specify NTP (Network Time Protocol) configuration information",
	"ntp-service unicast-server":                                 "Specify NTP server",
	"ntp-service unicast-server {ip:A.B.C.D}":                    "IP address of the NTP server",
	"ntp-service unicast-server {ip:A.B.C.D} {rest:LINE<1-128>}": "Options: authentication-keyid, priority, source-interface, version", // [U]
	"undo ntp-service":                                           "Specify NTP (Network Time Protocol) configuration information",
	"undo ntp-service unicast-server":                            "Specify NTP server",
	"undo ntp-service unicast-server {ip:A.B.C.D}":               "IP address of the NTP server",
}

var ntpGroup = group{ntpCommands, helpNTP}

var displayNTPCommands = []Command{
	{Syntax: "display ntp-service status", Priv: 1, Run: cmdDisplayNTPStatus},
	{Syntax: "display ntp-service sessions", Priv: 1, Run: cmdDisplayNTPSessions},
}

var helpDisplayNTP = map[string]string{
	"display ntp-service":          "Display NTP (Network Time Protocol) information",
	"display ntp-service status":   "Display status of NTP",
	"display ntp-service sessions": "Display NTP sessions",
}

var displayNTPGroup = group{displayNTPCommands, helpDisplayNTP}

// maxNTPServers is how many servers the device takes [U: the V5
// references give 128 for servers and peers together].
const (
	maxNTPServers   = 128
	msgNTPTooMany   = " Error: The number of NTP associations has reached the upper limit." // [U]
	msgNTPNoSuchFmt = " Error: The NTP server %s does not exist."                           // [U]
)

func cmdNTPServer(s *Session, a Args) error {
	ip := ipArg(a, "ip")
	srv := device.NTPServer{IP: ip, Options: strings.Join(strings.Fields(a.Str("rest")), " ")}
	undo := a.Has("undo")
	return s.dev.Update(func(c *device.Config) error {
		i := slices.IndexFunc(c.NTP.Servers, func(x device.NTPServer) bool { return x.IP == ip })
		switch {
		case undo && i < 0:
			return userError(fmt.Sprintf(msgNTPNoSuchFmt, netip.AddrFrom4(ip)))
		case undo:
			c.NTP.Servers = slices.Delete(slices.Clone(c.NTP.Servers), i, i+1)
		case i >= 0:
			c.NTP.Servers = slices.Clone(c.NTP.Servers)
			c.NTP.Servers[i] = srv
		case len(c.NTP.Servers) >= maxNTPServers:
			return userError(msgNTPTooMany)
		default:
			c.NTP.Servers = append(slices.Clone(c.NTP.Servers), srv)
		}
		return nil
	})
}

// renderNTPServers are the ntp-service unicast-server lines.
func renderNTPServers(cfg device.Config) string {
	var b strings.Builder
	for _, srv := range cfg.NTP.Servers {
		fmt.Fprintf(&b, " ntp-service unicast-server %s", netip.AddrFrom4(srv.IP))
		if srv.Options != "" {
			b.WriteString(" " + srv.Options)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ntpBlock is the server lines as a block printed just before the
// configuration-only ntp-service lines: they share its "#" if there are
// any.
func ntpBlock(cfg device.Config) confBlock {
	text := renderNTPServers(cfg)
	if text == "" {
		return confBlock{}
	}
	if !slices.ContainsFunc(cfg.Extra.Lines(""), func(l device.ExtraLine) bool {
		c := confViews.cmds[l.Decl]
		return c != nil && c.Group == "ntp-service"
	}) {
		text += "#\n"
	}
	return confBlock{after: "nqa", text: text}
}

// ntpTime prints a time as NTP shows it: "14:53:27.371 UTC Sep 19 2005
// (C6D94F67.5EF9DB22)".
func ntpTime(t time.Time) string {
	const epoch = 2208988800 // 1900 to 1970
	frac := uint32(uint64(t.Nanosecond()) << 32 / 1e9)
	zone, _ := t.Zone()
	return fmt.Sprintf("%s %s %s (%08X.%08X)", t.Format("15:04:05.000"), zone, t.Format("Jan 2 2006"), uint32(t.Unix()+epoch), frac)
}

func cmdDisplayNTPStatus(s *Session, a Args) error {
	st := s.dev.NTPState()
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, " "+format+"\n", a...) }
	if !st.Synced {
		w("Clock status: unsynchronized")
		w("Clock stratum: 16")
		w("Reference clock ID: none")
	} else {
		w("Clock status: synchronized")
		w("Clock stratum: 2")
		w("Reference clock ID: %s", st.Reference)
	}
	w("Nominal frequency: 64.0000 Hz")
	w("Actual frequency: 64.0000 Hz")
	w("Clock precision: 2^7")
	w("Clock offset: 0.0000 ms")
	delay := 0.0
	if st.Synced {
		delay = float64(s.dev.Reach(st.Reference).RTT) / float64(time.Millisecond)
	}
	w("Root delay: %.2f ms", delay)
	w("Root dispersion: 0.00 ms")
	w("Peer dispersion: 0.00 ms")
	if st.Synced {
		w("Reference time: %s", ntpTime(st.RefTime))
	} else {
		w("Reference time: 00:00:00.000 UTC Jan 1 1900 (00000000.00000000)")
	}
	return s.printf("%s", b.String())
}

func cmdDisplayNTPSessions(s *Session, a Args) error {
	st := s.dev.NTPState()
	now := s.dev.Clock()
	var b strings.Builder
	b.WriteString("       source          reference       stra reach poll  now offset  delay disper\n")
	b.WriteString(strings.Repeat("*", 80) + "\n")
	for _, as := range st.Associations {
		flags, ref, stratum, reach, ago, delay := "[5]", "0.0.0.0", 16, 0, "-", 0.0
		if as.Reachable {
			flags, ref, stratum, reach = "[245]", "127.127.1.0", 1, 377
			ago = fmt.Sprint(now.Unix() % int64(device.NTPPoll/time.Second))
			delay = float64(s.dev.Reach(netip.AddrFrom4(as.Server.IP)).RTT) / float64(time.Millisecond)
		}
		if as.Selected {
			flags = "[12345]"
		}
		src := flags + netip.AddrFrom4(as.Server.IP).String()
		fmt.Fprintf(&b, "%-23s%-16s%4d%6d%5d%5s%7.1f%7.1f%7.1f\n", src, ref, stratum, reach, int(device.NTPPoll/time.Second), ago, 0.0, delay, 0.0)
	}
	b.WriteString(" note: 1 source(master),2 source(peer),3 selected,4 candidate,5 configured\n")
	fmt.Fprintf(&b, " Total associations : %2d\n", len(st.Associations))
	return s.printf("%s", b.String())
}
