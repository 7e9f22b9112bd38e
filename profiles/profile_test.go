package profiles

import (
	"os"
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
