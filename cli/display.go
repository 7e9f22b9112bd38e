package cli

import (
	"fmt"
	"strings"
)

// displayCommands are available in every view (reference §10).
var displayCommands = []Command{
	{Syntax: "display current-configuration", Priv: 1, Run: cmdDisplayCurrent},
	{Syntax: "display saved-configuration", Priv: 1, Run: cmdDisplaySaved},
	{Syntax: "display this", Priv: 1, Run: cmdDisplayThis},
	{Syntax: "display history-command", Priv: 1, Run: cmdDisplayHistory},
}

var helpDisplay = map[string]string{
	"display current-configuration": "Current configuration",
	"display saved-configuration":   "Saved configuration file",
	"display this":                  "Display the configuration of the current view",
	"display history-command":       "Display the history command of current user",
}

func cmdDisplayCurrent(s *Session, a Args) error {
	_, err := s.Out.Write([]byte(renderConfig(s.dev.Snapshot(), s.dev.Profile())))
	return err
}

func cmdDisplaySaved(s *Session, a Args) error {
	st := s.dev.Store()
	if st == nil {
		return userError(msgNoConfigFile)
	}
	data, err := st.ReadFile(s.dev.NextStartup())
	if err != nil {
		return userError(msgNoConfigFile)
	}
	_, err = s.Out.Write(data)
	return err
}

func cmdDisplayThis(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	f := s.cur()
	var body string
	switch f.kind {
	case viewInterface:
		body = renderInterface(cfg.Interfaces[f.iface])
	case viewVLAN:
		body = renderVLAN(cfg.VLANs[f.vlan])
	case viewLocalUser:
		body = renderLocalUser(cfg.Users[f.user])
	case viewUI:
		body = renderUserInterfaces(cfg)
	default:
		p := s.dev.Profile()
		body = fmt.Sprintf(" version %s, Release %s\n#\n sysname %s\n", p.Version.Version, p.Version.Release, cfg.Sysname)
		for _, part := range []string{renderTimeZone(cfg), renderSuperPasswords(cfg), renderRoutes(cfg),
			renderStaticTables(cfg), renderInfoCenter(cfg), renderSSH(cfg)} {
			if part != "" {
				body += "#\n" + part
			}
		}
	}
	return s.printf("#\n%s#\nreturn\n", body)
}

func cmdDisplayHistory(s *Session, a Args) error {
	for _, h := range s.hist.list() {
		if err := s.println("  " + h); err != nil {
			return err
		}
	}
	return s.println("  " + strings.TrimSpace(a.Line))
}

const msgNoConfigFile = " The config file does not exist!"

var displayGroup = group{displayCommands, helpDisplay}
