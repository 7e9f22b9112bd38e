package fleet

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"switchemu/cli"
)

// A LiveSession is one interactive session of a device as the fleet sees
// it: who is logged in on which line since when, the last command they
// ran, and the session's terminal stream for whoever watches it (the
// trainer's console, a recording). Watchers see the bytes the client was
// sent, and the keys the command line consumed except what was typed at a
// password prompt.
type LiveSession struct {
	ID       string    // unique in the device: start time, line and user
	Device   string    //
	User     string    // "" on a line without a user name (password mode)
	Remote   string    // client host
	Protocol string    // ssh, ssh1 or telnet
	Line     int       // VTY line
	Since    time.Time // login

	win func() cli.Window

	mu       sync.Mutex // guards the fields below; held while watchers run
	lastCmd  string
	lastAt   time.Time
	w, h     int
	watchers map[int]func(TermEvent)
	nextW    int
	recent   []byte // the last screenful of output (WatchScreen), if kept
	keep     bool   // the fleet keeps screens (KeepScreens)
}

// RecentOutput bounds what a session keeps of its last output, so that a
// watcher joining late (WatchScreen) can draw the screen as it is: the
// lines of the last screen (the window's height), at most this many
// bytes.
const RecentOutput = 16 << 10

// KeepScreens makes the sessions that start from now on keep their last
// screenful of output, for a watcher that joins late (the trainer's
// console calls it). Without it a session keeps nothing it does not need.
func (f *Fleet) KeepScreens() { f.keepScreens.Store(true) }

// A TermEvent is one step of a session's terminal stream.
type TermEvent struct {
	Time time.Time
	// Kind is 'o' for output, 'i' for input, 'r' for a window change
	// (Data is "WIDTHxHEIGHT").
	Kind byte
	// Data belongs to the caller: a watcher copies what it keeps.
	Data []byte
}

// SessionSummary is what the console's overview shows of a session.
type SessionSummary struct {
	ID          string    `json:"id"`
	Device      string    `json:"device"`
	User        string    `json:"user"`
	Remote      string    `json:"remote"`
	Protocol    string    `json:"protocol"`
	Line        int       `json:"line"`
	Since       time.Time `json:"since"`
	Width       int       `json:"width"`
	Height      int       `json:"height"`
	LastCommand string    `json:"last_command,omitempty"`
	LastAt      time.Time `json:"last_command_at,omitzero"`
}

// Summary copies the session's state out.
func (l *LiveSession) Summary() SessionSummary {
	l.mu.Lock()
	defer l.mu.Unlock()
	return SessionSummary{ID: l.ID, Device: l.Device, User: l.User, Remote: l.Remote, Protocol: l.Protocol,
		Line: l.Line, Since: l.Since, Width: l.w, Height: l.h, LastCommand: l.lastCmd, LastAt: l.lastAt}
}

// Watch calls fn with every event of the session's stream from now on,
// first with a window event for its current size, until stop is called
// or the session ends. fn runs on the session's goroutine with the
// session's watch lock held: it must be quick and must not block (queue
// and drop rather than wait).
func (l *LiveSession) Watch(fn func(TermEvent)) (stop func()) { return l.watch(fn, false) }

// WatchScreen is Watch for a watcher that draws the screen: after the
// window event, fn first gets the session's last screenful of output
// (from the start of a line; kept only once the fleet KeepScreens), which
// redraws what the student's screen shows, then every event from then on.
func (l *LiveSession) WatchScreen(fn func(TermEvent)) (stop func()) { return l.watch(fn, true) }

func (l *LiveSession) watch(fn func(TermEvent), recent bool) (stop func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	id := l.nextW
	l.nextW++
	if l.watchers == nil {
		l.watchers = map[int]func(TermEvent){}
	}
	l.watchers[id] = fn
	fn(TermEvent{Time: time.Now(), Kind: 'r', Data: fmt.Appendf(nil, "%dx%d", l.w, l.h)})
	if recent && len(l.recent) > 0 {
		fn(TermEvent{Time: time.Now(), Kind: 'o', Data: l.recent})
	}
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		delete(l.watchers, id)
	}
}

// emit hands ev to every watcher; mu is held.
func (l *LiveSession) emit(ev TermEvent) {
	for _, fn := range l.watchers {
		fn(ev)
	}
}

// output reports bytes the client was sent, and a window change first if
// the size changed since the last output.
func (l *LiveSession) output(p []byte) {
	now := time.Now()
	w := l.win()
	l.mu.Lock()
	defer l.mu.Unlock()
	if w.Width != l.w || w.Height != l.h {
		l.w, l.h = w.Width, w.Height
		l.emit(TermEvent{Time: now, Kind: 'r', Data: fmt.Appendf(nil, "%dx%d", l.w, l.h)})
	}
	if len(l.watchers) > 0 {
		l.emit(TermEvent{Time: now, Kind: 'o', Data: p})
	}
	if l.keep {
		l.recent = lastScreen(append(l.recent, p...), max(l.h, 24))
	}
}

// lastScreen cuts b to what draws the last screen of rows rows: from the
// start of the line rows lines before the end, at most RecentOutput
// bytes. What it keeps is copied out once b's array is twice as large,
// so an idle session holds about a screenful.
func lastScreen(b []byte, rows int) []byte {
	start, n := len(b), 0
	for start > 0 && n <= rows {
		start--
		if b[start] == '\n' {
			n++
		}
	}
	if n > rows {
		start++ // just after the newline before the screen's first line
	}
	if cut := len(b) - RecentOutput; start < cut {
		// Long lines: the last RecentOutput bytes, from a line's start.
		start = cut
		if nl := bytes.IndexByte(b[cut:], '\n'); nl >= 0 {
			start = cut + nl + 1
		}
	}
	if start == 0 {
		return b
	}
	if cap(b) > 2*(len(b)-start)+64 {
		return append([]byte(nil), b[start:]...)
	}
	return append(b[:0], b[start:]...)
}

// key reports one input byte the command line consumed.
func (l *LiveSession) key(b byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.watchers) > 0 {
		l.emit(TermEvent{Time: time.Now(), Kind: 'i', Data: []byte{b}})
	}
}

// command records the last command line run.
func (l *LiveSession) command(text string, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lastCmd, l.lastAt = text, at
}

// end drops the watchers: the session is over.
func (l *LiveSession) end() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.watchers)
}

// sessionID names a session by its start, line and user, in a form safe
// as a file name: 20261201T230512.123Z-vty0-admin.
func sessionID(since time.Time, line int, user string) string {
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '_'
	}, user)
	if safe == "" {
		safe = "-"
	}
	return fmt.Sprintf("%s-vty%d-%s", since.UTC().Format("20060102T150405.000Z"), line, safe)
}

// goLive registers an interactive session: it returns info with its Keys
// and Output hooks set, and end, which unregisters it. Recording starts
// here when the device records.
func (m *Member) goLive(win func() cli.Window, protocol string, info cli.SessionInfo) (cli.SessionInfo, func()) {
	now := time.Now()
	l := &LiveSession{ID: sessionID(now, info.Line, info.User), Device: m.Spec.Name, User: info.User,
		Remote: info.Remote, Protocol: protocol, Line: info.Line, Since: now, win: win, keep: m.f.keepScreens.Load()}
	w := win()
	l.w, l.h = w.Width, w.Height
	info.Keys, info.Output = l.key, l.output
	m.liveMu.Lock()
	if m.live == nil {
		m.live = map[int]*LiveSession{}
	}
	m.live[info.Line] = l
	m.liveMu.Unlock()
	stopRec := m.startRecording(l)
	return info, func() {
		stopRec()
		l.end()
		m.liveMu.Lock()
		if m.live[info.Line] == l {
			delete(m.live, info.Line)
		}
		m.liveMu.Unlock()
	}
}

// LiveSessions lists the device's interactive sessions, by line.
func (m *Member) LiveSessions() []*LiveSession {
	m.liveMu.Lock()
	defer m.liveMu.Unlock()
	out := make([]*LiveSession, 0, len(m.live))
	for _, l := range m.live {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b *LiveSession) int { return a.Line - b.Line })
	return out
}

// LiveSession finds one of the device's sessions by its ID.
func (m *Member) LiveSession(id string) (*LiveSession, bool) {
	m.liveMu.Lock()
	defer m.liveMu.Unlock()
	for _, l := range m.live {
		if l.ID == id {
			return l, true
		}
	}
	return nil, false
}

// noteCommand records a session's command as its last one.
func (m *Member) noteCommand(c cli.CommandEvent) {
	if c.API || c.Line < 0 {
		return
	}
	m.liveMu.Lock()
	l := m.live[c.Line]
	m.liveMu.Unlock()
	if l != nil && l.User == c.User {
		l.command(c.Text, time.Now())
	}
}
