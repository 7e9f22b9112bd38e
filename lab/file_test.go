package lab

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func exampleLab(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "examples", "labs", "vlans-101.yaml")
}

// TestParseExample loads the shipped example: every device of the range
// gets its own parameters from the counter.
func TestParseExample(t *testing.T) {
	l, err := Load(exampleLab(t))
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "vlans-101" || l.Title != "VLANs, trunks and remote access" || l.Checks() != 14 {
		t.Fatalf("lab %q %q %d checks", l.Name, l.Title, l.Checks())
	}
	if !strings.HasPrefix(l.Description, "Make VLAN 10") {
		t.Errorf("description %q", l.Description)
	}
	var names []string
	for i := 1; i <= 12; i++ {
		names = append(names, "student"+twoDigits(i))
	}
	ms, err := l.resolve(names)
	if err != nil || len(ms) != 12 {
		t.Fatalf("resolve: %v %v", ms, err)
	}
	want := map[string]string{
		"sysname":          "the sysname is SW-07",
		"vlan10":           "VLAN 10 exists and is named Servers",
		"servers":          "GigabitEthernet2/0/1 to GigabitEthernet2/0/4 are access ports in VLAN 10",
		"users":            "GigabitEthernet2/0/5 to GigabitEthernet2/0/8 are access ports in VLAN 20",
		"uplink":           "GigabitEthernet2/0/48 is a trunk port permitting VLANs 10 20 99 with PVID 1",
		"mgmt-address":     "interface Vlan-interface99 has 10.0.7.2/24",
		"default-route":    "a static default route points to 10.0.7.1",
		"admin":            "local user admin exists with level 3, service type ssh and a password",
		"ssh-only":         "SSH only on the VTY lines, with local users",
		"ntp":              `the running configuration has the line "ntp-service unicast-server 10.0.0.254"`,
		"unused-ports-off": "GigabitEthernet2/0/40 to GigabitEthernet2/0/47 are shut down",
	}
	checks := l.checksFor(ms[6])
	for i, e := range l.checks {
		if w, ok := want[e.id]; ok {
			if got := e.describe(checks[i]); got != w {
				t.Errorf("%s: %q, want %q", e.id, got, w)
			}
		}
	}
}

func twoDigits(i int) string { return string([]byte{byte('0' + i/10), byte('0' + i%10)}) }

func TestParseDefaults(t *testing.T) {
	l, err := Parse(strings.NewReader(`
name: mini
devices: [sw1, "lab*"]
checks:
  - vlan: {id: 10}
  - sysname: core
  - ssh_server: {}
  - config_line: |
      interface GigabitEthernet2/0/1
       port link-type trunk
`))
	if err != nil {
		t.Fatal(err)
	}
	if l.Title != "mini" {
		t.Errorf("title %q", l.Title)
	}
	ids := []string{"vlan-1", "sysname-2", "ssh_server-3", "config_line-4"}
	for i, e := range l.checks {
		if e.id != ids[i] {
			t.Errorf("check %d: id %q, want %q", i, e.id, ids[i])
		}
	}
	if got := l.shared[2].Describe(); got != "the SSH server is enabled" {
		t.Errorf("ssh_server: %q", got)
	}
	if got := l.shared[3].Describe(); got != `the running configuration has "port link-type trunk" under "interface GigabitEthernet2/0/1"` {
		t.Errorf("config_line: %q", got)
	}
	ms, err := l.resolve([]string{"lab2", "sw1", "lab1", "other"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, m.name)
	}
	if strings.Join(got, " ") != "sw1 lab2 lab1" {
		t.Errorf("devices %v", got)
	}
	if _, err := l.resolve([]string{"lab1"}); err == nil || !strings.Contains(err.Error(), `line 3: devices: no device "sw1" in the inventory`) {
		t.Errorf("missing device: %v", err)
	}
	if _, err := l.resolve([]string{"sw1"}); err == nil || !strings.Contains(err.Error(), `no device of the inventory matches "lab*"`) {
		t.Errorf("glob matching none: %v", err)
	}
}

// TestParseErrors: unknown keys at every level and bad values are errors
// with the line they are on.
func TestParseErrors(t *testing.T) {
	const head = "name: l\ndevices: sw1\nchecks:\n"
	for _, tc := range []struct {
		name, text, want string
	}{
		{"unknown top key", "name: l\ndevices: sw1\nchekcs: []\n", `line 3: unknown key "chekcs"`},
		{"unknown check key", head + "  - id: a\n    vlna: {id: 10}\n", `line 5: unknown key "vlna" in a check`},
		{"unknown kind key", head + "  - vlan:\n      id: 10\n      nmae: x\n", `line 6: vlan: unknown key "nmae" (want description, id, name)`},
		{"two kinds", head + "  - vlan: {id: 10}\n    sysname: x\n", `line 5: a check has one kind: vlan and sysname`},
		{"no kind", head + "  - id: a\n", `line 4: the check says what to check`},
		{"missing param", head + "  - access: {ports: GE2/0/1}\n", `line 4: access: vlan is missing`},
		{"vlan range", head + "  - vlan: {id: 5000}\n", `line 4: check vlan-1: id: "5000": want a number 1-4094`},
		{"bad port", head + "  - access: {ports: Gig2/0, vlan: 10}\n", `line 4: check access-1: ports: "Gig2/0": bad number "2/0" for GigabitEthernet`},
		{"bad port type", head + "  - access: {ports: Foo1/0/1, vlan: 10}\n", `unknown interface type "Foo"`},
		{"bad range", head + "  - access: {ports: GE2/0/4-1, vlan: 10}\n", `a run of ports goes up`},
		{"bad address", head + "  - address: {interface: Vlan-interface10, address: 10.0.0.1/33}\n", `line 4: check address-1: address: "10.0.0.1/33": want an IPv4 address and mask`},
		{"bad mask", head + "  - address: {interface: Vlan-interface10, address: 10.0.0.1 255.0.255.0}\n", `want an IPv4 address and mask`},
		{"bad next hop", head + "  - route: {prefix: default, next_hop: 10.0.0}\n", `next_hop: "10.0.0": want an IPv4 address`},
		{"bad vlan list", head + "  - trunk: {ports: GE2/0/1, permit: \"10 x\"}\n", `permit: "10 x": want VLAN numbers`},
		{"bad service", head + "  - local_user: {name: a, services: [ssh, fax]}\n", `services: "fax": want ftp`},
		{"bad level", head + "  - local_user: {name: a, level: 4}\n", `level: "4": want a number 0-3`},
		{"bad protocol", head + "  - ssh_server: {protocol: rlogin}\n", `protocol: "rlogin": want ssh, telnet, all`},
		{"bad vty", head + "  - ssh_server: {vty: 0-16}\n", `vty: "0-16": want VTY lines`},
		{"ssh type without user", head + "  - ssh_server: {authentication_type: password}\n", `give user too`},
		{"saved false", head + "  - saved: false\n", `line 4: saved: want true`},
		{"shutdown not bool", head + "  - interface_shutdown: {interface: GE2/0/1, shutdown: maybe}\n", `line 4: interface_shutdown: shutdown:`},
		{"both tagged", head + "  - hybrid: {ports: GE2/0/1, tagged: 10, untagged: 10-20}\n", `VLAN 10 cannot be both tagged and untagged`},
		{"counter without range", head + "  - sysname: \"SW{n}\"\n", `uses a counter, which only devices of a range`},
		{"counter error", "name: l\ndevices: {name: \"s{n}\", count: 2}\nchecks:\n  - sysname: \"SW{n/0}\"\n", `division by zero (for s1)`},
		{"duplicate id", head + "  - {id: a, sysname: x}\n  - {id: a, sysname: y}\n", `line 5: id "a" is the check's at line 4 too`},
		{"no name", "devices: sw1\nchecks:\n  - sysname: x\n", `a lab needs a name`},
		{"no devices", "name: l\nchecks:\n  - sysname: x\n", `devices: a lab names the devices`},
		{"no checks", "name: l\ndevices: sw1\n", `checks: a lab has at least one check`},
		{"range without count", "name: l\ndevices: \"s{n}\"\nchecks:\n  - sysname: x\n", `line 2: devices: "s{n}" has a counter`},
		{"count without counter", "name: l\ndevices: {name: s, count: 3}\nchecks:\n  - sysname: x\n", `a range's name needs a counter`},
		{"unknown device key", "name: l\ndevices:\n  - {name: s, cuont: 3}\nchecks:\n  - sysname: x\n", `line 3: devices: unknown key "cuont"`},
		{"bad glob", "name: l\ndevices: \"s[\"\nchecks:\n  - sysname: x\n", `match "s["`},
		{"config_line indent", head + "  - config_line: \"interface GE2/0/1\\nport link-type trunk\"\n", `indent them`},
		{"empty", "", "empty lab file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestPortLists(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"GigabitEthernet2/0/1-4"`, "GigabitEthernet2/0/1 GigabitEthernet2/0/2 GigabitEthernet2/0/3 GigabitEthernet2/0/4"},
		{`"GE2/0/1 to GE2/0/2, gig3/0/7"`, "GigabitEthernet2/0/1 GigabitEthernet2/0/2 GigabitEthernet3/0/7"},
		{`[Ten-GigabitEthernet4/0/1-2, XGE4/0/2]`, "Ten-GigabitEthernet4/0/1 Ten-GigabitEthernet4/0/2"},
		{`"Vlan-interface10-11"`, "Vlan-interface10 Vlan-interface11"},
		{`"vlan-int 99"`, "Vlan-interface99"},
		{`Bridge-Aggregation1`, "Bridge-Aggregation1"},
	} {
		l, err := Parse(strings.NewReader("name: l\ndevices: sw\nchecks:\n  - interface_shutdown: {interface: " + tc.in + ", shutdown: false}\n"))
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if got := strings.Join(l.shared[0].(shutdownCheck).ports, " "); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestReadmeLab: the README's example lab parses and has the checks of
// the shipped example, described alike.
func TestReadmeLab(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	data, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "```yaml\nname: vlans-101")
	if start < 0 {
		t.Fatal("README has no example lab")
	}
	text = text[start+len("```yaml\n"):]
	text = text[:strings.Index(text, "```")]
	readme, err := Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	example, err := Load(exampleLab(t))
	if err != nil {
		t.Fatal(err)
	}
	if readme.Checks() != example.Checks() {
		t.Fatalf("README: %d checks, the example %d", readme.Checks(), example.Checks())
	}
	for i := range readme.checks {
		a, b := readme.checks[i], example.checks[i]
		if a.id != b.id || a.describe(readme.byN[5][i]) != b.describe(example.byN[5][i]) {
			t.Errorf("check %d: README %s %q, the example %s %q", i, a.id, a.describe(readme.byN[5][i]), b.id, b.describe(example.byN[5][i]))
		}
	}
}
