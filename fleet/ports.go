package fleet

import "slices"

// PortInfo is a physical port as the trainer's console shows it, for
// pulling and plugging its cable.
type PortInfo struct {
	Name     string `json:"name"`
	Up       bool   `json:"up"`              // the link is up
	Shutdown bool   `json:"shutdown"`        // administratively down
	Cable    string `json:"cable,omitempty"` // a fleet cable's far end: "SW0002 GigabitEthernet2/0/7"
	Pulled   bool   `json:"pulled"`          // SetLink pulled its cable
}

// Ports lists the device's physical ports, the cabled ones first, each
// in the device's interface order.
func (m *Member) Ports() ([]PortInfo, error) {
	dev, _, err := m.up()
	if err != nil {
		return nil, err
	}
	cfg := dev.Snapshot()
	cables := map[string]string{}
	for _, l := range m.links {
		cables[l.port] = l.far.Spec.Name + " " + l.farPort
	}
	out := []PortInfo{}
	for _, ifc := range cfg.SortedInterfaces() {
		if !ifc.Kind.Physical() {
			continue
		}
		out = append(out, PortInfo{Name: ifc.Name, Up: dev.LinkUp(&cfg, ifc), Shutdown: ifc.Shutdown,
			Cable: cables[ifc.Name], Pulled: m.isPulled(ifc.Name)})
	}
	slices.SortStableFunc(out, func(a, b PortInfo) int {
		switch {
		case a.Cable != "" && b.Cable == "":
			return -1
		case a.Cable == "" && b.Cable != "":
			return 1
		}
		return 0
	})
	return out, nil
}
