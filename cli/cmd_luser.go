package cli

import (
	"strings"

	"switchemu/device"
)

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
	pw, err := passwordArg(a)
	if err != nil {
		return err
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
		if w.Keyword && contains(device.ServiceTypes, w.Name) {
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

var localUserGroup = group{localUserCommands, helpLocalUser}

// passwordArg is the cipher text a password command stores: "" for its
// undo form, the typed cipher text if the device can read it, or the
// typed plain text encrypted.
func passwordArg(a Args) (string, error) {
	pw := a.Str("pw")
	switch {
	case a.Has("undo"):
		return "", nil
	case a.Has("cipher"):
		if !device.ValidCipher(pw) && !legacyCipher(pw) {
			return "", &ParseError{Kind: WrongParam, Pos: a.Position("pw")}
		}
		return pw, nil
	}
	return device.EncryptPassword(pw), nil
}

// legacyCipher reports whether ct has the form of the cipher text of
// releases before the $c$3$ form (24 printable characters ending "!!",
// as real V5 R22xx configurations carry): the device takes it, though
// this model cannot read the password back, so it never matches.
func legacyCipher(ct string) bool {
	if len(ct) != 24 || !strings.HasSuffix(ct, "!!") {
		return false
	}
	for _, r := range ct {
		if r < '!' || r > '~' {
			return false
		}
	}
	return true
}
