package device

import (
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

type logBuffer struct {
	entries     []LogEntry // ring, oldest first once full
	next        int
	full        bool
	overwritten int
}

func newLogBuffer(n int) logBuffer { return logBuffer{entries: make([]LogEntry, n)} }

func (b *logBuffer) add(e LogEntry) {
	if b.full {
		b.overwritten++
	}
	b.entries[b.next] = e
	b.next = (b.next + 1) % len(b.entries)
	if b.next == 0 {
		b.full = true
	}
}

func (b *logBuffer) list() []LogEntry {
	if !b.full {
		return append([]LogEntry(nil), b.entries[:b.next]...)
	}
	return append(append([]LogEntry(nil), b.entries[b.next:]...), b.entries[:b.next]...)
}

// Log records a message in the log buffer.
func (d *Device) Log(module string, level int, digest, text string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.logs.add(LogEntry{Time: d.now(), Module: module, Level: level, Digest: digest, Text: text})
}

// LogEntries returns the log buffer, oldest first.
func (d *Device) LogEntries() []LogEntry {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.logs.list()
}
