package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"switchemu/device"
)

// Session is the state of one command-line session: its view stack,
// privilege level, paging and history. It belongs to one goroutine.
type Session struct {
	sh    *Shell
	dev   *device.Device
	info  SessionInfo
	level int

	stack []frame
	t     *term
	in    *input // nil in replay
	ed    *editor
	win   func() Window

	// Out is where handlers write their output; it pages and filters.
	Out io.Writer

	pagingOff bool // screen-length disable
	hist      history
	ended     bool  // quit in user view, reboot: end the session
	replay    bool  // replaying configuration: no dialogs, no output
	noAnswers bool  // exec: questions are printed and get no answer
	lastErr   error // the last command's error (engine_hooks.go)
	faultCmds int   // command lines the fault hook saw (engine_faults.go)
	log       *slog.Logger

	mon *monitor // terminal monitor subscription; nil when off

	cwd string // current folder of flash:/ (cd); "" is flash:/ itself
}

// SessionInfo describes who is logged in.
type SessionInfo struct {
	User   string
	Level  int    // privilege level at login, 0-3
	Remote string // client address, for logs and display users
	Line   int    // VTY line, -1 if none
	// BannerShown: the login dialog (telnet) printed the copyright
	// banner already.
	BannerShown bool
	// API: the session is the control API's (engine_hooks.go).
	API bool
	// Keys, if set, is called with every input byte the command line
	// consumes, in order, except what is typed at a password prompt
	// (super, dialogs): what a recording may keep of the input. It runs
	// on the session's goroutine and must not block.
	Keys func(b byte)
	// Output, if set, is called with every byte the session writes to
	// its client, after the write; it runs on the session's goroutine and
	// must not block. (A hook rather than a wrapped stream: it keeps the
	// write path, and so the session's stack, as short as it was.)
	Output func(p []byte)
}

func (s *Session) cur() frame { return s.stack[len(s.stack)-1] }

func (s *Session) push(f frame) { s.stack = append(s.stack, f) }

// toSystemView pops every sub-view.
func (s *Session) toSystemView() { s.stack = s.stack[:min(len(s.stack), 2)] }

// toUserView pops everything but user view.
func (s *Session) toUserView() { s.stack = s.stack[:1] }

// prompt is "<Sysname>", "[Sysname]" or "[Sysname-suffix]", computed from
// the device at every prompt so a sysname change in any session shows.
func (s *Session) prompt() string {
	name := s.dev.Sysname()
	f := s.cur()
	switch f.kind {
	case viewUser:
		return "<" + name + ">"
	case viewSystem:
		return "[" + name + "]"
	}
	return "[" + name + "-" + f.suffix() + "]"
}

// execute runs one typed line and keeps it in the history if it parses.
// promptLen places the caret of a parse error. It reports whether the
// line was a valid command.
func (s *Session) execute(line string, promptLen int) bool {
	if strings.TrimSpace(line) == "" {
		return false
	}
	r, perr := s.resolveLine(line)
	if perr != nil {
		s.t.text(renderParseError(perr, promptLen))
		s.commandRan(strings.TrimSpace(line), perr, 0)
		return false
	}
	s.hist.add(strings.TrimSpace(line))
	s.hist.running = true
	defer func() { s.hist.running = false }()
	s.run(r)
	return true
}

// resolveLine resolves line in the current view. A command that the
// current sub-view lacks is looked up in system view, and running it
// leaves the sub-view, as operators expect (reference §2.4).
func (s *Session) resolveLine(line string) (*resolved, *ParseError) {
	f := s.cur()
	r, perr := f.tree().resolve(line, s.level, true)
	if perr == nil || f.kind == viewUser || f.kind == viewSystem {
		return r, perr
	}
	// A sub-view of configuration-only commands falls back to the views
	// above it (ospf above its area) before system view.
	for d := len(s.stack) - 2; d >= 2 && s.stack[d].kind == viewConf; d-- {
		if r2, perr2 := s.stack[d].tree().resolve(line, s.level, true); perr2 == nil {
			r2.popTo = d + 1
			return r2, nil
		}
	}
	r2, perr2 := compiledViews[viewSystem].resolve(line, s.level, true)
	if perr2 == nil {
		r2.toSystem = true
		return r2, nil
	}
	if perr2.Pos > perr.Pos {
		return nil, perr2
	}
	return nil, perr
}

// run calls a resolved command's handler with paged output and prints
// what its error means to the user. It reports whether the command
// succeeded.
func (s *Session) run(r *resolved) bool {
	fx := s.commandFault(r.args)
	if fx.Hang {
		s.hang()
		s.commandRan(redacted(r.args), context.Canceled, 0)
		return false
	}
	if r.toSystem {
		s.toSystemView()
	}
	if r.popTo > 0 {
		s.stack = s.stack[:r.popTo]
	}
	p := &pager{t: s.t, in: s.in, filter: r.args.Filter, win: s.win, limit: s.pageLength(), cut: fx.CutAfter}
	if s.replay {
		p.t = &term{w: io.Discard}
	}
	s.Out = p
	logCmd := s.commandLogger(r)
	start := time.Now()
	s.faultWait(fx.Delay)
	err := s.call(r)
	logCmd(err)
	p.flush()
	s.Out = nil
	if errors.Is(p.err, errFaultCut) {
		// A fault cut the connection in the middle of the output.
		s.ended = true
		s.commandRan(redacted(r.args), context.Canceled, time.Since(start))
		return false
	}
	s.report(err, len(s.prompt()))
	if fx.End {
		s.ended = true
	}
	s.commandRan(redacted(r.args), err, time.Since(start))
	return err == nil || errors.Is(err, errStopOutput) || errors.Is(err, errEndSession)
}

// call runs the handler. A handler that panics is a bug, not the user's
// fault and no reason to drop the session or the process: it is logged
// and the user sees the generic failure line.
func (s *Session) call(r *resolved) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("cli: handler panic on %q: %v", r.args.Line, v)
		}
	}()
	return r.node.run(s, r.args)
}

// report prints what a handler's error means to the user.
func (s *Session) report(err error, promptLen int) {
	var perr *ParseError
	var uerr userError
	switch {
	case err == nil, errors.Is(err, errStopOutput):
	case errors.As(err, &perr):
		s.t.text(renderParseError(perr, promptLen))
	case errors.As(err, &uerr):
		s.t.text(string(uerr) + "\n")
	case errors.Is(err, errEndSession):
		s.ended = true
	case errors.Is(err, errNoAnswer):
		// The question was abandoned; the prompt comes back.
	case errors.Is(err, context.Canceled):
		s.ended = true // the session was ended (reboot) during a dialog
	case s.in != nil && s.in.closed(err):
		// The input ended, timed out or was cancelled while the command
		// waited for a key (pager, dialog): the session is over, and
		// there is nothing to say to a client that has gone.
		s.ended = true
	default:
		s.log.Error("command failed", "err", err)
		s.t.text(msgCommandFailed + "\n")
	}
}

// errEndSession is returned by handlers that log the user out.
var errEndSession = errors.New("cli: end of session")

// pageLength is the number of lines per screen, 0 for no paging.
func (s *Session) pageLength() int {
	if s.pagingOff || s.in == nil || s.replay {
		return 0
	}
	n := s.uiSettings().ScreenLength
	if n < 0 {
		return 24
	}
	return n
}

// uiSettings returns the user-interface settings of the session's line.
func (s *Session) uiSettings() device.UserInterface {
	return s.dev.LineSettings(s.info.Line)
}

// page writes text through a pager of its own (help lists).
func (s *Session) page(text string) error {
	p := &pager{t: s.t, in: s.in, win: s.win, limit: s.pageLength()}
	_, err := io.WriteString(p, text)
	if err == nil {
		p.flush()
		err = p.err
	}
	return err
}

// printf writes formatted output through the pager.
func (s *Session) printf(format string, a ...any) error {
	_, err := fmt.Fprintf(s.Out, format, a...)
	return err
}

// print writes text as it is.
func (s *Session) print(text string) error {
	_, err := io.WriteString(s.Out, text)
	return err
}

// write writes output that the caller built.
func (s *Session) write(b []byte) error {
	_, err := s.Out.Write(b)
	return err
}

// println writes one line of output.
func (s *Session) println(line string) error {
	_, err := io.WriteString(s.Out, line+"\n")
	return err
}

// ask prints a question and reads one line of answer (Y/N dialogs, file
// names). It returns "" with an error if the session ended, or
// errNoAnswer if none came in time.
func (s *Session) ask(question string) (string, error) {
	if s.in == nil {
		return "", fmt.Errorf("cli: no input for question %q", question)
	}
	line, ev, err := s.readAnswer(question, false)
	if err != nil {
		return "", err
	}
	if ev != lineEnter {
		s.t.raw("\r\n")
		return "", errStopOutput
	}
	return strings.TrimSpace(line), nil
}

// DefaultDialogTimeout is how long a question waits for its answer, as
// on the device (reference §6.6: the [Y/N] question times out after 30
// seconds and the command is abandoned).
const DefaultDialogTimeout = 30 * time.Second

// errNoAnswer ends a command whose question got no answer in time, or
// could get none (an exec command has no one to ask): the command gives
// up and the session goes on, as the device does.
var errNoAnswer = errors.New("cli: no answer to the question")

// readAnswer reads the answer to a question (prompt is the question, or
// "" after a prompt already printed), waiting at most the shell's dialog
// timeout. The line's idle-timeout still ends the session if it is the
// shorter.
func (s *Session) readAnswer(prompt string, secret bool) (string, lineEvent, error) {
	if s.noAnswers {
		s.t.text(prompt + "\n")
		return "", lineEnter, errNoAnswer
	}
	wait := s.sh.DialogTimeout
	if wait <= 0 {
		wait = DefaultDialogTimeout
	}
	idle := s.in.idle
	dialog := idle <= 0 || wait < idle
	if dialog {
		s.in.idle = wait
		defer func() { s.in.idle = idle }()
	}
	line, ev, err := s.ed.readLine(prompt, secret)
	if dialog && errors.Is(err, errIdle) {
		s.t.raw("\r\n")
		return "", ev, errNoAnswer
	}
	return line, ev, err
}

// confirm asks a [Y/N] question until it gets an answer.
func (s *Session) confirm(question string) (bool, error) {
	q := question
	for {
		a, err := s.ask(q)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(a) {
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		q = msgYesNoAgain
	}
}

// failedLoginWait makes a wrong password (super) cost what a failed SSH
// login does: a wait that grows with the failures from the session's
// address (device.LoginFailed). Ending the session ends the wait.
func (s *Session) failedLoginWait() {
	d := s.dev.LoginFailed(s.info.Remote)
	if d <= 0 || s.in == nil {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-s.in.ctx.Done():
	}
}
