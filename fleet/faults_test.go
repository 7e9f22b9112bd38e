package fleet

import (
	"context"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

const faultPair = `
devices:
  - name: a
  - name: b
links:
  - a:GigabitEthernet2/0/1 -- b:GigabitEthernet2/0/7
`

// setFaults sets faults through the API's method, failing the test on an
// error.
func setFaults(t *testing.T, m *Member, specs ...FaultSpec) []Fault {
	t.Helper()
	list, err := m.SetFaults(specs)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// waitFault waits for a fault event of m with the given message ending.
func waitFault(t *testing.T, sub *Subscription, kind, what string) Event {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case e := <-sub.C:
			if e.Type == EventFault && e.Fault != nil && e.Fault.Kind == kind && strings.HasSuffix(e.Message, " "+what) {
				return e
			}
		case <-deadline:
			t.Fatalf("no %s %s event", kind, what)
		}
	}
}

func TestFaultSpecChecks(t *testing.T) {
	good := []FaultSpec{
		{Kind: FaultLatency, Latency: "200ms"},
		{Kind: FaultLatency, Latency: "100ms-500ms", After: "30s"},
		{Kind: FaultSlowLogin, Delay: "5s"},
		{Kind: FaultDisconnect, Seconds: 30},
		{Kind: FaultDisconnect, Commands: 3, Lines: 40},
		{Kind: FaultRefuseLogin},
		{Kind: FaultVTYBusy},
		{Kind: FaultHang, Command: "display  interface"},
		{Kind: FaultFlap, Interface: "GigabitEthernet2/0/1", Period: "2s", Count: 3},
		{Kind: FaultFlashFull},
		{Kind: FaultBadStartup},
		{Kind: FaultCPU, Percent: 95},
	}
	for _, s := range good {
		pf, err := parseFault(s, nil)
		if err != nil {
			t.Errorf("%+v: %v", s, err)
		}
		switch s.Kind {
		case FaultRefuseLogin:
			if pf.spec.Count != 1 {
				t.Errorf("refuse-login without count: count %d, want 1", pf.spec.Count)
			}
		case FaultHang:
			if pf.spec.Command != "display interface" {
				t.Errorf("hang command %q", pf.spec.Command)
			}
		}
	}
	if pf, _ := parseFault(FaultSpec{Kind: FaultLatency, Latency: "100ms-500ms"}, nil); pf.span != (span{100 * time.Millisecond, 500 * time.Millisecond}) {
		t.Errorf("range: %+v", pf.span)
	}
	bad := map[string]FaultSpec{
		`fault kind "slow"`:                      {Kind: "slow"},
		"latency does not apply":                 {Kind: FaultCPU, Percent: 50, Latency: "1s"},
		"give latency":                           {Kind: FaultLatency},
		`latency "fast"`:                         {Kind: FaultLatency, Latency: "fast"},
		"the range's end is before its start":    {Kind: FaultLatency, Latency: "500ms-100ms"},
		"at most 1m0s":                           {Kind: FaultLatency, Latency: "2m"},
		"give seconds, commands or lines":        {Kind: FaultDisconnect},
		"seconds -1":                             {Kind: FaultDisconnect, Seconds: -1},
		"lines -3":                               {Kind: FaultDisconnect, Lines: -3},
		"give interface and period":              {Kind: FaultFlap, Interface: "GigabitEthernet2/0/1"},
		`period "1ms"`:                           {Kind: FaultFlap, Interface: "GigabitEthernet2/0/1", Period: "1ms"},
		"percent 101":                            {Kind: FaultCPU, Percent: 101},
		`after "soon"`:                           {Kind: FaultVTYBusy, After: "soon"},
		"interface does not apply":               {Kind: FaultVTYBusy, Interface: "GigabitEthernet2/0/1"},
		"count does not apply (it takes only af": {Kind: FaultFlashFull, Count: 2},
	}
	for want, s := range bad {
		if _, err := parseFault(s, nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: error %v, want %q", s, err, want)
		}
	}
	if _, err := parseFaults([]FaultSpec{{Kind: FaultCPU, Percent: 5}, {Kind: FaultCPU, Percent: 9}}, nil); err == nil ||
		!strings.Contains(err.Error(), "fault 2: the same cpu as fault 1") {
		t.Errorf("two cpu faults: %v", err)
	}
}

func TestInventoryFaults(t *testing.T) {
	inv, err := ParseInventory(strings.NewReader(`
devices:
  - name: sw{n}
    count: 2
    faults:
      - kind: latency
        latency: 100ms-300ms
      - kind: flap
        interface: GigabitEthernet2/0/1
        period: 2s
        count: 3
        after: 30s
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range inv.Devices {
		want := []FaultSpec{{Kind: FaultLatency, Latency: "100ms-300ms"},
			{Kind: FaultFlap, Interface: "GigabitEthernet2/0/1", Period: "2s", Count: 3, After: "30s"}}
		if len(d.Faults) != 2 || d.Faults[0] != want[0] || d.Faults[1] != want[1] {
			t.Errorf("%s: faults %+v", d.Name, d.Faults)
		}
	}
	for text, want := range map[string]string{
		"devices:\n  - name: a\n    faults:\n      - kind: cpu\n        percent: 90\n        pecent: 9\n":      "line 6: field pecent not found",
		"devices:\n  - name: a\n    faults:\n      - kind: cpu\n        percent: 190\n":                        "line 4: fault cpu: percent 190",
		"devices:\n  - name: a\n    faults:\n      - kind: hang\n      - kind: hang\n":                         "line 5: fault hang: the device has one already (line 4)",
		"devices:\n  - name: a\n    faults:\n      - cpu\n":                                                    "line 4: a fault is a mapping",
		"devices:\n  - name: a\n    faults:\n      - kind: latency\n        latency: 1s\n        after: -5s\n": "line 4: fault latency: after \"-5s\"",
	} {
		if _, err := ParseInventory(strings.NewReader(text)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", text, err, want)
		}
	}
	// A flap's port is checked against the device's model.
	inv, err = ParseInventory(strings.NewReader("devices:\n  - name: a\n    faults:\n      - {kind: flap, interface: GigabitEthernet9/0/99, period: 1s}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(inv, Options{StateDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), `device a (line 2): fault 1: fault flap: the device has no port "GigabitEthernet9/0/99"`) {
		t.Errorf("unknown flap port: %v", err)
	}
}

func TestFaultSetListClear(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: a\n")
	a := f.Member("a")
	sub := f.Subscribe("a", 0)
	defer sub.Close()
	list := setFaults(t, a, FaultSpec{Kind: FaultCPU, Percent: 90}, FaultSpec{Kind: FaultVTYBusy, After: "1h"})
	if len(list) != 2 || list[0].ID == list[1].ID || list[1].State != faultScheduled || list[0].Source != "api" {
		t.Fatalf("set: %+v", list)
	}
	waitFault(t, sub, FaultCPU, "set")
	waitFault(t, sub, FaultCPU, "active")
	// The same kind again replaces the first.
	list = setFaults(t, a, FaultSpec{Kind: FaultCPU, Percent: 50})
	if len(list) != 2 || list[1].Kind != FaultCPU || list[1].Percent != 50 {
		t.Fatalf("replace: %+v", list)
	}
	if e := waitFault(t, sub, FaultCPU, "cleared"); e.Fault.Percent != 90 {
		t.Fatalf("cleared the wrong one: %+v", e.Fault)
	}
	if err := a.ClearFault("nope"); err == nil {
		t.Fatal("cleared an unknown fault")
	}
	if err := a.ClearFault(list[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := a.Faults(); len(got) != 1 || got[0].Kind != FaultCPU {
		t.Fatalf("after clearing one: %+v", got)
	}
	if n := a.ClearFaults(); n != 1 || len(a.Faults()) != 0 {
		t.Fatalf("clear all: %d, %+v", n, a.Faults())
	}
	waitFault(t, sub, FaultCPU, "cleared")
}

func TestFaultCPU(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: a\n")
	a := f.Member("a")
	before := execOn(t, a, "display cpu-usage")
	setFaults(t, a, FaultSpec{Kind: FaultCPU, Percent: 95})
	waitActive(t, a, FaultCPU)
	out := execOn(t, a, "display cpu-usage")
	if !strings.Contains(out, "     95% in last 1 minute\n      95% in last 5 minutes\n") || strings.Contains(before, "95% in last 1 minute") {
		t.Fatalf("display cpu-usage with the fault:\n%s\nbefore:\n%s", out, before)
	}
	a.ClearFaults()
	if out := execOn(t, a, "display cpu-usage"); strings.Contains(out, "95% in last 5 minutes") {
		t.Fatalf("cleared, still busy:\n%s", out)
	}
}

// waitActive waits until m's fault of kind is active.
func waitActive(t *testing.T, m *Member, kind string) Fault {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		for _, f := range m.Faults() {
			if f.Kind == kind && f.State == faultActive {
				return f
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s: fault %s never active: %+v", m.Name(), kind, m.Faults())
	return Fault{}
}

func TestFaultScheduled(t *testing.T) {
	f := startFleet(t, `
devices:
  - name: a
    faults:
      - kind: cpu
        percent: 77
        after: 1500ms
`)
	a := f.Member("a")
	list := a.Faults()
	if len(list) != 1 || list[0].Source != "inventory" || !list[0].Starts.Equal(f.started.Add(1500*time.Millisecond)) {
		t.Fatalf("inventory fault: %+v", list)
	}
	out := execOn(t, a, "display cpu-usage")
	if a.Faults()[0].State == faultScheduled && strings.Contains(out, "77%") {
		t.Fatal("a scheduled fault is in effect")
	}
	waitActive(t, a, FaultCPU)
	if out := execOn(t, a, "display cpu-usage"); !strings.Contains(out, "77% in last 5 minutes") {
		t.Fatalf("after its delay:\n%s", out)
	}
}

func TestFaultFlashFull(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: a\n")
	a := f.Member("a")
	setFaults(t, a, FaultSpec{Kind: FaultFlashFull})
	waitActive(t, a, FaultFlashFull)
	out := execOn(t, a, "save force")
	if !strings.Contains(out, "No enough space in the device.\nSave failed!") {
		t.Fatalf("save on a full flash:\n%s", out)
	}
	if _, err := a.SavedConfig(); err == nil {
		t.Fatal("a save on a full flash wrote a file")
	}
	if out := execOn(t, a, "dir"); !strings.Contains(out, " KB total (0 KB free)") {
		t.Fatalf("dir on a full flash:\n%s", out)
	}
	a.ClearFaults()
	if out := execOn(t, a, "save force"); strings.Contains(out, "Save failed") {
		t.Fatalf("save after the fault:\n%s", out)
	}
}

// lockedBuffer is an io.Writer tests read while the fleet writes.
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

func TestFaultBadStartup(t *testing.T) {
	var console lockedBuffer
	f := startFleet(t, "devices:\n  - name: a\n", func(f *Fleet) { f.opts.Out = &console })
	a := f.Member("a")
	if _, err := a.Run(context.Background(), []string{"system-view", "sysname SAVED-NAME", "quit", "save force"}, ""); err != nil {
		t.Fatal(err)
	}
	setFaults(t, a, FaultSpec{Kind: FaultBadStartup})
	waitActive(t, a, FaultBadStartup)
	reboot := func() {
		t.Helper()
		if err := a.Reboot(); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		time.Sleep(50 * time.Millisecond)
		if err := a.WaitUp(ctx); err != nil {
			t.Fatal(err)
		}
	}
	reboot()
	// The startup file did not load: factory configuration, no current
	// startup file; the file itself is there for the next boot.
	dev, _ := a.Device()
	if dev.Sysname() != "a" {
		t.Fatalf("sysname %q after a boot whose startup file failed", dev.Sysname())
	}
	// The warning is written as the boot ends, maybe just after the
	// device is up: wait for it.
	const warning = "switchemu: warning: flash:/startup.cfg could not be loaded (fault bad-startup): the device booted with its factory configuration"
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(console.String(), warning); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("console:\n%s", console.String())
		}
	}
	if out := execOn(t, a, "display startup"); !strings.Contains(out, "Current startup saved-configuration file: NULL") {
		t.Fatalf("display startup:\n%s", out)
	}
	if got := a.Faults(); len(got) != 1 || got[0].State != faultDone {
		t.Fatalf("the fault after its reboot: %+v", got)
	}
	reboot()
	if dev.Sysname() != "SAVED-NAME" {
		t.Fatalf("the next reboot did not load the file: sysname %q", dev.Sysname())
	}
}

func TestFaultRefuseAndBusy(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: a\n")
	a := f.Member("a")
	user, pw := a.Login()
	try := func() error {
		c, err := gossh.Dial("tcp", a.Addr().String(), &gossh.ClientConfig{User: user, Auth: []gossh.AuthMethod{gossh.Password(pw)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 20 * time.Second})
		if err == nil {
			c.Close()
		}
		return err
	}
	sh := openShell(t, a) // logged in before: stays
	sub := f.Subscribe("a", 0)
	defer sub.Close()
	setFaults(t, a, FaultSpec{Kind: FaultRefuseLogin, Count: 2})
	waitActive(t, a, FaultRefuseLogin)
	for i := range 2 {
		if err := try(); err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
			t.Fatalf("login %d with a refuse-login fault: %v", i+1, err)
		}
	}
	waitFault(t, sub, FaultRefuseLogin, "done") // without a GET
	if err := try(); err != nil {
		t.Fatalf("the third login: %v", err)
	}
	if got := a.Faults(); got[0].State != faultDone || *got[0].Left != 0 {
		t.Fatalf("spent fault: %+v", got[0])
	}
	if !logHas(t, a, "failed to process PASSWORD Authentication") {
		t.Fatal("no AUTH_FAILURE log line")
	}

	setFaults(t, a, FaultSpec{Kind: FaultVTYBusy})
	waitActive(t, a, FaultVTYBusy)
	if err := try(); err == nil {
		t.Fatal("a login while every VTY line is busy")
	}
	if out := sh.run("display clock"); !strings.Contains(out, "display clock") {
		t.Fatalf("the open session: %q", out)
	}
	a.ClearFaults()
	if err := try(); err != nil {
		t.Fatalf("a login after the fault: %v", err)
	}
}

func TestFaultFlap(t *testing.T) {
	f := startFleet(t, faultPair)
	a, b := f.Member("a"), f.Member("b")
	sub := f.Subscribe("", 1024)
	defer sub.Close()
	setFaults(t, a, FaultSpec{Kind: FaultFlap, Interface: "gigabitethernet2/0/1", Period: "150ms", Count: 2})
	var links []string
	deadline := time.After(20 * time.Second)
	for done := false; !done; {
		select {
		case e := <-sub.C:
			switch {
			case e.Type == EventLink:
				links = append(links, e.Device+" "+e.Interface+" "+map[bool]string{true: "up", false: "down"}[*e.Up])
			case e.Type == EventFault && strings.HasSuffix(e.Message, " done"):
				done = true
			}
		case <-deadline:
			t.Fatalf("the flap did not finish; links: %v", links)
		}
	}
	want := []string{
		"a GigabitEthernet2/0/1 down", "b GigabitEthernet2/0/7 down", "a GigabitEthernet2/0/1 up", "b GigabitEthernet2/0/7 up",
		"a GigabitEthernet2/0/1 down", "b GigabitEthernet2/0/7 down", "a GigabitEthernet2/0/1 up", "b GigabitEthernet2/0/7 up",
	}
	// The two ends' events of one change may come in either order.
	norm := func(l []string) string {
		var out []string
		for i := 0; i+1 < len(l); i += 2 {
			p := []string{l[i], l[i+1]}
			if p[0] > p[1] {
				p[0], p[1] = p[1], p[0]
			}
			out = append(out, p...)
		}
		return strings.Join(out, ", ")
	}
	if norm(links) != norm(want) {
		t.Fatalf("link events:\n%v\nwant\n%v", links, want)
	}
	if got := a.Faults(); got[0].Interface != "GigabitEthernet2/0/1" || got[0].State != faultDone || *got[0].Left != 0 {
		t.Fatalf("the flap after its count: %+v", got[0])
	}
	if !linkUp(t, a, "GigabitEthernet2/0/1") || !linkUp(t, b, "GigabitEthernet2/0/7") {
		t.Fatal("the ports are not up after the flaps")
	}
	if !logHas(t, b, "GigabitEthernet2/0/7 link status is DOWN.") {
		t.Fatal("the far end did not log its link going down")
	}

	// Cleared while down, the port comes back up.
	setFaults(t, a, FaultSpec{Kind: FaultFlap, Interface: "GigabitEthernet2/0/1", Period: "1h"})
	waitActive(t, a, FaultFlap)
	for linkUp(t, a, "GigabitEthernet2/0/1") {
		time.Sleep(10 * time.Millisecond)
	}
	if out := execOn(t, a, "display interface GigabitEthernet2/0/1"); !strings.Contains(out, " GigabitEthernet2/0/1 current state: DOWN\n") {
		t.Fatalf("display interface during the flap:\n%s", out)
	}
	a.ClearFaults()
	if !linkUp(t, a, "GigabitEthernet2/0/1") || !linkUp(t, b, "GigabitEthernet2/0/7") {
		t.Fatal("the ports are not up after the flap was cleared")
	}
}

// shellNoPrompt types line and reports what came within d (no prompt
// expected).
func (sh *shell) typeAndWatch(line string, d time.Duration) string {
	sh.t.Helper()
	if _, err := io.WriteString(sh.in, line+"\r"); err != nil {
		sh.t.Fatalf("%s: %v", sh.name, err)
	}
	time.Sleep(d)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	out := sh.buf.String()
	sh.buf.Reset()
	return out
}

// ended waits for the session to end.
func (sh *shell) ended() string {
	sh.t.Helper()
	select {
	case <-sh.done:
	case <-time.After(20 * time.Second):
		sh.t.Fatalf("%s: the session did not end", sh.name)
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	return sh.buf.String()
}

func TestFaultHangDoesNotStallOthers(t *testing.T) {
	f := startFleet(t, faultPair)
	a, b := f.Member("a"), f.Member("b")
	setFaults(t, a, FaultSpec{Kind: FaultHang, Command: "display version"}, FaultSpec{Kind: FaultLatency, Latency: "2s"})
	waitActive(t, a, FaultHang)
	hung := openShell(t, a)
	out := hung.typeAndWatch("dis ver", 600*time.Millisecond)
	if strings.Contains(out, "Software Version") || promptRE.MatchString(out) {
		t.Fatalf("a hung command answered: %q", out)
	}
	// Ctrl+C gets no answer either.
	if out := hung.typeAndWatch("\x03", 300*time.Millisecond); promptRE.MatchString(out) {
		t.Fatalf("Ctrl+C on a hung command: %q", out)
	}
	// Another session of a, and the other device, go on: the hang is
	// the hung session's alone, the latency a's. b answers while a's
	// command is still held back by its latency.
	other := openShell(t, a)
	bsh := openShell(t, b)
	start := time.Now()
	io.WriteString(other.in, "display clock\r")
	if out := bsh.run("display version"); !strings.Contains(out, "Software Version") {
		t.Fatalf("b: %q", out)
	}
	other.mu.Lock()
	early := other.buf.String()
	other.mu.Unlock()
	if promptRE.MatchString(early) && time.Since(start) < 2*time.Second {
		t.Fatalf("a answered before its latency: %q", early)
	}
	if out := other.wait(); !strings.Contains(out, "display clock") {
		t.Fatalf("another session of a: %q", out)
	}
	if d := time.Since(start); d < 2*time.Second {
		t.Fatalf("a command on a with 2s of latency answered in %v", d)
	}
	// The hung session ends when its client goes, and frees its line.
	dev, _ := a.Device()
	n := len(dev.Logins())
	hung.c.Close() // the client gives up
	f.Member("a").ClearFaults()
	deadline := time.Now().Add(20 * time.Second)
	for len(dev.Logins()) >= n {
		if time.Now().After(deadline) {
			t.Fatalf("the hung session's line is still taken: %+v", dev.Logins())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestFaultDisconnect(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: a\n")
	a := f.Member("a")

	// After the second command (screen-length disable was the first).
	setFaults(t, a, FaultSpec{Kind: FaultDisconnect, Commands: 2})
	waitActive(t, a, FaultDisconnect)
	sh := openShell(t, a)
	io.WriteString(sh.in, "display clock\r")
	if out := sh.ended(); !strings.Contains(out, "display clock") || promptRE.MatchString(out) {
		t.Fatalf("cut after its command: %q", out)
	}

	// In the middle of an output.
	setFaults(t, a, FaultSpec{Kind: FaultDisconnect, Lines: 5})
	sh = openShell(t, a)
	io.WriteString(sh.in, "display current-configuration\r")
	out := sh.ended()
	if lines := strings.Count(out, "\r\n"); lines != 6 { // the echo's line end, 5 lines
		t.Fatalf("cut after %d lines, want the echo and 5: %q", lines, out)
	}

	// After some seconds.
	a.ClearFaults()
	setFaults(t, a, FaultSpec{Kind: FaultDisconnect, Seconds: 1})
	sh = openShell(t, a)
	start := time.Now()
	sh.ended()
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("cut after %v", d)
	}
}

func TestFaultSlowLogin(t *testing.T) {
	f := startFleet(t, "devices:\n  - name: a\n")
	a := f.Member("a")
	setFaults(t, a, FaultSpec{Kind: FaultSlowLogin, Delay: "400ms"})
	waitActive(t, a, FaultSlowLogin)
	start := time.Now()
	openShell(t, a)
	if d := time.Since(start); d < 400*time.Millisecond {
		t.Fatalf("the first prompt came after %v, want 400ms or more", d)
	}
}

// telnetLogin logs in over telnet with a raw connection and returns what
// the device printed up to its answer to the password.
func telnetLogin(t *testing.T, addr, user, pw string) string {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(20 * time.Second))
	var got []byte
	readUntil := func(want ...string) string {
		b := make([]byte, 1024)
		for {
			for _, w := range want {
				if strings.Contains(string(got), w) {
					return w
				}
			}
			n, err := nc.Read(b)
			got = append(got, b[:n]...)
			if err != nil {
				return ""
			}
		}
	}
	if readUntil("Username:", "All user interfaces are used") != "Username:" {
		return string(got)
	}
	io.WriteString(nc, user+"\r\n")
	readUntil("Password:")
	io.WriteString(nc, pw+"\r\n")
	readUntil(">", "invalid.")
	return string(got)
}

func TestFaultTelnetLogins(t *testing.T) {
	f := startFleet(t, telnetDevice) // session_test.go
	a := f.Member("a")
	a.Device()
	addr := a.TelnetAddr().String()
	user, pw := a.Login()
	if out := telnetLogin(t, addr, user, pw); !strings.HasSuffix(out, "<a>") {
		t.Fatalf("telnet login: %q", out)
	}
	setFaults(t, a, FaultSpec{Kind: FaultRefuseLogin})
	waitActive(t, a, FaultRefuseLogin)
	if out := telnetLogin(t, addr, user, pw); !strings.Contains(out, "% Username or password is invalid.") {
		t.Fatalf("telnet login refused by the fault: %q", out)
	}
	if out := telnetLogin(t, addr, user, pw); !strings.HasSuffix(out, "<a>") {
		t.Fatalf("the next telnet login: %q", out)
	}
	setFaults(t, a, FaultSpec{Kind: FaultVTYBusy})
	waitActive(t, a, FaultVTYBusy)
	if out := telnetLogin(t, addr, user, pw); !strings.Contains(out, "All user interfaces are used, please try later!") {
		t.Fatalf("telnet with every line busy: %q", out)
	}
}

// TestReadmeFaults: the README's example of faults parses, and every
// fault is set on its device at start.
func TestReadmeFaults(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "```yaml\ndevices:\n  - name: core1\n    faults:")
	if start < 0 {
		t.Fatal("README has no example of faults")
	}
	text = text[start+len("```yaml\n"):]
	text = text[:strings.Index(text, "```")]
	f := startFleet(t, text)
	want := map[string][]string{
		"core1": {"latency active", "slow-login active", "hang scheduled", "disconnect active", "refuse-login scheduled", "flap scheduled", "cpu active"},
		"acc1":  {"vty-busy scheduled", "flash-full active", "bad-startup active"},
	}
	for name, kinds := range want {
		m := f.Member(name)
		for _, k := range kinds {
			kind, _, _ := strings.Cut(k, " ")
			waitActiveOr(t, m, kind)
		}
		var got []string
		for _, fl := range m.Faults() {
			got = append(got, fl.Kind+" "+fl.State)
		}
		if strings.Join(got, ", ") != strings.Join(kinds, ", ") {
			t.Errorf("%s: faults %v, want %v", name, got, kinds)
		}
	}
}

// waitActiveOr waits until m's fault of kind is no longer waiting for a
// start time that has passed.
func waitActiveOr(t *testing.T, m *Member, kind string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		for _, f := range m.Faults() {
			if f.Kind == kind && (f.State != faultScheduled || f.Starts.After(time.Now())) {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s: fault %s still scheduled past its start", m.Name(), kind)
}
