package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"switchemu/internal/interop"
)

// textfsmScript logs in with Netmiko, sends each display command, and
// parses the output with Python's TextFSM (the reference implementation)
// and the ntc-templates template, as automation does. It prints one JSON
// object: command -> number of records, or the parse error.
const textfsmScript = `
import json, sys, textfsm
from netmiko import ConnectHandler
port, tdir = int(sys.argv[1]), sys.argv[2]
cases = json.loads(sys.argv[3])
conn = ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=port, username="admin", password="admin")
result = {}
for cmd, tmpl in cases.items():
    out = conn.send_command(cmd)
    try:
        with open(tdir + "/" + tmpl) as f:
            rows = textfsm.TextFSM(f).ParseText(out)
        result[cmd] = len(rows)
    except Exception as e:
        result[cmd] = "%s: %s\n%s" % (type(e).__name__, e, out)
conn.disconnect()
print(json.dumps(result))
`

// TestNetmikoTextFSM runs the templates through Netmiko and Python's
// TextFSM against the emulator over SSH.
func TestNetmikoTextFSM(t *testing.T) {
	needTool(t, "Netmiko and TextFSM for Debian's Python", "apt-get install python3-netmiko python3-textfsm",
		"/usr/bin/python3", "-c", "import netmiko, textfsm")
	tdir := interop.NeedNTCTemplates(t)
	e := startEmulator(t, t.TempDir())
	cases := map[string]string{
		"display interface brief":                   "hp_comware_display_interface_brief.textfsm",
		"display interface":                         "hp_comware_display_interface.textfsm",
		"display vlan all":                          "hp_comware_display_vlan_all.textfsm",
		"display vlan brief":                        "hp_comware_display_vlan_brief.textfsm",
		"display mac-address":                       "hp_comware_display_mac-address.textfsm",
		"display clock":                             "hp_comware_display_clock.textfsm",
		"display device manuinfo":                   "hp_comware_display_device_manuinfo.textfsm",
		"display ip interface":                      "hp_comware_display_ip_interface.textfsm",
		"display ip routing-table":                  "hp_comware_display_ip_routing-table.textfsm",
		"display lldp neighbor-information list":    "hp_comware_display_lldp_neighbor-information_list.textfsm",
		"display lldp neighbor-information verbose": "hp_comware_display_lldp_neighbor-information_verbose.textfsm",
		"display counters inbound interface":        "hp_comware_display_counters_bound_interface.textfsm",
	}
	arg, _ := json.Marshal(cases)
	out, err := runClient(t, 120*time.Second, nil, nil, "/usr/bin/python3", "-c", textfsmScript, e.Port, tdir, string(arg))
	if err != nil {
		t.Fatalf("netmiko: %v\n%s\n%s", err, interop.Tail(out, 40), interop.Tail(tail(e.Output(), 40), 20))
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("%v\n%s", err, interop.Tail(out, 40))
	}
	// Records each template must find in the factory state.
	want := map[string]int{
		"display interface brief": 102, "display interface": 102, "display vlan all": 1, "display vlan brief": 1,
		"display mac-address": 6, "display clock": 1, "display device manuinfo": 8, "display ip interface": 2,
		"display ip routing-table": 2, "display lldp neighbor-information list": 2,
		"display lldp neighbor-information verbose": 2, "display counters inbound interface": 100,
	}
	for cmd := range cases {
		n, ok := got[cmd].(float64)
		if !ok {
			t.Errorf("%s: %v", cmd, got[cmd])
			continue
		}
		if int(n) != want[cmd] {
			t.Errorf("%s: %d records, want %d", cmd, int(n), want[cmd])
		}
	}
}
