package lab_test

import (
	"strings"
	"testing"

	"switchemu/fleet/fleettest"
	"switchemu/lab"
)

// board binds a lab file's text to the fleet.
func board(t *testing.T, f *fleettest.Fleet, text string) *lab.Board {
	t.Helper()
	l, err := lab.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	b, err := lab.NewBoard(f.Fleet, []*lab.Lab{l})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// result is the only check's result on the device.
func result(t *testing.T, b *lab.Board, device string) lab.CheckResult {
	t.Helper()
	st, err := b.Status("t")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range st.Devices {
		if d.Device == device {
			if len(d.Checks) != 1 {
				t.Fatalf("%d checks", len(d.Checks))
			}
			return d.Checks[0]
		}
	}
	t.Fatalf("no %s in %+v", device, st)
	return lab.CheckResult{}
}

// run runs a student's commands, each of which must be accepted.
func run(t *testing.T, sw *fleettest.Device, cmds string) {
	t.Helper()
	if cmds == "" {
		return
	}
	lines := strings.Split(strings.TrimSpace(cmds), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	for _, r := range sw.Run(append([]string{"system-view"}, lines...)...) {
		if !r.OK {
			t.Fatalf("%q: %s", r.Command, r.Error)
		}
	}
}

// TestCheckKinds runs, for each kind of check, what a student would type
// on the device's command line: before, the check fails with its reason;
// after, it passes; after a change that undoes part of it, it fails
// again and says why.
func TestCheckKinds(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{Devices: 1})
	sw := f.Device("SW0001")
	for _, tc := range []struct {
		name, check string
		before      string // detail on the factory configuration
		do, pass    string
		undo, fail  string
		description string
	}{
		{
			name: "vlan", check: "vlan: {id: 10, name: Servers}",
			description: "VLAN 10 exists and is named Servers",
			before:      "VLAN 10 does not exist",
			do:          "vlan 10\nname Servers", pass: "VLAN 10 is named Servers",
			undo: "vlan 10\nname Sales", fail: "VLAN 10 is named Sales, not Servers",
		},
		{
			name: "vlan description", check: "vlan: {id: 10, description: Server farm}",
			description: "VLAN 10 exists and has the description Server farm",
			before:      "VLAN 10 does not exist",
			do:          "vlan 10\ndescription Server farm", pass: "VLAN 10 has the description Server farm",
			undo: "vlan 10\nundo description", fail: "VLAN 10 has the description VLAN 0010, not Server farm",
		},
		{
			name: "vlan removed", check: "vlan: {id: 10}",
			description: "VLAN 10 exists",
			before:      "VLAN 10 does not exist",
			do:          "vlan 10", pass: "VLAN 10 exists",
			undo: "undo vlan 10", fail: "VLAN 10 does not exist",
		},
		{
			name: "access", check: "access: {ports: GigabitEthernet2/0/1-2, vlan: 10}",
			description: "GigabitEthernet2/0/1 to GigabitEthernet2/0/2 are access ports in VLAN 10",
			before:      "GigabitEthernet2/0/1 is in VLAN 1, not 10; GigabitEthernet2/0/2 is in VLAN 1, not 10",
			do:          "vlan 10\nport GigabitEthernet2/0/1 to GigabitEthernet2/0/2",
			pass:        "GigabitEthernet2/0/1 to GigabitEthernet2/0/2 are in VLAN 10",
			undo:        "interface GigabitEthernet2/0/2\nport link-type trunk", fail: "GigabitEthernet2/0/2 is a trunk port",
		},
		{
			name: "access abbreviated", check: "access: {ports: GE2/0/3, vlan: 20}",
			description: "GigabitEthernet2/0/3 is an access port in VLAN 20",
			before:      "GigabitEthernet2/0/3 is in VLAN 1, not 20",
			do:          "vlan 20\nquit\ninterface gi2/0/3\nport access vlan 20", pass: "GigabitEthernet2/0/3 is in VLAN 20",
			undo: "interface GigabitEthernet2/0/3\nport link-type hybrid", fail: "GigabitEthernet2/0/3 is a hybrid port",
		},
		{
			name: "trunk", check: "trunk: {ports: GigabitEthernet2/0/48, permit: \"10 20\", pvid: 1}",
			description: "GigabitEthernet2/0/48 is a trunk port permitting VLANs 10 20 with PVID 1",
			before:      "GigabitEthernet2/0/48 is an access port",
			do:          "interface GigabitEthernet2/0/48\nport link-type trunk\nport trunk permit vlan 10 20",
			pass:        "GigabitEthernet2/0/48 is a trunk port permitting VLANs 10 20 with PVID 1",
			undo:        "interface GigabitEthernet2/0/48\nundo port trunk permit vlan 20", fail: "GigabitEthernet2/0/48 does not permit VLAN 20",
		},
		{
			name: "trunk pvid", check: "trunk: {ports: GigabitEthernet2/0/47, pvid: 99}",
			description: "GigabitEthernet2/0/47 is a trunk port with PVID 99",
			before:      "GigabitEthernet2/0/47 is an access port",
			do:          "vlan 99\nquit\ninterface GigabitEthernet2/0/47\nport link-type trunk\nport trunk pvid vlan 99",
			pass:        "GigabitEthernet2/0/47 is a trunk port with PVID 99",
			undo:        "interface GigabitEthernet2/0/47\nport trunk pvid vlan 1", fail: "GigabitEthernet2/0/47 has PVID 1, not 99",
		},
		{
			name: "hybrid", check: "hybrid: {ports: GigabitEthernet2/0/10, tagged: 10, untagged: 20, pvid: 20}",
			description: "GigabitEthernet2/0/10 is a hybrid port carrying VLAN 10 tagged and VLAN 20 untagged with PVID 20",
			before:      "GigabitEthernet2/0/10 is an access port",
			do: "vlan 10\nvlan 20\nquit\ninterface GigabitEthernet2/0/10\nport link-type hybrid\nport hybrid vlan 10 tagged\n" +
				"port hybrid vlan 20 untagged\nport hybrid pvid vlan 20",
			pass: "GigabitEthernet2/0/10 is a hybrid port carrying VLAN 10 tagged and VLAN 20 untagged with PVID 20",
			undo: "interface GigabitEthernet2/0/10\nundo port hybrid vlan 10", fail: "GigabitEthernet2/0/10 does not carry VLAN 10 tagged",
		},
		{
			name: "address", check: "address: {interface: Vlan-interface10, address: 192.168.10.1/24}",
			description: "interface Vlan-interface10 has 192.168.10.1/24",
			before:      "Vlan-interface10 does not exist",
			do:          "vlan 10\nquit\ninterface Vlan-interface10\nip address 192.168.10.1 255.255.255.0", pass: "Vlan-interface10 has 192.168.10.1/24",
			undo: "interface Vlan-interface10\nip address 192.168.10.2 24", fail: "Vlan-interface10 has 192.168.10.2/24, not 192.168.10.1/24",
		},
		{
			name: "address removed", check: "address: {interface: vlan-interface 10, address: 192.168.10.1 255.255.255.0}",
			description: "interface Vlan-interface10 has 192.168.10.1/24",
			before:      "Vlan-interface10 does not exist",
			do:          "vlan 10\nquit\ninterface Vlan-interface10\nip address 192.168.10.1 24", pass: "Vlan-interface10 has 192.168.10.1/24",
			undo: "interface Vlan-interface10\nundo ip address", fail: "Vlan-interface10 has no IP address",
		},
		{
			name: "default route", check: "route: {prefix: default, next_hop: 192.168.10.254}",
			description: "a static default route points to 192.168.10.254",
			before:      "there is no static default route",
			do:          "ip route-static 0.0.0.0 0 192.168.10.254", pass: "a static default route points to 192.168.10.254 (preference 60)",
			undo: "undo ip route-static 0.0.0.0 0 192.168.10.254\nip route-static 0.0.0.0 0.0.0.0 192.168.10.253",
			fail: "the static default route points to 192.168.10.253 with preference 60, not to 192.168.10.254",
		},
		{
			name: "route", check: "route: {prefix: 10.1.0.0 255.255.0.0, next_hop: 192.168.10.1, preference: 80}",
			description: "a static route to 10.1.0.0/16 points to 192.168.10.1 with preference 80",
			before:      "there is no static route to 10.1.0.0/16",
			do:          "ip route-static 10.1.0.0 16 192.168.10.1 preference 80", pass: "a static route to 10.1.0.0/16 points to 192.168.10.1 (preference 80)",
			undo: "undo ip route-static 10.1.0.0 16 192.168.10.1", fail: "there is no static route to 10.1.0.0/16",
		},
		{
			name: "local user", check: "local_user: {name: student, level: 2, services: [ssh, telnet], password: true}",
			description: "local user student exists with level 2, service types ssh and telnet and a password",
			before:      "there is no local user student",
			do:          "local-user student\npassword simple Secret1\nservice-type ssh telnet\nauthorization-attribute level 2",
			pass:        "local user student has level 2 and service types ssh and telnet",
			undo:        "local-user student\nundo service-type telnet\nundo password",
			fail:        "local user student lacks service type telnet; local user student has no password",
		},
		{
			name: "local user password", check: "local_user: {name: student, password_is: Secret1}",
			description: "local user student exists with the password the lab gives",
			before:      "there is no local user student",
			do:          "local-user student\npassword simple Secret1", pass: "local user student has level 0 and no service type",
			undo: "local-user student\npassword simple Secret2", fail: "local user student has another password",
		},
		{
			name: "ssh server", check: "ssh_server: {vty: 0-4, protocol: ssh, authentication_mode: scheme, user: student, authentication_type: password, service_type: stelnet}",
			description: "the SSH server is enabled; VTY 0-4 have protocol inbound ssh and authentication-mode scheme; " +
				"ssh user student exists with service-type stelnet and authentication-type password",
			before: "VTY 0-4 have protocol inbound all, not ssh; there is no ssh user student",
			do:     "user-interface vty 0 4\nprotocol inbound ssh\nquit\nssh user student service-type stelnet authentication-type password",
			pass: "the SSH server is enabled; VTY 0-4 have protocol inbound ssh and authentication-mode scheme; " +
				"ssh user student exists with service-type stelnet and authentication-type password",
			undo: "undo ssh server enable\nuser-interface vty 4\nprotocol inbound all",
			fail: "the SSH server is not enabled (ssh server enable); VTY 4 has protocol inbound all, not ssh",
		},
		{
			name: "vty authentication", check: "ssh_server: {vty: 0 15, authentication_mode: scheme}",
			description: "the SSH server is enabled; VTY 0-15 have authentication-mode scheme",
			do:          "", pass: "the SSH server is enabled; VTY 0-15 have authentication-mode scheme",
			undo: "user-interface vty 5 15\nauthentication-mode password", fail: "VTY 5-15 have authentication-mode password, not scheme",
		},
		{
			name: "shutdown", check: "interface_shutdown: {interface: GigabitEthernet2/0/5, shutdown: true}",
			description: "GigabitEthernet2/0/5 is shut down",
			before:      "GigabitEthernet2/0/5 is not shut down",
			do:          "interface GigabitEthernet2/0/5\nshutdown", pass: "GigabitEthernet2/0/5 is shut down",
			undo: "interface GigabitEthernet2/0/5\nundo shutdown", fail: "GigabitEthernet2/0/5 is not shut down",
		},
		{
			name: "not shutdown", check: "interface_shutdown: {interface: GigabitEthernet2/0/6, shutdown: false}",
			description: "GigabitEthernet2/0/6 is not shut down",
			before:      "",
			do:          "", pass: "GigabitEthernet2/0/6 is not shut down",
			undo: "interface GigabitEthernet2/0/6\nshutdown", fail: "GigabitEthernet2/0/6 is shut down",
		},
		{
			name: "description", check: "interface_description: {interface: GigabitEthernet2/0/48, description: Uplink to core}",
			description: "GigabitEthernet2/0/48 has the description Uplink to core",
			before:      "GigabitEthernet2/0/48 has the default description GigabitEthernet2/0/48 Interface, not Uplink to core",
			do:          "interface GigabitEthernet2/0/48\ndescription Uplink to core", pass: "GigabitEthernet2/0/48 is described Uplink to core",
			undo: "interface GigabitEthernet2/0/48\ndescription Uplink", fail: "GigabitEthernet2/0/48 has the description Uplink, not Uplink to core",
		},
		{
			name: "sysname", check: "sysname: Core1",
			description: "the sysname is Core1",
			before:      "the sysname is SW0001, not Core1",
			do:          "sysname Core1", pass: "the sysname is Core1",
			undo: "sysname Core2", fail: "the sysname is Core2, not Core1",
		},
		{
			name: "config line", check: "config_line: ntp-service unicast-server 10.0.0.254",
			description: `the running configuration has the line "ntp-service unicast-server 10.0.0.254"`,
			before:      `the running configuration has no line "ntp-service unicast-server 10.0.0.254"`,
			do:          "ntp-service unicast-server 10.0.0.254", pass: `the running configuration has "ntp-service unicast-server 10.0.0.254"`,
			undo: "undo ntp-service unicast-server 10.0.0.254", fail: `the running configuration has no line "ntp-service unicast-server 10.0.0.254"`,
		},
		{
			name: "config section", check: "config_line: \"interface GigabitEthernet2/0/7\\n port link-type trunk\"",
			description: `the running configuration has "port link-type trunk" under "interface GigabitEthernet2/0/7"`,
			before:      `"interface GigabitEthernet2/0/7" has no line "port link-type trunk"`,
			do:          "interface GigabitEthernet2/0/7\nport link-type trunk", pass: `"interface GigabitEthernet2/0/7" has "port link-type trunk"`,
			undo: "interface GigabitEthernet2/0/7\nport link-type access", fail: `"interface GigabitEthernet2/0/7" has no line "port link-type trunk"`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sw.Reset()
			b := board(t, f, "name: t\ndevices: SW0001\nchecks:\n  - "+tc.check+"\n")
			r := result(t, b, "SW0001")
			if r.Description != tc.description {
				t.Errorf("description %q\n want %q", r.Description, tc.description)
			}
			if tc.before != "" && (r.Pass || r.Detail != tc.before) {
				t.Errorf("before: %v %q\n want %q", r.Pass, r.Detail, tc.before)
			}
			run(t, sw, tc.do)
			if r := result(t, b, "SW0001"); !r.Pass || r.Detail != tc.pass {
				t.Errorf("after: %v %q\n want %q", r.Pass, r.Detail, tc.pass)
			}
			run(t, sw, tc.undo)
			if r := result(t, b, "SW0001"); r.Pass || r.Detail != tc.fail {
				t.Errorf("undone: %v %q\n want %q", r.Pass, r.Detail, tc.fail)
			}
		})
	}
}

// TestCheckSaved: the saved configuration is compared with the running
// one as display saved-configuration and display
// current-configuration print them.
func TestCheckSaved(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{Devices: 1})
	sw := f.Device("SW0001")
	b := board(t, f, "name: t\ndevices: SW0001\nchecks:\n  - saved: true\n")
	if r := result(t, b, "SW0001"); r.Pass || r.Detail != "there is no saved configuration (save writes it)" {
		t.Errorf("before: %+v", r)
	}
	run(t, sw, "vlan 30")
	if out := sw.Run("save force"); !out[0].OK {
		t.Fatal(out[0].Error)
	}
	if r := result(t, b, "SW0001"); !r.Pass || r.Detail != "the saved configuration is the running configuration" {
		t.Errorf("saved: %+v", r)
	}
	run(t, sw, "vlan 40")
	if r := result(t, b, "SW0001"); r.Pass || r.Detail != `the saved configuration lacks "vlan 40" (save writes it)` {
		t.Errorf("changed: %+v", r)
	}
	run(t, sw, "undo vlan 40\nundo vlan 30")
	if r := result(t, b, "SW0001"); r.Pass || r.Detail != `the saved configuration has "vlan 30" that the running configuration has not (save writes it)` {
		t.Errorf("removed: %+v", r)
	}
	sw.Save()
	if r := result(t, b, "SW0001"); !r.Pass {
		t.Errorf("saved again: %+v", r)
	}
}
