package cli

import (
	"fmt"
	"strings"

	"switchemu/device"
)

// interfaceCommands is the grammar of interface view.
var interfaceCommands = []Command{
	{Syntax: "description {text:LINE<1-80>}", Priv: 2, Run: cmdIfDescription},
	{Syntax: "undo description", Priv: 2, Run: cmdIfDescription},
	{Syntax: "shutdown", Priv: 2, Run: cmdIfShutdown},
	{Syntax: "undo shutdown", Priv: 2, Run: cmdIfShutdown},
	{Syntax: "port access vlan {id:<1-4094>}", Priv: 2, Run: cmdPortAccessVLAN},
	{Syntax: "undo port access vlan", Priv: 2, Run: cmdPortAccessVLAN},
}

var helpInterface = map[string]string{
	"description":                    "Describe the interface",
	"description {text:LINE<1-80>}":  "Up to 80 characters for description of the interface",
	"undo description":               "Describe the interface",
	"shutdown":                       "Shut down this interface",
	"undo shutdown":                  "Shut down this interface",
	"port":                           "Assign interface to a VLAN",
	"port access":                    "Set access port attributes",
	"port access vlan":               "Set VLAN ID of access port",
	"port access vlan {id:<1-4094>}": "VLAN ID",
	"undo port":                      "Assign interface to a VLAN",
	"undo port access":               "Set access port attributes",
	"undo port access vlan":          "Set VLAN ID of access port",
}

// updateInterface changes the interface the session's view edits.
func (s *Session) updateInterface(fn func(ifc *device.Interface) error) error {
	name := s.cur().iface
	return s.dev.Update(func(c *device.Config) error {
		ifc, ok := c.Interfaces[name]
		if !ok {
			return userError(" Error: The interface does not exist.")
		}
		if err := fn(&ifc); err != nil {
			return err
		}
		c.Interfaces[name] = ifc
		return nil
	})
}

func cmdIfDescription(s *Session, a Args) error {
	text := a.Str("text")
	return s.updateInterface(func(ifc *device.Interface) error {
		ifc.Description = text
		return nil
	})
}

func cmdIfShutdown(s *Session, a Args) error {
	down := !a.Has("undo")
	if s.cur().iface == "NULL0" {
		return &ParseError{Kind: Unrecognized, Pos: 0}
	}
	return s.updateInterface(func(ifc *device.Interface) error {
		ifc.Shutdown = down
		return nil
	})
}

func cmdPortAccessVLAN(s *Session, a Args) error {
	id := 1
	if !a.Has("undo") {
		id = a.Int("id")
	}
	var missing bool
	err := s.dev.Update(func(c *device.Config) error {
		ifc, ok := c.Interfaces[s.cur().iface]
		if !ok || !ifc.Kind.Bridged() {
			return userError(" Error: This command is not supported on this interface!")
		}
		if ifc.LinkType != device.LinkAccess {
			return userError(" Error: Please configure the link type of the port to access first.")
		}
		if _, ok := c.VLANs[id]; !ok {
			missing = true
			return nil
		}
		ifc.PVID = id
		c.Interfaces[ifc.Name] = ifc
		return nil
	})
	if err == nil && missing {
		return userError(fmt.Sprintf(" Error: VLAN %d does not exist.", id))
	}
	return err
}

// vlanCommands is the grammar of VLAN view.
var vlanCommands = []Command{
	{Syntax: "name {text:LINE<1-32>}", Priv: 2, Run: cmdVLANName},
	{Syntax: "undo name", Priv: 2, Run: cmdVLANName},
	{Syntax: "description {text:LINE<1-32>}", Priv: 2, Run: cmdVLANDescription},
	{Syntax: "undo description", Priv: 2, Run: cmdVLANDescription},
}

var helpVLAN = map[string]string{
	"description":                   "Describe VLAN",
	"undo description":              "Describe VLAN",
	"name":                          "Specify a name",
	"name {text:LINE<1-32>}":        "Name of the VLAN (1 to 32 characters)",
	"undo name":                     "Specify a name",
	"description {text:LINE<1-32>}": "Description of the VLAN (1 to 32 characters)",
}

func (s *Session) updateVLAN(fn func(v *device.VLAN)) error {
	id := s.cur().vlan
	return s.dev.Update(func(c *device.Config) error {
		v, ok := c.VLANs[id]
		if !ok {
			return userError(msgVLANNotExist)
		}
		fn(&v)
		c.VLANs[id] = v
		return nil
	})
}

func cmdVLANName(s *Session, a Args) error {
	text := a.Str("text")
	return s.updateVLAN(func(v *device.VLAN) { v.Name = text })
}

func cmdVLANDescription(s *Session, a Args) error {
	text := a.Str("text")
	return s.updateVLAN(func(v *device.VLAN) { v.Description = text })
}

// localUserCommands is the grammar of local-user view.
var localUserCommands = append([]Command{
	{Syntax: "password simple {pw:STRING<1-63>}", Priv: 3, Run: cmdUserPassword},
	{Syntax: "password cipher {pw:STRING<1-117>}", Priv: 3, Run: cmdUserPassword},
	{Syntax: "undo password", Priv: 3, Run: cmdUserPassword},
	{Syntax: "authorization-attribute level {level:<0-3>}", Priv: 3, Run: cmdUserLevel},
	{Syntax: "undo authorization-attribute level", Priv: 3, Run: cmdUserLevel},
}, serviceTypeCommands()...)

var helpLocalUser = withServiceTypeHelp(map[string]string{
	"password":                                    "Specify the password of the user",
	"password simple":                             "Specify a plaintext password",
	"password simple {pw:STRING<1-63>}":           "Plaintext password string",
	"password cipher":                             "Specify a ciphertext password",
	"password cipher {pw:STRING<1-117>}":          "Ciphertext password string",
	"undo password":                               "Specify the password of the user",
	"authorization-attribute":                     "Specify authorization attributes of the user",
	"authorization-attribute level":               "Specify the user level",
	"authorization-attribute level {level:<0-3>}": "User level",
	"undo authorization-attribute":                "Specify authorization attributes of the user",
	"undo authorization-attribute level":          "Specify the user level",
	"service-type":                                "Specify the service type of the user",
	"undo service-type":                           "Specify the service type of the user",
})

// serviceTypeCommands spells out service-type { ftp | lan-access | {
// ssh | telnet | terminal } * | portal | web } and its undo form.
func serviceTypeCommands() []Command {
	var out []Command
	for _, w := range []string{"ftp", "lan-access", "portal", "web"} {
		out = append(out, Command{Syntax: "service-type " + w, Priv: 3, Run: cmdServiceType})
		out = append(out, Command{Syntax: "undo service-type " + w, Priv: 3, Run: cmdServiceType})
	}
	combo := []string{"ssh", "telnet", "terminal"}
	var perms func(prefix []string)
	perms = func(prefix []string) {
		if len(prefix) > 0 {
			out = append(out, Command{Syntax: "service-type " + strings.Join(prefix, " "), Priv: 3, Run: cmdServiceType})
			out = append(out, Command{Syntax: "undo service-type " + strings.Join(prefix, " "), Priv: 3, Run: cmdServiceType})
		}
		for _, w := range combo {
			if !contains(prefix, w) {
				perms(append(append([]string{}, prefix...), w))
			}
		}
	}
	perms(nil)
	return out
}

// withServiceTypeHelp adds the help of every service-type word to help.
func withServiceTypeHelp(help map[string]string) map[string]string {
	texts := map[string]string{
		"ftp": "FTP service type", "lan-access": "LAN-ACCESS service type", "portal": "Portal service type",
		"web": "Web service type", "ssh": "Secure Shell service type", "telnet": "Telnet service type",
		"terminal": "Terminal access service type",
	}
	for _, c := range serviceTypeCommands() {
		words := strings.Fields(c.Syntax)
		for i := range words {
			if h, ok := texts[words[i]]; ok {
				help[strings.Join(words[:i+1], " ")] = h
			}
		}
	}
	return help
}

func contains(s []string, w string) bool {
	for _, x := range s {
		if x == w {
			return true
		}
	}
	return false
}

func (s *Session) updateUser(fn func(u *device.LocalUser)) error {
	name := s.cur().user
	return s.dev.Update(func(c *device.Config) error {
		u, ok := c.Users[name]
		if !ok {
			return userError(msgUserNotExist)
		}
		fn(&u)
		c.Users[name] = u
		return nil
	})
}

func cmdUserPassword(s *Session, a Args) error {
	pw := a.Str("pw")
	switch {
	case a.Has("undo"):
		pw = ""
	case a.Has("cipher"):
		if !device.ValidCipher(pw) {
			return &ParseError{Kind: WrongParam, Pos: a.Position("pw")}
		}
	default:
		pw = device.EncryptPassword(pw)
	}
	return s.updateUser(func(u *device.LocalUser) { u.Password = pw })
}

func cmdUserLevel(s *Session, a Args) error {
	level := a.Int("level")
	return s.updateUser(func(u *device.LocalUser) { u.Level = level })
}

func cmdServiceType(s *Session, a Args) error {
	var types []string
	for _, w := range a.Words {
		if contains(device.ServiceTypes, w.Name) {
			types = append(types, w.Name)
		}
	}
	undo := a.Has("undo")
	return s.updateUser(func(u *device.LocalUser) {
		set := map[string]bool{}
		for _, t := range u.Services {
			set[t] = true
		}
		for _, t := range types {
			set[t] = !undo
		}
		var all []string
		for t, on := range set {
			if on {
				all = append(all, t)
			}
		}
		u.Services = device.SortServices(all)
	})
}

// uiCommands is the grammar of user-interface view.
var uiCommands = []Command{
	{Syntax: "authentication-mode none", Priv: 3, Run: cmdUIAuthMode},
	{Syntax: "authentication-mode password", Priv: 3, Run: cmdUIAuthMode},
	{Syntax: "authentication-mode scheme", Priv: 3, Run: cmdUIAuthMode},
	{Syntax: "undo authentication-mode", Priv: 3, Run: cmdUIAuthMode},
	{Syntax: "protocol inbound all", Priv: 3, Run: cmdUIProtocol},
	{Syntax: "protocol inbound ssh", Priv: 3, Run: cmdUIProtocol},
	{Syntax: "protocol inbound telnet", Priv: 3, Run: cmdUIProtocol},
	{Syntax: "undo protocol inbound", Priv: 3, Run: cmdUIProtocol},
	{Syntax: "user privilege level {level:<0-3>}", Priv: 3, Run: cmdUILevel},
	{Syntax: "undo user privilege level", Priv: 3, Run: cmdUILevel},
	{Syntax: "idle-timeout {min:<0-35791>}", Priv: 2, Run: cmdUIIdle},
	{Syntax: "idle-timeout {min:<0-35791>} {sec:<0-59>}", Priv: 2, Run: cmdUIIdle},
	{Syntax: "undo idle-timeout", Priv: 2, Run: cmdUIIdle},
	{Syntax: "screen-length {n:<0-512>}", Priv: 2, Run: cmdUIScreenLength},
	{Syntax: "undo screen-length", Priv: 2, Run: cmdUIScreenLength},
	{Syntax: "history-command max-size {n:<0-256>}", Priv: 2, Run: cmdUIHistory},
	{Syntax: "undo history-command max-size", Priv: 2, Run: cmdUIHistory},
}

var helpUI = map[string]string{
	"authentication-mode":                       "Login authentication mode",
	"authentication-mode none":                  "Login without checking",
	"authentication-mode password":              "Authentication use password of user terminal interface",
	"authentication-mode scheme":                "Authentication use AAA",
	"undo authentication-mode":                  "Login authentication mode",
	"protocol":                                  "Set user interface protocol",
	"protocol inbound":                          "Set inbound protocol",
	"protocol inbound all":                      "All protocols",
	"protocol inbound ssh":                      "SSH protocol",
	"protocol inbound telnet":                   "Telnet protocol",
	"undo protocol":                             "Set user interface protocol",
	"undo protocol inbound":                     "Set inbound protocol",
	"user":                                      "Specify user's parameters",
	"user privilege":                            "Specify user's privilege",
	"user privilege level":                      "Specify privilege level",
	"user privilege level {level:<0-3>}":        "Privilege level",
	"undo user":                                 "Specify user's parameters",
	"undo user privilege":                       "Specify user's privilege",
	"undo user privilege level":                 "Specify privilege level",
	"idle-timeout":                              "Specify the connection idle timeout for login user",
	"idle-timeout {min:<0-35791>}":              "Specify the idle timeout in minutes for login user",
	"idle-timeout {min:<0-35791>} {sec:<0-59>}": "Specify the idle timeout in seconds for login user",
	"undo idle-timeout":                         "Specify the connection idle timeout for login user",
	"screen-length":                             "Specify the lines displayed on one screen",
	"screen-length {n:<0-512>}":                 "Number of lines on a screen",
	"undo screen-length":                        "Specify the lines displayed on one screen",
	"history-command":                           "Record history command",
	"history-command max-size":                  "Specify the max size of the history buffer",
	"history-command max-size {n:<0-256>}":      "Max size of the history buffer",
	"undo history-command":                      "Record history command",
	"undo history-command max-size":             "Specify the max size of the history buffer",
}

// updateUI changes the settings of every line the view covers.
func (s *Session) updateUI(fn func(ui *device.UserInterface)) error {
	f := s.cur()
	return s.dev.Update(func(c *device.Config) error {
		if f.uiAux {
			fn(&c.AUX)
			return nil
		}
		for i := f.uiFrom; i <= f.uiTo; i++ {
			fn(&c.VTY[i])
		}
		return nil
	})
}

func cmdUIAuthMode(s *Session, a Args) error {
	mode := ""
	for _, m := range []string{"none", "password", "scheme"} {
		if a.Has(m) {
			mode = m
		}
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.AuthMode = mode })
}

func cmdUIProtocol(s *Session, a Args) error {
	p := ""
	for _, m := range []string{"all", "ssh", "telnet"} {
		if a.Has(m) {
			p = m
		}
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.Protocol = p })
}

func cmdUILevel(s *Session, a Args) error {
	level := -1
	if !a.Has("undo") {
		level = a.Int("level")
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.Level = level })
}

func cmdUIIdle(s *Session, a Args) error {
	min, sec := -1, 0
	if !a.Has("undo") {
		min, sec = a.Int("min"), a.Int("sec")
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.IdleMinutes, ui.IdleSeconds = min, sec })
}

func cmdUIScreenLength(s *Session, a Args) error {
	n := -1
	if !a.Has("undo") {
		n = a.Int("n")
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.ScreenLength = n })
}

func cmdUIHistory(s *Session, a Args) error {
	n := -1
	if !a.Has("undo") {
		n = a.Int("n")
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.HistorySize = n })
}
