package api_test

import (
	"strings"
	"testing"

	"switchemu/fleet"
	"switchemu/fleet/api"
	"switchemu/fleet/fleettest"
)

func TestFaultsAPI(t *testing.T) {
	f, srv := apiFleet(t, api.Options{}, fleettest.Options{})
	events := sse(t, srv, "?device=SW0001")
	const path = "/api/v1/devices/SW0001/faults"

	var list struct{ Faults []fleet.Fault }
	a := call(t, srv, "GET", path, "")
	if a.json(t, &list); a.status != 200 || list.Faults == nil || len(list.Faults) != 0 {
		t.Fatalf("GET with no faults: %d %s", a.status, a.body)
	}
	a = call(t, srv, "PUT", path, `{"faults": [{"kind": "cpu", "percent": 88}, {"kind": "flap", "interface": "gigabitethernet2/0/1", "period": "1h", "after": "1h"}]}`)
	if a.json(t, &list); a.status != 200 || len(list.Faults) != 2 {
		t.Fatalf("PUT: %d %s", a.status, a.body)
	}
	cpu, flap := list.Faults[0], list.Faults[1]
	if cpu.Kind != "cpu" || cpu.Percent != 88 || flap.Interface != "GigabitEthernet2/0/1" || flap.State != "scheduled" || flap.Source != "api" {
		t.Fatalf("PUT answer: %s", a.body)
	}
	e := waitEvent(t, events, func(e fleet.Event) bool { return e.Type == fleet.EventFault && e.Fault.ID == cpu.ID })
	if e.Device != "SW0001" || e.Message != "fault "+cpu.ID+" (cpu) set" {
		t.Fatalf("event: %+v", e)
	}
	waitEvent(t, events, func(e fleet.Event) bool {
		return e.Type == fleet.EventFault && e.Fault.ID == cpu.ID && strings.HasSuffix(e.Message, " active")
	})
	if out := f.Device("SW0001").Command("display cpu-usage"); !strings.Contains(out, "88% in last 5 minutes") {
		t.Fatalf("display cpu-usage:\n%s", out)
	}
	if out := f.Device("SW0002").Command("display cpu-usage"); strings.Contains(out, "88% in last 5 minutes") {
		t.Fatalf("the other device is busy too:\n%s", out)
	}

	// Wrong faults: 400, and nothing is set.
	for body, want := range map[string]string{
		`{"faults": [{"kind": "cpu", "percent": 50}, {"kind": "latency"}]}`:       "fault 2: fault latency: give latency",
		`{"faults": [{"kind": "flap", "interface": "Ten9/9/9", "period": "1s"}]}`: `the device has no port "Ten9/9/9"`,
		`{"faults": [{"kind": "cpu", "percnt": 50}]}`:                             "unknown field",
		`{"faults": []}`: "no faults",
	} {
		wantError(t, call(t, srv, "PUT", path, body), 400, want)
	}
	a = call(t, srv, "GET", path, "")
	if a.json(t, &list); len(list.Faults) != 2 || list.Faults[0].Percent != 88 {
		t.Fatalf("a refused PUT changed the faults: %s", a.body)
	}

	wantError(t, call(t, srv, "DELETE", path+"/999", ""), 404, `fault "999"`)
	wantError(t, call(t, srv, "GET", "/api/v1/devices/NOPE/faults", ""), 404, "no device")
	if a := call(t, srv, "DELETE", path+"/"+cpu.ID, ""); a.status != 204 {
		t.Fatalf("DELETE one: %d %s", a.status, a.body)
	}
	waitEvent(t, events, func(e fleet.Event) bool {
		return e.Type == fleet.EventFault && e.Fault.ID == cpu.ID && strings.HasSuffix(e.Message, " cleared")
	})
	if out := f.Device("SW0001").Command("display cpu-usage"); strings.Contains(out, "88% in last 5 minutes") {
		t.Fatalf("cleared, still busy:\n%s", out)
	}
	var cleared struct{ Cleared int }
	a = call(t, srv, "DELETE", path, "")
	if a.json(t, &cleared); a.status != 200 || cleared.Cleared != 1 {
		t.Fatalf("DELETE all: %d %s", a.status, a.body)
	}
	waitEvent(t, events, func(e fleet.Event) bool {
		return e.Type == fleet.EventFault && e.Fault.ID == flap.ID && e.Interface == "GigabitEthernet2/0/1" && strings.HasSuffix(e.Message, " cleared")
	})
	a = call(t, srv, "GET", path, "")
	if a.json(t, &list); len(list.Faults) != 0 {
		t.Fatalf("after DELETE: %s", a.body)
	}
}
