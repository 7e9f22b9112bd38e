package profiles

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestFromConfig(t *testing.T) {
	base, err := Open(Default)
	if err != nil {
		t.Fatal(err)
	}
	box, err := os.ReadFile("../cli/testdata/realconfigs/h3c-s5120-r2222p10.cfg")
	if err != nil {
		t.Fatal(err)
	}
	irf, err := os.ReadFile("../cli/testdata/realconfigs/hp-5500ei-r2221p20.cfg")
	if err != nil {
		t.Fatal(err)
	}
	chassis := "#\n sysname CORE-7\n#\ninterface GigabitEthernet2/0/1\n port link-mode bridge\n#\n" +
		"interface GigabitEthernet3/0/5\n port link-mode bridge\n#\ninterface GigabitEthernet6/0/12\n port link-mode bridge\n#\n" +
		"interface Ten-GigabitEthernet4/0/2\n port link-mode bridge\n#\ninterface M-Ethernet0/0/0\n#\nreturn\n"
	mixed := "#\n sysname EDGE\n#\ninterface GigabitEthernet1/0/1\n#\ninterface GigabitEthernet1/0/24\n#\n" +
		"interface Ten-GigabitEthernet1/0/25\n#\ninterface Ten-GigabitEthernet1/0/28\n#\ninterface Ten-GigabitEthernet1/1/2\n#\n"
	for _, tc := range []struct {
		name, text, sysname string
		box                 bool
		boards              []string // slot/subslot type first+count role
		has, hasnt          []string
	}{
		{"box", string(box), "H3C", true, []string{"1/0 GigabitEthernet 1+28 mpu"},
			[]string{"GigabitEthernet1/0/1", "GigabitEthernet1/0/28"}, []string{"GigabitEthernet1/0/29", "GigabitEthernet2/0/1", "M-Ethernet0/0/0"}},
		{"irf", string(irf), "HP_5500EI", true, []string{"1/0 GigabitEthernet 1+28 mpu", "1/1 Ten-GigabitEthernet 1+2 mpu",
			"2/0 GigabitEthernet 1+28 mpu", "2/1 Ten-GigabitEthernet 1+2 mpu"},
			[]string{"GigabitEthernet2/0/28", "Ten-GigabitEthernet1/1/2", "Ten-GigabitEthernet2/1/1"}, []string{"GigabitEthernet3/0/1", "Ten-GigabitEthernet1/0/1"}},
		{"chassis", chassis, "CORE-7", false, []string{"0/0  1+0 mpu", "2/0 GigabitEthernet 1+48 lpu", "3/0 GigabitEthernet 1+48 lpu",
			"4/0 Ten-GigabitEthernet 1+4 lpu", "6/0 GigabitEthernet 1+12 lpu"},
			[]string{"GigabitEthernet2/0/48", "GigabitEthernet6/0/12", "Ten-GigabitEthernet4/0/4", "M-Ethernet0/0/0"}, []string{"GigabitEthernet6/0/13"}},
		{"10GE on a box", mixed, "EDGE", true, []string{"1/0 GigabitEthernet 1+24 mpu", "1/0 Ten-GigabitEthernet 25+4 mpu", "1/1 Ten-GigabitEthernet 1+2 mpu"},
			[]string{"Ten-GigabitEthernet1/0/25", "Ten-GigabitEthernet1/1/2", "GigabitEthernet1/0/24"}, []string{"Ten-GigabitEthernet1/0/24", "GigabitEthernet1/0/25"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := FromConfig(base, tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if p.Factory.Sysname != tc.sysname {
				t.Errorf("sysname %q, want %q", p.Factory.Sysname, tc.sysname)
			}
			if p.IsBox() != tc.box {
				t.Errorf("IsBox %v, want %v", p.IsBox(), tc.box)
			}
			var got []string
			for _, b := range p.Chassis.Boards {
				got = append(got, fmt.Sprintf("%d/%d %s %d+%d %s", b.Slot, b.Subslot, b.PortType, b.First(), b.Ports, b.Role))
			}
			if strings.Join(got, "; ") != strings.Join(tc.boards, "; ") {
				t.Errorf("boards:\n got %q\nwant %q", got, tc.boards)
			}
			ports := p.portNames()
			for _, n := range tc.has {
				if !ports[n] {
					t.Errorf("no port %s", n)
				}
			}
			for _, n := range tc.hasnt {
				if ports[n] {
					t.Errorf("port %s should not exist", n)
				}
			}
			if tc.name == "irf" && (p.Version.Release != "2221P20" || p.Version.Version != "5.20.99") {
				t.Errorf("release %s %s, want the file's", p.Version.Version, p.Version.Release)
			}
			if base.Factory.Sysname != "3Com" || len(base.Chassis.Boards) != 4 {
				t.Errorf("base profile changed")
			}
		})
	}
	if got := Closest(chassis, []string{"s7906e", "s5120ei"}); got != "s7906e" {
		t.Errorf("closest to a chassis: %s", got)
	}
	if got := Closest(string(box), []string{"s7906e", "s5120ei"}); got != "s5120ei" {
		t.Errorf("closest to a box: %s", got)
	}
	if got := Closest(string(box), []string{"s7906e"}); got != "s7906e" {
		t.Errorf("closest to a box with no box profile: %s", got)
	}
}
