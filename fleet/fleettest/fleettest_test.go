package fleettest_test

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/fleet"
	"switchemu/fleet/fleettest"
)

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
	for range 3000 {
		if strings.Contains(s.text(), want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %q in %q", want, s.text())
}

func openShell(t *testing.T, sw *fleettest.Device) *shell {
	t.Helper()
	c := sw.Dial()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	s := &shell{c: c, done: make(chan struct{})}
	s.in, _ = sess.StdinPipe()
	sess.Stdout = s
	if err := sess.RequestPty("vt100", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sess.Wait()
		close(s.done)
	}()
	s.waitFor(t, "<SW0001>")
	return s
}

// free user-interface vty N ends another session; the session's own line
// cannot be freed.
func TestFreeUserInterface(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{})
	sw := f.Device("SW0001")
	a := openShell(t, sw)
	b := openShell(t, sw)
	ev := sw.Events()
	io.WriteString(a.in, "free user-interface vty 0\r")
	a.waitFor(t, "% The current user interface cannot be freed.")
	io.WriteString(a.in, "free user-interface vty 7\r")
	a.waitFor(t, "% User interface vty7 is not in use.")
	io.WriteString(a.in, "free user-interface vty 1\r")
	a.waitFor(t, "Are you sure to free user-interface vty1 [Y/N]?")
	io.WriteString(a.in, "y\r")
	a.waitFor(t, "[OK]")
	select {
	case <-b.done:
	case <-time.After(30 * time.Second):
		t.Fatal("the freed session did not end")
	}
	// Its connection is closed too, as on the device.
	closed := make(chan struct{})
	go func() {
		b.c.Wait()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(30 * time.Second):
		t.Fatal("the freed session's connection stays open")
	}
	for e := range ev {
		if e.Type == fleet.EventLogout {
			if e.Line == nil || *e.Line != 1 {
				t.Fatalf("logout %+v", e)
			}
			break
		}
	}
}

// The helper's operations, without HTTP.
func TestHelper(t *testing.T) {
	inv := &fleet.Inventory{
		Devices: []fleet.Spec{{Name: "a", Sysname: "a"}, {Name: "b", Sysname: "b"}},
		Links:   []fleet.Link{{A: fleet.Port{Device: "a", Interface: "GigabitEthernet2/0/1"}, B: fleet.Port{Device: "b", Interface: "GigabitEthernet2/0/1"}}},
	}
	f := fleettest.Start(t, fleettest.Options{Inventory: inv, Telnet: true})
	a := f.Device("a")
	if a.TelnetAddr() == "" || len(f.Devices()) != 2 {
		t.Fatal("no telnet address or devices")
	}
	if user, pw := a.Credentials(); user == "" || pw == "" {
		t.Fatal("no credentials")
	}
	refused := a.PutConfig(strings.Replace(a.Config(), " sysname a\n", " sysname edge\n#\n bogus line\n", 1))
	if len(refused) != 1 || !strings.Contains(a.Config(), " sysname edge") {
		t.Fatalf("put config: %v", refused)
	}
	events := f.Events("b")
	a.LinkDown("GigabitEthernet2/0/1")
	for e := range events {
		if e.Type == fleet.EventLink && e.Interface == "GigabitEthernet2/0/1" && !*e.Up {
			break
		}
	}
	if out := f.Device("b").Command("display interface GigabitEthernet2/0/1"); !strings.Contains(out, "current state: DOWN") {
		t.Fatalf("far end: %s", out)
	}
	a.LinkUp("GigabitEthernet2/0/1")
	a.Save()
	a.Reset()
	if !strings.Contains(a.Config(), " sysname a\n") {
		t.Fatal("reset did not give the factory configuration")
	}
	a.Reboot()
	if out := a.Command("display version"); !strings.Contains(out, "uptime is 0 week, 0 day, 0 hour, 0 minute") {
		t.Fatalf("after reboot: %s", out)
	}
	if len(a.LogBuffer()) == 0 {
		t.Fatal("no log after a reboot")
	}
}

func TestSetFaults(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{Devices: 1})
	d := f.Devices()[0]
	list := d.SetFaults(fleet.FaultSpec{Kind: fleet.FaultFlashFull})
	if len(list) != 1 || list[0].Kind != fleet.FaultFlashFull {
		t.Fatalf("faults: %+v", list)
	}
	for range 2000 {
		if d.Member().Faults()[0].State == "active" {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if r := d.Run("save force"); r[0].OK || !strings.Contains(r[0].Output, "Save failed!") {
		t.Fatalf("save on a full flash: %+v", r[0])
	}
	d.ClearFaults()
	if r := d.Run("save force"); !r[0].OK {
		t.Fatalf("save after the fault: %+v", r[0])
	}
}
