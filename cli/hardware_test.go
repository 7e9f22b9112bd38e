package cli

import (
	"fmt"
	"strings"
	"testing"

	"switchemu/profiles"
)

// TestHardwareFromProfile: on every embedded profile, display
// transceiver interface lists exactly the ports the profile gives a
// module (and refuses the others with the device's error), display power
// and display fan one line per unit with its state, display environment
// one line per slot with its temperature, and display boot-loader the
// profile's image.
func TestHardwareFromProfile(t *testing.T) {
	for _, name := range profiles.Names() {
		t.Run(name, func(t *testing.T) {
			d, c := profileDevice(t, name)
			p := d.Profile()
			c.run("screen-length disable")
			all := c.run("display transceiver interface")
			modules := 0
			for _, b := range p.Chassis.Boards {
				for port := b.First(); port < b.First()+b.Ports; port++ {
					ifname := fmt.Sprintf("%s%d/%d/%d", b.PortType, b.Slot, b.Subslot, port)
					tr, has := p.TransceiverAt(b.PortType, b.Slot, b.Subslot, port)
					out := c.run("display transceiver interface " + ifname)
					listed := strings.Contains(all, ifname+" transceiver information:\n")
					switch {
					case has:
						modules++
						if !listed || !strings.HasPrefix(out, ifname+" transceiver information:\n") ||
							!strings.Contains(out, "  Transceiver Type              : "+tr.Type+"\n") ||
							!strings.Contains(out, "  Vendor Name                   : "+tr.Vendor+"\n") {
							t.Errorf("%s: module %s not shown:\n%s", ifname, tr.Type, out)
						}
					default:
						if listed || out != msgTransceiverAbsent+"\n" {
							t.Errorf("%s: no module, but display transceiver says\n%s", ifname, out)
						}
					}
				}
			}
			if modules == 0 {
				t.Errorf("the profile has no optical module to show")
			}
			for _, tc := range []struct {
				cmd, word string
				units     []profiles.Unit
			}{{"display power", "Power", p.Chassis.Power}, {"display fan", "Fan", p.Chassis.Fans}} {
				out := c.run(tc.cmd)
				if len(tc.units) == 0 {
					t.Errorf("%s: the profile has no units", tc.cmd)
				}
				for _, u := range tc.units {
					if line := fmt.Sprintf(" %s %3d State: %s\n", tc.word, u.ID, u.State); !strings.Contains(out, line) {
						t.Errorf("%s: no %q in\n%s", tc.cmd, line, out)
					}
				}
				if got := strings.Count(out, "State:"); got != len(tc.units) {
					t.Errorf("%s: %d units shown, %d in the profile", tc.cmd, got, len(tc.units))
				}
				if p.Box() != strings.HasPrefix(out, " Slot ") {
					t.Errorf("%s: the slot line is for box switches only:\n%s", tc.cmd, out)
				}
			}
			env := c.run("display environment")
			for _, b := range p.Chassis.Boards {
				row := fmt.Sprintf("  %-9d%-14d%-14d%d\n", b.Slot, b.Temperature, p.Chassis.Temperature.Lower, p.Chassis.Temperature.Upper)
				if !strings.Contains(env, row) || b.Temperature == 0 {
					t.Errorf("display environment: no row %q (temperature %d) in\n%s", row, b.Temperature, env)
				}
			}
			if p.Files.BootApp == "" {
				t.Fatal("files.boot_app is empty")
			}
			if out := c.run("display boot-loader"); !strings.HasPrefix(out, "The current boot app is: flash:/"+p.Files.BootApp+"\n") {
				t.Errorf("display boot-loader:\n%s", out)
			}
		})
	}
}
