package fleet

import (
	"bytes"
	"strings"
	"testing"
)

// TestWatchScreen: a watcher joining late gets the session's recent
// output, bounded and from the start of a line, ending with what the
// screen shows now; a plain watcher gets only what comes next.
func TestWatchScreen(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: sw\n")
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
	var screen, plain []TermEvent
	stop := ls[0].WatchScreen(func(ev TermEvent) { screen = append(screen, TermEvent{Kind: ev.Kind, Data: bytes.Clone(ev.Data)}) })
	stop()
	stop = ls[0].Watch(func(ev TermEvent) { plain = append(plain, ev) })
	stop()
	if len(plain) != 1 || plain[0].Kind != 'r' {
		t.Errorf("Watch: %d events", len(plain))
	}
	if len(screen) != 2 || screen[0].Kind != 'r' || screen[1].Kind != 'o' {
		t.Fatalf("WatchScreen: %d events", len(screen))
	}
	back := string(screen[1].Data)
	if len(back) > RecentOutput || len(back) < RecentOutput/2 {
		t.Errorf("recent output: %d bytes", len(back))
	}
	if !strings.HasSuffix(back, "\r\n<sw>") || !strings.Contains(back, "display clock") {
		t.Errorf("recent output ends %q", back[max(0, len(back)-200):])
	}
	ls[0].mu.Lock()
	kept := string(ls[0].recent)
	ls[0].mu.Unlock()
	if !strings.HasSuffix(kept, back) || len(kept) == len(back) || kept[len(kept)-len(back)-1] != '\n' {
		t.Errorf("the recent output is not the end of the output from a line's start (%d of %d bytes)", len(back), len(kept))
	}
}
