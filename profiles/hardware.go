package profiles

import (
	"fmt"
	"slices"
)

// The environment of the hardware: optical modules in the ports, power
// supplies, fans and board temperatures, for display transceiver, power,
// fan and environment.

// Transceiver is a kind of optical module plugged into some ports of a
// board, as display transceiver interface describes it (H3C V5
// fundamentals command reference layout).
type Transceiver struct {
	// Ports are the port numbers (the last number of the port's name)
	// that hold one; the other ports of the board have none.
	Ports      []int  `yaml:"ports"`
	Type       string `yaml:"type"`          // "1000_BASE_SX_SFP"
	Connector  string `yaml:"connector"`     // "LC"
	Wavelength string `yaml:"wavelength"`    // nm: "850"
	Distance   string `yaml:"distance"`      // m: "550(50um),270(62.5um)"
	DDM        bool   `yaml:"ddm"`           // digital diagnostic monitoring
	Vendor     string `yaml:"vendor"`        // "H3C"
	Ordering   string `yaml:"ordering_name"` // "SFP-GE-SX-MM850"
}

// Unit is a power supply or a fan.
type Unit struct {
	ID    int    `yaml:"id"`
	State string `yaml:"state"` // "Normal", "Absent" or "Abnormal"
}

// Limits are the temperature limits of the boards, degrees centigrade.
type Limits struct {
	Lower int `yaml:"lower"`
	Upper int `yaml:"upper"`
}

// TransceiverAt returns the module in port number port of the board at
// slot/subslot, if any.
func (p *Profile) TransceiverAt(portType string, slot, subslot, port int) (*Transceiver, bool) {
	for i := range p.Chassis.Boards {
		b := &p.Chassis.Boards[i]
		if b.PortType != portType || b.Slot != slot || b.Subslot != subslot || port < b.First() || port >= b.First()+b.Ports {
			continue
		}
		for j := range b.Transceivers {
			if slices.Contains(b.Transceivers[j].Ports, port) {
				return &b.Transceivers[j], true
			}
		}
	}
	return nil, false
}

// validateHardware checks the environment part of the chassis.
func (p *Profile) validateHardware() error {
	for i, b := range p.Chassis.Boards {
		seen := map[int]bool{}
		for j, t := range b.Transceivers {
			if t.Type == "" || t.Connector == "" || t.Vendor == "" || len(t.Ports) == 0 {
				return fmt.Errorf("chassis.boards[%d].transceivers[%d]: ports, type, connector and vendor are required", i, j)
			}
			for _, port := range t.Ports {
				if port < b.First() || port >= b.First()+b.Ports || seen[port] {
					return fmt.Errorf("chassis.boards[%d].transceivers[%d]: port %d not on the board or listed twice", i, j, port)
				}
				seen[port] = true
			}
		}
	}
	for _, list := range []struct {
		name  string
		units []Unit
	}{{"power", p.Chassis.Power}, {"fans", p.Chassis.Fans}} {
		ids := map[int]bool{}
		for i, u := range list.units {
			if u.ID < 1 || ids[u.ID] {
				return fmt.Errorf("chassis.%s[%d]: id %d must be positive and unique", list.name, i, u.ID)
			}
			ids[u.ID] = true
			if u.State != "Normal" && u.State != "Absent" && u.State != "Abnormal" {
				return fmt.Errorf("chassis.%s[%d]: state %q: want Normal, Absent or Abnormal", list.name, i, u.State)
			}
		}
	}
	return nil
}
