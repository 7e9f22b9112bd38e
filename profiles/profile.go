package profiles

import "fmt"

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
	Slots  int     `yaml:"slots"`
	Boards []Board `yaml:"boards"`
	// Management is the out-of-band port's name, e.g. "M-Ethernet0/0/0".
	Management string `yaml:"management"`
	// Cabled lists the ports that have a cable plugged in; they come up
	// unless shut down. Everything else is DOWN.
	Cabled []string `yaml:"cabled"`
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
}

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
	seen := map[int]bool{}
	for i, b := range p.Chassis.Boards {
		if b.Slot < 0 || b.Slot >= p.Chassis.Slots {
			return fmt.Errorf("chassis.boards[%d]: slot %d outside 0-%d", i, b.Slot, p.Chassis.Slots-1)
		}
		if seen[b.Slot] {
			return fmt.Errorf("chassis.boards[%d]: slot %d listed twice", i, b.Slot)
		}
		seen[b.Slot] = true
		if b.Ports > 0 && b.PortType != "GigabitEthernet" && b.PortType != "Ten-GigabitEthernet" {
			return fmt.Errorf("chassis.boards[%d]: port_type %q: want GigabitEthernet or Ten-GigabitEthernet", i, b.PortType)
		}
	}
	return nil
}
