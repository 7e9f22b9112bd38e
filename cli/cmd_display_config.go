package cli

import (
	"fmt"
	"strings"

	"switchemu/device"
	"switchemu/profiles"
)

// displayConfigCommands show the configuration: running, saved, of the
// current view, and the startup files (reference §5.8, §5.17). They are
// available in every view.
var displayConfigCommands = []Command{
	{Syntax: "display current-configuration", Priv: 1, Run: cmdDisplayCurrent},
	{Syntax: "display current-configuration interface", Priv: 1, Run: cmdDisplayCurrentInterface},
	{Syntax: "display current-configuration interface {if:IFNAME}", Priv: 1, Run: cmdDisplayCurrentInterface},
	{Syntax: "display current-configuration configuration local-user", Priv: 1, Run: cmdDisplayCurrentModule},
	{Syntax: "display current-configuration configuration user-interface", Priv: 1, Run: cmdDisplayCurrentModule},
	{Syntax: "display current-configuration configuration vlan", Priv: 1, Run: cmdDisplayCurrentModule},
	{Syntax: "display saved-configuration", Priv: 1, Run: cmdDisplaySaved},
	{Syntax: "display this", Priv: 1, Run: cmdDisplayThis},
	{Syntax: "display startup", Priv: 1, Run: cmdDisplayStartup},
}

var helpDisplayConfig = map[string]string{
	"display current-configuration":                              "Current configuration",
	"display current-configuration interface":                    "Specify interface configuration",
	"display current-configuration interface {if:IFNAME}":        "Interface number",
	"display current-configuration configuration":                "Specify the configuration module",
	"display current-configuration configuration local-user":     "Local user configuration",
	"display current-configuration configuration user-interface": "User interface configuration",
	"display current-configuration configuration vlan":           "VLAN configuration",
	"display saved-configuration":                                "Saved configuration file",
	"display this":                                               "Display the configuration of the current view",
	"display startup":                                            "Startup configuration file",
}

// Messages of the configuration files (reference §5.8, §5.17).
const (
	msgNoConfigFile = " The config file does not exist!"
	msgStartupFmt   = " Current startup saved-configuration file: %s\n" +
		" Next main startup saved-configuration file: %s\n" +
		" Next backup startup saved-configuration file: %s\n"
)

func cmdDisplayCurrent(s *Session, a Args) error {
	_, err := s.Out.Write([]byte(renderConfig(s.dev.Snapshot(), s.dev.Profile())))
	return err
}

// cmdDisplayCurrentInterface prints one interface's section, or every
// interface's, framed by "#" and ending with "return".
func cmdDisplayCurrentInterface(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	var b strings.Builder
	b.WriteString("#\n")
	if arg, ok := a.Get("if"); ok {
		ifc, ok := cfg.Interfaces[arg.Value]
		if !ok {
			return &ParseError{Kind: WrongParam, Pos: arg.Pos}
		}
		b.WriteString(renderInterfaceExtra(ifc, &cfg.Extra, s.dev.Profile().Chassis.NoLinkMode) + "#\n")
	} else {
		for _, ifc := range configInterfaces(cfg) {
			b.WriteString(renderInterfaceExtra(ifc, &cfg.Extra, s.dev.Profile().Chassis.NoLinkMode) + "#\n")
		}
	}
	b.WriteString("return\n")
	_, err := s.Out.Write([]byte(b.String()))
	return err
}

// cmdDisplayCurrentModule prints the sections of one kind.
func cmdDisplayCurrentModule(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	var b strings.Builder
	b.WriteString("#\n")
	switch {
	case a.Has("vlan"):
		b.WriteString(renderVLANs(cfg))
	case a.Has("local-user"):
		b.WriteString(renderLocalUsers(cfg))
	case a.Has("user-interface"):
		b.WriteString(renderUserInterfaces(cfg) + "#\n")
	}
	b.WriteString("return\n")
	_, err := s.Out.Write([]byte(b.String()))
	return err
}

// cmdDisplaySaved prints the next startup file as save wrote it.
func cmdDisplaySaved(s *Session, a Args) error {
	st := s.dev.Store()
	name := s.dev.NextStartup()
	if st == nil || name == "" {
		return userError(msgNoConfigFile)
	}
	data, err := st.ReadFile(name)
	if err != nil {
		return userError(msgNoConfigFile)
	}
	_, err = s.Out.Write(data)
	return err
}

// cmdDisplayThis prints the configuration of the current view, framed by
// "#" lines and ending with "return" (reference §5.8). A user-interface
// view prints every user-interface section; system and user view print
// the global commands.
func cmdDisplayThis(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	f := s.cur()
	var body string
	switch f.kind {
	case viewInterface:
		if ifc, ok := cfg.Interfaces[f.iface]; ok {
			body = renderInterfaceExtra(ifc, &cfg.Extra, s.dev.Profile().Chassis.NoLinkMode) + "#\n"
		}
	case viewConf:
		if sec := cfg.Extra.Section(f.path); sec != nil {
			body = renderConfSection(&cfg.Extra, *sec) + "#\n"
		}
	case viewACL:
		if acl, ok := cfg.ACLs[f.acl]; ok {
			body = renderACL(acl) + "#\n"
		}
	case viewVLAN:
		if v, ok := cfg.VLANs[f.vlan]; ok {
			body = renderVLAN(v) + confLinesAt(&cfg.Extra, fmt.Sprintf("vlan %d", f.vlan), "end", "end") + "#\n"
		}
	case viewLocalUser:
		if u, ok := cfg.Users[f.user]; ok {
			body = renderLocalUser(u) + "#\n"
		}
	case viewUI:
		body = renderUserInterfaces(cfg) + "#\n"
	case viewMSTRegion:
		body = renderSTPRegion(cfg)
	default:
		body = renderGlobals(cfg, s.dev.Profile())
	}
	return s.printf("#\n%sreturn\n", body)
}

// renderGlobals is what display this shows in system view: the global
// commands of renderConfig, each group followed by "#".
func renderGlobals(cfg device.Config, p *profiles.Profile) string {
	var b strings.Builder
	fmt.Fprintf(&b, " version %s, Release %s\n#\n sysname %s\n#\n", p.Version.Version, p.Version.Release, cfg.Sysname)
	renderGlobalParts(&b, cfg, p, false)
	return b.String()
}

// cmdDisplayStartup shows the file the device booted from and the files
// it will boot from (reference §5.17).
func cmdDisplayStartup(s *Session, a Args) error {
	storage := s.dev.Profile().Files.Storage + "/"
	name := func(f string) string {
		if f == "" || !s.fileExists(f) {
			return "NULL"
		}
		return storage + f
	}
	cur := "NULL"
	if f := s.dev.BootFile(); f != "" {
		cur = storage + f
	}
	return s.printf(msgStartupFmt, cur, name(s.dev.NextStartup()), name(s.dev.NextBackup()))
}

var displayConfigGroup = group{displayConfigCommands, helpDisplayConfig}
