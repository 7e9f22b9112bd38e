package fleet

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchemu/record"
)

// waitNoSessions waits until the device has no interactive session: the
// server has seen the last one end and closed its recording.
func waitNoSessions(t *testing.T, m *Member) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for len(m.LiveSessions()) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%s: sessions still live: %v", m.Name(), m.LiveSessions())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRecordingSession records a session that goes through super's
// password prompt: the cast file is valid asciicast v2, its output is
// exactly what the client was sent, its input is what was typed except
// the password.
func TestRecordingSession(t *testing.T) {
	f := startFleet(t, `
devices:
  - name: sw1
    record: true
    config: |
      super password level 3 simple Pa55word
`)
	m := f.Member("sw1")
	sh := openShell(t, m)
	if got := m.LiveSessions(); len(got) != 1 || got[0].Line != 0 || got[0].Protocol != "ssh" {
		t.Fatalf("live sessions: %+v", got)
	}
	sh.run("super 0")
	io.WriteString(sh.in, "super 3\r")
	deadline := time.Now().Add(20 * time.Second)
	for {
		sh.mu.Lock()
		text := sh.buf.String()
		sh.mu.Unlock()
		if strings.Contains(text, "Password:") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no Password: prompt: %q", text)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if out := sh.run("Pa55word"); !strings.Contains(out, "User privilege level is 3") {
		t.Fatalf("super 3: %q", out)
	}
	if s := m.LiveSessions()[0].Summary(); s.LastCommand != "super 3" {
		t.Errorf("last command %q, want super 3", s.LastCommand)
	}
	sh.run("display clock")
	io.WriteString(sh.in, "quit\r")
	<-sh.done
	waitNoSessions(t, m)

	recs, err := m.Recordings()
	if err != nil || len(recs) != 1 {
		t.Fatalf("recordings: %v %+v", err, recs)
	}
	r := recs[0]
	if r.Line != 0 || r.User != "admin" || r.Size == 0 || r.Duration <= 0 {
		t.Errorf("recording info: %+v", r)
	}
	path, err := m.RecordingFile(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("recording file mode: %v %v", fi.Mode(), err)
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("recordings folder mode: %v %v", fi.Mode(), err)
	}
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	c, err := record.Parse(file)
	if err != nil {
		t.Fatal(err)
	}
	if c.Header.Width != 200 || c.Header.Height != 24 {
		t.Errorf("header size %dx%d, want the pty's 200x24", c.Header.Width, c.Header.Height)
	}
	sh.mu.Lock()
	sent := sh.all.String()
	sh.mu.Unlock()
	if got := c.Output(); got != sent {
		t.Errorf("recorded output differs from what the client was sent:\nrecorded %q\nsent     %q", got, sent)
	}
	in := c.Input()
	for _, want := range []string{"screen-length disable\r", "super 0\r", "super 3\r", "display clock\r", "quit\r"} {
		if !strings.Contains(in, want) {
			t.Errorf("input stream lacks %q: %q", want, in)
		}
	}
	if strings.Contains(in, "Pa55") {
		t.Errorf("the super password is in the recorded input: %q", in)
	}
}

// TestRecordingOff: a device that does not record leaves no folder, and
// SetRecording turns it on for the next session only.
func TestRecordingOff(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: sw1\n")
	m := f.Member("sw1")
	sh := openShell(t, m)
	m.SetRecording(true)
	sh.run("display clock")
	io.WriteString(sh.in, "quit\r")
	<-sh.done
	waitNoSessions(t, m)
	if _, err := os.Stat(m.recordingsDir()); !os.IsNotExist(err) {
		t.Fatalf("recordings folder of a session started unrecorded: %v", err)
	}
	sh = openShell(t, m)
	io.WriteString(sh.in, "quit\r")
	<-sh.done
	waitNoSessions(t, m)
	if recs, err := m.Recordings(); err != nil || len(recs) != 1 {
		t.Fatalf("after SetRecording: %v %+v", err, recs)
	}
}

// TestRecordingID: IDs name start, line and user; anything else, a path
// that climbs out among them, is no recording.
func TestRecordingID(t *testing.T) {
	at := time.Date(2026, 12, 1, 23, 5, 12, 123e6, time.UTC)
	for _, tc := range []struct {
		line int
		user string
		id   string
		back string
	}{
		{0, "admin", "20261201T230512.123Z-vty0-admin", "admin"},
		{15, "net-ops", "20261201T230512.123Z-vty15-net-ops", "net-ops"},
		{3, "", "20261201T230512.123Z-vty3--", ""},
		{1, "a/b", "20261201T230512.123Z-vty1-a_b", "a_b"},
		{1, "..", "20261201T230512.123Z-vty1-..", ""}, // made, but never served
	} {
		id := sessionID(at, tc.line, tc.user)
		if id != tc.id {
			t.Errorf("sessionID(%d, %q) = %q, want %q", tc.line, tc.user, id, tc.id)
		}
		ri, ok := parseRecordingID(id)
		if tc.user == ".." {
			if ok {
				t.Errorf("parseRecordingID(%q) accepted", id)
			}
			continue
		}
		if !ok || ri.Line != tc.line || ri.User != tc.back || !ri.Started.Equal(at) {
			t.Errorf("parseRecordingID(%q) = %+v, %v", id, ri, ok)
		}
	}
	for _, bad := range []string{"", "x", "../../etc/passwd", "20261201T230512.123Z-vty0-a/../../b",
		"20261201T230512.123Z-vtyx-admin", "20261201T230512.123Z-vty01-admin", "2026-vty0-admin"} {
		if _, ok := parseRecordingID(bad); ok {
			t.Errorf("parseRecordingID(%q) accepted", bad)
		}
	}
}
