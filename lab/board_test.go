package lab_test

import (
	"context"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/fleet"
	"switchemu/fleet/fleettest"
	"switchemu/lab"
)

const classLab = `
name: t
title: Class
devices:
  - name: "SW{n:04}"
    count: 3
checks:
  - id: sysname
    sysname: "SW{n:04}"
  - id: vlan
    vlan: {id: "{n+10}", name: "Team{n}"}
  - id: saved
    saved: true
`

// TestBoardNotStarted: devices nobody used are checked against their
// factory state and stay unmade; a device used since shows its state.
func TestBoardNotStarted(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{Devices: 3})
	b := board(t, f, classLab)
	st, err := b.Status("t")
	if err != nil {
		t.Fatal(err)
	}
	if st.Lab != "t" || st.Title != "Class" || len(st.Devices) != 3 {
		t.Fatalf("%+v", st)
	}
	for i, d := range st.Devices {
		if d.State != "not-started" || d.Passed != 1 || d.Total != 3 || d.Done {
			t.Errorf("%d: %+v", i, d)
		}
		if d.Checks[0].ID != "sysname" || !d.Checks[0].Pass || d.Checks[0].Detail != "the sysname is "+d.Device {
			t.Errorf("%s: sysname %+v", d.Device, d.Checks[0])
		}
		if want := "VLAN " + string(rune('0'+i+1)) + " "; !strings.Contains(d.Checks[1].Description, "VLAN 1"+want[5:]) {
			t.Errorf("%s: vlan description %q", d.Device, d.Checks[1].Description)
		}
	}
	for _, m := range f.Members() {
		if m.Used() {
			t.Errorf("%s was made by the status", m.Name())
		}
	}
	sw := f.Device("SW0002")
	run(t, sw, "vlan 12\nname Team2")
	sw.Save()
	st, _ = b.Status("t")
	if d := st.Devices[1]; d.Device != "SW0002" || d.State != "up" || d.Passed != 3 || !d.Done {
		t.Errorf("SW0002 done: %+v", d)
	}
	if d := st.Devices[0]; d.State != "not-started" || d.Checks[1].Detail != "VLAN 11 does not exist" {
		t.Errorf("SW0001: %+v", d)
	}
	if _, err := b.Status("nope"); err == nil {
		t.Error("a lab that does not exist has a status")
	}
	labs := b.Labs()
	if len(labs) != 1 || labs[0].Name != "t" || labs[0].Checks != 3 || strings.Join(labs[0].Devices, " ") != "SW0001 SW0002 SW0003" {
		t.Errorf("labs %+v", labs)
	}
}

// nextLab waits for the next lab event.
func nextLab(t *testing.T, ev <-chan fleet.Event) fleet.Event {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case e := <-ev:
			if e.Type == fleet.EventLab {
				return e
			}
		case <-timeout:
			t.Fatal("no lab event")
		}
	}
}

// TestBoardEvents: a change of a device's result is an event on the
// fleet's stream; a change that does not change it is none.
func TestBoardEvents(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{Devices: 3})
	b := board(t, f, classLab)
	ev := f.Events("")
	b.Start()
	sw := f.Device("SW0001")
	check := func(what string, passed int) {
		t.Helper()
		e := nextLab(t, ev)
		if e.Device != "SW0001" || e.Lab != "t" || e.Passed == nil || *e.Passed != passed || e.Total == nil || *e.Total != 3 {
			t.Fatalf("%s: event %+v passed %v", what, e, deref(e.Passed))
		}
	}
	run(t, sw, "vlan 11\nname Team1")
	check("vlan", 2)
	// Not in the lab: no event. The next one is the save's.
	run(t, sw, "vlan 99")
	sw.Save()
	check("save", 3)
	run(t, sw, "sysname Other")
	check("sysname", 1) // and the configuration is no longer saved
	// Back as it was saved: saved passes again.
	run(t, sw, "sysname SW0001")
	check("sysname back", 3)
	// A file command: no configuration change, but nothing saved.
	typeLines(t, sw, "reset saved-configuration", "Y", "quit")
	check("reset saved-configuration", 2)
	sw.Save()
	check("saved again", 3)
	sw.Reboot() // boots the saved configuration: VLAN 11 is still there, saved
	sw.Save()
	run(t, sw, "undo vlan 11")
	check("undo vlan", 1)
	// A factory reset leaves the result as it was (sysname only): no
	// event; the next is the VLAN's.
	sw.Reset()
	run(t, sw, "vlan 11\nname Team1")
	check("vlan after reset", 2)
}

// typeLines types lines on an SSH session with a terminal, as a student
// does (questions are answered by the next line), until it ends.
func typeLines(t *testing.T, sw *fleettest.Device, lines ...string) string {
	t.Helper()
	c := sw.Dial()
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.RequestPty("vt100", 24, 200, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	s.Stdin = strings.NewReader(strings.Join(lines, "\r") + "\r")
	var out strings.Builder
	s.Stdout = &out
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	s.Wait()
	return out.String()
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestBoardErrors: a lab naming devices the fleet does not serve, and
// two labs with one name, are refused.
func TestBoardErrors(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{Devices: 2})
	l, err := lab.Parse(strings.NewReader(classLab))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lab.NewBoard(f.Fleet, []*lab.Lab{l}); err == nil || !strings.Contains(err.Error(), `no device "SW0003" in the inventory`) {
		t.Errorf("missing device: %v", err)
	}
	l2, _ := lab.Parse(strings.NewReader("name: t\ndevices: SW0001\nchecks:\n  - sysname: x\n"))
	if _, err := lab.NewBoard(f.Fleet, []*lab.Lab{l2, l2}); err == nil || !strings.Contains(err.Error(), "a lab named t is in") {
		t.Errorf("duplicate lab: %v", err)
	}
}

// TestBoardRebooting: while a device reboots, its status is the one from
// before, marked rebooting; back up, it is evaluated again.
func TestBoardRebooting(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{Devices: 3, RebootDelay: 3 * time.Second})
	b := board(t, f, classLab)
	b.Start()
	sw := f.Device("SW0001")
	ev := f.Events("SW0001")
	run(t, sw, "vlan 11\nname Team1")
	sw.Save()
	for e := nextLab(t, ev); *e.Passed != 3; e = nextLab(t, ev) {
	}
	if err := sw.Member().Reboot(); err != nil {
		t.Fatal(err)
	}
	for e := range ev {
		if e.Type == fleet.EventReboot {
			break
		}
	}
	st, _ := b.Status("t")
	if d := st.Devices[0]; d.State != "rebooting" || d.Passed != 3 || !d.Done {
		t.Errorf("rebooting: %+v", d)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := sw.Member().WaitUp(ctx); err != nil {
		t.Fatal(err)
	}
	st, _ = b.Status("t")
	if d := st.Devices[0]; d.State != "up" || d.Passed != 3 {
		t.Errorf("back: %+v", d)
	}
}
