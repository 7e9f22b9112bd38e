package console_test

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"switchemu/fleet/api"
	"switchemu/fleet/fleettest"
	"switchemu/lab"
)

// TestBrowserLiveLab: the console against the real lab board (package
// lab) of a running fleet: a student's check fails, the student does the
// task, and the page's score follows through the event stream.
func TestBrowserLiveLab(t *testing.T) {
	b := openBrowser(t)
	defer b.close()
	f := fleettest.Start(t, fleettest.Options{Devices: 2})
	l, err := lab.Parse(strings.NewReader(`
name: vlans-101
title: VLANs 101
devices: [SW0001, SW0002]
checks:
  - id: vlan10
    vlan: {id: 10, name: Servers}
  - id: servers
    access: {ports: GigabitEthernet2/0/1, vlan: 10}
`))
	if err != nil {
		t.Fatal(err)
	}
	board, err := lab.NewBoard(f.Fleet, []*lab.Lab{l})
	if err != nil {
		t.Fatal(err)
	}
	board.Start()
	defer board.Close()
	srv := httptest.NewServer(api.New(f.Fleet, api.Options{Labs: board}))
	t.Cleanup(srv.Close)

	score := `(document.querySelector('#overview tr[data-device="SW0001"] .lab-score') || {}).textContent`
	b.run("see the lab", chromedp.Navigate(srv.URL+"/"),
		b.poll(`document.querySelector('#labs-note').textContent.includes("VLANs 101")`),
		b.poll(score+` === "0/2"`))
	b.shot("lab-not-done")

	// The student does the first task in a session of their own.
	sh := openShell(t, f.Device("SW0001"), 80, 24)
	sh.waitFor(t, "<SW0001>")
	io.WriteString(sh.in, "system-view\rvlan 10\rname Servers\r")
	sh.waitFor(t, "[SW0001-vlan10]name Servers")
	b.run("see one check pass", b.poll(score+` === "1/2"`))
	b.shot("lab-half-done")
	io.WriteString(sh.in, "quit\rinterface GigabitEthernet2/0/1\rport access vlan 10\r")
	b.run("see the lab done", b.poll(score+` === "2/2"`),
		b.poll(`(document.querySelector('#overview tr[data-device="SW0002"] .lab-score') || {}).textContent === "0/2"`))
	b.shot("lab-done")
}
