package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
)

// The goroutine of an interactive session (Shell.Start). A thousand idle
// sessions are a thousand goroutines waiting for a key, and what each
// costs is its stack: the runtime halves a stack only while less than a
// quarter of it (minus 800 bytes it keeps free) is in use, so a session
// waiting deeper than about 1.2 KB keeps the 8 KB its last command grew
// it to. Hence the shape of what is on the stack while it waits — serve,
// guarded, converse, the editor's readLine and the input's wait — each
// a small frame, with what a step needs kept in the Session or in calls
// that have returned (docs/performance.md, "idle sessions").

// PanicError is how a session ends that a panic outside any command
// ended: the emulator's bug, for the caller to log.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("cli: session panic: %v", e.Value) }

// serve runs the session to its end, then ends its stream and input and
// tells the caller.
func (s *Session) serve(closer io.Closer, end func(error)) {
	err := s.guarded()
	s.logout(closer)
	end(err)
}

// logout logs the logout and ends the session's stream and input.
func (s *Session) logout(closer io.Closer) {
	s.dev.Log("SHELL", 4, "LOGOUT", " "+s.info.User+" logout from "+s.info.Remote)
	s.stopMonitor()
	s.t.flush()
	if closer != nil {
		closer.Close()
	}
	s.in.stop()
}

// guarded runs converse, turning a panic into a *PanicError.
func (s *Session) guarded() (err error) {
	defer func() {
		if v := recover(); v != nil {
			s.t.text("\n" + MsgCommandFailed + "\n")
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	return s.converse()
}

// converse greets the user, then reads and runs command lines until the
// session ends.
func (s *Session) converse() error {
	if !s.greet() {
		return s.t.err
	}
	for !s.ended && s.t.err == nil {
		prompt := s.beforeLine()
		line, ev, err := s.ed.readLine(prompt, false)
		if done, err := s.afterLine(line, ev, err, len(prompt)); done {
			return err
		}
	}
	return s.t.err
}

// greet shows the banner and the login headers, after the login delay
// a fault may set; false if the session ends there.
func (s *Session) greet() bool {
	s.loginDelay()
	if !s.info.BannerShown {
		banner := s.dev.Profile().Brand.Banner
		for _, l := range banner {
			s.t.text(l + "\n")
		}
		if len(banner) > 0 {
			s.t.text("\n")
		}
	}
	return s.showLoginHeaders(s.info.BannerShown) // cmd_header.go
}

// beforeLine applies the line's settings as they are now and returns the
// prompt.
func (s *Session) beforeLine() string {
	ui := s.uiSettings()
	s.in.idle = idleTimeout(ui)
	s.hist.max = 10
	if ui.HistorySize >= 0 {
		s.hist.max = ui.HistorySize
	}
	prompt := s.prompt()
	s.deliverLogs()
	return prompt
}

// afterLine acts on what the editor returned; done if the session is over,
// with the error it ends with.
func (s *Session) afterLine(line string, ev lineEvent, err error, promptLen int) (done bool, _ error) {
	s.pauseLogs()
	switch {
	case errors.Is(err, errIdle):
		// Comware V5 closes an idle VTY without a word (reference
		// §10); the logout is logged like any other.
		return true, nil
	case errors.Is(err, io.EOF):
		return true, nil
	case err != nil:
		return true, err
	}
	switch ev {
	case lineCtrlZ:
		if s.cur().kind != viewUser {
			if line == "" {
				s.t.raw("return")
			}
			s.toUserView()
		}
		s.t.raw("\r\n")
	case lineCtrlC:
	case lineHotkey:
		// The hotkey's command runs as if typed, but is not echoed
		// or kept in the history; one this device lacks does nothing.
		if r, perr := s.resolveLine(line); perr == nil {
			s.run(r)
		}
	default:
		s.execute(line, promptLen)
	}
	return false, nil
}
