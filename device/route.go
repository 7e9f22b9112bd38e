package device

// StaticRoute is one ip route-static entry.
type StaticRoute struct {
	Dest       [4]byte
	Mask       int // prefix length
	NextHop    [4]byte
	Preference int // 60 by default
}
