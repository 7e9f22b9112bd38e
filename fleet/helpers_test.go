package fleet

import (
	"context"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// startFleet starts the fleet of inventory text on free loopback ports
// with state in a temporary folder; it stops when the test ends.
func startFleet(t *testing.T, yamlText string, tweak ...func(*Fleet)) *Fleet {
	t.Helper()
	inv, err := ParseInventory(strings.NewReader(yamlText))
	if err != nil {
		t.Fatal(err)
	}
	return startInventory(t, inv, t.TempDir(), tweak...)
}

func startInventory(t *testing.T, inv *Inventory, dir string, tweak ...func(*Fleet)) *Fleet {
	t.Helper()
	f, err := New(inv, Options{StateDir: dir, Listen: "127.0.0.1:0", RebootDelay: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range tweak {
		fn(f)
	}
	if err := f.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func dial(t *testing.T, m *Member) *gossh.Client {
	t.Helper()
	user, pw := m.Login()
	c, err := gossh.Dial("tcp", m.Addr().String(), &gossh.ClientConfig{
		User: user, Auth: []gossh.AuthMethod{gossh.Password(pw)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 20 * time.Second,
	})
	if err != nil {
		t.Fatalf("%s: dial: %v", m.Name(), err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// execOn runs one command over an SSH exec request.
func execOn(t *testing.T, m *Member, cmd string) string {
	t.Helper()
	c := dial(t, m)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out, _ := s.CombinedOutput(cmd)
	return strings.ReplaceAll(string(out), "\r\n", "\n")
}

// shell is an interactive session on one device.
type shell struct {
	t    *testing.T
	name string
	c    *gossh.Client
	in   io.WriteCloser
	mu   sync.Mutex
	buf  strings.Builder
	all  strings.Builder // every byte the client was sent
	read chan struct{}
	done chan struct{}
}

var promptRE = regexp.MustCompile(`(?:<[^<>\s]+>|\[[^\[\]\s]+\])$`)

func openShell(t *testing.T, m *Member) *shell {
	t.Helper()
	c := dial(t, m)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("vt100", 24, 200, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, _ := s.StdinPipe()
	out, _ := s.StdoutPipe()
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	sh := &shell{t: t, name: m.Name(), c: c, in: in, read: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(sh.done)
		b := make([]byte, 4096)
		for {
			n, err := out.Read(b)
			sh.mu.Lock()
			sh.buf.Write(b[:n])
			sh.all.Write(b[:n])
			sh.mu.Unlock()
			select {
			case sh.read <- struct{}{}:
			default:
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { s.Close() })
	sh.wait()
	sh.run("screen-length disable")
	return sh
}

// wait reads until a prompt ends the output, and returns what came.
func (sh *shell) wait() string {
	sh.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		sh.mu.Lock()
		text := sh.buf.String()
		sh.mu.Unlock()
		if promptRE.MatchString(text) {
			sh.mu.Lock()
			sh.buf.Reset()
			sh.mu.Unlock()
			return text
		}
		select {
		case <-sh.read:
		case <-sh.done:
			sh.t.Fatalf("%s: session ended; output so far: %q", sh.name, text)
		case <-deadline:
			sh.t.Fatalf("%s: no prompt; output so far: %q", sh.name, text)
		}
	}
}

// run types one line and returns its output up to the next prompt.
func (sh *shell) run(line string) string {
	sh.t.Helper()
	if _, err := io.WriteString(sh.in, line+"\r"); err != nil {
		sh.t.Fatalf("%s: %v", sh.name, err)
	}
	return sh.wait()
}

func itoa(n int) string { return strconv.Itoa(n) }
