package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"switchemu/device"
)

// pipeSession is a shell session driven through a pipe, as the SSH
// server drives it: the test writes keys, the session writes its screen.
type pipeSession struct {
	pw   *io.PipeWriter
	pr   *io.PipeReader
	out  lockedBuffer
	done chan error
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// pipeRW is the session's side: Close ends the input, as closing an SSH
// channel does.
type pipeRW struct {
	*io.PipeReader
	io.Writer
}

func startSession(ctx context.Context, d *device.Device, level int) *pipeSession {
	return startSessionWin(ctx, d, level, func() Window { return Window{80, 24} })
}

func startSessionWin(ctx context.Context, d *device.Device, level int, win func() Window) *pipeSession {
	pr, pw := io.Pipe()
	p := &pipeSession{pw: pw, pr: pr, done: make(chan error, 1)}
	go func() {
		p.done <- New(d, nil).Run(ctx, pipeRW{pr, &p.out}, win,
			SessionInfo{User: "admin", Level: level, Remote: "192.0.2.1", Line: 0})
	}()
	return p
}

func (p *pipeSession) send(t *testing.T, s string) {
	t.Helper()
	if _, err := io.WriteString(p.pw, s); err != nil {
		t.Fatalf("write %q: %v", s, err)
	}
}

// ended reports whether Run has returned, after everything in the bubble
// has settled.
func (p *pipeSession) ended() bool {
	synctest.Wait()
	select {
	case err := <-p.done:
		p.done <- err
		return true
	default:
		return false
	}
}

// TestIdleTimeout checks the user interface's idle-timeout on a fake
// clock: 10 minutes by default, counted from the last key typed (output
// does not count), a configured value, and 0 for never. The session ends
// without a word, and the logout is logged.
func TestIdleTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := testDevice(t)
		p := startSession(t.Context(), d, 3)
		time.Sleep(9*time.Minute + 59*time.Second)
		if p.ended() {
			t.Fatal("session ended before 10 idle minutes")
		}
		p.send(t, "d") // one key is activity
		time.Sleep(9*time.Minute + 59*time.Second)
		if p.ended() {
			t.Fatal("a key typed did not restart the idle time")
		}
		time.Sleep(2 * time.Second)
		if !p.ended() {
			t.Fatal("session still open after 10 idle minutes")
		}
		if err := <-p.done; err != nil {
			t.Fatalf("Run: %v", err)
		}
		if got := renderScreen(p.out.String(), 80); !strings.HasSuffix(got, "<3Com>d\n") {
			t.Errorf("screen at timeout ends %q, want the prompt and the typed key, no message", got[max(0, len(got)-40):])
		}
		logs := d.LogEntries()
		if last := logs[len(logs)-1]; last.Digest != "LOGOUT" {
			t.Errorf("last log %+v, want the logout", last)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		d := testDevice(t)
		p := startSession(t.Context(), d, 3)
		p.send(t, "system-view\ruser-interface vty 0 4\ridle-timeout 0 30\rreturn\r")
		time.Sleep(29 * time.Second)
		if p.ended() {
			t.Fatal("ended before 30 seconds")
		}
		time.Sleep(time.Second)
		if !p.ended() {
			t.Fatal("idle-timeout 0 30 did not end the session after 30 seconds")
		}
	})
	synctest.Test(t, func(t *testing.T) {
		d := testDevice(t)
		p := startSession(t.Context(), d, 3)
		p.send(t, "system-view\ruser-interface vty 0 4\ridle-timeout 0\rreturn\r")
		time.Sleep(1000 * time.Hour)
		if p.ended() {
			t.Fatal("idle-timeout 0 should never end the session")
		}
		p.send(t, "quit\r")
		if !p.ended() {
			t.Fatal("quit did not end the session")
		}
	})
	synctest.Test(t, func(t *testing.T) {
		// Waiting at the More prompt is idle time too.
		d := testDevice(t)
		p := startSession(t.Context(), d, 3)
		p.send(t, "display current-configuration\r")
		synctest.Wait()
		if !strings.HasSuffix(p.out.String(), morePrompt) {
			t.Fatalf("no More prompt: %q", p.out.String())
		}
		time.Sleep(10 * time.Minute)
		if !p.ended() {
			t.Fatal("session at the More prompt outlived the idle timeout")
		}
		if out := p.out.String(); strings.Contains(out, msgCommandFailed) {
			t.Errorf("idle at the pager printed an error: %q", out)
		}
	})
}

// TestNoGoroutineLeft ends sessions every way a session ends and counts
// goroutines before and after: none may be left behind.
func TestNoGoroutineLeft(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := testDevice(t)
		if n := sessionGoroutines(); n != 0 {
			t.Fatalf("%d session goroutines before any session", n)
		}
		ctx, cancel := context.WithCancel(t.Context())
		var ps []*pipeSession
		quit := startSession(t.Context(), d, 3) // quit in user view
		quit.send(t, "system-view\rquit\rquit\r")
		ps = append(ps, quit)
		eof := startSession(t.Context(), d, 3) // the client closes the channel
		eof.send(t, "display version\r")
		eof.pw.Close()
		ps = append(ps, eof)
		idle := startSession(t.Context(), d, 3) // idle timeout
		ps = append(ps, idle)
		cancelled := startSession(ctx, d, 3) // server shutdown
		cancelled.send(t, "sys\r")
		ps = append(ps, cancelled)
		paging := startSession(t.Context(), d, 3) // gone at the More prompt
		paging.send(t, "display current-configuration\r")
		synctest.Wait()
		paging.pw.CloseWithError(io.ErrUnexpectedEOF)
		ps = append(ps, paging)
		dialog := startSession(t.Context(), d, 3) // gone in the super dialog
		dialog.send(t, "system-view\rsuper password level 3 simple x\rreturn\rsuper 0\rsuper 3\r")
		synctest.Wait()
		dialog.pw.Close()
		ps = append(ps, dialog)

		synctest.Wait()
		// Two sessions are still open (idle, cancelled), each with its
		// goroutine and its input reader.
		if n := sessionGoroutines(); n != 2*2 {
			t.Fatalf("%d session goroutines for 2 open sessions, want 4", n)
		}
		cancel()
		time.Sleep(11 * time.Minute)
		for i, p := range ps {
			if !p.ended() {
				t.Fatalf("session %d did not end", i)
			}
		}
		synctest.Wait()
		if n := sessionGoroutines(); n != 0 {
			buf := make([]byte, 1<<20)
			t.Errorf("%d session goroutines left after every session ended:\n%s", n, buf[:runtime.Stack(buf, true)])
		}
	})
}

// sessionGoroutines counts the goroutines that run a session or read its
// input (the process has others: the test runner's, other tests').
func sessionGoroutines() int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	n := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "switchemu/cli.newInput") || strings.Contains(g, "switchemu/cli.(*Shell).Run") ||
			strings.Contains(g, "switchemu/cli.startSessionWin") {
			n++
		}
	}
	return n
}

// TestTypeAhead sends lines the way Netmiko does, 50 ms apart without
// waiting for the prompt, and a 500-line block pasted at once: every line
// runs, in order, and every character is echoed.
func TestTypeAhead(t *testing.T) {
	var lines []string
	lines = append(lines, "system-view")
	for i := 2; len(lines) < 499; i++ {
		lines = append(lines, fmt.Sprintf("vlan %d", i), fmt.Sprintf(" name VLAN-%04d", i), "quit")
	}
	lines = append(lines, "return")
	for _, mode := range []string{"paced", "pasted"} {
		t.Run(mode, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				d := testDevice(t)
				p := startSession(t.Context(), d, 3)
				if mode == "paced" {
					for _, l := range lines {
						p.send(t, l+"\n")
						time.Sleep(50 * time.Millisecond)
					}
				} else {
					p.send(t, strings.Join(lines, "\r\n")+"\r\n")
				}
				p.send(t, "quit\r")
				if !p.ended() {
					t.Fatal("session did not end")
				}
				screen := renderScreen(p.out.String(), 0)
				cfg := d.Snapshot()
				for _, l := range lines {
					var id int
					if _, err := fmt.Sscanf(l, "vlan %d", &id); err == nil {
						v, ok := cfg.VLANs[device.VLANID(id)]
						if !ok || v.Name != fmt.Sprintf("VLAN-%04d", id) {
							t.Fatalf("VLAN %d: %+v, %v", id, v, ok)
						}
					}
				}
				// Every line echoed after the prompt of the view it ran in.
				prompt := "[3Com]"
				rows := strings.Split(screen, "\n")
				j := 0
				for _, l := range lines[1:] {
					for j < len(rows) && !strings.HasPrefix(rows[j], "[") {
						j++
					}
					if j == len(rows) {
						t.Fatalf("line %q not echoed", l)
					}
					if rows[j] != prompt+l {
						t.Fatalf("row %d = %q, want %q", j, rows[j], prompt+l)
					}
					j++
					switch {
					case strings.HasPrefix(l, "vlan "):
						prompt = "[3Com-vlan" + strings.TrimPrefix(l, "vlan ") + "]"
					case l == "quit":
						prompt = "[3Com]"
					}
				}
				if strings.Contains(screen, "%") {
					t.Errorf("an error on the screen:\n%s", screen)
				}
			})
		})
	}
}

// TestResizeRewraps narrows the window under a line being typed: the
// next key redraws the line for the new width, and editing then lands
// where it should on the wrapped rows.
func TestResizeRewraps(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var width atomic.Int32
		width.Store(80)
		d := testDevice(t)
		p := startSessionWin(t.Context(), d, 3, func() Window { return Window{int(width.Load()), 24} })
		line := "display current-configuration | include GigabitEthernet2/0/4$"
		p.send(t, "screen-length disable\r"+line)
		synctest.Wait()
		before := len(p.out.String())
		width.Store(30)
		// Ctrl+A, then fix "display" into "Display" and back, across rows.
		p.send(t, "\x01\x04d\x05\x02\x02x\x7f\r")
		synctest.Wait()
		screen := renderScreen(p.out.String()[before:], 30)
		want := "\n" +
			"<3Com>display current-configur\n" +
			"ation | include GigabitEtherne\n" +
			"t2/0/4$\n" +
			"interface GigabitEthernet2/0/4\n" +
			"<3Com>\n"
		if screen != want {
			t.Errorf("after the resize the screen shows\n%s\nwant\n%s", screen, want)
		}
		p.send(t, "quit\r")
		if !p.ended() {
			t.Fatal("session did not end")
		}
	})
}

// TestHandlerPanic: a handler bug prints the generic failure line and the
// session goes on.
func TestHandlerPanic(t *testing.T) {
	d := testDevice(t)
	sh := New(d, nil)
	var out bytes.Buffer
	in := newInput(t.Context(), strings.NewReader("display version\r"))
	defer in.stop()
	s := sh.newSession(SessionInfo{User: "admin", Level: 3, Line: -1}, &term{w: &out}, in, nil)
	n := &Node{run: func(*Session, Args) error { panic("boom") }}
	if s.run(&resolved{node: n, args: Args{Line: "x"}}) {
		t.Error("a panicking handler reported success")
	}
	if got := out.String(); got != msgCommandFailed+"\r\n" {
		t.Errorf("output %q, want the generic failure line", got)
	}
	if !s.execute("display vlan", 6) || !strings.Contains(out.String(), "VLAN") {
		t.Errorf("the session did not go on: %q", out.String())
	}
}

// TestSuperCipher: a super password given as the cipher text that display
// current-configuration shows works like the plain one it came from.
func TestSuperCipher(t *testing.T) {
	d := testDevice(t)
	if err := d.Update(func(c *device.Config) error {
		c.SuperPasswords[3] = device.EncryptPassword("Plain-1")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	ct := d.Snapshot().SuperPasswords[3]
	d2 := testDevice(t)
	var out bytes.Buffer
	in := "system-view\rsuper password level 3 cipher " + ct + "\rreturn\rsuper 1\rsuper 3\rPlain-1\rsystem-view\r"
	if err := New(d2, nil).Run(t.Context(), rw{strings.NewReader(in), &out}, nil,
		SessionInfo{User: "u", Level: 3, Line: -1}); err != nil {
		t.Fatal(err)
	}
	screen := renderScreen(out.String(), 0)
	if !strings.Contains(screen, "<3Com>super 3\n Password:\nUser privilege level is 3,") ||
		!strings.HasSuffix(screen, "<3Com>system-view\nSystem View: return to User View with Ctrl+Z.\n[3Com]\n") {
		t.Errorf("super with a cipher password:\n%s", screen)
	}
	if strings.Contains(screen, "Plain-1") {
		t.Errorf("the password was echoed:\n%s", screen)
	}
}
