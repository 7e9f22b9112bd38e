package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/fleet"
	"switchemu/fleet/fleettest"
)

var apiRE = regexp.MustCompile(`control API on (http://127\.0\.0\.1:\d+)/`)

// apiURL is the control API's base URL the emulator printed.
func apiURL(t *testing.T, e *emulator) string {
	t.Helper()
	m := apiRE.FindStringSubmatch(e.Output())
	if m == nil {
		t.Fatalf("no control API line:\n%s", tail(e.Output(), 40))
	}
	return m[1]
}

// TestAPINetmiko: a Netmiko session's change is seen through GET config,
// and an API PUT config is seen by the Netmiko session.
func TestAPINetmiko(t *testing.T) {
	needTool(t, "Netmiko (Debian python3-netmiko)", "apt-get install -y python3-netmiko",
		"/usr/bin/python3", "-c", "import netmiko")
	e := startEmulator(t, t.TempDir(), "--api", "127.0.0.1:0")
	script, err := filepath.Abs("testdata/netmiko_api.py")
	if err != nil {
		t.Fatal(err)
	}
	out, err := runClient(t, 5*time.Minute, nil, nil, "/usr/bin/python3", script, e.Port, apiURL(t, e))
	if err != nil || !strings.Contains(out, "NETMIKO API OK") {
		t.Fatalf("netmiko and the API: %v\n%s\nemulator:\n%s", err, out, tail(e.Output(), 40))
	}
}

// TestAPIFlags: --api-token makes every request need the token;
// --log-format json logs JSON lines with the device's name, and a
// refused login's reason at the default level.
func TestAPIFlags(t *testing.T) {
	dir := t.TempDir()
	tok := filepath.Join(dir, "token")
	if err := os.WriteFile(tok, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e := startEmulator(t, filepath.Join(dir, "state"), "--api", "127.0.0.1:0", "--api-token", tok, "--log-format", "json")
	base := apiURL(t, e)
	if !strings.Contains(e.Output(), "(token required)") {
		t.Fatalf("no token note:\n%s", tail(e.Output(), 40))
	}
	if !strings.Contains(e.Output(), "trainer's console on "+base+"/?token=TOKEN") || strings.Contains(e.Output(), "s3cret") {
		t.Errorf("the console line is missing, or shows the token:\n%s", tail(e.Output(), 40))
	}
	get := func(auth string) int {
		req, _ := http.NewRequest("GET", base+"/api/v1/devices", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get(""); got != 401 {
		t.Fatalf("without the token: %d", got)
	}
	if got := get("Bearer s3cret"); got != 200 {
		t.Fatalf("with the token: %d", got)
	}
	// A wrong password: logged as JSON, with the device and the reason,
	// at the default level. The server logs it as it answers; the test
	// waits for the line (the client may be gone before it is written).
	if c, err := gossh.Dial("tcp", e.Addr, &gossh.ClientConfig{
		User: "admin", Auth: []gossh.AuthMethod{gossh.Password("wrong")},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
	}); err == nil {
		c.Close()
		t.Fatal("a wrong password logged in")
	}
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(e.Output(), `"msg":"authentication failed"`) && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	e.Stop(t)
	found := false
	for _, line := range strings.Split(e.Output(), "\n") {
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON log line: %q", line)
		}
		if rec["device"] == nil {
			t.Errorf("log line without the device: %q", line)
		}
		if rec["msg"] == "connection closed" || rec["msg"] == "authentication failed" {
			found = true
		}
	}
	if !found {
		t.Errorf("no refused login in the log:\n%s", tail(e.Output(), 40))
	}
}

// TestLoginHintWarns: a configuration saved through the API without ssh
// server enable makes the next start warn that no one can log in.
func TestLoginHintWarns(t *testing.T) {
	dir := t.TempDir()
	e := startEmulator(t, dir, "--api", "127.0.0.1:0")
	base := apiURL(t, e)
	req, _ := http.NewRequest("POST", base+"/api/v1/devices/s7906e/commands", strings.NewReader(`{"commands": ["system-view", "undo ssh server enable"]}`))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	req, _ = http.NewRequest("POST", base+"/api/v1/devices/s7906e/save", nil)
	if resp, err = http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("save: %v %v", err, resp)
	}
	resp.Body.Close()
	e.Stop(t)
	e = startEmulator(t, dir)
	// The warning comes on stderr, the summary on stdout: wait for it
	// rather than race the two streams.
	e.waitOutput(t, "leaves no way to log in over SSH: the SSH server is disabled")
	if out := e.Output(); !strings.Contains(out, "  log in:   not with admin/admin") {
		t.Fatalf("summary:\n%s", out)
	}
}

// TestNetmikoOnFleettest: the test helper's in-process fleet serves
// Netmiko sessions to several devices at once; what they did is read
// back through the helper, without SSH.
func TestNetmikoOnFleettest(t *testing.T) {
	needTool(t, "Netmiko (Debian python3-netmiko)", "apt-get install -y python3-netmiko",
		"/usr/bin/python3", "-c", "import netmiko")
	f := fleettest.Start(t, fleettest.Options{Devices: 3})
	var csv bytes.Buffer
	if err := fleet.Export(&csv, "csv", f.Entries()); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(t.TempDir(), "devices.csv")
	if err := os.WriteFile(list, csv.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("testdata/netmiko_fleet.py")
	if err != nil {
		t.Fatal(err)
	}
	out, err := runClient(t, 5*time.Minute, nil, nil, "/usr/bin/python3", script, list)
	if err != nil || !strings.Contains(out, "NETMIKO FLEET OK 3") {
		t.Fatalf("netmiko: %v\n%s", err, out)
	}
	for _, sw := range f.Devices() {
		want := " sysname SITE-" + sw.Name() + "\n"
		if !strings.Contains(sw.Config(), want) {
			t.Errorf("%s: running configuration lacks %q", sw.Name(), want)
		}
		saved, err := sw.Member().SavedConfig()
		if err != nil || !strings.Contains(saved, want) {
			t.Errorf("%s: saved configuration lacks %q (%v)", sw.Name(), want, err)
		}
	}
}
