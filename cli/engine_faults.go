package cli

import (
	"errors"
	"strings"
	"time"
)

// Faults is what a fleet injects into a shell's sessions on purpose, so
// that automation can be shown to survive a device that misbehaves
// (fleet/faults.go). Its methods are called on the session's goroutine
// for interactive and exec sessions (never for the control API's
// commands or a replay); they must be quick and must not block.
type Faults interface {
	// LoginDelay is how long a new interactive session waits before its
	// banner and first prompt.
	LoginDelay() time.Duration
	// Command says what happens to a session's n-th command line (from
	// 1); line has its keywords in full ("display interface", whatever
	// abbreviation was typed).
	Command(n int, line string) CommandFault
}

// CommandFault is what a fault does to one command line.
type CommandFault struct {
	// Delay holds the command's output back this long.
	Delay time.Duration
	// Hang: the command never answers: no output, no prompt, keys are
	// swallowed, until the client goes (the session ends then).
	Hang bool
	// CutAfter ends the session after this many lines of the command's
	// output, in the middle of it (0: never).
	CutAfter int
	// End ends the session once the command's output is out, before the
	// next prompt.
	End bool
}

// SetFaults makes f the shell's fault hook; nil removes it. Set it
// before the shell serves sessions.
func (sh *Shell) SetFaults(f Faults) { sh.faults = f }

// errFaultCut ends a session whose output a fault cut.
var errFaultCut = errors.New("cli: connection cut by a fault")

// commandFault asks the hook about the command about to run; the zero
// CommandFault when there is none or the session is not a client's.
func (s *Session) commandFault(a Args) CommandFault {
	if s.sh.faults == nil || s.replay || s.info.API || s.in == nil {
		return CommandFault{}
	}
	words := make([]string, len(a.Words))
	for i, w := range a.Words {
		words[i] = w.Value
	}
	s.faultCmds++
	return s.sh.faults.Command(s.faultCmds, strings.Join(words, " "))
}

// faultWait waits d on the session's goroutine; ending the session ends
// the wait. What the session wrote so far goes out first.
func (s *Session) faultWait(d time.Duration) {
	if d <= 0 {
		return
	}
	s.t.flush()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-s.in.ctx.Done():
	}
}

// hang is a command that never answers: the session reads and drops
// what the client types (Ctrl+C included: the device does not answer)
// until the input ends or the session is cancelled, then ends. No idle
// timeout applies: a command is running.
func (s *Session) hang() {
	s.t.flush()
	idle := s.in.idle
	s.in.idle = 0
	defer func() { s.in.idle = idle }()
	for {
		if _, err := s.in.nextRaw(); err != nil {
			s.ended = true
			return
		}
	}
}

// loginDelay holds back a new session's banner and first prompt.
func (s *Session) loginDelay() {
	if s.sh.faults != nil {
		s.faultWait(s.sh.faults.LoginDelay())
	}
}
