package cli

import (
	"bytes"
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// ping and tracert, in any view at level 0. Syntax: 3Com Switch 7906E
// Command Reference, "System Maintaining and Debugging Commands": ping [
// ip ] [ -a source-ip | -c count | -f | -h ttl | -i interface | -m
// interval | -n | -p pad | -q | -r | -s packet-size | -t timeout | -tos
// tos | -v ] * remote-system, View: Any view, Default Level: 0 (-c 1 to
// 4294967295, default 5; -m default 200 ms: after a reply the next
// request waits the interval, after a timeout too); the 3Com Router 3000
// reference gives -s 20 to 8100 (default 56) and -t 0 to 65535 ms
// (default 2000); "If the response message is not received until
// timeout, output "Request time out"" (3Com 4500 reference). tracert [ -a
// source-ip | -f first-ttl | -m max-ttl | -p port | -q packet-number | -w
// timeout ] * remote-system (the same references; -m default 30, -w
// default 5000 ms). The help lines "ping  Ping function" and "tracert
// Trace route function" are in reference §2. Served: -c, -s and -t for
// ping, -m and -w for tracert, each at most once, in any order.
//
// The output layout is reference §10 (the V5 layout [I]): the header, a
// reply line per echo, then the statistics; tracert's layout is the V5
// command reference's example [I]. Every probe goes through
// device.Reach: what answers is the model's (profile hosts, fleet
// neighbours over up links, static routes). Waits are real time on the
// session's goroutine, holding no lock; Ctrl+C stops them, and so does
// the end of the session.

// pingOption is one "-x value" option.
type pingOption struct {
	flag, arg, help, argHelp string
}

var pingOptions = []pingOption{
	{"-c", "{count:<1-4294967295>}", "Specify the number of echo requests", "Number of echo requests"},
	{"-s", "{size:<20-8100>}", "Specify the number of data bytes to be sent", "Number of data bytes"},
	{"-t", "{timeout:<0-65535>}", "Specify the timeout in milliseconds of echo response", "Timeout in milliseconds"},
}

var tracertOptions = []pingOption{
	{"-m", "{maxttl:<1-255>}", "Specify the maximum TTL", "Maximum TTL"},
	{"-w", "{timeout:<1-65535>}", "Specify the timeout in milliseconds to wait for the response", "Timeout in milliseconds"},
}

const (
	pingHostArg  = "{host:STRING<1-255>}"
	pingHostHelp = "IP address or hostname of a remote system"

	defaultPingCount    = 5
	defaultPingSize     = 56
	defaultPingTimeout  = 2000 * time.Millisecond
	pingInterval        = 200 * time.Millisecond
	defaultTracertTTL   = 30
	defaultTracertWait  = 5000 * time.Millisecond
	tracertProbesPerHop = 3

	msgUnknownHostFmt  = " Error: Ping: Unknown host %s"    // [U]
	msgTraceUnknownFmt = " Error: Tracert: Unknown host %s" // [U]
)

// optionOrders returns every order of every subset of opts, as syntax
// word lists.
func optionOrders(opts []pingOption) [][]string {
	out := [][]string{nil}
	var walk func(prefix []string, used []bool)
	walk = func(prefix []string, used []bool) {
		for i, o := range opts {
			if used[i] {
				continue
			}
			next := append(slices.Clone(prefix), o.flag, o.arg)
			out = append(out, next)
			used[i] = true
			walk(next, used)
			used[i] = false
		}
	}
	walk(nil, make([]bool, len(opts)))
	return out
}

// probeCommands spells out a probe command's option orders, and their
// help texts.
func probeCommands(word string, prefixes []string, opts []pingOption, run Handler, help map[string]string) []Command {
	var out []Command
	for _, pre := range prefixes {
		for _, order := range optionOrders(opts) {
			words := append(append(strings.Fields(word+" "+pre), order...), pingHostArg)
			out = append(out, Command{Syntax: strings.Join(words, " "), Priv: 0, Run: run})
			for i := range words {
				k := strings.Join(words[:i+1], " ")
				if _, ok := help[k]; ok {
					continue
				}
				switch w := words[i]; {
				case w == pingHostArg:
					help[k] = pingHostHelp
				case w == "ip":
					help[k] = "IP Protocol"
				default:
					for _, o := range opts {
						switch w {
						case o.flag:
							help[k] = o.help
						case o.arg:
							help[k] = o.argHelp
						}
					}
				}
			}
		}
	}
	return out
}

var helpPing = map[string]string{
	"ping":    "Ping function",
	"tracert": "Trace route function",
}

var pingCommands = append(
	probeCommands("ping", []string{"", "ip"}, pingOptions, cmdPing, helpPing),
	probeCommands("tracert", []string{""}, tracertOptions, cmdTracert, helpPing)...)

var pingGroup = group{pingCommands, helpPing}

// msArg reads a millisecond option, or def if it is absent.
func msArg(a Args, name string, def time.Duration) time.Duration {
	if _, ok := a.Get(name); !ok {
		return def
	}
	return time.Duration(a.Int(name)) * time.Millisecond
}

func cmdPing(s *Session, a Args) error {
	host := a.Str("host")
	dst, err := netip.ParseAddr(host)
	if err != nil || !dst.Is4() {
		return userError(fmt.Sprintf(msgUnknownHostFmt, host))
	}
	count, size := defaultPingCount, defaultPingSize
	if _, ok := a.Get("count"); ok {
		count = a.Int("count")
	}
	if _, ok := a.Get("size"); ok {
		size = a.Int("size")
	}
	timeout := msArg(a, "timeout", defaultPingTimeout)
	s.t.text(fmt.Sprintf("  PING %s: %d  data bytes, press CTRL_C to break\n", dst, size))
	var sent int
	var times []time.Duration
	for seq := 1; seq <= count; seq++ {
		p := s.dev.Reach(dst)
		sent++
		ok := p.OK && p.RTT <= timeout
		wait := timeout
		if ok {
			wait = p.RTT
		}
		broke, err := s.waitBreak(wait)
		if err != nil {
			return err
		}
		if broke {
			break
		}
		if ok {
			times = append(times, p.RTT)
			s.t.text(fmt.Sprintf("    Reply from %s: bytes=%d Sequence=%d ttl=%d time=%d ms\n", dst, size, seq, p.TTL, p.RTT.Milliseconds()))
		} else {
			s.t.text("    Request time out\n")
		}
		if seq < count {
			if broke, err := s.waitBreak(pingInterval); err != nil {
				return err
			} else if broke {
				break
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n  --- %s ping statistics ---\n", dst)
	fmt.Fprintf(&b, "    %d packet(s) transmitted\n", sent)
	fmt.Fprintf(&b, "    %d packet(s) received\n", len(times))
	fmt.Fprintf(&b, "    %.2f%% packet loss\n", float64(sent-len(times))*100/float64(sent))
	if len(times) > 0 {
		lo, hi, sum := times[0], times[0], time.Duration(0)
		for _, t := range times {
			lo, hi, sum = min(lo, t), max(hi, t), sum+t
		}
		fmt.Fprintf(&b, "    round-trip min/avg/max = %d/%d/%d ms\n",
			lo.Milliseconds(), (sum / time.Duration(len(times))).Milliseconds(), hi.Milliseconds())
	}
	s.t.text(b.String())
	return nil
}

func cmdTracert(s *Session, a Args) error {
	host := a.Str("host")
	dst, err := netip.ParseAddr(host)
	if err != nil || !dst.Is4() {
		return userError(fmt.Sprintf(msgTraceUnknownFmt, host))
	}
	maxTTL := defaultTracertTTL
	if _, ok := a.Get("maxttl"); ok {
		maxTTL = a.Int("maxttl")
	}
	timeout := msArg(a, "timeout", defaultTracertWait)
	s.t.text(fmt.Sprintf(" traceroute to %s(%s) %d hops max,40 bytes packet, press CTRL_C to break\n", dst, dst, maxTTL))
	for ttl := 1; ttl <= maxTTL; ttl++ {
		// Each probe of a hop is one probe through the model: what
		// answers the TTL-limited probe is the ttl-th hop of its path.
		line := fmt.Sprintf(" %d", ttl)
		var from netip.Addr
		last := false
		for range tracertProbesPerHop {
			p := s.dev.Reach(dst)
			wait, answered := timeout, false
			if ttl <= len(p.Hops) {
				hopRTT := p.RTT * time.Duration(ttl) / time.Duration(max(1, len(p.Hops)))
				if hopRTT <= timeout {
					wait, answered = hopRTT, true
				}
			}
			broke, err := s.waitBreak(wait)
			if err != nil {
				return err
			}
			if broke {
				s.t.text(line + "\n")
				return nil
			}
			switch {
			case !answered:
				line += " *"
			case !from.IsValid():
				from = p.Hops[ttl-1]
				line += fmt.Sprintf(" %s %d ms", from, max(1, wait.Milliseconds()))
				last = p.OK && ttl == len(p.Hops)
			default:
				line += fmt.Sprintf(" %d ms", max(1, wait.Milliseconds()))
			}
		}
		s.t.text(line + "\n")
		if last {
			break
		}
	}
	return nil
}

// waitBreak waits d on the session's goroutine, holding no lock. It
// returns true early when the user presses Ctrl+C (the key is taken;
// other keys typed meanwhile wait for the next prompt), and an error
// when the session ends. An input stream that ended (a client that sent
// everything it had) does not stop the wait.
func (s *Session) waitBreak(d time.Duration) (bool, error) {
	s.t.flush()
	timer := time.NewTimer(d)
	defer timer.Stop()
	if s.in == nil {
		<-timer.C
		return false, nil
	}
	in := s.in
	for {
		// Keys typed ahead wait in order: a Ctrl+C after an Enter belongs
		// to a later command.
		ahead := in.pending
		if j := bytes.IndexAny(ahead, "\r\n"); j >= 0 {
			ahead = ahead[:j]
		}
		if i := bytes.IndexByte(ahead, 0x03); i >= 0 {
			in.pending = slices.Delete(slices.Clone(in.pending), i, i+1)
			return true, nil
		}
		ch := in.ch
		if in.ended {
			ch = nil
		}
		select {
		case <-timer.C:
			return false, nil
		case buf, ok := <-ch:
			if !ok {
				in.ended = true
				continue
			}
			in.pending = append(slices.Clone(in.pending), buf...)
		case <-in.ctx.Done():
			return false, context.Cause(in.ctx)
		}
	}
}
