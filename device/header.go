package device

// Banners (header incoming|legal|login|motd|shell): Config.Headers holds
// each kind's text as typed between its delimiters, lines separated by
// "\n". Where each shows at login is the transports' business (telnetd,
// sshd and the cli's session start); the device only keeps them.

// Header kinds, in the order the configuration prints them [U: the
// corpus holds one kind only].
var HeaderKinds = []string{"incoming", "legal", "login", "motd", "shell"}

// Header returns the banner of kind, "" if none is set.
func (d *Device) Header(kind string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cfg.Headers[kind]
}
