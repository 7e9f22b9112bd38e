package cli

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"switchemu/device"
)

// TestDisplaysMove shows uptime, counters and CPU load moving with the
// device clock, and standing still while it does.
func TestDisplaysMove(t *testing.T) {
	d, clk := modelDevice(t)
	c := newConsole(t, d)
	uptime := regexp.MustCompile(`(?m)^3Com Switch 7906E uptime is (.*)$`)
	input := regexp.MustCompile(`(?m)^ Input \(total\):  (\d+) packets`)
	if got := uptime.FindStringSubmatch(c.run("display version")); got == nil || got[1] != "0 week, 0 day, 0 hour, 0 minute" {
		t.Fatalf("uptime at boot: %q", got)
	}
	clk.advance(8*24*time.Hour + 2*time.Hour + 5*time.Minute)
	if got := uptime.FindStringSubmatch(c.run("display version")); got == nil || got[1] != "1 week, 1 day, 2 hours, 5 minutes" {
		t.Errorf("uptime later: %q", got)
	}
	first := input.FindStringSubmatch(c.run("display interface GigabitEthernet2/0/1"))
	again := input.FindStringSubmatch(c.run("display interface GigabitEthernet2/0/1"))
	clk.advance(time.Minute)
	later := input.FindStringSubmatch(c.run("display interface GigabitEthernet2/0/1"))
	if first == nil || first[1] == "0" || again[1] != first[1] || later[1] == first[1] {
		t.Errorf("input packets %v, %v, then %v", first, again, later)
	}
	c.run("reset counters interface GigabitEthernet2/0/1")
	out := c.run("display interface GigabitEthernet2/0/1")
	if got := input.FindStringSubmatch(out); got == nil || got[1] != "0" || !strings.Contains(out, " Last clearing of counters:  21:41:31 Sun 01/16/2011\n") {
		t.Errorf("after reset counters: %v\n%s", got, out)
	}
	clk.advance(time.Second)
	if got := input.FindStringSubmatch(c.run("display interface GigabitEthernet2/0/1")); got == nil || got[1] == "0" {
		t.Errorf("counters stopped after reset: %v", got)
	}
	if other := input.FindStringSubmatch(c.run("display interface GigabitEthernet2/0/2")); other == nil || other[1] == "0" {
		t.Errorf("reset of one port cleared another: %v", other)
	}
	if down := input.FindStringSubmatch(c.run("display interface GigabitEthernet2/0/5")); down == nil || down[1] != "0" {
		t.Errorf("uncabled port counted: %v", down)
	}
	cpu := map[string]bool{}
	for range 10 {
		cpu[c.run("display cpu-usage")] = true
		clk.advance(6 * time.Minute)
	}
	if len(cpu) < 3 {
		t.Errorf("display cpu-usage hardly moves: %d outputs", len(cpu))
	}
}

// TestModelConfigRoundTrip renders the lab configuration, replays it
// into a fresh device and renders again: nothing is lost or changed.
func TestModelConfigRoundTrip(t *testing.T) {
	d, _ := modelDevice(t)
	c := newConsole(t, d)
	configureLab(c)
	c.must("system-view", "info-center loghost 192.168.0.10", "info-center logbuffer size 200",
		"interface GigabitEthernet2/0/3", "jumboframe enable 9000", "flow-control", "broadcast-suppression 30", "quit",
		"interface GigabitEthernet2/0/5", "port link-type trunk", "port trunk permit vlan all", "quit",
		"interface GigabitEthernet2/0/6", "port link-type hybrid", "undo port hybrid vlan 1", "port hybrid vlan 20 to 22 untagged", "port hybrid pvid vlan 21", "quit",
		"undo vlan 21") // leaves the hybrid port, which keeps it as PVID
	text := renderConfig(d.Snapshot(), d.Profile())
	for _, want := range []string{" clock timezone Z5 add 05:00:00\n", " ip route-static 172.16.0.0 255.255.0.0 Vlan-interface1 192.168.0.2 preference 70\n",
		" ip address 10.1.1.1 255.255.255.0 sub\n", " jumboframe enable 9000\n", " port trunk permit vlan all\n",
		" undo port hybrid vlan 1\n", " port hybrid vlan 20 22 untagged\n", " port hybrid pvid vlan 21\n", " info-center logbuffer size 200\n",
		" arp static 10.10.10.9 0011-2233-4477 10 GigabitEthernet2/0/1\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("configuration lacks %q", want)
		}
	}
	d2, _ := modelDevice(t)
	if errs := New(d2, nil).Replay(text); len(errs) > 0 {
		t.Fatalf("replay: %v", errs)
	}
	if again := renderConfig(d2.Snapshot(), d2.Profile()); again != text {
		t.Errorf("round trip changed the configuration:\n%s", lineDiff(text, again))
	}
}

// TestDisplayLocalUser shows display local-user following the
// configuration and the live logins.
func TestDisplayLocalUser(t *testing.T) {
	d, _ := modelDevice(t)
	if _, err := d.AcquireVTY(device.Login{User: "admin", Protocol: "SSH"}); err != nil {
		t.Fatal(err)
	}
	c := newConsole(t, d)
	c.run("system-view")
	c.run("local-user bob")
	c.must("service-type telnet ssh", "authorization-attribute level 1", "quit")
	got := c.run("display local-user")
	want := "The contents of local user admin:\n State:                    Active\n ServiceType:              ssh/telnet/terminal\n" +
		" Access-limit:             Disabled          Current AccessNum: 1\n User-group:               system\n" +
		" Bind attributes:\n Authorization attributes:\n  User Privilege:          3\n Password-Aging:           Disabled\n" +
		"The contents of local user bob:\n State:                    Active\n ServiceType:              ssh/telnet\n" +
		" Access-limit:             Disabled          Current AccessNum: 0\n User-group:               system\n" +
		" Bind attributes:\n Authorization attributes:\n  User Privilege:          1\n Password-Aging:           Disabled\n" +
		"Total 2 local user(s) matched.\n"
	if got != want {
		t.Errorf("display local-user:\n%s", lineDiff(want, got))
	}
	if got := c.run("display local-user user-name bob"); !strings.HasSuffix(got, "Total 1 local user(s) matched.\n") || strings.Contains(got, "admin") {
		t.Errorf("one user:\n%s", got)
	}
	c.run("undo local-user bob")
	if got := c.run("display local-user user-name bob"); got != " The local user does not exist.\n" {
		t.Errorf("removed user: %q", got)
	}
}
