package device

// TelnetServer is the device's telnet server configuration: telnet server
// enable. The factory configuration leaves it off (reference §4.1).
type TelnetServer struct {
	Enabled bool
}

// SFTPServer is the device's SFTP server configuration: sftp server enable
// and sftp server idle-timeout (reference §4.1).
type SFTPServer struct {
	Enabled     bool
	IdleMinutes int // 1-35791; 0 = the default, DefaultSFTPIdleMinutes
}

// DefaultSFTPIdleMinutes is sftp server idle-timeout's default.
const DefaultSFTPIdleMinutes = 10

// SFTPIdle returns the SFTP idle timeout in minutes.
func (s SFTPServer) SFTPIdle() int {
	if s.IdleMinutes <= 0 {
		return DefaultSFTPIdleMinutes
	}
	return s.IdleMinutes
}

// TelnetEnabled reports whether telnet server enable is configured. It
// takes the lock only, without copying the configuration, so a listener
// can ask it often.
func (d *Device) TelnetEnabled() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cfg.Telnet.Enabled
}

// SFTPEnabled reports whether sftp server enable is configured.
func (d *Device) SFTPEnabled() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cfg.SFTP.Enabled
}

// TelnetLogin is what the telnet server needs to know about a VTY line
// before its login dialog: the authentication mode and whether the line
// accepts telnet at all.
type TelnetLogin struct {
	Mode        string // scheme, password or none
	Refused     bool   // protocol inbound ssh
	HasPassword bool   // password mode: set authentication password given
}

// TelnetLoginFor returns the login settings of VTY line.
func (d *Device) TelnetLoginFor(line int) TelnetLogin {
	d.mu.Lock()
	ui := d.cfg.VTY[max(0, min(line, MaxVTY-1))]
	d.mu.Unlock()
	l := TelnetLogin{Mode: ui.AuthMode, Refused: ui.Protocol == "ssh", HasPassword: ui.Password != ""}
	if l.Mode == "" {
		// What SSHLoginFor assumes too; V5's own default for VTY is password.
		l.Mode = "scheme"
	}
	return l
}

// CheckTelnetLogin checks a telnet login on a VTY line: in scheme mode
// against the local users with service-type telnet, in password mode
// against the line's password (user is ignored), in none mode not at all.
// It returns the privilege level the session gets.
func (d *Device) CheckTelnetLogin(user, password string, line int) (level int, ok bool) {
	if d.refused(line) {
		return 0, false // a fault refuses this login (faults.go)
	}
	d.mu.Lock()
	ui := d.cfg.VTY[max(0, min(line, MaxVTY-1))]
	d.mu.Unlock()
	switch ui.AuthMode {
	case "none":
		return uiLevel(ui), true
	case "password":
		if ui.Password == "" || !(LocalUser{Password: ui.Password}).CheckPassword(password) {
			return 0, false
		}
		return uiLevel(ui), true
	}
	return d.Authenticate(user, password, "telnet")
}
