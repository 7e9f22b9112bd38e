package vt

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/fleet/fleettest"
	"switchemu/internal/interop"
)

// TestAgainstTmux shows the same output in tmux, a real terminal, and
// compares the screens and the cursors. The cases are what the
// emulator's sessions send (cli/engine_editor.go, engine_pager.go). BS
// right after a character in the last column is left out: tmux stops on
// the last column there, a VT100 one further left.
func TestAgainstTmux(t *testing.T) {
	interop.Need(t, "tmux", "apt-get install -y tmux", "tmux", "-V")
	long := "<SW0001>display current-configuration interface GigabitEthernet2/0/1 | include port"
	for _, tc := range []struct {
		name string
		w, h int
		out  string
	}{
		{"login", 80, 24, "\r\n******************************************************************************\r\n* Copyright (c) 2004-2010 3Com Corp. and its licensors. All rights reserved. *\r\n******************************************************************************\r\n\r\n<SW0001>"},
		{"a long line wraps", 40, 10, long},
		{"the editor moves back over a wrapped line", 40, 10, long + "\x1b[2A\x1b[7Cundo " + strings.Repeat("\b", 5)},
		{"more prompt erased", 40, 6, "line 1\r\nline 2\r\n  ---- More ----\x1b[16D                \x1b[16Dline 3\r\n<SW0001>"},
		{"scrolling", 20, 5, strings.Repeat("interface GigabitEthernet2/0/1\r\n", 12) + "<SW0001>"},
		{"full rows then CRLF", 10, 5, "abcdefghij\r\nklmnopqrst\r\nuv"},
		{"pending wrap then CSI D and CSI K", 10, 5, "abcdefghij\x1b[3D\x1b[K"},
		{"pending wrap then LF", 10, 5, "abcdefghij\nX"},
		{"pending wrap then CSI A", 10, 5, "\r\n\r\nabcdefghij\x1b[AX"},
		{"backspace erasing", 30, 5, "<SW0001>disp\b \b\b \bplay"},
		{"UTF-8", 20, 5, "description Größe → €"},
		{"clear and home", 20, 5, "junk\r\njunk\x1b[2J\x1b[HX\x1b[3;4HY"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := screen(tc.w, tc.h, tc.out)
			got, row, col := tmuxShow(t, tc.w, tc.h, tc.out)
			if got != want.Text() || row != want.Row || col != want.Col {
				t.Errorf("tmux:\n%s[cursor %d,%d]\nvt:\n%s", got, row, col, want)
			}
		})
	}
}

// tmuxShow writes out to a w x h tmux pane with no output processing and
// returns its text (as Snapshot.Text has it) and cursor.
func tmuxShow(t *testing.T, w, h int, out string) (string, int, int) {
	t.Helper()
	dir := t.TempDir()
	sock, file := filepath.Join(dir, "s"), filepath.Join(dir, "out")
	if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	tmux := func(args ...string) string {
		t.Helper()
		o, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, o)
		}
		return string(o)
	}
	script := "stty raw -echo; cat " + file + "; tmux -S " + sock + " wait-for -S shown; sleep 60"
	tmux("-f", "/dev/null", "new-session", "-d", "-s", "vt", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h), script)
	t.Cleanup(func() { exec.Command("tmux", "-S", sock, "kill-server").Run() })
	tmux("wait-for", "shown")
	rows := strings.Split(strings.TrimRight(tmux("capture-pane", "-p", "-t", "vt"), "\n"), "\n")
	for i := range rows {
		rows[i] = strings.TrimRight(rows[i], " ")
	}
	text := strings.Join(rows, "\n") + "\n"
	if len(rows) == 1 && rows[0] == "" {
		text = ""
	}
	var row, col int
	cur := strings.Split(strings.TrimSpace(tmux("display-message", "-p", "-t", "vt", "#{cursor_y} #{cursor_x}")), " ")
	row, _ = strconv.Atoi(cur[0])
	col, _ = strconv.Atoi(cur[1])
	return text, row, col
}

// TestSessionAgainstTmux records what a real session of the emulator
// sends while its user edits a line longer than the terminal (wraps,
// cursor moves, history, deletes) and pages a long output, and shows it
// in tmux and in a Screen after each step: the screens and cursors
// match.
func TestSessionAgainstTmux(t *testing.T) {
	interop.Need(t, "tmux", "apt-get install -y tmux", "tmux", "-V")
	f := fleettest.Start(t, fleettest.Options{})
	sw := f.Device("SW0001")
	c := sw.Dial()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var out bytes.Buffer
	sess.Stdout = writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return out.Write(p)
	})
	in, _ := sess.StdinPipe()
	if err := sess.RequestPty("vt100", 12, 40, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		sess.Wait()
		close(done)
	}()
	defer func() {
		c.Close()
		<-done
	}()
	waitFor := func(want string, n int) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			mu.Lock()
			got := strings.Count(out.String(), want)
			mu.Unlock()
			if got >= n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("no %q (%d times) in %q", want, n, out.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor("<SW0001>", 1)
	for _, step := range []struct{ keys, want string }{
		{"display current-configuration interface GigabitEthernet2/0/1", "GigabitEthernet2/0/1"},
		{strings.Repeat("\x1b[D", 30) + "XYZ\x7f\x7f\x7f" + strings.Repeat("\x1b[C", 50) + "\x7f1\r", "<SW0001>"},
		{"\x1b[A", "interface GigabitEthernet2/0/1"},
		{"\r", "<SW0001>"},
		{"display interface brief\r", "---- More ----"},
		{" ", "---- More ----"},
		{"q", "<SW0001>"},
	} {
		before := strings.Count(out.String(), step.want)
		io.WriteString(in, step.keys)
		waitFor(step.want, before+1)
		time.Sleep(100 * time.Millisecond) // the rest of the step's output
		mu.Lock()
		sent := out.String()
		mu.Unlock()
		want := screen(40, 12, sent)
		if got, row, col := tmuxShow(t, 40, 12, sent); got != want.Text() || row != want.Row || col != want.Col {
			t.Errorf("after %q: tmux:\n%s[cursor %d,%d]\nvt:\n%s", step.keys, got, row, col, want)
		}
	}
	mu.Lock()
	sent := out.String()
	mu.Unlock()
	want := screen(40, 12, sent)
	if want.Rows[want.Row] != "<SW0001>" || !strings.Contains(want.Text(), "GE2/0/") || !strings.Contains(sent, "\x1b[1A") {
		t.Fatalf("the session did not go as planned:\n%s", want)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
