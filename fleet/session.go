package fleet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"runtime/debug"

	"switchemu/cli"
	"switchemu/sshd"
)

// sessionHandler runs the device's command line on an SSH session. A
// panic that escapes the command line is the emulator's bug: it is
// logged with the device's name, the session gets the device's generic
// error line and ends, and every other session and device goes on.
//
// An interactive session detaches from the server's goroutine: the
// command line serves it on a goroutine of its own (cli.Shell.Start),
// which undoes the session's bookkeeping when it ends.
func (m *Member) sessionHandler() sshd.Handler {
	return func(ctx context.Context, s *sshd.Session) (code int) {
		var over undo             // the session's bookkeeping, undone when it ends
		var finish func(code int) // ends a detached session
		detached := false         // the command line's goroutine ends the session
		defer func() {
			if v := recover(); v != nil {
				m.logPanic(s.User, s.Line, v, debug.Stack())
				fmt.Fprint(s.RW, "\r\n"+cli.MsgCommandFailed+"\r\n")
				s.RW.Close()
				code = 1
			}
			if !detached {
				over.run()
				if finish != nil {
					finish(code)
				}
			}
		}()
		ctx, cancel, done, ok := m.reboots.session(ctx)
		over.add(done)
		if !ok {
			s.RW.Close()
			return 1
		}
		host, _, err := net.SplitHostPort(s.Remote.String())
		if err != nil {
			host = s.Remote.String()
		}
		info := cli.SessionInfo{User: s.User, Level: s.Level, Remote: host, Line: s.Line}
		ctx, end := m.watchSession(ctx, cancel, "ssh", info)
		over.add(end)
		if s.Command != "" {
			return m.shell.Exec(ctx, s.RW, s.Command, info)
		}
		win := func() cli.Window {
			w, h := s.Window()
			return cli.Window{Width: w, Height: h}
		}
		protocol := "ssh"
		if s.Version == "1.5" {
			protocol = "ssh1"
		}
		finish = s.Detach()
		m.startShell(ctx, s.RW, win, protocol, info, &over, finish)
		detached = true
		return 0
	}
}

// startShell starts the command line of an interactive session on a
// goroutine of its own: when the session ends, it undoes over (to which
// it adds the live-session record) and calls finish with the exit
// status.
func (m *Member) startShell(ctx context.Context, rw io.ReadWriter, win func() cli.Window, protocol string, info cli.SessionInfo, over *undo, finish func(code int)) {
	info, unlive := m.goLive(win, protocol, info)
	over.add(unlive)
	m.shell.Start(ctx, rw, win, info, func(err error) {
		var p *cli.PanicError
		if errors.As(err, &p) {
			m.logPanic(info.User, info.Line, p.Value, p.Stack)
		}
		over.run()
		if err != nil {
			finish(1)
			return
		}
		finish(0)
	})
}

// logPanic logs a panic that ended a session.
func (m *Member) logPanic(user string, line int, v any, stack []byte) {
	m.f.log.Error("session panic", "device", m.Spec.Name, "user", user, "line", line,
		"panic", fmt.Sprint(v), "stack", string(stack))
}

// undo is what a session set up, to be undone in reverse when it ends.
type undo []func()

func (u *undo) add(f func()) { *u = append(*u, f) }

func (u undo) run() {
	for i := len(u) - 1; i >= 0; i-- {
		u[i]()
	}
}

// watchSession reports the session's login (and its logout when end is
// called) and calls cancel, which ends ctx, when the session's VTY line
// is freed (free user-interface, or the control API).
func (m *Member) watchSession(ctx context.Context, cancel context.CancelFunc, protocol string, info cli.SessionInfo) (context.Context, func()) {
	m.f.activity.Add(1)
	m.sessionEvent(EventLogin, info.User, info.Remote, protocol, info.Line)
	if d := m.faults.sessionLimit(); d > 0 {
		// A disconnect fault cuts the session (faults_run.go).
		var cancelT context.CancelFunc
		ctx, cancelT = context.WithTimeout(ctx, d)
		stopT := cancel
		cancel = func() { cancelT(); stopT() }
	}
	stop := m.dev.WatchVTY(info.Line, cancel)
	return ctx, func() {
		cancel()
		stop()
		m.sessionEvent(EventLogout, info.User, info.Remote, protocol, info.Line)
		m.f.activity.Add(1)
	}
}
