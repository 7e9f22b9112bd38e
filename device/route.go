package device

// StaticRoute is one ip route-static entry.
type StaticRoute struct {
	Dest    [4]byte
	Mask    int // prefix length
	NextHop [4]byte
	// Interface is the output interface's canonical name when the route
	// names one ("ip route-static 0.0.0.0 0 Vlan-interface 2 ..."); "".
	Interface  string
	Preference int // 60 by default
}

// StaticMAC is one mac-address static entry.
type StaticMAC struct {
	MAC  [6]byte
	VLAN VLANID
	Port string // canonical name of a layer-2 port
}

// StaticARP is one arp static entry. VLAN 0 and Port "" for an entry
// that names neither.
type StaticARP struct {
	IP   [4]byte
	MAC  [6]byte
	VLAN VLANID
	Port string
}

// InfoCenter is the information center's configuration.
type InfoCenter struct {
	Disabled bool      // undo info-center enable
	Loghosts [][4]byte // info-center loghost
	// LogbufferSize is the log buffer's size in messages; 0 = the
	// default (512).
	LogbufferSize int
	LogbufferOff  bool // undo info-center logbuffer
}
