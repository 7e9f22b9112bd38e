package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchemu/fleet"
)

// labStatus is GET /api/v1/labs/{lab}/status.
type labStatus struct {
	Lab     string `json:"lab"`
	Devices []struct {
		Device, State string
		Passed, Total int
		Done          bool
		Checks        []struct {
			ID, Description, Detail string
			Pass                    bool
		}
	} `json:"devices"`
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// labEvents streams one device's lab events from the API; the stream
// ends with the test.
func labEvents(t *testing.T, base, device string) <-chan fleet.Event {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/events?device=" + device)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan fleet.Event, 100)
	done := make(chan struct{})
	subscribed := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			line := sc.Text()
			if line == ": subscribed" {
				close(subscribed)
			}
			if data, ok := strings.CutPrefix(line, "data: "); ok {
				var e fleet.Event
				if json.Unmarshal([]byte(data), &e) == nil && e.Type == fleet.EventLab {
					ch <- e
				}
			}
		}
	}()
	t.Cleanup(func() {
		resp.Body.Close()
		<-done
	})
	select {
	case <-subscribed:
	case <-time.After(30 * time.Second):
		t.Fatal("the event stream did not open")
	}
	return ch
}

func nextLabEvent(t *testing.T, ch <-chan fleet.Event) fleet.Event {
	t.Helper()
	select {
	case e := <-ch:
		return e
	case <-time.After(60 * time.Second):
		t.Fatal("no lab event")
	}
	return fleet.Event{}
}

// TestLabEndToEnd runs the shipped example lab (examples/labs) on a class
// of twelve through the built binary (the inventory's labs key and
// --lab): a student does the lab
// over SSH as the README's example shows, the status and the event
// stream follow each step, and idle students' switches stay unbooted.
func TestLabEndToEnd(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "class.yaml")
	// The example class, on free ports, with its lab in the inventory
	// and given again with --lab: served once.
	labFile := examplePath(t, "labs", "vlans-101.yaml")
	if err := os.WriteFile(inv, []byte("labs: ["+labFile+"]\ndevices:\n  - name: \"student{n:02}\"\n    count: 12\n    listen: 127.0.0.1:0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := startFleetProcess(t, filepath.Join(dir, "state"), "--inventory", inv, "--lab", labFile, "--api", "127.0.0.1:0")
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(p.out.String(), "switchemu: lab vlans-101: 14 checks on 12 devices: GET /api/v1/labs/vlans-101/status") {
		if time.Now().After(deadline) {
			t.Fatalf("no lab line:\n%s", tail(p.out.String(), 40))
		}
		time.Sleep(50 * time.Millisecond)
	}
	m := apiRE.FindStringSubmatch(p.out.String())
	if m == nil {
		t.Fatalf("no API line:\n%s", tail(p.out.String(), 40))
	}
	base := m[1]

	var list struct {
		Labs []struct {
			Name    string
			Devices []string
			Checks  int
		}
	}
	getJSON(t, base+"/api/v1/labs", &list)
	if len(list.Labs) != 1 || list.Labs[0].Name != "vlans-101" || len(list.Labs[0].Devices) != 12 || list.Labs[0].Checks != 14 {
		t.Fatalf("labs: %+v", list)
	}
	var st labStatus
	getJSON(t, base+"/api/v1/labs/vlans-101/status", &st)
	before := st.Devices[2]
	if before.Device != "student03" || before.State != "not-started" || before.Done {
		t.Fatalf("student03 before: %+v", before)
	}

	ev := labEvents(t, base, "student03")
	var row []string
	for _, r := range p.devices {
		if r[0] == "student03" {
			row = r
		}
	}
	tm := login(t, row[1]+":"+row[2])
	tm.run(t, "[student03-vlan10]", "system-view", "vlan 10", "name Servers")
	if e := nextLabEvent(t, ev); e.Lab != "vlans-101" || *e.Passed != before.Passed+1 || *e.Total != 14 {
		t.Fatalf("after vlan 10: %+v (passed before %d)", e, before.Passed)
	}
	tm.run(t, "[student03-vlan10]", "name Sales")
	nextLabEvent(t, ev)
	getJSON(t, base+"/api/v1/labs/vlans-101/status", &st)
	if c := st.Devices[2].Checks[1]; c.ID != "vlan10" || c.Pass || c.Detail != "VLAN 10 is named Sales, not Servers" {
		t.Fatalf("vlan10 renamed: %+v", c)
	}

	// The whole lab, as a student types it.
	lines := []string{"name Servers", "port GigabitEthernet2/0/1 to GigabitEthernet2/0/4", "vlan 20", "name Users",
		"port GigabitEthernet2/0/5 to GigabitEthernet2/0/8", "vlan 99", "quit",
		"interface GigabitEthernet2/0/48", "port link-type trunk", "port trunk permit vlan 10 20 99", "description Uplink to core", "quit"}
	for i := 40; i <= 47; i++ {
		lines = append(lines, fmt.Sprintf("interface GigabitEthernet2/0/%d", i), "shutdown", "quit")
	}
	lines = append(lines, "interface Vlan-interface99", "ip address 10.0.3.2 255.255.255.0", "quit",
		"ip route-static 0.0.0.0 0.0.0.0 10.0.3.1", "user-interface vty 0 4", "protocol inbound ssh", "quit",
		"ntp-service unicast-server 10.0.0.254", "sysname SW-03", "return", "save force")
	tm.run(t, msgSaved, lines...)
	for {
		e := nextLabEvent(t, ev)
		if *e.Passed == 14 {
			break
		}
	}
	getJSON(t, base+"/api/v1/labs/vlans-101/status", &st)
	d := st.Devices[2]
	if d.State != "up" || d.Passed != 14 || !d.Done {
		t.Fatalf("student03 done: %+v", d)
	}
	for i, d := range st.Devices {
		if i != 2 && d.State != "not-started" {
			t.Errorf("%s: %s: an idle student's switch was booted", d.Device, d.State)
		}
	}
}

const msgSaved = "Configuration is saved to device successfully."

// TestLabRefused: a lab file that does not parse, or names a device the
// inventory lacks, stops switchemu at start with the line; --lab needs
// --api.
func TestLabRefused(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("name: l\ndevices: SW0001\nchecks:\n  - vlan: {id: 10, nmae: x}\n"), 0o644)
	missing := filepath.Join(dir, "missing.yaml")
	os.WriteFile(missing, []byte("name: l\ndevices: [SW0001, SW0009]\nchecks:\n  - vlan: {id: 10}\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--lab", bad, "--api", "127.0.0.1:0"}, `bad.yaml: line 4: vlan: unknown key "nmae"`},
		{[]string{"--lab", missing, "--api", "127.0.0.1:0"}, `missing.yaml: line 2: devices: no device "SW0009" in the inventory`},
		{[]string{"--lab", missing}, "--lab needs --api"},
	} {
		args := append([]string{"--state-dir", filepath.Join(dir, "state"), "--devices", "2", "--listen", "127.0.0.1:0"}, tc.args...)
		cmd := exec.Command(binPath, args...)
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), tc.want) {
			t.Errorf("%v: %v\n%s\nwant %q", tc.args, err, out, tc.want)
		}
	}
}
