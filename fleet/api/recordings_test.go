package api_test

import (
	"io"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/fleet/api"
	"switchemu/fleet/fleettest"
	"switchemu/record"
)

// TestRecordingRoutes turns recording on over the API, runs a session,
// and reads its recording back: listed, served as asciicast, and gone
// for ids that are not recordings.
func TestRecordingRoutes(t *testing.T) {
	f, srv := apiFleet(t, api.Options{}, fleettest.Options{})
	sw := f.Device("SW0001")
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/recording", `{"on": true}`), 400, "unknown field")
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/recording", `{}`), 400, "enabled")
	if a := call(t, srv, "PUT", "/api/v1/devices/SW0001/recording", `{"enabled": true}`); a.status != 200 ||
		!strings.Contains(string(a.body), `"recording": true`) {
		t.Fatalf("PUT recording: %d %s", a.status, a.body)
	}

	c := sw.Dial()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	stdin, _ := sess.StdinPipe()
	stdout, _ := sess.StdoutPipe()
	if err := sess.RequestPty("vt100", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	var live struct {
		Sessions []struct {
			ID          string `json:"id"`
			Line        int    `json:"line"`
			Protocol    string `json:"protocol"`
			Width       int    `json:"width"`
			LastCommand string `json:"last_command"`
		} `json:"sessions"`
	}
	io.WriteString(stdin, "display clock\r")
	deadline := time.Now().Add(20 * time.Second)
	for {
		call(t, srv, "GET", "/api/v1/devices/SW0001/sessions", "").json(t, &live)
		if len(live.Sessions) == 1 && live.Sessions[0].LastCommand == "display clock" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("sessions: %+v", live)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if s := live.Sessions[0]; s.Line != 0 || s.Protocol != "ssh" || s.Width != 100 {
		t.Errorf("session %+v", s)
	}
	io.WriteString(stdin, "quit\r")
	io.Copy(io.Discard, stdout)
	sess.Close()

	var list struct {
		Recordings []struct {
			ID   string `json:"id"`
			Line int    `json:"line"`
			User string `json:"user"`
		} `json:"recordings"`
	}
	for {
		call(t, srv, "GET", "/api/v1/devices/SW0001/sessions", "").json(t, &live)
		if len(live.Sessions) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("session still live: %+v", live)
		}
		time.Sleep(20 * time.Millisecond)
	}
	call(t, srv, "GET", "/api/v1/devices/SW0001/recordings", "").json(t, &list)
	if len(list.Recordings) != 1 || list.Recordings[0].ID != live0(t, list.Recordings[0].ID) {
		t.Fatalf("recordings: %+v", list)
	}
	a := call(t, srv, "GET", "/api/v1/devices/SW0001/recordings/"+list.Recordings[0].ID, "")
	if a.status != 200 || a.header.Get("Content-Type") != "application/x-asciicast" {
		t.Fatalf("GET recording: %d %s", a.status, a.header)
	}
	cast, err := record.Parse(strings.NewReader(string(a.body)))
	if err != nil {
		t.Fatal(err)
	}
	if cast.Header.Width != 100 || cast.Header.Height != 30 || !strings.Contains(cast.Output(), "<SW0001>display clock") {
		t.Errorf("cast %+v output %q", cast.Header, cast.Output())
	}
	for _, bad := range []string{"nope", "..%2F..%2Fstartup.cfg", list.Recordings[0].ID + "x"} {
		wantError(t, call(t, srv, "GET", "/api/v1/devices/SW0001/recordings/"+bad, ""), 404, "no such recording")
	}
	if a := call(t, srv, "GET", "/api/v1/devices/SW0002/recordings", ""); a.status != 200 ||
		!strings.Contains(string(a.body), `"recordings": []`) || !strings.Contains(string(a.body), `"recording": false`) {
		t.Errorf("a device that never recorded: %d %s", a.status, a.body)
	}
}

// live0 checks a recording id's shape: start, line 0, the login user.
func live0(t *testing.T, id string) string {
	t.Helper()
	if !strings.HasSuffix(id, "-vty0-admin") {
		t.Errorf("recording id %q", id)
	}
	return id
}
