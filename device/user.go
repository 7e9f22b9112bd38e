package device

import (
	"crypto/subtle"
	"slices"
)

// Service types a local user may be given, in the order the configuration
// lists them.
var ServiceTypes = []string{"ftp", "lan-access", "portal", "ssh", "telnet", "terminal", "web"}

// LocalUser is one local-user entry.
type LocalUser struct {
	Name     string
	Password string   // cipher text as display current-configuration shows it; "" = none
	Services []string // sorted by ServiceTypes order
	Level    int      // authorization-attribute level, 0-3
}

// HasService reports whether the user may use service s.
func (u LocalUser) HasService(s string) bool { return slices.Contains(u.Services, s) }

// SortServices orders service names as the configuration prints them.
func SortServices(s []string) []string {
	var out []string
	for _, t := range ServiceTypes {
		if slices.Contains(s, t) {
			out = append(out, t)
		}
	}
	return out
}

// CheckPassword reports whether password is the user's password, in time
// that does not depend on where the two differ.
func (u LocalUser) CheckPassword(password string) bool {
	plain, err := DecryptPassword(u.Password)
	if err != nil || u.Password == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(plain), []byte(password)) == 1
}

// Authenticate checks a login for service (e.g. "ssh"). It returns the
// user's privilege level. An unknown user, a wrong password and a missing
// service all fail the same way.
func (d *Device) Authenticate(user, password, service string) (level int, ok bool) {
	d.mu.Lock()
	u, found := d.cfg.Users[user]
	d.mu.Unlock()
	if !found {
		// Spend the same time as a real check.
		LocalUser{Password: dummyCipher}.CheckPassword(password)
		return 0, false
	}
	if !u.CheckPassword(password) || !u.HasService(service) {
		return 0, false
	}
	return u.Level, true
}

var dummyCipher = EncryptPassword("switchemu-dummy")
