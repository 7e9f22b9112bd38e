package profiles

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestDefaultProfileLoads(t *testing.T) {
	p, err := Open(Default)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Chassis.Boards) != 4 || len(p.Chassis.Neighbors) == 0 || len(p.Chassis.Hosts) == 0 || p.Version.BoardVersion == "" {
		t.Errorf("default profile: %+v", p.Chassis)
	}
}

// TestLoaderRejects shows the loader refusing the mistakes a hand-written
// profile makes in the chassis data.
func TestLoaderRejects(t *testing.T) {
	data, err := os.ReadFile("s7906e.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base := string(data)
	for _, tc := range []struct{ name, old, new, want string }{
		{"unknown key", "  slots: 8\n", "  slots: 8\n  slotz: 9\n", "field slotz not found"},
		{"bad bridge mac", "bridge_mac: 001e-c1dc-fc00", "bridge_mac: 001e:c1dc:fc00", "brand.bridge_mac"},
		{"bad role", "role: mpu", "role: spu", "role \"spu\""},
		{"bad neighbour mac", "chassis_id: 000f-e2a1-4c40", "chassis_id: nope", "chassis.neighbors[0]: chassis_id"},
		{"bad neighbour address", "mgmt_address: 192.168.0.1,", "mgmt_address: 192.168.0.300,", "mgmt_address"},
		{"bad host mac", "mac: 0014-2a3b-0101", "mac: 0014-2a3b", "chassis.hosts[0]: mac"},
		{"bad host ip", "ip: 192.168.0.11", "ip: fe80::1", "chassis.hosts[0]: ip"},
		{"cabled port missing", "    - GigabitEthernet3/0/1\n", "    - GigabitEthernet5/0/1\n", "chassis.cabled[4]: no port"},
		{"neighbour port missing", "port: Ten-GigabitEthernet4/0/1,", "port: Ten-GigabitEthernet4/0/9,", "chassis.neighbors[0]: no port"},
		{"host port missing", "port: GigabitEthernet2/0/5,", "port: GigabitEthernet2/0/49,", "chassis.hosts[4]: no port"},
		{"unknown host key", "mac: 0014-2a3b-0101,", "mac: 0014-2a3b-0101, vlan: 3,", "field vlan not found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.old) {
				t.Fatalf("profile lacks %q", tc.old)
			}
			_, err := Load("test.yaml", strings.NewReader(strings.Replace(base, tc.old, tc.new, 1)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// TestEmbeddedProfilesLoad loads every embedded profile strictly (unknown
// keys are errors) and checks what each layout promises the CLI.
func TestEmbeddedProfilesLoad(t *testing.T) {
	names := Names()
	for _, want := range []string{"s4800g", "s5120ei", "s7906e"} {
		if !slices.Contains(names, want) {
			t.Errorf("embedded profiles %v lack %s", names, want)
		}
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			p, err := Open(name)
			if err != nil {
				t.Fatal(err)
			}
			if p.Name != name {
				t.Errorf("name %q in %s.yaml", p.Name, name)
			}
			if p.Factory.Config == "" || p.Factory.User == "" || p.Factory.Password == "" {
				t.Errorf("factory login or configuration missing")
			}
			if !strings.Contains(p.Factory.Config, " sysname "+p.Factory.Sysname+"\n") {
				t.Errorf("factory configuration does not set sysname %s", p.Factory.Sysname)
			}
			if p.Box() {
				ports := p.portNames()
				for _, port := range []string{"GigabitEthernet1/0/1", "GigabitEthernet1/0/28"} {
					if !ports[port] {
						t.Errorf("box lacks %s", port)
					}
				}
				if ports["GigabitEthernet1/0/29"] {
					t.Errorf("box has more than 28 ports")
				}
			}
		})
	}
}

// TestLoaderRejectsLayout shows the loader refusing box profiles that the
// CLI could not present.
func TestLoaderRejectsLayout(t *testing.T) {
	data, err := os.ReadFile("s5120ei.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base := string(data)
	for _, tc := range []struct{ name, old, new, want string }{
		{"unknown layout", "layout: box", "layout: stack", "chassis.layout \"stack\""},
		{"box with slots", "layout: box\n", "layout: box\n  slots: 2\n", "a box has no slots"},
		{"box board not in slot 1", "- slot: 1\n", "- slot: 0\n", "in slot 1"},
		{"box board an lpu", "role: mpu", "role: lpu", "with role mpu"},
		{"box without hardware", "      hardware:\n", "      hardwar:\n", "field hardwar not found"},
		{"hardware without processor", "processor: H3C S5120-28C-EI with 1 Processor", "processor: \"\"", "processor, memory and versions"},
		{"hardware line with a newline", `"[SubSlot 1] No Module"`, `"[SubSlot 1]\nNo Module"`, "one non-empty line"},
		{"type with a space", "type: S5120-28C-EI", "type: S5120 28C-EI", "want one word"},
		{"chassis without slots", "layout: box\n", "layout: chassis\n", "a chassis has 1-16 slots"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.old) {
				t.Fatalf("profile lacks %q", tc.old)
			}
			_, err := Load("test.yaml", strings.NewReader(strings.Replace(base, tc.old, tc.new, 1)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}
