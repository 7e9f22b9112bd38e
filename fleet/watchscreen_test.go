package fleet

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestWatchScreen: a watcher joining late gets the session's last
// screenful of output, from the start of a line, ending with what the
// screen shows now; a plain watcher gets only what comes next.
func TestWatchScreen(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: sw\n")
	f.KeepScreens()
	m := f.Member("sw")
	sh := openShell(t, m)
	for range 6 {
		sh.run("display current-configuration")
	}
	sh.run("display clock")
	ls := m.LiveSessions()
	if len(ls) != 1 {
		t.Fatalf("%d sessions", len(ls))
	}
	// The live session sees what was written right after the write: the
	// client may have read the prompt a moment before. Wait for it.
	var screen, plain []TermEvent
	for range 200 {
		screen = nil
		stop := ls[0].WatchScreen(func(ev TermEvent) { screen = append(screen, TermEvent{Kind: ev.Kind, Data: bytes.Clone(ev.Data)}) })
		stop()
		if len(screen) == 2 && strings.Contains(string(screen[1].Data), "display clock") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop := ls[0].Watch(func(ev TermEvent) { plain = append(plain, ev) })
	stop()
	if len(plain) != 1 || plain[0].Kind != 'r' {
		t.Errorf("Watch: %d events", len(plain))
	}
	if len(screen) != 2 || screen[0].Kind != 'r' || screen[1].Kind != 'o' {
		t.Fatalf("WatchScreen: %d events", len(screen))
	}
	back := string(screen[1].Data)
	if n := strings.Count(back, "\n"); n != 24 {
		t.Errorf("recent output: %d lines, want the 24 of the pty's screen and the prompt's", n)
	}
	if !strings.HasSuffix(back, "\r\n<sw>") || !strings.Contains(back, "display clock") {
		t.Errorf("recent output ends %q", back[max(0, len(back)-200):])
	}
	sh.mu.Lock()
	all := sh.all.String()
	sh.mu.Unlock()
	if !strings.HasSuffix(all, back) || all[len(all)-len(back)-1] != '\n' {
		t.Errorf("the recent output is not the end of the output from a line's start (%d of %d bytes)", len(back), len(all))
	}
}

// TestNoScreensKept: without KeepScreens (no console), a session keeps
// none of its output.
func TestNoScreensKept(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: sw\n")
	m := f.Member("sw")
	sh := openShell(t, m)
	sh.run("display current-configuration")
	l := m.LiveSessions()[0]
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.recent != nil {
		t.Errorf("%d bytes of output kept", len(l.recent))
	}
}

// TestLastScreen: the lines of the last screen, a line's start, bounded.
func TestLastScreen(t *testing.T) {
	for _, tc := range []struct {
		in   string
		rows int
		want string
	}{
		{"a\r\nb\r\nc\r\n<p>", 2, "b\r\nc\r\n<p>"},
		{"a\r\nb", 5, "a\r\nb"},
		{"\r\n<p>", 1, "\r\n<p>"},
		{strings.Repeat("x", RecentOutput+10) + "\r\nyy\r\n<p>", 24, "yy\r\n<p>"},
	} {
		if got := string(lastScreen([]byte(tc.in), tc.rows)); got != tc.want {
			t.Errorf("lastScreen(%.20q, %d) = %.40q, want %q", tc.in, tc.rows, got, tc.want)
		}
	}
}
