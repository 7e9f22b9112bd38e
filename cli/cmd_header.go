package cli

import (
	"strings"

	"switchemu/device"
)

// Banners: header incoming|legal|login|motd|shell, typed on one line
// ("%text%") or over several after the delimiter dialog (bannerDialog in
// cmd_mgmt.go), kept in device.Config.Headers and shown at login:
// telnetd prints legal (with its question), motd and login before the
// login dialog; over SSH, whose authentication is the protocol's, the
// shell prints legal and motd after the copyright banner; both print
// shell after login (showLoginHeaders).
//
// Source: 3Com MSR 30/50 Command Reference, "header": header { incoming
// | legal | login | motd | shell } text, "Input banner text, and quit
// with the character '%'."; 3Com Router 3000 Command Reference: "The
// motd banner is displayed when a user just logs in ... before login
// authentication. The login banner is displayed only when login
// authentication is set to password or scheme. It is displayed after
// the motd banner ... The shell banner is displayed after a user session
// is established."; HP 5120 EI Configuration Guide (Comware 5.20),
// "Configuring banners": the legal banner follows the copyright
// information and waits for the user to confirm: Y or Enter goes on, N
// quits. Up to 2000 characters. The configuration prints the banners
// after the command aliases (testdata/realconfigs, a public template:
// " header login ^" / text / "^").
var headerCommands = []Command{
	{Syntax: "header incoming {text:LINE<1-2000>}", Priv: 2, Run: cmdHeader},
	{Syntax: "header legal {text:LINE<1-2000>}", Priv: 2, Run: cmdHeader},
	{Syntax: "header login {text:LINE<1-2000>}", Priv: 2, Run: cmdHeader},
	{Syntax: "header motd {text:LINE<1-2000>}", Priv: 2, Run: cmdHeader},
	{Syntax: "header shell {text:LINE<1-2000>}", Priv: 2, Run: cmdHeader},
	{Syntax: "undo header incoming", Priv: 2, Run: cmdHeader},
	{Syntax: "undo header legal", Priv: 2, Run: cmdHeader},
	{Syntax: "undo header login", Priv: 2, Run: cmdHeader},
	{Syntax: "undo header motd", Priv: 2, Run: cmdHeader},
	{Syntax: "undo header shell", Priv: 2, Run: cmdHeader},
}

var helpHeader = map[string]string{
	"header":                              "Specify the login banner",
	"header incoming":                     "Specify the banner displayed when a modem user logs in",
	"header legal":                        "Specify the authorization information before login",
	"header login":                        "Specify the banner displayed at login authentication",
	"header motd":                         "Specify the banner displayed before login",
	"header shell":                        "Specify the banner displayed when a session is set up",
	"undo header":                         "Specify the login banner",
	"undo header incoming":                "Specify the banner displayed when a modem user logs in",
	"undo header legal":                   "Specify the authorization information before login",
	"undo header login":                   "Specify the banner displayed at login authentication",
	"undo header motd":                    "Specify the banner displayed before login",
	"undo header shell":                   "Specify the banner displayed when a session is set up",
	"header incoming {text:LINE<1-2000>}": "Banner text, starting and ending with the same character",
	"header legal {text:LINE<1-2000>}":    "Banner text, starting and ending with the same character",
	"header login {text:LINE<1-2000>}":    "Banner text, starting and ending with the same character",
	"header motd {text:LINE<1-2000>}":     "Banner text, starting and ending with the same character",
	"header shell {text:LINE<1-2000>}":    "Banner text, starting and ending with the same character",
}

var headerGroup = group{headerCommands, helpHeader}

func cmdHeader(s *Session, a Args) error {
	kind := ""
	for _, k := range device.HeaderKinds {
		if a.Has(k) {
			kind = k
		}
	}
	if a.Has("undo") {
		return s.dev.Update(func(c *device.Config) error {
			c.SetHeader(kind, "")
			return nil
		})
	}
	words := []string{"header", kind, a.Str("text")}
	if !s.replay {
		var err error
		if words, err = bannerDialog(s, words); err != nil {
			return err
		}
	}
	if !closedBanner(words) {
		return &ParseError{Kind: WrongParam, Pos: a.Position("text")}
	}
	text := words[2]
	return s.dev.Update(func(c *device.Config) error {
		c.SetHeader(kind, text)
		return nil
	})
}

// renderHeaders prints the banners' block, "" when none is set.
func renderHeaders(cfg device.Config) string {
	var b strings.Builder
	for _, h := range cfg.Headers {
		b.WriteString(" header " + h.Kind + " " + h.Raw + "\n")
	}
	if b.Len() == 0 {
		return ""
	}
	return b.String() + "#\n"
}

// msgLegalContinue is the legal banner's question [U: the Comware 7
// wording Netmiko answers (reference §2.1); the V5 guides describe the
// same Y / Enter / N choice].
const msgLegalContinue = " Press Y or ENTER to continue, N to exit."

// showLoginHeaders prints what a session shows before its first prompt:
// for a session whose transport printed no login dialog (SSH; telnet with
// authentication-mode none), the legal banner and its question and the
// motd banner; then the shell banner. It returns false if the user
// declined the legal banner.
func (s *Session) showLoginHeaders(dialogShown bool) bool {
	cfg := s.dev.View()
	show := func(kind string) {
		if text := device.HeaderShown(cfg.HeaderRaw(kind)); text != "" {
			s.t.text(text + "\n\n")
		}
	}
	if !dialogShown {
		if text := device.HeaderShown(cfg.HeaderRaw("legal")); text != "" {
			s.t.text(text + "\n")
			answer, err := s.ask(msgLegalContinue)
			s.t.text("\n")
			if err != nil || strings.EqualFold(answer, "n") {
				return false
			}
		}
		show("motd")
	}
	show("shell")
	return true
}
