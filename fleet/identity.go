package fleet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"switchemu/device"
	"switchemu/profiles"
)

// identity makes the profile of the device at position index of the
// inventory: the model's profile with the device's own bridge MAC and
// board serial numbers, and its factory login. Everything else (the
// chassis, the identity strings) is shared with every device of the
// model; only the boards are copied.
func identity(base *profiles.Profile, s *Spec, index int) (*profiles.Profile, error) {
	p := *base
	mac, err := deriveMAC(base.Brand.BridgeMAC, index)
	if err != nil {
		return nil, err
	}
	if s.MAC != "" {
		mac = strings.ToLower(s.MAC)
	}
	p.Brand.BridgeMAC = mac
	p.Chassis.Boards = slices.Clone(base.Chassis.Boards)
	for i := range p.Chassis.Boards {
		b := &p.Chassis.Boards[i]
		if sn, ok := s.Serials[b.Slot]; ok {
			b.Serial = sn
			continue
		}
		b.Serial = deriveSerial(b.Serial, index)
	}
	if s.Username != "" {
		p.Factory.User, p.Factory.Password = s.Username, s.Password
	}
	return &p, nil
}

// deriveMAC gives device index its own block of 256 addresses after the
// model's base MAC, as each real switch has a block of its own (VLAN
// interfaces take addresses after the bridge MAC).
func deriveMAC(base string, index int) (string, error) {
	m, ok := device.ParseMAC(base)
	if !ok {
		return "", fmt.Errorf("fleet: bridge MAC %q", base)
	}
	var v uint64
	for _, b := range m {
		v = v<<8 | uint64(b)
	}
	v += uint64(index) << 8
	for i := 5; i >= 0; i-- {
		m[i] = byte(v)
		v >>= 8
	}
	return device.FormatMAC(m), nil
}

// deriveSerial makes a serial number of the model's form unique to the
// device: the last three digits stay the board's (boards of one device
// differ there), the three before them count devices, and the character
// before those counts thousands of devices in base 36.
func deriveSerial(serial string, index int) string {
	if index == 0 || len(serial) < 7 {
		return serial
	}
	head, tail := serial[:len(serial)-7], serial[len(serial)-6:]
	n, err := strconv.Atoi(tail)
	if err != nil {
		return serial + strconv.Itoa(index)
	}
	thousands := strconv.FormatInt(int64(index/1000%36), 36)
	return fmt.Sprintf("%s%s%03d%03d", head, strings.ToUpper(thousands), (n/1000+index)%1000, n%1000)
}

// factoryText is the configuration a device without a saved one boots
// from: the profile's factory configuration with the inventory's login in
// place of the profile's, then the inventory's own lines. The sysname is
// set apart (every device has its own; the rest is shared).
func factoryText(base *profiles.Profile, s *Spec) string {
	text := base.Factory.Config
	if s.Username != "" && (s.Username != base.Factory.User || s.Password != base.Factory.Password) {
		text = replaceLogin(text, base.Factory.User, s.Username, s.Password)
	}
	if s.Config != "" {
		text = strings.TrimSuffix(strings.TrimRight(text, "\n"), "return")
		text = strings.TrimRight(text, "\n") + "\n#\n" + strings.TrimRight(s.Config, "\n") + "\n#\nreturn\n"
	}
	return text
}

// replaceLogin renames the factory local user and sets its password.
func replaceLogin(text, oldUser, user, password string) string {
	lines := strings.Split(text, "\n")
	in := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case !strings.HasPrefix(l, " ") && t != "":
			in = t == "local-user "+oldUser
			if in {
				lines[i] = "local-user " + user
			}
		case in && strings.HasPrefix(t, "password "):
			lines[i] = " password simple " + password
		}
	}
	return strings.Join(lines, "\n")
}
