package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// The end-to-end tests run the built binary against real clients. A test
// whose client is not installed skips with a message saying how to install
// it, and fails instead when INTEROP=required (CI sets it).

var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "switchemu-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binPath = filepath.Join(dir, "switchemu")
	args := []string{"build", "-o", binPath}
	if raceEnabled {
		args = append(args, "-race")
	}
	build := exec.Command("go", append(args, ".")...)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// needTool skips the test if a client is missing, or fails it when
// INTEROP=required.
func needTool(t *testing.T, what, install string, check ...string) {
	t.Helper()
	if err := exec.Command(check[0], check[1:]...).Run(); err != nil {
		if os.Getenv("INTEROP") == "required" {
			t.Fatalf("%s is missing (%v); install it with: %s", what, err, install)
		}
		t.Skipf("%s is missing (%v); install it with: %s (set INTEROP=required to fail instead)", what, err, install)
	}
}

// emulator is a running switchemu process.
type emulator struct {
	Addr string // host:port
	Port string
	Dir  string // state folder

	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan error
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
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

var listenRE = regexp.MustCompile(`listening on (127\.0\.0\.1:(\d+))`)

// startEmulator runs the binary on a free loopback port with state in dir
// and stops it (SIGTERM) when the test ends.
func startEmulator(t *testing.T, dir string, extra ...string) *emulator {
	t.Helper()
	args := append([]string{"--listen", "127.0.0.1:0", "--state-dir", dir}, extra...)
	cmd := exec.Command(binPath, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	e := &emulator{Dir: dir, cmd: cmd, out: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = e.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan []string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		sent := false
		var listen []string
		for sc.Scan() {
			e.out.Write([]byte(sc.Text() + "\n"))
			if m := listenRE.FindStringSubmatch(sc.Text()); m != nil && listen == nil {
				listen = m
			}
			// The welcome ends with the state folder: by then the host
			// key line has been read too.
			if listen != nil && !sent && strings.HasPrefix(sc.Text(), "  state:") {
				found <- listen
				sent = true
			}
		}
		if !sent {
			close(found)
		}
		e.done <- cmd.Wait()
	}()
	select {
	case m, ok := <-found:
		if !ok {
			t.Fatalf("emulator exited before listening:\n%s", tail(e.out.String(), 40))
		}
		e.Addr, e.Port = m[1], m[2]
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("emulator did not start:\n%s", tail(e.out.String(), 40))
	}
	t.Cleanup(func() { e.Stop(t) })
	return e
}

// Stop ends the emulator with SIGTERM and waits for it; a second call is
// a no-op.
func (e *emulator) Stop(t *testing.T) {
	t.Helper()
	if e.cmd.ProcessState != nil || e.done == nil {
		return
	}
	e.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-e.done:
		if err != nil {
			t.Errorf("emulator exit: %v\n%s", err, tail(e.out.String(), 40))
		}
	case <-time.After(20 * time.Second):
		e.cmd.Process.Kill()
		<-e.done
		t.Errorf("emulator did not stop on SIGTERM\n%s", tail(e.out.String(), 40))
	}
	e.done = nil
}

// Output returns what the emulator printed so far.
func (e *emulator) Output() string { return e.out.String() }

// runClient runs a client command with a deadline and returns its
// combined output.
func runClient(t *testing.T, timeout time.Duration, stdin io.Reader, env []string, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = stdin
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return string(out), fmt.Errorf("%s timed out after %v: %w", name, timeout, ctx.Err())
	}
	return string(out), err
}

// coreSession is a short configuration session typed into a shell;
// checkCoreSession checks its transcript: the prompt follows the views
// and the new sysname, and the change shows in the configuration.
var coreSession = []string{"screen-length disable", "system-view", "sysname Core1", "vlan 10", "name Servers",
	"return", "display current-configuration"}

func checkCoreSession(t *testing.T, out string) {
	t.Helper()
	for _, want := range []string{
		"<3Com>system-view\r\nSystem View: return to User View with Ctrl+Z.\r\n[3Com]sysname Core1\r\n[Core1]vlan 10\r\n[Core1-vlan10]name Servers\r\n[Core1-vlan10]return\r\n<Core1>",
		" sysname Core1\r\n",
		"vlan 10\r\n name Servers\r\n#\r\n",
		"<Core1>quit\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("session output lacks %q:\n%s", want, out)
		}
	}
}
