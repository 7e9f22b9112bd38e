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

// VLANSet is a set of VLAN IDs. The zero value is empty. Copies share
// their bits and every change makes new ones (copy on write), so copying
// a Config, which every command does, costs a pointer per set rather
// than 512 bytes. An empty set always has nil bits, so == and DeepEqual
// compare sets by content as long as they are built through these methods.
type VLANSet struct {
	bits *[64]uint64 // never modified after it is shared; nil = empty
}

func (s *VLANSet) word(i int) uint64 {
	if s.bits == nil {
		return 0
	}
	return s.bits[i]
}

// edit returns a private copy of the bits to change.
func (s *VLANSet) edit() *[64]uint64 {
	var b [64]uint64
	if s.bits != nil {
		b = *s.bits
	}
	return &b
}

// set installs b, keeping the empty set's bits nil.
func (s *VLANSet) set(b *[64]uint64) {
	for _, w := range b {
		if w != 0 {
			s.bits = b
			return
		}
	}
	s.bits = nil
}

// Add puts id in the set.
func (s *VLANSet) Add(id VLANID) {
	if s.Has(id) || id < 0 || id >= 4096 {
		return
	}
	b := s.edit()
	b[id/64] |= 1 << (id % 64)
	s.set(b)
}

// AddRange puts lo..hi in the set.
func (s *VLANSet) AddRange(lo, hi VLANID) {
	b := s.edit()
	for id := max(lo, 0); id <= min(hi, 4095); id++ {
		b[id/64] |= 1 << (id % 64)
	}
	s.set(b)
}

// Remove takes id out of the set.
func (s *VLANSet) Remove(id VLANID) {
	if !s.Has(id) {
		return
	}
	b := s.edit()
	b[id/64] &^= 1 << (id % 64)
	s.set(b)
}

// Has reports whether id is in the set.
func (s *VLANSet) Has(id VLANID) bool {
	return id >= 0 && id < 4096 && s.word(id/64)&(1<<(id%64)) != 0
}

// And returns the VLANs in both s and o.
func (s *VLANSet) And(o VLANSet) VLANSet {
	var r VLANSet
	b := new([64]uint64)
	for i := range b {
		b[i] = s.word(i) & o.word(i)
	}
	r.set(b)
	return r
}

// Union returns the VLANs in s or o.
func (s *VLANSet) Union(o VLANSet) VLANSet {
	b := s.edit()
	for i := range b {
		b[i] |= o.word(i)
	}
	var r VLANSet
	r.set(b)
	return r
}

// Minus returns the VLANs in s but not in o.
func (s *VLANSet) Minus(o VLANSet) VLANSet {
	b := s.edit()
	for i := range b {
		b[i] &^= o.word(i)
	}
	var r VLANSet
	r.set(b)
	return r
}

// Keep returns the members for which keep is true; s itself if that is
// all of them (no copy).
func (s *VLANSet) Keep(keep func(VLANID) bool) VLANSet {
	if s.bits == nil {
		return *s
	}
	var b *[64]uint64
	for i, w := range s.bits {
		for w != 0 {
			bit := bits.TrailingZeros64(w)
			w &^= 1 << bit
			if id := i*64 + bit; !keep(id) {
				if b == nil {
					b = s.edit()
				}
				b[i] &^= 1 << bit
			}
		}
	}
	if b == nil {
		return *s
	}
	var r VLANSet
	r.set(b)
	return r
}

// SetOf returns the set of ids.
func SetOf(ids ...VLANID) VLANSet {
	b := new([64]uint64)
	for _, id := range ids {
		if id >= 0 && id < 4096 {
			b[id/64] |= 1 << (id % 64)
		}
	}
	var r VLANSet
	r.set(b)
	return r
}

// Len returns the number of VLANs in the set.
func (s *VLANSet) Len() int {
	if s.bits == nil {
		return 0
	}
	n := 0
	for _, w := range s.bits {
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
