package device

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// VLANID is an 802.1Q VLAN number, 1-4094.
type VLANID = int

// MaxVLAN is the highest VLAN ID.
const MaxVLAN = 4094

// VLAN is one VLAN's configuration.
type VLAN struct {
	ID          VLANID
	Name        string // "" = default "VLAN 0010"
	Description string // "" = default "VLAN 0010"
}

// DefaultName is the name and description a VLAN has until set.
func (v VLAN) DefaultName() string { return fmt.Sprintf("VLAN %04d", v.ID) }

// EffectiveName is the name display commands show.
func (v VLAN) EffectiveName() string {
	if v.Name == "" {
		return v.DefaultName()
	}
	return v.Name
}

// EffectiveDescription is the description display commands show.
func (v VLAN) EffectiveDescription() string {
	if v.Description == "" {
		return v.DefaultName()
	}
	return v.Description
}

// VLANSet is a set of VLAN IDs. The zero value is empty; it is a value
// type, so copying a Config copies it.
type VLANSet [64]uint64

// Add puts id in the set.
func (s *VLANSet) Add(id VLANID) { s[id/64] |= 1 << (id % 64) }

// Remove takes id out of the set.
func (s *VLANSet) Remove(id VLANID) { s[id/64] &^= 1 << (id % 64) }

// Has reports whether id is in the set.
func (s *VLANSet) Has(id VLANID) bool { return id >= 0 && id < 4096 && s[id/64]&(1<<(id%64)) != 0 }

// And returns the VLANs in both s and o.
func (s *VLANSet) And(o VLANSet) VLANSet {
	var r VLANSet
	for i := range s {
		r[i] = s[i] & o[i]
	}
	return r
}

// Len returns the number of VLANs in the set.
func (s *VLANSet) Len() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// IDs returns the members in ascending order.
func (s *VLANSet) IDs() []VLANID {
	var out []VLANID
	for id := 1; id <= MaxVLAN; id++ {
		if s.Has(id) {
			out = append(out, id)
		}
	}
	return out
}

// Ranges groups the members into runs of consecutive IDs.
func (s *VLANSet) Ranges() [][2]VLANID {
	var out [][2]VLANID
	for _, id := range s.IDs() {
		if n := len(out); n > 0 && out[n-1][1] == id-1 {
			out[n-1][1] = id
			continue
		}
		out = append(out, [2]VLANID{id, id})
	}
	return out
}

// ConfigString renders the set as Comware configuration does:
// "10 20 30 to 40".
func (s *VLANSet) ConfigString() string {
	var parts []string
	for _, r := range s.Ranges() {
		if r[0] == r[1] {
			parts = append(parts, strconv.Itoa(r[0]))
		} else {
			parts = append(parts, fmt.Sprintf("%d to %d", r[0], r[1]))
		}
	}
	return strings.Join(parts, " ")
}
