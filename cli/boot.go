package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"switchemu/device"
)

// BootReport says how the device booted: from which configuration, which
// lines were refused, and what the operator must know (a startup file
// that is empty or cut short, a configuration that leaves no way in).
type BootReport struct {
	// Source is where the configuration came from: "flash:/startup.cfg"
	// or "factory configuration".
	Source string
	// File is the host path of the startup file replayed; "" for the
	// factory configuration.
	File    string
	Refused []ReplayError
	// Warnings are whole sentences, each saying what is wrong and how
	// to recover.
	Warnings []string
}

// Print writes the refused lines and the warnings, each line prefixed.
func (r *BootReport) Print(w io.Writer, prefix string) {
	for _, e := range r.Refused {
		fmt.Fprintf(w, "%s%s: %s\n", prefix, r.Source, e)
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "%swarning: %s\n", prefix, warn)
	}
}

// NextBootFactory makes the next Boot or BootReport use the profile's
// factory configuration whatever the startup files hold (--factory).
// The startup files stay as they are; a later save overwrites them.
func (sh *Shell) NextBootFactory() { sh.factoryOnce.Store(true) }

// BootReport boots the device as Boot does and says how it went.
func (sh *Shell) BootReport() (*BootReport, error) {
	factory := sh.factoryOnce.Swap(false)
	name, text, ok, err := "", "", false, error(nil)
	if !factory {
		name, text, ok, err = sh.dev.StartupConfig()
		if err != nil {
			return nil, err
		}
	}
	p := sh.dev.Profile()
	r := &BootReport{Source: "factory configuration"}
	if ok {
		r.Source = p.Files.Storage + "/" + name
		if st := sh.dev.Store(); st != nil {
			r.File = filepath.Join(st.Dir(), name)
		}
	} else {
		text, name = p.Factory.Config, ""
	}
	r.Refused = sh.Replay(text)
	sh.dev.Booted(name)

	fix := "to recover, delete " + r.File + " (the device then boots its factory configuration) or start with --factory, which ignores the startup file."
	if ok {
		switch last, n := endsWithReturn(text); {
		case strings.TrimSpace(text) == "":
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s is empty: the device booted with no configuration; %s", r.Source, fix))
		case !last:
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s ends at line %d without \"return\": the file may be cut short, and the device booted with the lines it holds; %s", r.Source, n, fix))
		}
	}
	if why := loginProblem(sh.dev); why != "" {
		w := "the configuration leaves no way to log in over SSH: " + why + "."
		if ok {
			w += " " + strings.ToUpper(fix[:1]) + fix[1:]
		}
		r.Warnings = append(r.Warnings, w)
	}
	return r, nil
}

// endsWithReturn reports whether text has a "return" line at column 0
// (where replay stops), and how many lines it has.
func endsWithReturn(text string) (bool, int) {
	lines := strings.Split(strings.TrimRight(text, "\r\n \t"), "\n")
	for _, l := range lines {
		if strings.TrimRight(l, "\r \t") == "return" {
			return true, len(lines)
		}
	}
	return false, len(lines)
}

// loginProblem says why no SSH login can work on the device as
// configured, "" if one can: the server is on, and a
// VTY line that takes SSH accepts some credentials (a local user with
// service-type ssh and a password in scheme mode, a line password, no
// authentication, or an ssh user with a public key).
func loginProblem(dev *device.Device) string {
	cfg := dev.Snapshot()
	if !cfg.SSH.Enabled {
		return "the SSH server is disabled (ssh server enable is missing)"
	}
	sshUser := false
	for _, u := range cfg.Users {
		if u.HasService("ssh") && u.Password != "" {
			sshUser = true
		}
	}
	keyUser := false
	for _, u := range cfg.SSHUsers {
		if u.Key != "" && u.Auth != device.SSHAuthPassword && u.AllowsStelnet() {
			keyUser = true
		}
	}
	sshLine := false
	for _, ui := range cfg.VTY {
		if ui.Protocol == "telnet" {
			continue
		}
		sshLine = true
		switch ui.AuthMode {
		case "none":
			return ""
		case "password":
			if ui.Password != "" {
				return ""
			}
		default:
			if sshUser || keyUser {
				return ""
			}
		}
	}
	if !sshLine {
		return "every VTY line is protocol inbound telnet"
	}
	return "no local user has service-type ssh and a password, and no VTY line takes a login without one"
}

// FactoryLoginWorks reports whether the profile's factory login (the user
// and password the start-up summary prints) logs in over SSH now, and if
// not, why.
func FactoryLoginWorks(dev *device.Device) (bool, string) {
	if why := loginProblem(dev); why != "" {
		return false, why
	}
	p := dev.Profile()
	for line := range device.MaxVTY {
		if dev.LineSettings(line).Protocol == "telnet" {
			continue
		}
		l := dev.SSHLoginFor(p.Factory.User, line)
		if l.Mode == "scheme" && (!l.Entry.AllowsStelnet() || (l.Entry.Auth != device.SSHAuthPassword && l.Entry.Auth != device.SSHAuthAny)) {
			continue
		}
		if _, ok := dev.CheckSSHPassword(p.Factory.User, p.Factory.Password, line); ok {
			return true, ""
		}
	}
	return false, fmt.Sprintf("the configuration has no SSH password login for %s with the factory password", p.Factory.User)
}
