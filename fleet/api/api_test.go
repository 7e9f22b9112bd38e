package api_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	gossh "golang.org/x/crypto/ssh"

	"switchemu/fleet"
	"switchemu/fleet/api"
	"switchemu/fleet/fleettest"
)

// apiFleet starts two cabled devices (SW0001 GE2/0/1 -- SW0002 GE2/0/7)
// and their API.
func apiFleet(t *testing.T, opts api.Options, fo fleettest.Options) (*fleettest.Fleet, *httptest.Server) {
	t.Helper()
	if fo.Inventory == nil && fo.Devices == 0 {
		fo.Inventory = &fleet.Inventory{
			Devices: []fleet.Spec{{Name: "SW0001", Sysname: "SW0001"}, {Name: "SW0002", Sysname: "SW0002"}},
			Links: []fleet.Link{{A: fleet.Port{Device: "SW0001", Interface: "GigabitEthernet2/0/1"},
				B: fleet.Port{Device: "SW0002", Interface: "GigabitEthernet2/0/7"}}},
		}
	}
	f := fleettest.Start(t, fo)
	srv := httptest.NewServer(api.New(f.Fleet, opts))
	t.Cleanup(srv.Close)
	return f, srv
}

type answer struct {
	status int
	body   []byte
	header http.Header
}

func (a answer) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(a.body, v); err != nil {
		t.Fatalf("answer %d is not JSON (%v): %s", a.status, err, a.body)
	}
}

func call(t *testing.T, srv *httptest.Server, method, path, body string, hdr ...string) answer {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return answer{resp.StatusCode, data, resp.Header}
}

// wantError checks a JSON error answer.
func wantError(t *testing.T, a answer, status int, contains string) {
	t.Helper()
	var e struct {
		Error  string `json:"error"`
		Status int    `json:"status"`
	}
	if a.status != status {
		t.Fatalf("status %d, want %d: %s", a.status, status, a.body)
	}
	a.json(t, &e)
	if e.Status != status || !strings.Contains(e.Error, contains) {
		t.Fatalf("error %+v, want status %d and %q", e, status, contains)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("error Content-Type %q", ct)
	}
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	f := fleettest.Start(t, fleettest.Options{})
	s := api.New(f.Fleet, api.Options{})
	sample := strings.NewReplacer("{name}", "SW0001", "{line}", "1", "{ifname}", "GigabitEthernet2%2F0%2F1")
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			m := strings.ToUpper(method)
			documented[m+" "+path] = true
			req := httptest.NewRequest(m, sample.Replace(path), nil)
			if got := s.Pattern(req); got != m+" "+path {
				t.Errorf("documented %s %s: served by %q", m, path, got)
			}
		}
	}
	// Every operation declares its path parameters and its 401.
	var full struct {
		Paths map[string]map[string]struct {
			Parameters []struct{ Name, In string }
			Responses  map[string]json.RawMessage
		}
	}
	json.Unmarshal(api.OpenAPI(), &full)
	for path, ops := range full.Paths {
		for method, op := range ops {
			for _, seg := range strings.Split(path, "/") {
				if !strings.HasPrefix(seg, "{") {
					continue
				}
				name := strings.Trim(seg, "{}")
				if !slices.ContainsFunc(op.Parameters, func(p struct{ Name, In string }) bool { return p.Name == name && p.In == "path" }) {
					t.Errorf("%s %s: path parameter %s not declared", method, path, name)
				}
			}
			if op.Responses["401"] == nil && path != "/healthz" {
				t.Errorf("%s %s: no 401 response", method, path)
			}
		}
	}
	for _, r := range api.Routes() {
		if !documented[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	if len(documented) != len(api.Routes()) {
		t.Errorf("%d documented operations, %d routes", len(documented), len(api.Routes()))
	}
	_, srv := apiFleet(t, api.Options{}, fleettest.Options{Devices: 1})
	a := call(t, srv, "GET", "/api/v1/openapi.json", "")
	if a.status != 200 || !bytes.Equal(a.body, api.OpenAPI()) {
		t.Fatalf("GET openapi.json: %d", a.status)
	}
}

func TestDevices(t *testing.T) {
	_, srv := apiFleet(t, api.Options{}, fleettest.Options{})
	var list struct{ Devices []fleet.DeviceInfo }
	a := call(t, srv, "GET", "/api/v1/devices", "")
	a.json(t, &list)
	if a.status != 200 || len(list.Devices) != 2 || list.Devices[0].Name != "SW0001" || list.Devices[0].State != "up" || list.Devices[0].Address == "" {
		t.Fatalf("devices: %d %s", a.status, a.body)
	}
	var one fleet.DeviceInfo
	a = call(t, srv, "GET", "/api/v1/devices/SW0002", "")
	a.json(t, &one)
	if a.status != 200 || one.Name != "SW0002" || one.Lines == nil || one.Sessions != 0 {
		t.Fatalf("device: %d %s", a.status, a.body)
	}
	wantError(t, call(t, srv, "GET", "/api/v1/devices/NOPE", ""), 404, `no device "NOPE"`)
	wantError(t, call(t, srv, "GET", "/api/v1/nothing", ""), 404, "no such route")
	a = call(t, srv, "POST", "/api/v1/devices", "")
	wantError(t, a, 405, "use GET")
	if a.header.Get("Allow") != "GET" {
		t.Fatalf("Allow %q", a.header.Get("Allow"))
	}
}

func TestDeviceWithSession(t *testing.T) {
	f, srv := apiFleet(t, api.Options{}, fleettest.Options{Devices: 1})
	sw := f.Device("SW0001")
	c := sw.Dial()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	stdin, _ := sess.StdinPipe()
	var out syncBuffer
	sess.Stdout = &out
	if err := sess.RequestPty("vt100", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, "<SW0001>")
	var one fleet.DeviceInfo
	a := call(t, srv, "GET", "/api/v1/devices/SW0001", "")
	a.json(t, &one)
	if one.Sessions != 1 || len(one.Lines) != 1 || one.Lines[0].Protocol != "ssh" || one.Lines[0].User != "admin" || one.Lines[0].Line != 0 {
		t.Fatalf("device with a session: %s", a.body)
	}
	// Ending it: bad line numbers, a free line, then line 0.
	wantError(t, call(t, srv, "DELETE", "/api/v1/devices/SW0001/sessions/x", ""), 400, "VTY line number")
	wantError(t, call(t, srv, "DELETE", "/api/v1/devices/SW0001/sessions/16", ""), 400, "VTY line number")
	wantError(t, call(t, srv, "DELETE", "/api/v1/devices/SW0001/sessions/5", ""), 404, "no session")
	wantError(t, call(t, srv, "DELETE", "/api/v1/devices/NOPE/sessions/0", ""), 404, "no device")
	if a := call(t, srv, "DELETE", "/api/v1/devices/SW0001/sessions/0", ""); a.status != 204 {
		t.Fatalf("DELETE session: %d %s", a.status, a.body)
	}
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the session did not end")
	}
	stdin.Close()
}

func TestConfig(t *testing.T) {
	_, srv := apiFleet(t, api.Options{MaxBody: 64 << 10}, fleettest.Options{})
	a := call(t, srv, "GET", "/api/v1/devices/SW0001/config", "")
	if a.status != 200 || !strings.HasPrefix(a.header.Get("Content-Type"), "text/plain") || !strings.Contains(string(a.body), " sysname SW0001\n") {
		t.Fatalf("GET config: %d %q", a.status, a.body)
	}
	factory := string(a.body)
	// Replace: the factory text with a VLAN more and a line the device
	// refuses.
	text := strings.Replace(factory, " sysname SW0001\n", " sysname CORE1\n#\nvlan 10\n name users\n#\n no-such-command here\n", 1)
	a = call(t, srv, "PUT", "/api/v1/devices/SW0001/config", text, "Content-Type", "text/plain")
	var res fleet.ConfigResult
	a.json(t, &res)
	badLine := slices.Index(strings.Split(text, "\n"), " no-such-command here") + 1
	if a.status != 200 || res.Mode != "replace" || len(res.Refused) != 1 || res.Refused[0].Line != badLine || !strings.Contains(res.Refused[0].Error, "Unrecognized command") {
		t.Fatalf("PUT config: %d %s (bad line %d)", a.status, a.body, badLine)
	}
	got := string(call(t, srv, "GET", "/api/v1/devices/SW0001/config", "").body)
	if !strings.Contains(got, " sysname CORE1\n") || !strings.Contains(got, "vlan 10\n name users\n") {
		t.Fatalf("after PUT: %s", got)
	}
	// Replace means replace: a text without VLAN 10 removes it.
	a = call(t, srv, "PUT", "/api/v1/devices/SW0001/config", factory, "Content-Type", "text/plain")
	if a.status != 200 || strings.Contains(string(call(t, srv, "GET", "/api/v1/devices/SW0001/config", "").body), "vlan 10\n") {
		t.Fatalf("replace kept vlan 10: %d %s", a.status, a.body)
	}
	// Merge adds on top.
	a = call(t, srv, "PUT", "/api/v1/devices/SW0001/config?mode=merge", "vlan 20\n", "Content-Type", "text/plain")
	a.json(t, &res)
	got = string(call(t, srv, "GET", "/api/v1/devices/SW0001/config", "").body)
	if a.status != 200 || res.Mode != "merge" || res.Applied != 1 || !strings.Contains(got, "vlan 20\n") || !strings.Contains(got, " sysname SW0001\n") {
		t.Fatalf("merge: %d %s\n%s", a.status, a.body, got)
	}
	before := got
	// Refused as a whole: nothing changes.
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/config", "", "Content-Type", "text/plain"), 400, "no command lines")
	a = call(t, srv, "PUT", "/api/v1/devices/SW0001/config", "this is not\nComware text\n", "Content-Type", "text/plain")
	wantError(t, a, 400, "no line applied")
	var refused struct{ Refused []map[string]any }
	a.json(t, &refused)
	if len(refused.Refused) != 2 {
		t.Fatalf("refused lines: %s", a.body)
	}
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/config", "sysname A\x00B\n", "Content-Type", "text/plain"), 400, "not configuration text")
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/config?mode=append", "vlan 30\n"), 400, "want replace")
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/config", `{"config": "vlan 30"}`, "Content-Type", "application/json"), 400, "text/plain")
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/config", strings.Repeat("vlan 30\n", 10000), "Content-Type", "text/plain"), 413, "larger than")
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/NOPE/config", "vlan 30\n"), 404, "no device")
	wantError(t, call(t, srv, "GET", "/api/v1/devices/NOPE/config", ""), 404, "no device")
	if got := string(call(t, srv, "GET", "/api/v1/devices/SW0001/config", "").body); got != before {
		t.Fatalf("a refused PUT changed the configuration:\n%s", got)
	}
}

func TestSaveAndReset(t *testing.T) {
	_, srv := apiFleet(t, api.Options{}, fleettest.Options{Devices: 1})
	wantError(t, call(t, srv, "GET", "/api/v1/devices/SW0001/saved-config", ""), 404, "no saved configuration")
	call(t, srv, "PUT", "/api/v1/devices/SW0001/config?mode=merge", "vlan 99\n")
	a := call(t, srv, "POST", "/api/v1/devices/SW0001/save", "")
	var saved map[string]string
	a.json(t, &saved)
	if a.status != 200 || saved["file"] != "startup.cfg" {
		t.Fatalf("save: %d %s", a.status, a.body)
	}
	a = call(t, srv, "GET", "/api/v1/devices/SW0001/saved-config", "")
	if a.status != 200 || !strings.Contains(string(a.body), "vlan 99\n") {
		t.Fatalf("saved-config: %d %s", a.status, a.body)
	}
	wantError(t, call(t, srv, "POST", "/api/v1/devices/NOPE/save", ""), 404, "no device")
	wantError(t, call(t, srv, "GET", "/api/v1/devices/NOPE/saved-config", ""), 404, "no device")

	a = call(t, srv, "POST", "/api/v1/devices/SW0001/reset", "")
	if a.status != 200 {
		t.Fatalf("reset: %d %s", a.status, a.body)
	}
	if strings.Contains(string(call(t, srv, "GET", "/api/v1/devices/SW0001/config", "").body), "vlan 99") {
		t.Fatal("reset kept vlan 99")
	}
	wantError(t, call(t, srv, "GET", "/api/v1/devices/SW0001/saved-config", ""), 404, "no saved configuration")
	var logs struct{ Entries []map[string]any }
	call(t, srv, "GET", "/api/v1/devices/SW0001/logbuffer", "").json(t, &logs)
	if len(logs.Entries) != 0 {
		t.Fatalf("reset kept the log buffer: %v", logs.Entries)
	}
	wantError(t, call(t, srv, "POST", "/api/v1/devices/NOPE/reset", ""), 404, "no device")
}

func TestReboot(t *testing.T) {
	// A reboot that lasts the whole test: every request meanwhile sees
	// the device down.
	_, srv := apiFleet(t, api.Options{}, fleettest.Options{Devices: 1, RebootDelay: time.Hour})
	a := call(t, srv, "POST", "/api/v1/devices/SW0001/reboot", "")
	if a.status != 202 {
		t.Fatalf("reboot: %d %s", a.status, a.body)
	}
	wantError(t, call(t, srv, "POST", "/api/v1/devices/SW0001/reboot", ""), 409, "rebooting")
	wantError(t, call(t, srv, "GET", "/api/v1/devices/SW0001/config", ""), 409, "rebooting")
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/config", "vlan 5\n"), 409, "rebooting")
	wantError(t, call(t, srv, "POST", "/api/v1/devices/SW0001/commands", `{"commands":["display version"]}`), 409, "rebooting")
	wantError(t, call(t, srv, "POST", "/api/v1/devices/SW0001/save", ""), 409, "rebooting")
	wantError(t, call(t, srv, "POST", "/api/v1/devices/SW0001/reset", ""), 409, "rebooting")
	var one fleet.DeviceInfo
	call(t, srv, "GET", "/api/v1/devices/SW0001", "").json(t, &one)
	if one.State != "rebooting" {
		t.Fatalf("state %q", one.State)
	}
	wantError(t, call(t, srv, "POST", "/api/v1/devices/NOPE/reboot", ""), 404, "no device")
}

func TestRebootComesBack(t *testing.T) {
	f, srv := apiFleet(t, api.Options{}, fleettest.Options{Devices: 1})
	call(t, srv, "PUT", "/api/v1/devices/SW0001/config?mode=merge", "vlan 77\n")
	if a := call(t, srv, "POST", "/api/v1/devices/SW0001/reboot", ""); a.status != 202 {
		t.Fatalf("reboot: %d", a.status)
	}
	if err := f.Device("SW0001").Member().WaitUp(t.Context()); err != nil {
		t.Fatal(err)
	}
	// Unsaved configuration is gone after a reboot.
	if got := f.Device("SW0001").Config(); strings.Contains(got, "vlan 77") {
		t.Fatal("vlan 77 survived the reboot")
	}
}

func TestCommands(t *testing.T) {
	_, srv := apiFleet(t, api.Options{}, fleettest.Options{Devices: 1})
	a := call(t, srv, "POST", "/api/v1/devices/SW0001/commands", `{"commands": ["display version", "system-view", "vlan 30", "bogus command", "display this"]}`)
	var res struct {
		Results []struct {
			Command, Output, Error string
			OK                     bool
		}
	}
	a.json(t, &res)
	if a.status != 200 || len(res.Results) != 5 {
		t.Fatalf("commands: %d %s", a.status, a.body)
	}
	r := res.Results
	if !r[0].OK || !strings.Contains(r[0].Output, "Software Version") || strings.Contains(r[0].Output, "\r") {
		t.Fatalf("display version: %+v", r[0])
	}
	if r[3].OK || r[3].Error != "% Unrecognized command found at '^' position." {
		t.Fatalf("bogus: %+v", r[3])
	}
	if !r[4].OK || !strings.Contains(r[4].Output, "vlan 30") {
		t.Fatalf("display this in VLAN view: %+v", r[4])
	}
	var logs struct {
		Entries []struct{ Text, Message string }
	}
	call(t, srv, "GET", "/api/v1/devices/SW0001/logbuffer", "").json(t, &logs)
	found := false
	for _, e := range logs.Entries {
		if strings.Contains(e.Text, "task:api") && strings.Contains(e.Text, "command:vlan 30") {
			found = true
		}
	}
	if !found {
		t.Fatalf("the log buffer does not show the API's commands: %+v", logs.Entries)
	}
	// A question gets no answer: the command stops there, the next runs.
	a = call(t, srv, "POST", "/api/v1/devices/SW0001/commands", `{"commands": ["save", "display clock"]}`)
	a.json(t, &res)
	if len(res.Results) != 2 || res.Results[0].OK || !strings.Contains(res.Results[0].Error, "question") || !res.Results[1].OK {
		t.Fatalf("a question: %s", a.body)
	}
	for _, body := range []string{``, `{`, `{"commands": []}`, `{"commands": ["a\nb"]}`, `{"cmds": ["x"]}`, `{"commands": ["x"]} {}`} {
		wantError(t, call(t, srv, "POST", "/api/v1/devices/SW0001/commands", body), 400, "")
	}
	wantError(t, call(t, srv, "POST", "/api/v1/devices/SW0001/commands", `{"commands": ["`+strings.Repeat("x", 5<<20)+`"]}`), 413, "larger than")
	wantError(t, call(t, srv, "POST", "/api/v1/devices/NOPE/commands", `{"commands": ["display version"]}`), 404, "no device")
	wantError(t, call(t, srv, "GET", "/api/v1/devices/NOPE/logbuffer", ""), 404, "no device")
}

func TestLink(t *testing.T) {
	f, srv := apiFleet(t, api.Options{}, fleettest.Options{})
	ev := f.Events("SW0002")
	up := func(dev, port string) bool {
		out := f.Device(dev).Command("display interface " + port)
		return strings.Contains(out, port+" current state: UP")
	}
	if !up("SW0001", "GigabitEthernet2/0/1") || !up("SW0002", "GigabitEthernet2/0/7") {
		t.Fatal("the cable is not up at start")
	}
	a := call(t, srv, "PUT", "/api/v1/devices/SW0001/interfaces/GigabitEthernet2%2F0%2F1/link", `{"up": false}`)
	if a.status != 200 {
		t.Fatalf("link down: %d %s", a.status, a.body)
	}
	if up("SW0001", "GigabitEthernet2/0/1") || up("SW0002", "GigabitEthernet2/0/7") {
		t.Fatal("a pulled cable is up")
	}
	e := waitEvent(t, ev, func(e fleet.Event) bool { return e.Type == fleet.EventLink })
	if e.Interface != "GigabitEthernet2/0/7" || e.Up == nil || *e.Up {
		t.Fatalf("link event: %+v", e)
	}
	// A change on either device does not plug it back.
	f.Device("SW0001").MergeConfig("vlan 3\n")
	if up("SW0002", "GigabitEthernet2/0/7") {
		t.Fatal("a change plugged the cable back")
	}
	if a := call(t, srv, "PUT", "/api/v1/devices/SW0001/interfaces/GigabitEthernet2%2F0%2F1/link", `{"up": true}`); a.status != 200 {
		t.Fatalf("link up: %d %s", a.status, a.body)
	}
	if !up("SW0001", "GigabitEthernet2/0/1") || !up("SW0002", "GigabitEthernet2/0/7") {
		t.Fatal("the cable is not back up")
	}
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/interfaces/Vlan-interface1/link", `{"up": false}`), 404, "no such physical interface")
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/interfaces/GigabitEthernet2%2F0%2F1/link", `{}`), 400, `no "up"`)
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/SW0001/interfaces/GigabitEthernet2%2F0%2F1/link", `{"up": "no"}`), 400, "bad JSON")
	wantError(t, call(t, srv, "PUT", "/api/v1/devices/NOPE/interfaces/GigabitEthernet2%2F0%2F1/link", `{"up": true}`), 404, "no device")
}

func TestToken(t *testing.T) {
	_, srv := apiFleet(t, api.Options{Token: "s3cret"}, fleettest.Options{Devices: 1})
	for _, path := range []string{"/api/v1/devices", "/metrics", "/api/v1/openapi.json", "/api/v1/events"} {
		a := call(t, srv, "GET", path, "")
		wantError(t, a, 401, "token")
		if a.header.Get("WWW-Authenticate") == "" {
			t.Fatal("no WWW-Authenticate")
		}
		wantError(t, call(t, srv, "GET", path, "", "Authorization", "Bearer wrong"), 401, "token")
	}
	if a := call(t, srv, "GET", "/api/v1/devices", "", "Authorization", "Bearer s3cret"); a.status != 200 {
		t.Fatalf("with the token: %d", a.status)
	}
	// The readiness probe has no token.
	a := call(t, srv, "GET", "/healthz", "")
	var h struct {
		Status, Version string
		Devices         int
	}
	if err := json.Unmarshal(a.body, &h); a.status != 200 || err != nil || h.Status != "ok" || h.Devices != 1 || h.Version == "" {
		t.Fatalf("healthz without the token: %d %s", a.status, a.body)
	}
}

// sse reads an event stream into a channel.
func sse(t *testing.T, srv *httptest.Server, query string) <-chan fleet.Event {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "GET", srv.URL+"/api/v1/events"+query, nil)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	br := bufio.NewReader(resp.Body)
	if line, err := br.ReadString('\n'); err != nil || line != ": subscribed\n" {
		t.Fatalf("first line %q, %v", line, err)
	}
	ch := make(chan fleet.Event, 1000)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		var typ string
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			switch {
			case strings.HasPrefix(line, "event: "):
				typ = strings.TrimSpace(line[len("event: "):])
			case strings.HasPrefix(line, "data: "):
				var e fleet.Event
				if json.Unmarshal([]byte(line[len("data: "):]), &e) == nil && e.Type == typ {
					ch <- e
				}
			}
		}
	}()
	return ch
}

func waitEvent(t *testing.T, ch <-chan fleet.Event, match func(fleet.Event) bool) fleet.Event {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatal("the event stream ended")
			}
			if match(e) {
				return e
			}
		case <-deadline:
			t.Fatal("no such event")
		}
	}
}

func TestEventsOfAScriptedSession(t *testing.T) {
	f, srv := apiFleet(t, api.Options{}, fleettest.Options{})
	wantError(t, call(t, srv, "GET", "/api/v1/events?device=NOPE", ""), 404, "no device")
	all := sse(t, srv, "")
	mine := sse(t, srv, "?device=SW0001")
	sw := f.Device("SW0001")

	// A failed login.
	cfg := sw.SSHConfig()
	cfg.Auth = []gossh.AuthMethod{gossh.Password("wrong")}
	if c, err := gossh.Dial("tcp", sw.Addr(), cfg); err == nil {
		c.Close()
		t.Fatal("logged in with a wrong password")
	}
	// A session: a change, then logout.
	c := sw.Dial()
	sess, _ := c.NewSession()
	var out syncBuffer
	sess.Stdout = &out
	sess.Stdin = strings.NewReader("system-view\rvlan 40\rquit\rquit\rquit\r")
	sess.RequestPty("vt100", 24, 80, gossh.TerminalModes{})
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	sess.Wait()
	// The other device's change shows on the unfiltered stream only.
	f.Device("SW0002").MergeConfig("vlan 41\n")

	var seen []fleet.Event
	for {
		e := waitEvent(t, mine, func(fleet.Event) bool { return true })
		seen = append(seen, e)
		if e.Type == fleet.EventLogout {
			break
		}
	}
	types := []string{}
	for _, e := range seen {
		if e.Device != "SW0001" {
			t.Fatalf("filtered stream has %+v", e)
		}
		types = append(types, e.Type)
	}
	want := []string{"login-failed", "login", "command", "config-changed", "command", "command", "command", "command", "logout"}
	// The wrong password is retried by x/crypto: one or more failures.
	for len(types) > 0 && types[0] == "login-failed" && len(types) > len(want) {
		types, seen = types[1:], seen[1:]
	}
	if !slices.Equal(types, want) {
		t.Fatalf("events %v, want %v", types, want)
	}
	if e := seen[0]; e.Protocol != "ssh" || e.User != "admin" || e.Error == "" {
		t.Fatalf("failed login: %+v", e)
	}
	if e := seen[1]; e.Protocol != "ssh" || e.User != "admin" || e.Line == nil {
		t.Fatalf("login: %+v", e)
	}
	if e := seen[2]; e.Command != "system-view" || e.Outcome != "ok" || e.User != "admin" || e.Line == nil || e.Protocol != "ssh" {
		t.Fatalf("command: %+v", e)
	}
	if e := seen[3]; !slices.Contains(e.Added, "vlan 40") || len(e.Removed) != 0 {
		t.Fatalf("config change: %+v", e)
	}
	waitEvent(t, all, func(e fleet.Event) bool {
		return e.Device == "SW0002" && e.Type == fleet.EventConfig && slices.Contains(e.Added, "vlan 41")
	})
	// Saves and reboots.
	sw.Save()
	waitEvent(t, mine, func(e fleet.Event) bool { return e.Type == fleet.EventSave && e.File == "flash:/startup.cfg" })
	sw.Reboot()
	waitEvent(t, mine, func(e fleet.Event) bool { return e.Type == fleet.EventReboot })
	waitEvent(t, mine, func(e fleet.Event) bool { return e.Type == fleet.EventBoot })
}

func TestSlowSubscriberDrops(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{Devices: 1})
	sub := f.Subscribe("", 2)
	defer sub.Close()
	sw := f.Device("SW0001")
	for range 5 {
		sw.Run("display clock")
	}
	if sub.Dropped() != 3 || f.DroppedEvents() != 3 {
		t.Fatalf("dropped %d (fleet %d), want 3", sub.Dropped(), f.DroppedEvents())
	}
}

func TestMetrics(t *testing.T) {
	f, srv := apiFleet(t, api.Options{}, fleettest.Options{})
	sw := f.Device("SW0001")
	sw.Run("display version", "bogus")
	sw.Save()
	sw.MergeConfig("vlan 5\nnonsense line\n")
	cfg := sw.SSHConfig()
	cfg.Auth = []gossh.AuthMethod{gossh.Password("wrong")}
	gossh.Dial("tcp", sw.Addr(), cfg)
	sess, _ := sw.Dial().NewSession()
	sess.Run("display clock")

	a := call(t, srv, "GET", "/metrics", "")
	if a.status != 200 {
		t.Fatalf("metrics: %d", a.status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(a.body))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, a.body)
	}
	value := func(name string, labels ...string) float64 {
		t.Helper()
		fam := fams[name]
		if fam == nil {
			t.Fatalf("no metric %s", name)
		}
		var sum float64
	next:
		for _, m := range fam.Metric {
			for i := 0; i+1 < len(labels); i += 2 {
				ok := false
				for _, lp := range m.Label {
					if lp.GetName() == labels[i] && lp.GetValue() == labels[i+1] {
						ok = true
					}
				}
				if !ok {
					continue next
				}
			}
			switch {
			case m.Counter != nil:
				sum += m.Counter.GetValue()
			case m.Gauge != nil:
				sum += m.Gauge.GetValue()
			case m.Histogram != nil:
				sum += float64(m.Histogram.GetSampleCount())
			}
		}
		return sum
	}
	checks := []struct {
		name   string
		labels []string
		want   float64
	}{
		{"switchemu_devices", []string{"state", "up"}, 2},
		{"switchemu_commands_total", []string{"protocol", "api", "outcome", "ok"}, 2}, // display version, save force
		{"switchemu_commands_total", []string{"protocol", "api", "outcome", "error"}, 1},
		{"switchemu_commands_total", []string{"protocol", "ssh", "outcome", "ok"}, 1},
		{"switchemu_command_duration_seconds", nil, 4},
		{"switchemu_saves_total", nil, 1},
		{"switchemu_config_replay_errors_total", nil, 1},
		{"switchemu_logins_total", []string{"protocol", "ssh"}, 1},
		{"switchemu_ssh_handshakes_total", []string{"outcome", "ok"}, 1},
		{"switchemu_ssh_handshakes_total", []string{"outcome", "error"}, 1},
	}
	for _, c := range checks {
		if got := value(c.name, c.labels...); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	if got := value("switchemu_login_failures_total", "protocol", "ssh"); got < 1 {
		t.Errorf("login failures %v", got)
	}
	value("switchemu_sessions", "protocol", "ssh")
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *syncBuffer) waitFor(t *testing.T, s string) {
	t.Helper()
	for range 3000 {
		if strings.Contains(b.String(), s) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no %q in %q", s, b.String())
}

// TestOpenAPIValid checks the document with openapi-spec-validator when
// it is installed (pip install openapi-spec-validator).
func TestOpenAPIValid(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil || exec.Command(py, "-c", "import openapi_spec_validator").Run() != nil {
		t.Skip("openapi-spec-validator is missing; install it with: pip install openapi-spec-validator")
	}
	cmd := exec.Command(py, "-c", "import json, sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(sys.stdin))")
	cmd.Stdin = bytes.NewReader(api.OpenAPI())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI 3.1: %v\n%s", err, out)
	}
}
