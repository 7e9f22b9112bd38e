package fleet

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"switchemu/record"
)

// Recordings: with recording on (Options.Record for every device, the
// inventory's record key or SetRecording per device), every interactive
// session is written as an asciicast v2 file,
// STATE/<device>/recordings/<start>-vty<line>-<user>.cast, private to the
// process's user like the rest of the state. The session's goroutine
// writes it as it runs; keys typed at a password prompt are not in it.

// recordingsDir is where the device's recordings are.
func (m *Member) recordingsDir() string { return filepath.Join(m.stateDir(), "recordings") }

// Recording reports whether the device records its sessions.
func (m *Member) Recording() bool { return m.record.Load() }

// SetRecording turns recording on or off for sessions that start from
// now on.
func (m *Member) SetRecording(on bool) { m.record.Store(on) }

// startRecording records l if the device records; the returned stop ends
// the recording (a no-op if there is none). A recording that cannot be
// written is logged and the session goes on without it.
func (m *Member) startRecording(l *LiveSession) (stop func()) {
	if !m.record.Load() {
		return func() {}
	}
	dir := m.recordingsDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		m.f.log.Error("recording not started", "device", m.Spec.Name, "session", l.ID, "err", err)
		return func() {}
	}
	path := filepath.Join(dir, l.ID+".cast")
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		m.f.log.Error("recording not started", "device", m.Spec.Name, "session", l.ID, "err", err)
		return func() {}
	}
	title := fmt.Sprintf("%s %s@%s vty%d (%s)", m.Spec.Name, l.User, l.Remote, l.Line, l.Protocol)
	w, h := l.w, l.h
	if w <= 0 || h <= 0 {
		w, h = 80, 24 // the size the device assumes without a pty's
	}
	rec, err := record.NewWriter(file, record.Header{Width: w, Height: h, Title: title,
		Env: map[string]string{"TERM": "vt100"}}, l.Since)
	if err != nil {
		file.Close()
		os.Remove(path)
		m.f.log.Error("recording not started", "device", m.Spec.Name, "session", l.ID, "err", err)
		return func() {}
	}
	failed := false
	note := func(err error) {
		if err != nil && !failed {
			failed = true
			m.f.log.Error("recording cut short", "device", m.Spec.Name, "session", l.ID, "err", err)
		}
	}
	first := true
	unwatch := l.Watch(func(ev TermEvent) {
		switch ev.Kind {
		case 'o':
			note(rec.Output(ev.Time, ev.Data))
			note(rec.Flush())
		case 'i':
			note(rec.Input(ev.Time, ev.Data))
		case 'r':
			if first { // the size at the start is the header's
				first = false
				return
			}
			var cols, rows int
			if _, err := fmt.Sscanf(string(ev.Data), "%dx%d", &cols, &rows); err == nil {
				note(rec.Resize(ev.Time, cols, rows))
			}
		}
	})
	return func() {
		unwatch()
		note(rec.Close(time.Now()))
		note(file.Close())
	}
}

// RecordingInfo describes one recording.
type RecordingInfo struct {
	ID       string    `json:"id"`
	Started  time.Time `json:"started"`
	Line     int       `json:"line"`
	User     string    `json:"user"`
	Size     int64     `json:"size"`     // bytes
	Duration float64   `json:"duration"` // seconds, to the last event
}

// ErrNoRecording is returned for a recording the device does not have.
var ErrNoRecording = errors.New("no such recording")

// Recordings lists the device's recordings, oldest first.
func (m *Member) Recordings() ([]RecordingInfo, error) {
	ents, err := os.ReadDir(m.recordingsDir())
	if errors.Is(err, fs.ErrNotExist) {
		return []RecordingInfo{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("recordings of %s: %w", m.Spec.Name, err)
	}
	out := []RecordingInfo{}
	for _, e := range ents {
		id, ok := strings.CutSuffix(e.Name(), ".cast")
		if !ok || !e.Type().IsRegular() {
			continue
		}
		ri, ok := parseRecordingID(id)
		if !ok {
			continue
		}
		if fi, err := e.Info(); err == nil {
			ri.Size = fi.Size()
		}
		if f, err := os.Open(filepath.Join(m.recordingsDir(), e.Name())); err == nil {
			if c, err := record.Parse(f); err == nil {
				ri.Duration = c.Duration()
			}
			f.Close()
		}
		out = append(out, ri)
	}
	slices.SortFunc(out, func(a, b RecordingInfo) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// RecordingFile returns the path of the recording id, checked to name
// one of the device's recordings (no path climbs out of the folder).
func (m *Member) RecordingFile(id string) (string, error) {
	if _, ok := parseRecordingID(id); !ok {
		return "", fmt.Errorf("recording %q of %s: %w", id, m.Spec.Name, ErrNoRecording)
	}
	path := filepath.Join(m.recordingsDir(), id+".cast")
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return "", fmt.Errorf("recording %q of %s: %w", id, m.Spec.Name, ErrNoRecording)
	}
	return path, nil
}

// parseRecordingID reads the start, line and user back from an ID made by
// sessionID; ok is false for anything else (so a name with a slash or
// ".." is never a recording).
func parseRecordingID(id string) (RecordingInfo, bool) {
	stamp, rest, ok := strings.Cut(id, "-vty")
	if !ok {
		return RecordingInfo{}, false
	}
	t, err := time.Parse("20060102T150405.000Z", stamp)
	if err != nil {
		return RecordingInfo{}, false
	}
	lineText, user, ok := strings.Cut(rest, "-")
	if !ok || user == "" || strings.ContainsAny(user, `/\`) || user == "." || user == ".." {
		return RecordingInfo{}, false
	}
	var line int
	if _, err := fmt.Sscanf(lineText, "%d", &line); err != nil || fmt.Sprint(line) != lineText {
		return RecordingInfo{}, false
	}
	if user == "-" {
		user = ""
	}
	return RecordingInfo{ID: id, Started: t, Line: line, User: user}, true
}
