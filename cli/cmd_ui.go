package cli

import (
	"switchemu/device"
)

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
	{Syntax: "set authentication password simple {pw:STRING<1-16>}", Priv: 3, Run: cmdUIPassword},
	{Syntax: "set authentication password cipher {pw:STRING<1-53>}", Priv: 3, Run: cmdUIPassword},
	{Syntax: "undo set authentication password", Priv: 3, Run: cmdUIPassword},
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
	return s.updateUIOrFail(func(ui *device.UserInterface) error {
		fn(ui)
		return nil
	})
}

// updateUIOrFail changes the settings of every line the view covers, or
// of none if fn refuses any of them.
func (s *Session) updateUIOrFail(fn func(ui *device.UserInterface) error) error {
	f := s.cur()
	return s.dev.Update(func(c *device.Config) error {
		if f.uiAux {
			return fn(&c.AUX)
		}
		for i := f.uiFrom; i <= f.uiTo; i++ {
			if err := fn(&c.VTY[i]); err != nil {
				return err
			}
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
	// The line keeps the rule protocol inbound ssh enforces: an SSH-only
	// line authenticates by scheme, whichever command comes last. One
	// refused line of a range refuses the command for all of them.
	return s.updateUIOrFail(func(ui *device.UserInterface) error {
		if ui.Protocol == "ssh" && protocolNeedsScheme(mode) {
			return userError(msgSSHNeedScheme)
		}
		ui.AuthMode = mode
		return nil
	})
}

func cmdUIProtocol(s *Session, a Args) error {
	p := "" // all, the default
	for _, m := range []string{"ssh", "telnet"} {
		if a.Has(m) {
			p = m
		}
	}
	return s.updateUIOrFail(func(ui *device.UserInterface) error {
		if p == "ssh" && protocolNeedsScheme(ui.AuthMode) {
			return userError(msgSSHNeedScheme)
		}
		ui.Protocol = p
		return nil
	})
}

// cmdUIPassword sets the line password that authentication-mode password
// checks.
func cmdUIPassword(s *Session, a Args) error {
	pw, err := passwordArg(a)
	if err != nil {
		return err
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.Password = pw })
}

func cmdUILevel(s *Session, a Args) error {
	level := -1
	if !a.Has("undo") {
		level = a.Int("level")
	}
	if level == 0 && !s.cur().uiAux {
		level = -1 // the VTY default: not shown in the configuration
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.Level = level })
}

func cmdUIIdle(s *Session, a Args) error {
	min, sec := -1, 0
	if !a.Has("undo") {
		min, sec = a.Int("min"), a.Int("sec")
	}
	if min == 10 && sec == 0 {
		min = -1 // the default: not shown in the configuration
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.IdleMinutes, ui.IdleSeconds = min, sec })
}

func cmdUIScreenLength(s *Session, a Args) error {
	n := -1
	if !a.Has("undo") {
		n = a.Int("n")
	}
	if n == 24 {
		n = -1 // the default: not shown in the configuration
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.ScreenLength = n })
}

func cmdUIHistory(s *Session, a Args) error {
	n := -1
	if !a.Has("undo") {
		n = a.Int("n")
	}
	if n == 10 {
		n = -1 // the default: not shown in the configuration
	}
	return s.updateUI(func(ui *device.UserInterface) { ui.HistorySize = n })
}

// helpUIPassword is the help of set authentication password.
var helpUIPassword = map[string]string{
	"set":                                "Specify the authentication parameters",
	"set authentication":                 "Specify the authentication parameters",
	"set authentication password":        "Specify the password of login authentication",
	"set authentication password simple": "Specify a plaintext password",
	"set authentication password simple {pw:STRING<1-16>}": "Plaintext password string",
	"set authentication password cipher":                   "Specify a ciphertext password",
	"set authentication password cipher {pw:STRING<1-53>}": "Ciphertext password string",
	"undo set":                         "Specify the authentication parameters",
	"undo set authentication":          "Specify the authentication parameters",
	"undo set authentication password": "Specify the password of login authentication",
}

var uiGroup = group{uiCommands, mergeHelp(helpUI, helpUIPassword)}
