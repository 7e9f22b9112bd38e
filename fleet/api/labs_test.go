package api_test

import (
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"switchemu/fleet"
	"switchemu/fleet/api"
	"switchemu/fleet/fleettest"
	"switchemu/lab"
)

const apiLab = `
name: vlans-101
title: VLANs
devices:
  - name: "SW{n:04}"
    count: 2
checks:
  - id: vlan10
    vlan: {id: 10, name: Servers}
  - id: port
    access: {ports: GigabitEthernet2/0/3, vlan: 10}
`

// labFleet serves two devices, the lab above and the API.
func labFleet(t *testing.T) (*fleettest.Fleet, *httptest.Server) {
	t.Helper()
	f := fleettest.Start(t, fleettest.Options{Devices: 2})
	l, err := lab.Parse(strings.NewReader(apiLab))
	if err != nil {
		t.Fatal(err)
	}
	b, err := lab.NewBoard(f.Fleet, []*lab.Lab{l})
	if err != nil {
		t.Fatal(err)
	}
	b.Start()
	t.Cleanup(b.Close)
	srv := httptest.NewServer(api.New(f.Fleet, api.Options{Labs: b}))
	t.Cleanup(srv.Close)
	return f, srv
}

// TestLabs: the list of labs and a lab's status, in the JSON shapes the
// web console reads, before and after a student's commands (sent here
// through the API's commands route).
func TestLabs(t *testing.T) {
	_, srv := labFleet(t)
	a := call(t, srv, "GET", "/api/v1/labs", "")
	var list any
	a.json(t, &list)
	want := map[string]any{"labs": []any{map[string]any{"name": "vlans-101", "title": "VLANs",
		"devices": []any{"SW0001", "SW0002"}, "checks": 2.0}}}
	if a.status != 200 || !reflect.DeepEqual(list, want) {
		t.Fatalf("labs: %d %s", a.status, a.body)
	}

	a = call(t, srv, "GET", "/api/v1/labs/vlans-101/status", "")
	var st struct {
		Lab, Title string
		Devices    []map[string]any
	}
	a.json(t, &st)
	if a.status != 200 || st.Lab != "vlans-101" || st.Title != "VLANs" || len(st.Devices) != 2 {
		t.Fatalf("status: %d %s", a.status, a.body)
	}
	d := st.Devices[0]
	wantDev := map[string]any{"device": "SW0001", "state": "not-started", "passed": 0.0, "total": 2.0, "done": false,
		"checks": []any{
			map[string]any{"id": "vlan10", "description": "VLAN 10 exists and is named Servers", "pass": false, "detail": "VLAN 10 does not exist"},
			map[string]any{"id": "port", "description": "GigabitEthernet2/0/3 is an access port in VLAN 10", "pass": false,
				"detail": "GigabitEthernet2/0/3 is in VLAN 1, not 10"},
		}}
	if !reflect.DeepEqual(d, wantDev) {
		t.Fatalf("SW0001 before:\n%v\nwant\n%v", d, wantDev)
	}

	a = call(t, srv, "POST", "/api/v1/devices/SW0001/commands", `{"commands": ["system-view", "vlan 10", "name Servers",
		"quit", "interface GigabitEthernet2/0/3", "port access vlan 10"]}`)
	if a.status != 200 {
		t.Fatalf("commands: %d %s", a.status, a.body)
	}
	a = call(t, srv, "GET", "/api/v1/labs/vlans-101/status", "")
	a.json(t, &st)
	d = st.Devices[0]
	if d["state"] != "up" || d["passed"] != 2.0 || d["done"] != true {
		t.Fatalf("SW0001 after: %v", d)
	}
	if c := d["checks"].([]any)[0].(map[string]any); c["pass"] != true || c["detail"] != "VLAN 10 is named Servers" {
		t.Fatalf("vlan10 after: %v", c)
	}
	if d := st.Devices[1]; d["device"] != "SW0002" || d["state"] != "not-started" || d["passed"] != 0.0 {
		t.Fatalf("SW0002: %v", d)
	}
}

func TestLabErrors(t *testing.T) {
	_, srv := labFleet(t)
	wantError(t, call(t, srv, "GET", "/api/v1/labs/nope/status", ""), 404, `no lab "nope"`)
	wantError(t, call(t, srv, "POST", "/api/v1/labs", ""), 405, "use GET")

	// Without labs: none, and no status.
	_, plain := apiFleet(t, api.Options{}, fleettest.Options{Devices: 1})
	a := call(t, plain, "GET", "/api/v1/labs", "")
	if a.status != 200 || strings.TrimSpace(string(a.body)) != "{\n  \"labs\": []\n}" {
		t.Fatalf("labs without --lab: %d %s", a.status, a.body)
	}
	wantError(t, call(t, plain, "GET", "/api/v1/labs/vlans-101/status", ""), 404, `no lab "vlans-101"`)
}

// TestLabEvents: a device's result changing is a lab event on the
// stream, with the lab, the checks passed and the total.
func TestLabEvents(t *testing.T) {
	f, srv := labFleet(t)
	ch := sse(t, srv, "")
	sw := f.Device("SW0002")
	sw.Run("system-view", "vlan 10", "name Servers")
	e := waitEvent(t, ch, func(e fleet.Event) bool { return e.Type == fleet.EventLab })
	if e.Device != "SW0002" || e.Lab != "vlans-101" || e.Passed == nil || *e.Passed != 1 || e.Total == nil || *e.Total != 2 {
		t.Fatalf("event %+v", e)
	}
	sw.Run("system-view", "vlan 10", "name Sales")
	e = waitEvent(t, ch, func(e fleet.Event) bool { return e.Type == fleet.EventLab })
	data, _ := json.Marshal(e)
	var m map[string]any
	json.Unmarshal(data, &m)
	if m["type"] != "lab" || m["device"] != "SW0002" || m["lab"] != "vlans-101" || m["passed"] != 0.0 || m["total"] != 2.0 {
		t.Fatalf("event %s", data)
	}
}
