package device

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"switchemu/profiles"
)

// Config is the running configuration: everything display
// current-configuration shows and save writes. It is a plain value; Clone
// makes an independent copy.
type Config struct {
	Sysname    string
	VLANs      map[VLANID]VLAN
	Interfaces map[string]Interface // by canonical name
	Users      map[string]LocalUser // by user name
	SSH        SSHServer
	Telnet     TelnetServer          // telnet.go
	SFTP       SFTPServer            // telnet.go
	VTY        [MaxVTY]UserInterface // settings per line of user-interface vty 0 15
	AUX        UserInterface         // settings of user-interface aux 0
	// SuperPasswords holds the super password cipher text per level.
	SuperPasswords map[int]string
	Routes         []StaticRoute
	SSHUsers       map[string]SSHUser // ssh user entries, by user name
	PeerKeys       map[string]PeerKey // public-key peer entries, by key name
	StaticMACs     []StaticMAC        // mac-address static
	StaticARPs     []StaticARP        // arp static
	TimeZone       TimeZone           // clock timezone
	SummerTime     SummerTime         // clock summer-time (clock.go)
	NTP            NTP                // ntp-service unicast-server (ntp.go)
	InfoCenter     InfoCenter
	ACLs           map[int]ACL // acl number N, by number (acl.go)
	SNMP           SNMPAgent   // snmp-agent (snmp.go)
	Headers        []Header    // header KIND TEXT, in the order they were set (header.go)
	STP            STP         // spanning tree (stp.go)
	Extra          Extra       // configuration-only lines (extra.go)
}

// SSHServer is the device's SSH server configuration.
type SSHServer struct {
	Enabled       bool
	Compatible1x  bool // ssh server compatible-ssh1x enable
	AuthTimeout   int  // seconds, 1-120
	AuthRetries   int  // 1-5
	RekeyInterval int  // hours, 0 = never
}

// Defaults of the SSH server (Comware V5).
const (
	DefaultAuthTimeout = 60
	DefaultAuthRetries = 3
)

// UserInterface holds one user-interface block's settings.
type UserInterface struct {
	AuthMode     string // "scheme", "password" or "none"; "" = the line's default
	Protocol     string // "all", "ssh" or "telnet"; "" = all
	Level        int    // user privilege level; -1 = default
	IdleMinutes  int    // idle-timeout minutes part; -1 = default (10)
	IdleSeconds  int    // idle-timeout seconds part
	ScreenLength int    // lines per page; -1 = default (24); 0 = no paging
	HistorySize  int    // history-command max-size; -1 = default (10)
	Password     string // set authentication password: cipher text; "" = none
	ACLIn        int    // acl N inbound (VTY lines): the ACL logins must pass; 0 = none
	ACLOut       int    // acl N outbound: kept for the configuration; 0 = none
}

func defaultUserInterface() UserInterface {
	return UserInterface{Level: -1, IdleMinutes: -1, ScreenLength: -1, HistorySize: -1}
}

// emptyConfig is what the hardware starts with before any configuration
// is replayed.
func emptyConfig(p *profiles.Profile) Config {
	c := Config{
		Sysname:        p.Factory.Sysname,
		VLANs:          map[VLANID]VLAN{1: {ID: 1}},
		Interfaces:     map[string]Interface{},
		Users:          map[string]LocalUser{},
		SSH:            SSHServer{Compatible1x: true, AuthTimeout: DefaultAuthTimeout, AuthRetries: DefaultAuthRetries},
		AUX:            defaultUserInterface(),
		SuperPasswords: map[int]string{},
		SSHUsers:       map[string]SSHUser{},
		PeerKeys:       map[string]PeerKey{},
		ACLs:           map[int]ACL{},
	}
	for i := range c.VTY {
		c.VTY[i] = defaultUserInterface()
	}
	for _, ifc := range chassisInterfaces(p) {
		c.Interfaces[ifc.Name] = ifc
	}
	return c
}

// Clone returns a deep copy of c.
func (c Config) Clone() Config {
	n := c
	n.VLANs = maps.Clone(c.VLANs)
	n.Interfaces = make(map[string]Interface, len(c.Interfaces))
	for k, v := range c.Interfaces {
		n.Interfaces[k] = v.clone()
	}
	n.Users = maps.Clone(c.Users)
	n.SuperPasswords = maps.Clone(c.SuperPasswords)
	n.Routes = slices.Clone(c.Routes)
	n.NTP.Servers = slices.Clone(c.NTP.Servers)
	n.SSHUsers = maps.Clone(c.SSHUsers)
	n.PeerKeys = maps.Clone(c.PeerKeys) // DER slices are never modified in place
	if n.SSHUsers == nil {
		n.SSHUsers = map[string]SSHUser{}
	}
	if n.PeerKeys == nil {
		n.PeerKeys = map[string]PeerKey{}
	}
	n.StaticMACs = slices.Clone(c.StaticMACs)
	n.StaticARPs = slices.Clone(c.StaticARPs)
	n.InfoCenter.Loghosts = slices.Clone(c.InfoCenter.Loghosts)
	n.ACLs = make(map[int]ACL, len(c.ACLs))
	for k, a := range c.ACLs {
		n.ACLs[k] = a.Clone()
	}
	n.SNMP = c.SNMP.Clone()
	n.Headers = slices.Clone(c.Headers)
	n.Extra = c.Extra.Clone()
	n.STP = c.STP.clone()
	return n
}

// Validate checks the invariants every committed configuration keeps.
func (c *Config) Validate() error {
	if n := len(c.Sysname); n < 1 || n > 30 {
		return fmt.Errorf("sysname %q: length %d outside 1-30", c.Sysname, n)
	}
	if _, ok := c.VLANs[1]; !ok {
		return fmt.Errorf("vlan 1 is missing")
	}
	for name, ifc := range c.Interfaces {
		if name != ifc.Name {
			return fmt.Errorf("interface %q filed under %q", ifc.Name, name)
		}
		if ifc.LinkType == LinkAccess && ifc.Kind.Bridged() {
			if _, ok := c.VLANs[ifc.PVID]; !ok {
				return fmt.Errorf("%s: access vlan %d does not exist", name, ifc.PVID)
			}
		}
		if ifc.PVID < 1 || ifc.PVID > MaxVLAN {
			return fmt.Errorf("%s: pvid %d outside 1-%d", name, ifc.PVID, MaxVLAN)
		}
		if ifc.AggGroup != 0 {
			if agg, ok := c.Interfaces[AggregateName(ifc.AggGroup)]; !ok || agg.Kind != KindBAGG || !ifc.Kind.Physical() {
				return fmt.Errorf("%s: aggregation group %d does not exist", name, ifc.AggGroup)
			}
		}
		primaries := 0
		for _, a := range ifc.Addresses {
			if !a.Sub {
				primaries++
			}
		}
		if primaries > 1 || (primaries == 0 && len(ifc.Addresses) > 0) {
			return fmt.Errorf("%s: %d primary addresses", name, primaries)
		}
	}
	for _, m := range c.StaticMACs {
		ifc, ok := c.Interfaces[m.Port]
		if !ok || !ifc.Kind.Bridged() {
			return fmt.Errorf("static mac %s: no layer-2 port %q", m.MAC, m.Port)
		}
		if _, ok := c.VLANs[m.VLAN]; !ok {
			return fmt.Errorf("static mac %s: vlan %d does not exist", m.MAC, m.VLAN)
		}
	}
	return nil
}

// SortedInterfaces returns the interfaces in configuration order.
func (c *Config) SortedInterfaces() []Interface {
	names := c.SortedInterfaceNames()
	out := make([]Interface, len(names))
	for i, name := range names {
		out[i] = c.Interfaces[name]
	}
	return out
}

// SortedInterfaceNames returns the interfaces' names in configuration
// order, for displays that look each one up rather than copy them all.
func (c *Config) SortedInterfaceNames() []string {
	// Sort small keys, not the interfaces themselves: an Interface is a
	// few hundred bytes, and every display of interfaces sorts a hundred.
	type key struct {
		order, slot, sub, port, number int
		name                           string
	}
	keys := make([]key, 0, len(c.Interfaces))
	for name, ifc := range c.Interfaces {
		keys = append(keys, key{ifc.Kind.order(), ifc.Slot, ifc.Sub, ifc.Port, ifc.Number, name})
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.order, b.order), cmp.Compare(a.slot, b.slot), cmp.Compare(a.sub, b.sub),
			cmp.Compare(a.port, b.port), cmp.Compare(a.number, b.number))
	})
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.name
	}
	return names
}

// SortedVLANs returns the VLAN IDs in ascending order.
func (c *Config) SortedVLANs() []VLANID {
	ids := slices.Collect(maps.Keys(c.VLANs))
	slices.Sort(ids)
	return ids
}

// SortedUsers returns the local users by name.
func (c *Config) SortedUsers() []LocalUser {
	out := slices.Collect(maps.Values(c.Users))
	slices.SortFunc(out, func(a, b LocalUser) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return out
}
