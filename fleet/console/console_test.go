package console_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"switchemu/fleet"
	"switchemu/fleet/console"
	"switchemu/fleet/fleettest"
)

func consoleFleet(t *testing.T) (*fleettest.Fleet, *httptest.Server) {
	t.Helper()
	f := fleettest.Start(t, fleettest.Options{Devices: 2})
	srv := httptest.NewServer(console.New(f.Fleet))
	t.Cleanup(srv.Close)
	return f, srv
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %d, not JSON: %s", url, resp.StatusCode, body)
	}
	return resp.StatusCode
}

// TestPageAndAssets: the page and its assets are in the binary, with a
// policy that lets nothing else in.
func TestPageAndAssets(t *testing.T) {
	_, srv := consoleFleet(t)
	for path, want := range map[string]string{
		"/":                         "text/html",
		"/console/assets/app.js":    "text/javascript",
		"/console/assets/style.css": "text/css",
	} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), want) || len(body) < 100 {
			t.Errorf("GET %s: %d %s, %d bytes", path, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", path, csp)
		}
		if strings.Contains(string(body), "http://") || strings.Contains(string(body), "https://") {
			t.Errorf("%s refers to another site", path)
		}
	}
	resp, _ := http.Get(srv.URL + "/console/nothing")
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("GET /console/nothing: %d", resp.StatusCode)
	}
}

// TestOverview: who is logged in, since when, and the last command.
func TestOverview(t *testing.T) {
	f, srv := consoleFleet(t)
	sh := openShell(t, f.Device("SW0002"), 80, 24)
	io.WriteString(sh.in, "display clock\r")
	sh.waitFor(t, "UTC")
	var ov struct{ Devices []console.DeviceOverview }
	getJSON(t, srv.URL+"/console/overview", &ov)
	if len(ov.Devices) != 2 || ov.Devices[0].Name != "SW0001" || len(ov.Devices[0].Live) != 0 || ov.Devices[0].Booted {
		t.Fatalf("SW0001 in the overview: %+v", ov.Devices)
	}
	live := ov.Devices[1].Live
	user, _ := f.Device("SW0002").Credentials()
	if len(live) != 1 || live[0].User != user || live[0].LastCommand != "display clock" || live[0].Since.IsZero() || live[0].Protocol != "ssh" {
		t.Fatalf("SW0002's sessions: %+v", live)
	}
}

// TestLiveScreen: the live view shows the session's screen as the
// student's terminal does, follows their typing, and ends with the
// session.
func TestLiveScreen(t *testing.T) {
	f, srv := consoleFleet(t)
	sw := f.Device("SW0001")
	sh := openShell(t, sw, 60, 10)
	ls := sw.Member().LiveSessions()
	if len(ls) != 1 {
		t.Fatalf("%d live sessions", len(ls))
	}
	ch := stream(t, srv.URL, "/console/devices/SW0001/sessions/"+ls[0].ID+"/screen")
	first := waitScreen(t, ch, "the first screen", func(console.Frame) bool { return true })
	if first.Width != 60 || first.Height != 10 || !strings.Contains(first.Title, "vty0") {
		t.Fatalf("first screen %dx%d %q", first.Width, first.Height, first.Title)
	}
	// Opened after the login, it shows the screen as it is: the prompt.
	if first.Rows[first.Row] != "<SW0001>" || first.Col != len("<SW0001>") {
		t.Errorf("the first screen is not the student's:\n%s", first)
	}
	io.WriteString(sh.in, "system-view\r")
	sh.waitFor(t, "[SW0001]")
	io.WriteString(sh.in, "vlan 10")
	got := waitScreen(t, ch, "the typed command", func(fr console.Frame) bool {
		return fr.Rows[fr.Row] == "[SW0001]vlan 10" && fr.Col == len("[SW0001]vlan 10")
	})
	if !strings.Contains(got.Text(), "System View: return to User View with Ctrl+Z.") {
		t.Errorf("the screen lacks the output before:\n%s", got)
	}
	// A long output scrolls the 10-row screen as the terminal does.
	io.WriteString(sh.in, "\rquit\rdisplay interface brief\r")
	got = waitScreen(t, ch, "the end of a long output", func(fr console.Frame) bool {
		return strings.Contains(fr.Text(), "---- More ----")
	})
	if len(got.Rows) != 10 || strings.Contains(got.Text(), "vlan 10") {
		t.Errorf("the screen did not scroll:\n%s", got)
	}
	io.WriteString(sh.in, "q")
	sw.EndSession(0)
	waitEvent(t, ch, "end")
}

// TestLiveNotFound: sessions and recordings that are not there, and
// recording IDs that climb out of the folder, are 404s.
func TestLiveNotFound(t *testing.T) {
	_, srv := consoleFleet(t)
	for _, path := range []string{"/console/devices/SW0001/sessions/nope/screen", "/console/devices/NOPE/sessions/x/screen",
		"/console/devices/SW0001/recordings/20261201T230512.123Z-vty0-x/replay", "/console/devices/SW0001/recordings/..%2F..%2Fetc/replay"} {
		var e struct {
			Error  string
			Status int
		}
		if code := getJSON(t, srv.URL+path, &e); code != 404 || e.Status != 404 || e.Error == "" {
			t.Errorf("GET %s: %d %+v", path, code, e)
		}
	}
}

// TestReplay: a recording plays into the screen, to the last screen the
// student saw.
func TestReplay(t *testing.T) {
	f, srv := consoleFleet(t)
	sw := f.Device("SW0001")
	sw.Member().SetRecording(true)
	sh := openShell(t, sw, 80, 24)
	io.WriteString(sh.in, "display clock\r")
	sh.waitFor(t, "UTC")
	io.WriteString(sh.in, "quit\r")
	<-sh.done
	var recs struct{ Recordings []fleet.RecordingInfo }
	var id string
	for range 300 {
		r, err := sw.Member().Recordings()
		if err == nil && len(r) == 1 && r[0].Duration > 0 {
			recs.Recordings, id = r, r[0].ID
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if id == "" {
		t.Fatal("no recording")
	}
	for _, speed := range []string{"0", "50"} {
		ch := stream(t, srv.URL, "/console/devices/SW0001/recordings/"+id+"/replay?speed="+speed)
		got := waitScreen(t, ch, "the command and its output", func(fr console.Frame) bool {
			return strings.Contains(fr.Text(), ">display clock\n") && strings.Contains(fr.Text(), ">quit")
		})
		if got.Width != 80 || got.Duration <= 0 || got.Time != got.Duration {
			t.Errorf("speed %s: last screen %dx%d at %v of %v", speed, got.Width, got.Height, got.Time, got.Duration)
		}
		waitEvent(t, ch, "end")
	}
	resp, _ := http.Get(srv.URL + "/console/devices/SW0001/recordings/" + id + "/replay?speed=fast")
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("speed=fast: %d", resp.StatusCode)
	}
}

// TestDiffAgainst: the running configuration against the saved and the
// factory one.
func TestDiffAgainst(t *testing.T) {
	f, srv := consoleFleet(t)
	sw := f.Device("SW0001")
	var e struct{ Error string }
	if code := getJSON(t, srv.URL+"/console/devices/SW0001/diff", &e); code != 404 || !strings.Contains(e.Error, "no saved configuration") {
		t.Errorf("no saved configuration: %d %q", code, e.Error)
	}
	sw.MergeConfig("vlan 10\n name Servers\n")
	sw.Save()
	sw.MergeConfig("undo vlan 10\nvlan 20\n")
	type diff struct {
		Against string
		Same    bool
		Lines   []console.DiffLine
	}
	var saved, factory diff
	getJSON(t, srv.URL+"/console/devices/SW0001/diff?against=saved", &saved)
	getJSON(t, srv.URL+"/console/devices/SW0001/diff?against=factory", &factory)
	has := func(d diff, op, text string) bool {
		for _, l := range d.Lines {
			if l.Op == op && l.Text == text {
				return true
			}
		}
		return false
	}
	if saved.Same || !has(saved, "-", "vlan 10") || !has(saved, "-", " name Servers") || !has(saved, "+", "vlan 20") {
		t.Errorf("against saved: %+v", saved)
	}
	if factory.Same || has(factory, "-", "vlan 10") || !has(factory, "+", "vlan 20") {
		t.Errorf("against factory: %+v", factory)
	}
	sw.Reset()
	getJSON(t, srv.URL+"/console/devices/SW0001/diff?against=factory", &factory)
	if !factory.Same {
		t.Errorf("after a reset, against factory: %+v", factory)
	}
	if code := getJSON(t, srv.URL+"/console/devices/SW0001/diff?against=yesterday", &e); code != 400 {
		t.Errorf("against=yesterday: %d", code)
	}
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want string
	}{
		{"x\ny\n", "x\ny\n", ""},
		{"a\nb\nc\n", "a\nB\nc\n", " a|-b|+B| c"},
		{"1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", " 4|-5|+five| 6"},
		{"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "one\n2\n3\n4\n5\n6\n7\n8\n9\nten\n", "-1|+one| 2|~6 lines| 9|-10|+ten"},
		{"", "vlan 2\n", "-|+vlan 2"},
	} {
		var parts []string
		for _, l := range console.Diff(tc.a, tc.b, 1) {
			parts = append(parts, l.Op+l.Text)
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("Diff(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestPortsRoute lists the ports with their state.
func TestPortsRoute(t *testing.T) {
	f, srv := consoleFleet(t)
	f.Device("SW0001").LinkDown("GigabitEthernet2/0/1")
	var p struct{ Ports []fleet.PortInfo }
	getJSON(t, srv.URL+"/console/devices/SW0001/ports", &p)
	for _, port := range p.Ports {
		if port.Name == "GigabitEthernet2/0/1" {
			if !port.Pulled || port.Up {
				t.Errorf("pulled port: %+v", port)
			}
			return
		}
	}
	t.Errorf("no GigabitEthernet2/0/1 in %+v", p.Ports)
}
