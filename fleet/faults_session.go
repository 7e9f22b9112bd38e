package fleet

import (
	"strings"
	"time"

	"switchemu/cli"
)

// The faults a device's sessions meet, asked on the session's own
// goroutine: the shell's fault hook (cli.Faults) and the session's time
// limit (watchSession). Nothing here waits: the session does.

// active calls fn with each active fault's parsed spec, under mu.
func (fs *faultSet) active(fn func(pf *parsedFault)) {
	if fs.n.Load() == 0 {
		return
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, a := range fs.list {
		if a.state == faultActive {
			fn(&a.pf)
		}
	}
}

// LoginDelay is the slow-login delay (cli.Faults).
func (fs *faultSet) LoginDelay() time.Duration {
	var d time.Duration
	fs.active(func(pf *parsedFault) {
		if pf.spec.Kind == FaultSlowLogin {
			d = max(d, pf.span.pick())
		}
	})
	return d
}

// Command is what the faults do to a session's n-th command (cli.Faults).
func (fs *faultSet) Command(n int, line string) cli.CommandFault {
	var cf cli.CommandFault
	fs.active(func(pf *parsedFault) {
		s := pf.spec
		switch s.Kind {
		case FaultLatency:
			cf.Delay = max(cf.Delay, pf.span.pick())
		case FaultHang:
			if s.Command == "" || hasWordPrefix(line, s.Command) {
				cf.Hang = true
			}
		case FaultDisconnect:
			if s.Commands > 0 && n >= s.Commands {
				cf.End = true
			}
			if s.Lines > 0 && (cf.CutAfter == 0 || s.Lines < cf.CutAfter) {
				cf.CutAfter = s.Lines
			}
		}
	})
	return cf
}

// hasWordPrefix reports whether line starts with the words of prefix,
// in any case ("display interface" starts "display interface brief",
// not "display interfaces").
func hasWordPrefix(line, prefix string) bool {
	lw, pw := strings.Fields(strings.ToLower(line)), strings.Fields(strings.ToLower(prefix))
	if len(pw) > len(lw) {
		return false
	}
	for i := range pw {
		if lw[i] != pw[i] {
			return false
		}
	}
	return true
}

// sessionLimit is how long a session may last before a disconnect fault
// cuts it; 0 for no limit.
func (fs *faultSet) sessionLimit() time.Duration {
	var d time.Duration
	fs.active(func(pf *parsedFault) {
		if pf.spec.Kind == FaultDisconnect && pf.spec.Seconds > 0 {
			s := time.Duration(pf.spec.Seconds) * time.Second
			if d == 0 || s < d {
				d = s
			}
		}
	})
	return d
}
