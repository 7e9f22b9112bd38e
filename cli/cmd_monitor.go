package cli

import (
	"fmt"
	"strings"

	"switchemu/device"
)

// monitor is a session's terminal monitor: its subscription to the
// device's new log entries.
type monitor struct {
	entries <-chan device.LogEntry
	cancel  func()
}

// cmdTerminalMonitor turns delivery of new log lines to this session on
// (terminal monitor) or off (undo terminal monitor).
func cmdTerminalMonitor(s *Session, a Args) error {
	if a.Has("undo") {
		s.stopMonitor()
		return s.println(msgMonitorOff)
	}
	if s.mon == nil && s.in != nil {
		entries, cancel := s.dev.Subscribe()
		s.mon = &monitor{entries: entries, cancel: cancel}
	}
	return s.println(msgMonitorOn)
}

const (
	msgMonitorOn  = "% Current terminal monitor is on."
	msgMonitorOff = "% Current terminal monitor is off."
)

// stopMonitor ends the session's subscription, if any.
func (s *Session) stopMonitor() {
	if s.mon != nil {
		s.mon.cancel()
		s.mon = nil
	}
}

// deliverLogs is called before the command prompt: it prints the log
// lines that arrived while the last command ran, and arms the input so
// that lines arriving while the user types are printed at once, the
// prompt and the partial line redrawn below them.
func (s *Session) deliverLogs() {
	if s.mon == nil || s.in == nil {
		return
	}
drain:
	for {
		select {
		case e := <-s.mon.entries:
			if toTerminal(e) {
				s.t.text(e.Format(e.Sysname) + "\n")
			}
		default:
			break drain
		}
	}
	s.in.notify = s.mon.entries
	s.in.onNotify = func(e device.LogEntry) {
		if !toTerminal(e) {
			return
		}
		s.t.text("\n" + e.Format(e.Sysname) + "\n")
		s.t.raw(s.ed.prompt + string(s.ed.buf))
		for i := len(s.ed.buf); i > s.ed.pos; i-- {
			s.t.raw("\b")
		}
	}
}

// pauseLogs stops delivery while a command runs; entries queue in the
// subscription (and are dropped by the device when it is full).
func (s *Session) pauseLogs() {
	if s.in != nil {
		s.in.notify = nil
	}
}

// toTerminal reports whether terminal monitor shows an entry: command
// records go to the log buffer only.
func toTerminal(e device.LogEntry) bool { return !(e.Module == "SHELL" && e.Digest == "CMD") }

// commandLogger returns what records a command in the log buffer once it
// ran (SHELL/4/CMD, reference §4.7): every command typed on a VTY line,
// display commands and user-view commands included, as the V5 capture
// records "command:display version".
func (s *Session) commandLogger(r *resolved) func(error) {
	if s.replay || s.info.Line < 0 {
		return func(error) {}
	}
	text := fmt.Sprintf("task:vt%d ip:%s user:%s command:%s", s.info.Line, s.info.Remote, s.info.User, redacted(r.args))
	return func(err error) {
		if err == nil {
			s.dev.Log("SHELL", 4, "CMD", text)
		}
	}
}

// redacted is the command line with its password argument, if any,
// replaced by asterisks: the log buffer is readable at level 1 and must
// not show what password simple or super password typed.
func redacted(a Args) string {
	line := a.Line
	if pw, ok := a.Get("pw"); ok && pw.Pos+len(pw.Value) <= len(line) {
		end := pw.Pos + len(pw.Value)
		if strings.HasPrefix(line[pw.Pos:], `"`) {
			end += 2 // a quoted password: the quotes go too
		}
		line = line[:pw.Pos] + "******" + line[min(end, len(line)):]
	}
	return strings.TrimSpace(line)
}
