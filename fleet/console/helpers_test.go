package console_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/fleet/console"
	"switchemu/fleet/fleettest"
)

// shell is an interactive SSH session with a pty, as a student's.
type shell struct {
	c    *gossh.Client
	in   io.WriteCloser
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

func (s *shell) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.Write(p)
}

func (s *shell) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

func (s *shell) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(s.text(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q in %q", want, s.text())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// openShell logs in to sw with a w x h pty and waits for the prompt.
func openShell(t *testing.T, sw *fleettest.Device, w, h int) *shell {
	t.Helper()
	c := sw.Dial()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	s := &shell{c: c, done: make(chan struct{})}
	s.in, _ = sess.StdinPipe()
	sess.Stdout = s
	if err := sess.RequestPty("vt100", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sess.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		c.Close()
		<-s.done
	})
	s.waitFor(t, ">")
	return s
}

// event is one Server-Sent Event.
type event struct {
	Type string
	Data string
}

// stream opens an event stream of the console and delivers its events
// until the test ends or the stream does.
func stream(t *testing.T, base, path string) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+path, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		cancel()
		t.Fatalf("GET %s: %d %s: %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	ch := make(chan event, 1024)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.Type != "" {
					ch <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "event: "):
				ev.Type = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.Data = line[len("data: "):]
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		resp.Body.Close()
		for range ch {
		}
		<-done
	})
	return ch
}

// waitScreen reads screens until one satisfies ok; it returns it.
func waitScreen(t *testing.T, ch <-chan event, what string, ok func(console.Frame) bool) console.Frame {
	t.Helper()
	timeout := time.After(30 * time.Second)
	var last console.Frame
	for {
		select {
		case ev, open := <-ch:
			if !open {
				t.Fatalf("the stream ended before %s; last screen:\n%s", what, last.Text())
			}
			if ev.Type != "screen" {
				continue
			}
			last = console.Frame{}
			if err := json.Unmarshal([]byte(ev.Data), &last); err != nil {
				t.Fatalf("screen %q: %v", ev.Data, err)
			}
			if ok(last) {
				return last
			}
		case <-timeout:
			t.Fatalf("no screen with %s; last:\n%s", what, last.Text())
		}
	}
}

// waitEvent reads events until one of type typ.
func waitEvent(t *testing.T, ch <-chan event, typ string) event {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case ev, open := <-ch:
			if !open {
				t.Fatalf("the stream ended before a %s event", typ)
			}
			if ev.Type == typ {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %s event", typ)
		}
	}
}
