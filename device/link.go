package device

// LinkUp reports whether the interface's link is up: a physical port
// that is not shut down and whose far end is there (a fleet peer that is
// up, or the profile's cabling), NULL0 and LoopBacks always, a VLAN interface
// when it is not shut down and a port of its VLAN is up.
func (d *Device) LinkUp(cfg *Config, ifc Interface) bool {
	if ifc.Shutdown {
		return false
	}
	switch ifc.Kind {
	case KindNull, KindLoopBack:
		return true
	case KindVlanIf:
		for _, p := range cfg.Interfaces {
			if p.Kind.Bridged() && p.InVLAN(ifc.Number) && d.LinkUp(cfg, p) {
				return true
			}
		}
		return false
	case KindBAGG:
		return d.aggregateUp(cfg, ifc)
	}
	if cfg.aggregateShut(ifc) {
		return false
	}
	return d.cabledUp(ifc.Name)
}

// InVLAN reports whether a bridged port carries VLAN id.
func (i Interface) InVLAN(id VLANID) bool {
	switch i.LinkType {
	case LinkTrunk:
		return i.Trunk.Has(id)
	case LinkHybrid:
		return i.HybridTagged.Has(id) || i.HybridUntagged.Has(id)
	}
	return i.PVID == id
}

// TaggedIn reports whether the port sends VLAN id tagged.
func (i Interface) TaggedIn(id VLANID) bool {
	switch i.LinkType {
	case LinkTrunk:
		return i.Trunk.Has(id) && id != i.PVID
	case LinkHybrid:
		return i.HybridTagged.Has(id)
	}
	return false
}
