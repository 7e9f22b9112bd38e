package fleet

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is the slice of an inventory one process serves: the I-th
// (0-based, as a StatefulSet numbers its pods) of N equal contiguous
// slices. A device always lands in the same shard for the same inventory
// and N, and every device is in exactly one. The zero value is the whole
// inventory.
type Shard struct {
	I, N int
}

// ParseShard reads "I/N".
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("fleet: --shard %q: want I/N with 0 <= I < N, e.g. 0/4", s)
	}
	return Shard{I: i, N: n}, nil
}

func (s Shard) String() string {
	if s.N == 0 {
		return "0/1"
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}

// bounds returns the half-open range of indexes of n devices this shard
// serves: sizes differ by at most one.
func (s Shard) bounds(n int) (lo, hi int) {
	if s.N <= 1 {
		return 0, n
	}
	return s.I * n / s.N, (s.I + 1) * n / s.N
}

// slice returns this shard's devices and the index of its first one.
func (s Shard) slice(all []Spec) ([]Spec, int) {
	lo, hi := s.bounds(len(all))
	return all[lo:hi], lo
}

// Of returns the shard that serves the device at index i of n.
func (s Shard) Of(i, n int) int {
	for k := range max(s.N, 1) {
		if lo, hi := (Shard{I: k, N: s.N}).bounds(n); i >= lo && i < hi {
			return k
		}
	}
	return -1
}
