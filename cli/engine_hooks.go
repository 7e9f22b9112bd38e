package cli

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"
)

// CommandEvent is one command line a session ran (typed, exec or from
// the control API; never a replayed configuration line), for a fleet's
// events and metrics.
type CommandEvent struct {
	Line     int    // VTY line; -1 for the control API
	User     string //
	Remote   string // client address
	API      bool   // run by the control API
	Text     string // the line, a password argument masked
	OK       bool   // the command parsed and succeeded
	Error    string // what the device said when it did not
	Duration time.Duration
}

// OnCommand sets fn to be called after every command line a session of
// the shell runs. Set it before the shell serves sessions; fn runs in the
// session's goroutine and must not block.
func (sh *Shell) OnCommand(fn func(CommandEvent)) { sh.onCommand = fn }

// commandRan reports a command line to the OnCommand hook.
func (s *Session) commandRan(text string, err error, d time.Duration) {
	s.lastErr = err
	if s.sh.onCommand == nil || s.replay {
		return
	}
	ok := err == nil || errors.Is(err, errStopOutput) || errors.Is(err, errEndSession)
	s.sh.onCommand(CommandEvent{
		Line: s.info.Line, User: s.info.User, Remote: s.info.Remote, API: s.info.API,
		Text: text, OK: ok, Error: errorText(err), Duration: d,
	})
}

// errorText is the line the device prints for a command's error.
func errorText(err error) string {
	var perr *ParseError
	var uerr userError
	switch {
	case err == nil, errors.Is(err, errStopOutput), errors.Is(err, errEndSession):
		return ""
	case errors.As(err, &perr):
		return parseMessages[perr.Kind]
	case errors.As(err, &uerr):
		return strings.TrimSpace(string(uerr))
	case errors.Is(err, context.Canceled):
		return "session ended"
	}
	return msgCommandFailed
}

// CurrentConfig is what display current-configuration prints.
func (sh *Shell) CurrentConfig() string { return RenderConfig(sh.dev.Snapshot(), sh.dev.Profile()) }

// RenderConfig renders a configuration as display current-configuration
// prints it and save writes it.
var RenderConfig = renderConfig

// CommandResult is one command the control API ran.
type CommandResult struct {
	Command string `json:"command"`
	Output  string `json:"output"`
	OK      bool   `json:"ok"`
	Error   string `json:"error,omitempty"`
}

// RunCommands runs command lines one after the other in one level-3
// session without a terminal, as typed in an exec session: the views
// they enter carry over from one to the next, nothing is paged, and a
// command that asks a question (save, reboot) gets no answer and stops
// there. The log buffer records each command as from the API. Outputs
// have LF line ends.
func (sh *Shell) RunCommands(ctx context.Context, cmds []string, user, remote string) []CommandResult {
	in := newInput(ctx, strings.NewReader(""))
	defer in.stop()
	s := sh.newSession(SessionInfo{User: user, Level: 3, Remote: remote, Line: -1, API: true}, &term{w: io.Discard}, in, nil)
	s.pagingOff = true
	s.noAnswers = true
	out := make([]CommandResult, 0, len(cmds))
	for _, line := range cmds {
		var buf strings.Builder
		s.t = &term{w: &buf}
		res := CommandResult{Command: line}
		start := time.Now()
		r, perr := s.resolveLine(line)
		if perr != nil {
			s.t.text(renderParseError(perr, 0))
			s.commandRan(strings.TrimSpace(line), perr, time.Since(start))
			res.Error = parseMessages[perr.Kind]
		} else {
			s.lastErr = nil
			res.OK = s.run(r)
			switch {
			case res.OK:
			case errors.Is(s.lastErr, errNoAnswer):
				res.Error = "the command asks a question, and the API answers none: " + lastLine(buf.String())
			default:
				res.Error = lastLine(buf.String())
			}
		}
		s.ended = false
		res.Output = strings.ReplaceAll(buf.String(), "\r\n", "\n")
		out = append(out, res)
		if ctx.Err() != nil {
			break
		}
	}
	return out
}

func lastLine(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	if s == "" {
		return msgCommandFailed
	}
	return s
}
