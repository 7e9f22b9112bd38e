package fleet

import (
	"slices"
	"sort"
)

// LoginHint is how to log in to a device, as its loaded configuration
// says (a saved configuration may have changed the factory login).
type LoginHint struct {
	User     string // "" when any name does (authentication-mode none or password)
	Password string // "" when none is needed or it is not known
	Known    bool   // Password is the one to type (the inventory's)
	// Problems say why someone may not get in; NoOne is set when nobody
	// can log in over SSH at all.
	Problems []string
	NoOne    bool
}

// LoginHint reads the device's running configuration (a device nobody
// has used yet has its factory login).
func (m *Member) LoginHint() LoginHint {
	user, pw := m.Login()
	dev := m.ready.Load()
	if dev == nil {
		return LoginHint{User: user, Password: pw, Known: true}
	}
	cfg := dev.Snapshot()
	var h LoginHint
	if !cfg.SSH.Enabled {
		h.Problems = append(h.Problems, "the SSH server is disabled in the loaded configuration (no ssh server enable)")
		h.NoOne = true
	}
	ui := cfg.VTY[0]
	if ui.Protocol == "telnet" {
		h.Problems = append(h.Problems, "user-interface vty 0 takes telnet only (protocol inbound telnet)")
		h.NoOne = true
	}
	switch ui.AuthMode {
	case "none":
		return h
	case "password":
		if ui.Password == "" {
			h.Problems = append(h.Problems, "authentication-mode password without set authentication password: no one can log in")
			h.NoOne = true
		}
		return h
	}
	if _, ok := dev.Authenticate(user, pw, "ssh"); ok {
		h.User, h.Password, h.Known = user, pw, true
		return h
	}
	var ssh []string
	for name, u := range cfg.Users {
		if u.HasService("ssh") && u.Password != "" {
			ssh = append(ssh, name)
		}
	}
	sort.Strings(ssh)
	if len(ssh) == 0 {
		h.Problems = append(h.Problems, "no local user with a password and service-type ssh in the loaded configuration")
		h.NoOne = true
		return h
	}
	if slices.Contains(ssh, user) {
		h.User = user
	} else {
		h.User = ssh[0]
	}
	h.Problems = append(h.Problems, "the factory login ("+user+") does not work with the loaded configuration: use "+h.User+" and its configured password")
	return h
}
