package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"switchemu/device"
)

// ReplayError is one configuration line that did not apply.
type ReplayError struct {
	Line int    // 1-based line number
	Text string // the line as written
	Err  string // what the device would have said
}

func (e ReplayError) String() string {
	return fmt.Sprintf("line %d: %q: %s", e.Line, e.Text, e.Err)
}

// Replay applies configuration text (a startup file, a pasted block, the
// profile's factory configuration) through the same parser as typed
// commands, at privilege level 3. A line at column 0 starts from system
// view (a section header or a global command); an indented line runs in
// the view the last header entered, falling back to system view; "#"
// goes back to system view; "return" ends the text. Lines that do not
// apply are skipped and reported; nothing else stops the replay.
//
// The lines are one batch of changes on the device (device.Batch), so
// that the replay costs what the text holds, not lines times the
// configuration's size. Each line is still all or nothing: a line whose
// change failed is undone by going back to the last checkpoint, replaying
// the lines since, and running it again with changes copied and
// committed one by one.
func (sh *Shell) Replay(text string) []ReplayError {
	b := sh.dev.BeginBatch()
	defer b.End()
	return sh.replay(text, b)
}

// replayCheckpoint is how many changing lines a replay runs between
// checkpoints.
const replayCheckpoint = 512

// replayedLine is a line that changed the configuration since the last
// checkpoint, with the view it ran in.
type replayedLine struct {
	stack []frame
	text  string
}

func (sh *Shell) replay(text string, b *device.Batch) []ReplayError {
	t := &term{w: io.Discard}
	s := sh.newSession(SessionInfo{User: "replay", Level: 3, Line: -1}, t, nil, nil)
	s.replay = true
	s.stack = []frame{{kind: viewUser}, {kind: viewSystem}}
	var errs []ReplayError
	var since []replayedLine
	// runAgain runs a line in the view it had, its output discarded.
	runAgain := func(stack []frame, line string) {
		s.stack = slices.Clone(stack)
		if r, perr := s.resolveLine(line); perr == nil {
			s.t = &term{w: io.Discard}
			s.run(r)
			s.ended = false
		}
	}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		first := i
		line := strings.TrimRight(lines[i], "\r \t")
		trimmed := strings.TrimSpace(line)
		if n := bannerEnd(lines, i); n > i {
			// A banner's text runs over the lines up to its delimiter.
			for _, l := range lines[i+1 : n+1] {
				line += "\n" + strings.TrimRight(l, "\r \t")
			}
			trimmed = strings.TrimSpace(line)
			i = n
		}
		switch {
		case trimmed == "":
			continue
		case trimmed == "#":
			s.toSystemView()
			continue
		case trimmed == "return" && !strings.HasPrefix(line, " "):
			return errs
		case len(s.stack) <= 2 && (trimmed == "version" || strings.HasPrefix(trimmed, "version ") && strings.Contains(trimmed, ",")):
			continue // the release line; not a command ("version 2" in rip view is one)
		}
		if !strings.HasPrefix(line, " ") {
			s.toSystemView()
		}
		// A line indented less than a nested sub-view's lines belongs to
		// a view above it ("ospf 1" / " area 0.0.0.0" / "  network ...").
		indent := len(line) - len(strings.TrimLeft(line, " "))
		for len(s.stack) > 2+indent && s.cur().kind == viewConf {
			s.stack = s.stack[:len(s.stack)-1]
		}
		if len(s.stack) < 2 {
			s.stack = []frame{{kind: viewUser}, {kind: viewSystem}}
		}
		// A banner's lines are joined with newlines, which are its own:
		// each of its lines passes the check.
		var perr *ParseError
		for _, part := range strings.Split(trimmed, "\n") {
			if perr = untypedError(part); perr != nil {
				break
			}
		}
		var r *resolved
		if perr == nil {
			r, perr = s.resolveLine(trimmed)
		}
		if perr != nil {
			errs = append(errs, ReplayError{Line: first + 1, Text: cutLine(line), Err: parseMessages[perr.Kind]})
			if sh.replayed != nil {
				sh.replayed(first+1, true)
			}
			continue
		}
		stack := slices.Clone(s.stack)
		b.StartLine()
		var out strings.Builder
		s.t = &term{w: &out}
		ok := s.run(r)
		s.ended = false
		switch {
		case b.LineFailed():
			// A change of the line failed and may have left part of
			// itself: back to the checkpoint, the lines since, and
			// this one again with each change committed or not.
			b.Restore()
			for _, l := range since {
				runAgain(l.stack, l.text)
			}
			b.Unbatched(func() { runAgain(stack, trimmed) })
			b.Checkpoint()
			since = since[:0]
		case b.LineChanged():
			since = append(since, replayedLine{stack, trimmed})
			if len(since) >= replayCheckpoint {
				b.Checkpoint()
				since = since[:0]
			}
		}
		failed := false
		if msg := strings.TrimSpace(out.String()); !ok || msg != "" && isFailure(msg) {
			if msg == "" {
				msg = "Error: The command failed."
			}
			if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
				msg = strings.TrimSpace(msg[i+1:]) // the message under a caret line
			}
			errs = append(errs, ReplayError{Line: first + 1, Text: cutLine(line), Err: msg})
			failed = true
		}
		if sh.replayed != nil {
			sh.replayed(first+1, failed)
		}
	}
	return errs
}

// maxReportedLine is how much of a refused line a report repeats.
const maxReportedLine = 200

// cutLine shortens a refused line for its report: a 50 MB line is not
// echoed whole.
func cutLine(line string) string {
	if len(line) <= maxReportedLine {
		return line
	}
	cut := maxReportedLine
	for cut > 0 && !utf8.RuneStart(line[cut]) {
		cut--
	}
	return fmt.Sprintf("%s... (%d bytes)", line[:cut], len(line))
}

// bannerEnd is the index of the line that ends the banner starting at
// lines[i] ("header motd %" up to the next line with "%", as the device
// prints a multi-line banner), or i when lines[i] starts none.
func bannerEnd(lines []string, i int) int {
	f := strings.Fields(lines[i])
	if len(f) < 3 || f[0] != "header" {
		return i
	}
	switch f[1] {
	case "incoming", "legal", "login", "motd", "shell":
	default:
		return i
	}
	rest := strings.TrimSpace(strings.SplitN(strings.TrimSpace(lines[i]), " ", 3)[2])
	delim := rest[:1]
	if strings.Contains(rest[1:], delim) {
		return i // on one line
	}
	for n := i + 1; n < len(lines); n++ {
		if strings.Contains(lines[n], delim) {
			return n
		}
	}
	return i
}

// isFailure reports whether a command's output says it failed.
func isFailure(out string) bool {
	return strings.Contains(out, "Error:") || strings.Contains(out, "% ")
}

// Boot replays the configuration the device starts with: the next startup
// file (the backup one if the main one is missing), or the profile's
// factory configuration when there is none. It returns where the text came
// from ("flash:/startup.cfg" or "factory configuration") and the lines
// that did not apply, which were skipped. The device then counts as up
// with its configuration saved. BootReport says more.
func (sh *Shell) Boot() (source string, errs []ReplayError, err error) {
	r, err := sh.BootReport()
	if err != nil {
		return "", nil, err
	}
	return r.Source, r.Refused, nil
}
