package profiles

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"
)

// Profile is everything that differs from one switch model or brand to the
// next. It is plain data: the device model reads it, nothing writes it after
// Load. A Profile is safe for concurrent reads.
type Profile struct {
	Name    string   `yaml:"name"`    // short name, e.g. "s7906e"
	Model   string   `yaml:"model"`   // "3Com Switch 7906E"
	Dialect string   `yaml:"dialect"` // CLI dialect: "comware5"
	Brand   Brand    `yaml:"brand"`
	SSH     SSH      `yaml:"ssh"`
	Chassis Chassis  `yaml:"chassis"`
	Factory Factory  `yaml:"factory"`
	Files   Files    `yaml:"files"`
	Version Software `yaml:"software"`
}

// Brand holds the strings that name the vendor.
type Brand struct {
	// Banner is the copyright banner printed after login while
	// copyright-info is enabled; one string per line.
	Banner []string `yaml:"banner"`
	// VersionHeader is the first line of display version.
	VersionHeader string `yaml:"version_header"`
	// Copyright is the copyright line of display version.
	Copyright string `yaml:"copyright"`
	// Vendor is VENDOR_NAME in display device manuinfo.
	Vendor string `yaml:"vendor"`
	// BridgeMAC is the device's base MAC address, "xxxx-xxxx-xxxx".
	BridgeMAC string `yaml:"bridge_mac"`
}

// Software identifies the running image.
type Software struct {
	Version string `yaml:"version"` // "5.20"
	Release string `yaml:"release"` // "6616"
	// Line is the software line of display version, e.g.
	// "3Com Switch 7906E Software Version 3Com OS V5.20 Release 6616".
	Line string `yaml:"line"`
	// BoardVersion is the Sft Ver column of display device,
	// "S7500E-6616".
	BoardVersion string `yaml:"board_version"`
}

// SSH describes the device's SSH server.
type SSH struct {
	// Software is the software part of the identification string:
	// "SSH-1.99-" + Software while SSH1 compatibility is on.
	Software string `yaml:"software"`
	// Algorithms names the default set: "strict" or "compatible".
	Algorithms string `yaml:"algorithms"`
	// Sets are the algorithm sets by name.
	Sets map[string]AlgorithmSet `yaml:"sets"`
	// HostKeyBits is the modulus of the factory host key.
	HostKeyBits int `yaml:"host_key_bits"`
	// ServerKeyBits is the modulus of the SSH-1 server key.
	ServerKeyBits int `yaml:"server_key_bits"`
}

// AlgorithmSet lists the SSH-2 algorithms offered, in preference order.
type AlgorithmSet struct {
	KeyExchanges []string `yaml:"kex"`
	Ciphers      []string `yaml:"ciphers"`
	MACs         []string `yaml:"macs"`
	HostKeys     []string `yaml:"host_keys"`
}

// Chassis is the hardware inventory.
type Chassis struct {
	// Layout is the kind of hardware, which decides how display version,
	// display device, display device manuinfo and display cpu-usage
	// present the boards: "chassis" (the default when empty: a modular
	// switch whose slots 0 to Slots-1 hold MPUs and LPUs) or "box" (a
	// fixed-port switch: one board, in slot 1, and no Slots).
	Layout string `yaml:"layout"`
	// Slots is the number of slots of a chassis (0 to Slots-1); a box
	// has none.
	Slots  int     `yaml:"slots"`
	Boards []Board `yaml:"boards"`
	// Management is the out-of-band port's name, e.g. "M-Ethernet0/0/0".
	Management string `yaml:"management"`
	// Cabled lists the ports that have a cable plugged in; they come up
	// unless shut down. Everything else is DOWN.
	Cabled []string `yaml:"cabled"`
	// Neighbors are the LLDP neighbours seen on cabled ports.
	Neighbors []Neighbor `yaml:"neighbors"`
	// NoLinkMode: the configuration prints no "port link-mode bridge" on
	// Ethernet ports (S5120-class box switches, whose ports have no
	// other mode); chassis and S5500-class switches print it.
	NoLinkMode bool `yaml:"no_link_mode"`
	// Hosts are the end stations behind cabled ports: their MAC
	// addresses are learned in the port's VLAN, and their IP addresses
	// answer ARP when a VLAN interface of that VLAN has their subnet.
	Hosts []Host `yaml:"hosts"`
	// Power supplies, fans and the boards' temperature limits
	// (hardware.go).
	Power       []Unit `yaml:"power"`
	Fans        []Unit `yaml:"fans"`
	Temperature Limits `yaml:"temperature_limits"`
}

// Neighbor is the switch at the far end of a cabled port, as LLDP
// describes it.
type Neighbor struct {
	Port        string `yaml:"port"`        // local port, "GigabitEthernet2/0/1"
	SystemName  string `yaml:"system_name"` // "CORE-1"
	SystemDesc  string `yaml:"system_description"`
	ChassisID   string `yaml:"chassis_id"` // MAC address, "000f-e2a1-0001"
	PortID      string `yaml:"port_id"`    // "GigabitEthernet1/0/48"
	PortDesc    string `yaml:"port_description"`
	MgmtAddress string `yaml:"mgmt_address"` // IPv4, "" for none
	PVID        int    `yaml:"pvid"`
}

// Host is one end station behind a cabled port.
type Host struct {
	Port string `yaml:"port"`
	MAC  string `yaml:"mac"` // "0014-2a11-0002"
	IP   string `yaml:"ip"`  // IPv4, "" for none
}

// Board is one card in a slot.
type Board struct {
	Slot     int    `yaml:"slot"`
	Type     string `yaml:"type"`      // "LSQ1GV48SC"
	Role     string `yaml:"role"`      // "mpu" or "lpu"
	Ports    int    `yaml:"ports"`     // number of ports, 0 for none
	PortType string `yaml:"port_type"` // "GigabitEthernet" or "Ten-GigabitEthernet"
	Media    string `yaml:"media"`     // "copper" or "fiber"
	Serial   string `yaml:"serial"`
	Made     string `yaml:"made"` // manufacturing date, "2011-3-26"
	Name     string `yaml:"name"` // DEVICE_NAME in manuinfo
	// Hardware is the board's part of display version. A chassis board
	// without it prints the built-in S7500E board text; a box's board
	// must have it.
	Hardware *Hardware `yaml:"hardware"`
	// Subslot and FirstPort number the ports: slot/subslot/port from
	// FirstPort (0 means 1) on; a box switch's 10GE ports are a second
	// board of the same slot (Ten-GigabitEthernet1/0/25, or 1/1/1 on an
	// expansion module).
	Subslot   int `yaml:"subslot"`
	FirstPort int `yaml:"first_port"`
	// Transceivers are the optical modules in the board's ports
	// (hardware.go); Temperature is what its sensor reads.
	Transceivers []Transceiver `yaml:"transceivers"`
	Temperature  int           `yaml:"temperature"`
}

// Hardware is the block display version prints for one board, line by
// line, verbatim: the processor line, the memory lines, a blank line,
// the version lines, then one line per subslot.
type Hardware struct {
	Processor string   `yaml:"processor"` // "H3C S5500-28C-EI with 1 Processor"
	Memory    []string `yaml:"memory"`    // "256M    bytes SDRAM", "32768K  bytes Flash Memory"
	Versions  []string `yaml:"versions"`  // "Hardware Version is REV.C", "CPLD Version is 002", ...
	Subslots  []string `yaml:"subslots"`  // "[SubSlot 0] 24GE+4SFP Hardware Version is REV.C"
}

// Layouts of Chassis.Layout.
const (
	LayoutChassis = "chassis"
	LayoutBox     = "box"
)

// Box reports whether the profile is a fixed-port (box) switch.
func (p *Profile) Box() bool { return p.Chassis.Layout == LayoutBox }

// Factory is the state of a device with no saved configuration.
type Factory struct {
	Sysname string `yaml:"sysname"`
	// Config is configuration text replayed at boot when there is no
	// startup file, in display current-configuration form.
	Config string `yaml:"config"`
	// Login documents the factory login for the startup message.
	User     string `yaml:"user"`
	Password string `yaml:"password"`
}

// Files names the device's storage.
type Files struct {
	Storage string `yaml:"storage"` // "flash:"
	Startup string `yaml:"startup"` // "startup.cfg"
	SizeKB  int    `yaml:"size_kb"` // total flash size
	// BootApp is the image the device runs from the factory, as display
	// boot-loader names it: "s7906e-cmw520-r6616.bin".
	BootApp string `yaml:"boot_app"`
}

// validate checks the profile for the mistakes a hand-written file makes.
func (p *Profile) validate() error {
	switch {
	case p.Name == "":
		return fmt.Errorf("name is empty")
	case p.Model == "":
		return fmt.Errorf("model is empty")
	case p.Dialect != "comware5":
		return fmt.Errorf("dialect %q: only comware5 is supported", p.Dialect)
	case p.SSH.Software == "":
		return fmt.Errorf("ssh.software is empty")
	case p.Factory.Sysname == "" || len(p.Factory.Sysname) > 30:
		return fmt.Errorf("factory.sysname %q: must be 1-30 characters", p.Factory.Sysname)
	case p.Files.Startup == "" || p.Files.Storage == "":
		return fmt.Errorf("files.storage and files.startup are required")
	}
	if _, ok := p.SSH.Sets[p.SSH.Algorithms]; !ok {
		return fmt.Errorf("ssh.algorithms %q: no such set in ssh.sets", p.SSH.Algorithms)
	}
	for name, set := range p.SSH.Sets {
		if len(set.KeyExchanges) == 0 || len(set.Ciphers) == 0 || len(set.MACs) == 0 || len(set.HostKeys) == 0 {
			return fmt.Errorf("ssh.sets.%s: kex, ciphers, macs and host_keys must all be listed", name)
		}
	}
	if p.SSH.HostKeyBits < 512 || p.SSH.HostKeyBits > 2048 {
		return fmt.Errorf("ssh.host_key_bits %d: must be 512-2048", p.SSH.HostKeyBits)
	}
	if err := p.validateLayout(); err != nil {
		return err
	}
	seen := map[int]bool{}
	for i, b := range p.Chassis.Boards {
		if !p.Box() && (b.Slot < 0 || b.Slot >= p.Chassis.Slots) {
			return fmt.Errorf("chassis.boards[%d]: slot %d outside 0-%d", i, b.Slot, p.Chassis.Slots-1)
		}
		if seen[b.Slot] && b.Ports == 0 {
			return fmt.Errorf("chassis.boards[%d]: slot %d listed twice", i, b.Slot)
		}
		seen[b.Slot] = true
		if b.Ports > 0 && b.PortType != "GigabitEthernet" && b.PortType != "Ten-GigabitEthernet" {
			return fmt.Errorf("chassis.boards[%d]: port_type %q: want GigabitEthernet or Ten-GigabitEthernet", i, b.PortType)
		}
		if b.Role != "mpu" && b.Role != "lpu" {
			return fmt.Errorf("chassis.boards[%d]: role %q: want mpu or lpu", i, b.Role)
		}
		if b.Type == "" || strings.ContainsAny(b.Type, " \t") {
			return fmt.Errorf("chassis.boards[%d]: type %q: want one word", i, b.Type)
		}
		if h := b.Hardware; h != nil {
			if h.Processor == "" || len(h.Memory) == 0 || len(h.Versions) == 0 {
				return fmt.Errorf("chassis.boards[%d].hardware: processor, memory and versions are required", i)
			}
			for _, l := range slices.Concat([]string{h.Processor}, h.Memory, h.Versions, h.Subslots) {
				if l == "" || strings.ContainsAny(l, "\r\n") {
					return fmt.Errorf("chassis.boards[%d].hardware: %q: each line must be one non-empty line", i, l)
				}
			}
		}
	}
	if err := p.validateHardware(); err != nil {
		return err
	}
	ports := p.portNames()
	for i, name := range p.Chassis.Cabled {
		if !ports[name] {
			return fmt.Errorf("chassis.cabled[%d]: no port %q on the boards", i, name)
		}
	}
	for i, n := range p.Chassis.Neighbors {
		if !ports[n.Port] {
			return fmt.Errorf("chassis.neighbors[%d]: no port %q on the boards", i, n.Port)
		}
	}
	for i, h := range p.Chassis.Hosts {
		if !ports[h.Port] {
			return fmt.Errorf("chassis.hosts[%d]: no port %q on the boards", i, h.Port)
		}
	}
	if !macRE.MatchString(p.Brand.BridgeMAC) {
		return fmt.Errorf("brand.bridge_mac %q: want xxxx-xxxx-xxxx", p.Brand.BridgeMAC)
	}
	for i, n := range p.Chassis.Neighbors {
		switch {
		case n.Port == "" || n.SystemName == "" || n.PortID == "":
			return fmt.Errorf("chassis.neighbors[%d]: port, system_name and port_id are required", i)
		case !macRE.MatchString(n.ChassisID):
			return fmt.Errorf("chassis.neighbors[%d]: chassis_id %q: want xxxx-xxxx-xxxx", i, n.ChassisID)
		case n.MgmtAddress != "" && !validIPv4(n.MgmtAddress):
			return fmt.Errorf("chassis.neighbors[%d]: mgmt_address %q: want an IPv4 address", i, n.MgmtAddress)
		case n.PVID < 0 || n.PVID > 4094:
			return fmt.Errorf("chassis.neighbors[%d]: pvid %d outside 0-4094", i, n.PVID)
		}
	}
	for i, h := range p.Chassis.Hosts {
		switch {
		case h.Port == "":
			return fmt.Errorf("chassis.hosts[%d]: port is required", i)
		case !macRE.MatchString(h.MAC):
			return fmt.Errorf("chassis.hosts[%d]: mac %q: want xxxx-xxxx-xxxx", i, h.MAC)
		case h.IP != "" && !validIPv4(h.IP):
			return fmt.Errorf("chassis.hosts[%d]: ip %q: want an IPv4 address", i, h.IP)
		}
	}
	return nil
}

// validateLayout checks what the layout asks of the boards.
func (p *Profile) validateLayout() error {
	switch p.Chassis.Layout {
	case "", LayoutChassis:
		if p.Chassis.Slots < 1 || p.Chassis.Slots > 16 {
			return fmt.Errorf("chassis.slots %d: a chassis has 1-16 slots", p.Chassis.Slots)
		}
	case LayoutBox:
		b := p.Chassis.Boards
		switch {
		case p.Chassis.Slots != 0:
			return fmt.Errorf("chassis.slots %d: a box has no slots; leave it out", p.Chassis.Slots)
		case len(b) == 0 || b[0].Slot != 1 || b[0].Role != "mpu":
			return fmt.Errorf("chassis.boards: a box has its board in slot 1, with role mpu, first")
		case b[0].Hardware == nil:
			return fmt.Errorf("chassis.boards[0].hardware: required on a box")
		}
		// More boards of a box are its other port groups (the 10GE ports
		// after the GE ones), in the same slot.
		for i, o := range b[1:] {
			if o.Slot != 1 {
				return fmt.Errorf("chassis.boards[%d]: slot %d: a box's port groups are all in slot 1", i+1, o.Slot)
			}
		}
	default:
		return fmt.Errorf("chassis.layout %q: want chassis or box", p.Chassis.Layout)
	}
	return nil
}

// portNames are the names of every port the boards and the management
// port give the chassis.
func (p *Profile) portNames() map[string]bool {
	names := map[string]bool{}
	for _, b := range p.Chassis.Boards {
		for port := b.First(); port < b.First()+b.Ports; port++ {
			names[fmt.Sprintf("%s%d/%d/%d", b.PortType, b.Slot, b.Subslot, port)] = true
		}
	}
	if p.Chassis.Management != "" {
		names[p.Chassis.Management] = true
	}
	return names
}

var macRE = regexp.MustCompile(`^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$`)

func validIPv4(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}
