package fleet

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"switchemu/cli"
	"switchemu/device"
	"switchemu/internal/linediff"
	"switchemu/sshd"
	"switchemu/telnetd"
)

// Event is something that happened on a device of the fleet: a login, a
// logout, a failed login, a command run, a configuration change, a save,
// a reboot, a link going up or down.
type Event struct {
	Seq    uint64    `json:"seq"` // from 1, in the order the fleet saw them
	Time   time.Time `json:"time"`
	Type   string    `json:"type"` // one of the Event* constants
	Device string    `json:"device"`

	Line     *int   `json:"line,omitempty"`     // VTY line
	User     string `json:"user,omitempty"`     //
	Remote   string `json:"remote,omitempty"`   // client host
	Protocol string `json:"protocol,omitempty"` // ssh, telnet, api; transfer: sftp, scp

	Command    string  `json:"command,omitempty"`     // command: the line, passwords masked
	Outcome    string  `json:"outcome,omitempty"`     // command, transfer: ok or error
	Error      string  `json:"error,omitempty"`       // command: what the device said; failed login: why
	DurationMS float64 `json:"duration_ms,omitempty"` // command

	Removed []string `json:"removed,omitempty"` // config: lines no longer in the configuration
	Added   []string `json:"added,omitempty"`   // config: lines new in it

	File      string `json:"file,omitempty"`      // save: the file written
	Interface string `json:"interface,omitempty"` // link
	Up        *bool  `json:"up,omitempty"`        // link: the new state
	Message   string `json:"message,omitempty"`   // the log buffer's message, where there is one
	Fault     *Fault `json:"fault,omitempty"`     // fault: the fault as it is now
	Count     int    `json:"-"`                   // replay errors (observers)

	Lab    string `json:"lab,omitempty"`    // lab: the lab's name
	Passed *int   `json:"passed,omitempty"` // lab: how many of its checks pass now
	Total  *int   `json:"total,omitempty"`  // lab: how many checks it has

	internal bool // for observers (metrics) only, never for subscribers
}

// Event types.
const (
	EventLogin       = "login"
	EventLogout      = "logout"
	EventLoginFailed = "login-failed"
	EventCommand     = "command"
	EventConfig      = "config-changed"
	EventSave        = "save"
	EventReboot      = "reboot"
	EventBoot        = "boot" // back from a reboot or a factory reset
	EventLink        = "link"
	EventTransfer    = "transfer" // a file copied over SFTP or SCP
	EventLab         = "lab"      // a device's result for a lab changed (package lab)
	EventFault       = "fault"    // a fault set, taking effect, done or cleared (faults.go)

	// For observers only (metrics).
	eventHandshake    = "handshake"
	eventReplayErrors = "replay-errors"
)

// EventReplayErrors is an observer's view of configuration lines that
// did not apply (at boot, or in a PutConfig): Count says how many.
const EventReplayErrors = eventReplayErrors

// EventTypes lists the event types subscribers see.
var EventTypes = []string{EventLogin, EventLogout, EventLoginFailed, EventCommand, EventConfig, EventSave, EventReboot, EventBoot, EventLink, EventTransfer, EventLab, EventFault}

// Handshake is an observer's view of an SSH handshake event: its Outcome
// is ok or error.
const EventHandshake = eventHandshake

// DefaultQueue is how many events a subscription holds before it drops.
const DefaultQueue = 256

// Subscription delivers a fleet's events. The fleet never waits for a
// subscriber: when C is full, new events are dropped for it and counted.
type Subscription struct {
	C <-chan Event

	ch      chan Event
	device  string
	dropped atomic.Uint64
	bus     *bus
	once    sync.Once
}

// Dropped is how many events the subscription lost to a full queue.
func (s *Subscription) Dropped() uint64 { return s.dropped.Load() }

// Close ends the subscription; C is then closed. It may be called more
// than once.
func (s *Subscription) Close() {
	s.once.Do(func() {
		s.bus.mu.Lock()
		delete(s.bus.subs, s)
		close(s.ch)
		s.bus.mu.Unlock()
	})
}

// bus hands events to subscribers (bounded, dropping) and observers
// (synchronous, for counters).
type bus struct {
	mu        sync.Mutex
	seq       uint64
	subs      map[*Subscription]struct{}
	observers []func(Event)
	tracking  atomic.Bool // configuration changes are diffed
	dropped   atomic.Uint64
}

// Subscribe delivers every event of the fleet from now on, or only the
// device's if device is not "". queue is the subscription's buffer;
// DefaultQueue if <= 0.
func (f *Fleet) Subscribe(device string, queue int) *Subscription {
	if queue <= 0 {
		queue = DefaultQueue
	}
	f.startTracking()
	ch := make(chan Event, queue)
	s := &Subscription{C: ch, ch: ch, device: device, bus: &f.bus}
	f.bus.mu.Lock()
	if f.bus.subs == nil {
		f.bus.subs = map[*Subscription]struct{}{}
	}
	f.bus.subs[s] = struct{}{}
	f.bus.mu.Unlock()
	return s
}

// Observe calls fn with every event, subscribers' and observers' own
// (EventHandshake), in the goroutine that caused it, sometimes with a
// device's lock held: fn must be quick, must not block and must not call
// the fleet. Call it before Start to see every event.
func (f *Fleet) Observe(fn func(Event)) {
	f.bus.mu.Lock()
	f.bus.observers = append(f.bus.observers, fn)
	f.bus.mu.Unlock()
	f.startTracking()
}

// DroppedEvents is how many events subscribers lost in all.
func (f *Fleet) DroppedEvents() uint64 { return f.bus.dropped.Load() }

// emit numbers e and hands it out.
func (f *Fleet) emit(e Event) {
	b := &f.bus
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	b.mu.Lock()
	b.seq++
	e.Seq = b.seq
	obs := b.observers
	if !e.internal {
		for s := range b.subs {
			if s.device != "" && s.device != e.Device {
				continue
			}
			select {
			case s.ch <- e:
			default:
				s.dropped.Add(1)
				b.dropped.Add(1)
			}
		}
	}
	b.mu.Unlock()
	for _, fn := range obs {
		fn(e)
	}
}

// startTracking makes the fleet diff configuration changes from now on:
// every device made so far gets its baseline.
func (f *Fleet) startTracking() {
	if f.bus.tracking.Swap(true) {
		return
	}
	for _, m := range f.members {
		if m.ready.Load() != nil {
			m.trackConfig(false)
		}
	}
}

// trackConfig renders m's configuration and, if emit is set and it
// differs from the last one seen, reports the change. It runs after
// every change of the device; a device that is rebooting is skipped (its
// configuration is half replayed).
func (m *Member) trackConfig(emit bool) {
	if !m.f.bus.tracking.Load() {
		return
	}
	dev := m.ready.Load()
	if dev == nil || dev.Rebooting() {
		return
	}
	// Snapshot, render and report under cfgMu: concurrent changes are
	// diffed and reported in the order they were committed.
	m.cfgMu.Lock()
	defer m.cfgMu.Unlock()
	text := cli.RenderConfig(dev.Snapshot(), dev.Profile())
	prev := m.lastCfg
	m.lastCfg = text
	if !emit || prev == "" || prev == text {
		return
	}
	removed, added := diffLines(prev, text)
	if len(removed) == 0 && len(added) == 0 {
		return
	}
	m.f.emit(Event{Type: EventConfig, Device: m.Spec.Name, Removed: removed, Added: added})
}

// diffLines returns the lines of a that are not in b and those of b that
// are not in a, in order (internal/linediff), without the separators.
func diffLines(a, b string) (removed, added []string) {
	for _, l := range linediff.Align(strings.Split(a, "\n"), strings.Split(b, "\n")) {
		switch l.Op {
		case linediff.Removed:
			removed = append(removed, l.Text)
		case linediff.Added:
			added = append(added, l.Text)
		}
	}
	return trimSeps(removed), trimSeps(added)
}

// trimSeps drops the "#" separators and blank lines of a diff.
func trimSeps(lines []string) []string {
	var out []string
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" && t != "#" {
			out = append(out, l)
		}
	}
	return out
}

// onLog turns the device's log messages into events: saves, link
// changes, file transfers. It runs with the device's lock held.
func (m *Member) onLog(e device.LogEntry) {
	switch {
	case e.Module == "CFGMAN" && strings.Contains(e.Text, "The configuration was saved to "):
		file := strings.TrimSuffix(strings.TrimSpace(e.Text[strings.Index(e.Text, "saved to ")+len("saved to "):]), ".")
		m.f.emit(Event{Time: e.Time, Type: EventSave, Device: m.Spec.Name, File: file, Message: strings.TrimSpace(e.Text)})
	case e.Module == "SSH" && (strings.HasPrefix(e.Digest, "SFTP_") || strings.HasPrefix(e.Digest, "SCP_")):
		// The transfer lines of sshd (SSH/5/SFTP_UPLOAD ...).
		proto, _, _ := strings.Cut(e.Digest, "_")
		ev := Event{Time: e.Time, Type: EventTransfer, Device: m.Spec.Name, Protocol: strings.ToLower(proto),
			Message: strings.TrimSpace(e.Text), Outcome: "ok"}
		if strings.HasSuffix(e.Digest, "_FAIL") {
			ev.Outcome = "error"
		}
		m.f.emit(ev)
	case e.Module == "IFNET" && e.Digest == "LINK_UPDOWN":
		text := strings.TrimSpace(e.Text)
		name, _, _ := strings.Cut(text, " ")
		up := strings.HasSuffix(text, "UP.")
		m.f.emit(Event{Time: e.Time, Type: EventLink, Device: m.Spec.Name, Interface: name, Up: &up, Message: text})
	}
}

// onCommand reports a command line a session ran.
func (m *Member) onCommand(c cli.CommandEvent) {
	m.noteCommand(c)
	e := Event{Type: EventCommand, Device: m.Spec.Name, User: c.User, Remote: c.Remote, Command: c.Text,
		Outcome: "ok", Error: c.Error, DurationMS: float64(c.Duration) / float64(time.Millisecond)}
	if !c.OK {
		e.Outcome = "error"
	}
	if c.API {
		e.Protocol = "api"
	} else {
		e.Line = &c.Line
		e.Protocol = m.lineProtocol(c.Line)
	}
	m.f.emit(e)
}

// lineProtocol is "ssh" or "telnet", as the login on line says.
func (m *Member) lineProtocol(line int) string {
	dev := m.ready.Load()
	if dev == nil {
		return ""
	}
	for _, l := range dev.Logins() {
		if l.Line == line {
			return protocolName(l.Protocol)
		}
	}
	return ""
}

func protocolName(p string) string {
	switch p {
	case "SSH":
		return "ssh"
	case "TEL":
		return "telnet"
	}
	return strings.ToLower(p)
}

// sshEvent reports what the device's SSH server saw.
func (m *Member) sshEvent(e sshd.Event) {
	ev := Event{Device: m.Spec.Name, User: e.User, Remote: e.Remote, Protocol: "ssh", Error: e.Reason}
	if e.Line >= 0 {
		ev.Line = &e.Line
	}
	switch e.Kind {
	case sshd.EventRefused, sshd.EventAuthFailure:
		ev.Type = EventLoginFailed
	case sshd.EventHandshake:
		ev.Type, ev.internal, ev.Outcome = eventHandshake, true, "ok"
		if !e.OK {
			ev.Outcome = "error"
		}
	default:
		return
	}
	m.f.emit(ev)
	if ev.Type == EventLoginFailed {
		m.faults.refreshCounts() // a refuse-login fault may be spent now
	}
}

// telnetEvent reports what the device's telnet server saw.
func (m *Member) telnetEvent(e telnetd.Event) {
	ev := Event{Type: EventLoginFailed, Device: m.Spec.Name, User: e.User, Remote: e.Remote, Protocol: "telnet", Error: e.Reason}
	if e.Line >= 0 {
		ev.Line = &e.Line
	}
	m.f.emit(ev)
	m.faults.refreshCounts() // a refuse-login fault may be spent now
}

// sessionEvent reports a login or a logout.
func (m *Member) sessionEvent(typ, user, remote, protocol string, line int) {
	m.f.emit(Event{Type: typ, Device: m.Spec.Name, User: user, Remote: remote, Protocol: protocol, Line: &line})
}
