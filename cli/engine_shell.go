package cli

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"switchemu/device"
)

// Shell serves the command line of one device. It is safe for concurrent
// use: every Run, Exec and Replay has a Session of its own.
type Shell struct {
	dev *device.Device
	log *slog.Logger
	// DialogTimeout is how long a question ([Y/N], a file name, the
	// super password) waits for its answer; DefaultDialogTimeout if
	// zero. Set it before serving sessions.
	DialogTimeout time.Duration
	// factoryOnce: the next boot ignores the startup files (boot.go).
	factoryOnce atomic.Bool
	// replayed, if set, is called after each command line Replay runs,
	// with whether the line was refused (tests check all-or-nothing).
	replayed func(line int, refused bool)
	// onCommand, if set, sees every command line run (engine_hooks.go).
	onCommand func(CommandEvent)
	// faults, if set, injects faults into sessions (engine_faults.go).
	faults Faults
}

// New returns the shell of dev. A nil logger discards.
func New(dev *device.Device, log *slog.Logger) *Shell {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Shell{dev: dev, log: log}
}

// Device returns the device the shell serves.
func (sh *Shell) Device() *device.Device { return sh.dev }

func (sh *Shell) newSession(info SessionInfo, t *term, in *input, win func() Window) *Session {
	s := &Session{
		sh: sh, dev: sh.dev, info: info, level: info.Level,
		stack: []frame{{kind: viewUser}},
		t:     t, in: in, win: win,
		log: sh.log.With("user", info.User, "remote", info.Remote),
	}
	if win == nil {
		s.win = func() Window { return Window{} }
	}
	s.hist.max = 10
	if in != nil {
		s.ed = &editor{in: in, t: t, hist: &s.hist, help: s.helpFor, complete: s.completionsFor, win: s.win, page: s.page}
	}
	return s
}

// Run serves one interactive session until the user logs out, the input
// ends, the idle timeout passes, or ctx is cancelled. If rw is an
// io.Closer, Run closes it when it ends the session itself; otherwise the
// caller must end the input for Run to return.
func (sh *Shell) Run(ctx context.Context, rw io.ReadWriter, win func() Window, info SessionInfo) error {
	ended := make(chan error, 1)
	sh.Start(ctx, rw, win, info, func(err error) { ended <- err })
	return <-ended
}

// Start serves an interactive session as Run does, but on a goroutine of
// its own, and returns at once. That goroutine calls end with what Run
// would have returned, once the session is over and rw closed, and then
// exits; as with Run, if rw is not an io.Closer the caller must end the
// input for the session to end. A panic that escapes the command line (a command's own is
// reported as a failed command) ends the session with a *PanicError,
// after the device's generic error line.
//
// An idle session spends its life waiting in that goroutine, whose stack
// then holds only the command line's own frames, not its caller's: it
// shrinks back to 4 KB between commands (engine_serve.go).
func (sh *Shell) Start(ctx context.Context, rw io.ReadWriter, win func() Window, info SessionInfo, end func(error)) {
	in := newInput(ctx, rw)
	in.keys = info.Keys
	t := &term{w: rw, buffered: true, sent: info.Output}
	in.beforeWait = t.flush
	s := sh.newSession(info, t, in, win)
	if info.Line >= 0 {
		in.onInput = func() { sh.dev.TouchVTY(info.Line) }
	}
	sh.dev.Log("SHELL", 4, "LOGIN", " "+info.User+" login from "+info.Remote)
	closer, _ := rw.(io.Closer)
	go s.serve(closer, end)
}

// idleTimeout is the user interface's idle-timeout, 10 minutes by default.
func idleTimeout(ui device.UserInterface) time.Duration {
	if ui.IdleMinutes < 0 {
		return 10 * time.Minute
	}
	return time.Duration(ui.IdleMinutes)*time.Minute + time.Duration(ui.IdleSeconds)*time.Second
}

// Exec runs one command line without a terminal (ssh host "display
// version") and returns the exit status: 0 if the command ran, 1 if not.
// A question the command asks is printed and gets no answer: the command
// gives up, as at a question nobody answers (save, reboot; use save
// force).
//
// If rw has a CloseWithStatus(int) error method (an SSH channel), Exec
// closes it with the exit status; otherwise it closes rw if it is an
// io.Closer.
func (sh *Shell) Exec(ctx context.Context, rw io.ReadWriter, line string, info SessionInfo) (code int) {
	in := newInput(ctx, rw)
	t := &term{w: rw, buffered: true}
	in.beforeWait = t.flush
	defer func() {
		t.flush()
		switch c := rw.(type) {
		case statusCloser:
			c.CloseWithStatus(code)
		case io.Closer:
			c.Close()
		}
		in.stop()
	}()
	s := sh.newSession(info, t, in, nil)
	s.pagingOff = true
	s.noAnswers = true
	perr := untypedError(line)
	var r *resolved
	if perr == nil {
		r, perr = s.resolveLine(line)
	}
	if perr != nil {
		t.text(line + "\n" + renderParseError(perr, 0))
		s.commandRan(strings.TrimSpace(line), perr, 0)
		return 1
	}
	if !s.run(r) {
		return 1
	}
	return 0
}

// statusCloser is a stream that reports an exit status as it closes.
type statusCloser interface {
	CloseWithStatus(code int) error
}
