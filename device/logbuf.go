package device

import (
	"cmp"
	"fmt"
	"time"
)

// logBufferSize is the default number of messages the log buffer keeps.
const logBufferSize = 512

// LogEntry is one message of the log buffer.
type LogEntry struct {
	Time   time.Time
	Module string // "SHELL"
	Level  int    // 0-7
	Digest string // "LOGIN"
	Text   string
	Trap   bool // printed with '#' instead of '%'
	// Sysname is the device's name when the message was logged.
	Sysname string
}

// Format renders the entry as the device prints it:
// "%Jun 17 12:00:01:123 2011 Sysname SHELL/5/LOGIN: text".
func (e LogEntry) Format(sysname string) string {
	mark := "%"
	if e.Trap {
		mark = "#"
	}
	t := e.Time
	return fmt.Sprintf("%s%s %2d %02d:%02d:%02d:%03d %d %s %s/%d/%s:%s", mark, t.Format("Jan"), t.Day(),
		t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/1e6, t.Year(), sysname, e.Module, e.Level, e.Digest, e.Text)
}

// logBuffer is a ring of at most size entries. Its storage grows with
// the messages logged, so that a device nobody uses costs nothing for
// its 512 empty slots.
type logBuffer struct {
	size        int
	entries     []LogEntry // oldest first until full, then a ring
	next        int        // once full: the slot to overwrite next
	full        bool
	overwritten int
}

func newLogBuffer(n int) logBuffer { return logBuffer{size: n} }

func (b *logBuffer) add(e LogEntry) {
	if !b.full {
		b.entries = append(b.entries, e)
		if len(b.entries) == b.size {
			b.full, b.next = true, 0
		}
		return
	}
	b.overwritten++
	b.entries[b.next] = e
	b.next = (b.next + 1) % len(b.entries)
}

func (b *logBuffer) list() []LogEntry {
	if !b.full {
		return append([]LogEntry(nil), b.entries...)
	}
	return append(append([]LogEntry(nil), b.entries[b.next:]...), b.entries[:b.next]...)
}

// Log records a message in the log buffer and hands it to every
// terminal monitor.
func (d *Device) Log(module string, level int, digest, text string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.logLocked(module, level, digest, text)
}

func (d *Device) logLocked(module string, level int, digest, text string) {
	ic := d.cfg.InfoCenter
	e := LogEntry{Time: d.clockLocked(), Module: module, Level: level, Digest: digest, Text: text, Sysname: d.cfg.Sysname}
	if d.onLog != nil {
		d.onLog(e)
	}
	if ic.Disabled {
		return
	}
	if !ic.LogbufferOff {
		if n := ic.LogbufferSize; n > 0 && n != d.logs.size || n == 0 && d.logs.size != logBufferSize {
			d.logs.resize(cmp.Or(n, logBufferSize))
		}
		d.logs.add(e)
	}
	for ch := range d.monitors {
		select {
		case ch <- e:
		default: // a slow terminal loses lines; the device never waits
		}
	}
}

// resize keeps the newest entries that fit in n.
func (b *logBuffer) resize(n int) {
	old := b.list()
	if len(old) > n {
		b.overwritten += len(old) - n
		old = old[len(old)-n:]
	}
	nb := newLogBuffer(n)
	nb.overwritten = b.overwritten
	for _, e := range old {
		nb.add(e)
	}
	nb.overwritten = b.overwritten
	*b = nb
}

// LogEntries returns the log buffer, oldest first.
func (d *Device) LogEntries() []LogEntry {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.logs.list()
}

// LogBufferStatus describes the log buffer for display logbuffer.
type LogBufferStatus struct {
	Enabled     bool
	Size        int // messages it holds at most
	Overwritten int
	Current     int
}

// LogBuffer returns the log buffer's state and its messages, oldest first.
func (d *Device) LogBuffer() (LogBufferStatus, []LogEntry) {
	d.mu.Lock()
	defer d.mu.Unlock()
	list := d.logs.list()
	ic := d.cfg.InfoCenter
	return LogBufferStatus{
		Enabled: !ic.Disabled && !ic.LogbufferOff, Size: cmp.Or(ic.LogbufferSize, logBufferSize),
		Overwritten: d.logs.overwritten, Current: len(list),
	}, list
}

// monitorQueue is how many log entries a subscriber's channel holds.
const monitorQueue = 64

// Subscribe delivers every log entry logged from now on to the returned
// channel (terminal monitor) until cancel is called. The device never
// waits for a subscriber: when the channel is full, new entries are
// dropped for that subscriber, so a slow session loses lines instead of
// holding up the switch. cancel may be called more than once.
func (d *Device) Subscribe() (entries <-chan LogEntry, cancel func()) {
	ch := make(chan LogEntry, monitorQueue)
	d.mu.Lock()
	d.monitors[ch] = struct{}{}
	d.mu.Unlock()
	return ch, func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		delete(d.monitors, ch)
	}
}
