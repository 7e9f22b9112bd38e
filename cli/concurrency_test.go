package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// watchWriter collects a session's output and lets a test wait for text.
type watchWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	change chan struct{} // closed and replaced on every write
}

func newWatchWriter() *watchWriter { return &watchWriter{change: make(chan struct{})} }

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	close(w.change)
	w.change = make(chan struct{})
	return len(p), nil
}

// waitFor blocks until the output contains s, or fails the test when ctx
// ends first (a bound against hanging, not a speed requirement).
func (w *watchWriter) waitFor(ctx context.Context, t *testing.T, s string) {
	t.Helper()
	for {
		w.mu.Lock()
		found, ch := strings.Contains(w.buf.String(), s), w.change
		w.mu.Unlock()
		if found {
			return
		}
		select {
		case <-ch:
		case <-ctx.Done():
			w.mu.Lock()
			defer w.mu.Unlock()
			t.Fatalf("never saw %q in:\n%s", s, w.buf.String())
		}
	}
}

// TestTerminalMonitorDelivers shows a log line reaching a session that
// waits at its prompt, caused by another session, with the prompt and
// the partly typed line drawn again below it.
func TestTerminalMonitorDelivers(t *testing.T) {
	d, _ := modelDevice(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	inR, inW := io.Pipe()
	out := newWatchWriter()
	done := make(chan error, 1)
	go func() {
		done <- New(d, nil).Run(ctx, rw{inR, out}, func() Window { return Window{80, 24} },
			SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.1", Line: 0})
	}()
	io.WriteString(inW, "terminal monitor\r")
	out.waitFor(ctx, t, "% Current terminal monitor is on.\r\n<3Com>")

	other := newConsole(t, d)
	other.must("system-view", "interface GigabitEthernet2/0/1", "shutdown")
	out.waitFor(ctx, t, "<3Com>\r\n%Jan  8 19:35:31:000 2011 3Com IFNET/3/LINK_UPDOWN: GigabitEthernet2/0/1 link status is DOWN.\r\n<3Com>")

	io.WriteString(inW, "disp")
	out.waitFor(ctx, t, "<3Com>disp")
	other.must("undo shutdown")
	out.waitFor(ctx, t, "<3Com>disp\r\n%Jan  8 19:35:31:000 2011 3Com IFNET/3/LINK_UPDOWN: GigabitEthernet2/0/1 link status is UP.\r\n<3Com>disp")

	io.WriteString(inW, "lay clock\r")
	out.waitFor(ctx, t, "19:35:31 UTC Sat 01/08/2011\r\n<3Com>")
	io.WriteString(inW, "undo terminal monitor\r")
	out.waitFor(ctx, t, "% Current terminal monitor is off.\r\n<3Com>")
	other.must("shutdown")
	io.WriteString(inW, "quit\r")
	inW.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if strings.Count(out.buf.String(), "LINK_UPDOWN") != 2 {
		t.Errorf("log delivered after undo terminal monitor:\n%s", out.buf.String())
	}
}

// TestTwoSessionsRace has two interactive sessions change the same
// device at once (run it with -race): every change of each lands, and
// both see the other's work.
func TestTwoSessionsRace(t *testing.T) {
	d, _ := modelDevice(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	script := func(first int) string {
		var b strings.Builder
		b.WriteString("screen-length disable\rsystem-view\r")
		for i := 0; i < 20; i++ {
			v := first + i
			fmt.Fprintf(&b, "vlan %d\rname v%d\rquit\r", v, v)
			fmt.Fprintf(&b, "interface GigabitEthernet2/0/1\rdescription by %d\rshutdown\rundo shutdown\rquit\r", first)
			fmt.Fprintf(&b, "interface Vlan-interface%d\rip address 10.%d.0.1 24\rquit\r", v, v)
			if i%5 == 0 {
				b.WriteString("display interface brief\rdisplay vlan all\rdisplay mac-address\r")
			}
		}
		b.WriteString("return\rquit\r")
		return b.String()
	}
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, 2)
	for i, first := range []int{100, 200} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := New(d, nil).Run(ctx, rw{strings.NewReader(script(first)), &outs[i]}, func() Window { return Window{80, 24} },
				SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.1", Line: i})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	cfg := d.Snapshot()
	for _, first := range []int{100, 200} {
		for i := 0; i < 20; i++ {
			v := first + i
			if cfg.VLANs[v].Name != fmt.Sprintf("v%d", v) {
				t.Errorf("vlan %d: %+v", v, cfg.VLANs[v])
			}
			if vif := cfg.Interfaces[fmt.Sprintf("Vlan-interface%d", v)]; len(vif.Addresses) != 1 {
				t.Errorf("Vlan-interface%d: %+v", v, vif.Addresses)
			}
		}
	}
	if ifc := cfg.Interfaces["GigabitEthernet2/0/1"]; ifc.Shutdown || (ifc.Description != "by 100" && ifc.Description != "by 200") {
		t.Errorf("GigabitEthernet2/0/1: %+v", ifc)
	}
	for i := range outs {
		if s := outs[i].String(); strings.Contains(s, "Error") || strings.Count(s, "% ") != 1 {
			t.Errorf("session %d printed an error:\n%s", i, s)
		}
	}
}
