package device

import (
	"time"

	"switchemu/profiles"
)

// LLDPNeighbor is one neighbour seen by LLDP on an up port.
type LLDPNeighbor struct {
	profiles.Neighbor
	Local Interface // the local port
	// Index is the port's interface index as LLDP numbers it (1 for the
	// first port of the device).
	Index int
	// Since is when the neighbour was last updated (the link came up).
	Since time.Duration // how long ago
}

// LLDPNeighbors returns the neighbours on ports that are up (fleet peers,
// and the profile's neighbours on ports without a fleet link), in port
// order.
func (d *Device) LLDPNeighbors(cfg *Config) []LLDPNeighbor {
	up := d.linkStates(cfg)
	var out []LLDPNeighbor
	idx := 0
	nbs := d.neighbors()
	for _, ifc := range cfg.SortedInterfaces() {
		if !ifc.Kind.Physical() {
			continue
		}
		idx++
		if !up[ifc.Name] {
			continue
		}
		for _, n := range nbs {
			if n.Port != ifc.Name {
				continue
			}
			_, _, since := d.InterfaceStats(ifc.Name)
			ago := time.Duration(0)
			if !since.IsZero() {
				ago = d.Clock().Sub(since)
			}
			out = append(out, LLDPNeighbor{Neighbor: n, Local: ifc, Index: idx, Since: ago})
		}
	}
	return out
}
