package cli

// linkModeCommands: every Ethernet port of the 7906E works in bridge
// mode, and display current-configuration says so with "port link-mode
// bridge"; the command is accepted so that saved configuration replays.
var linkModeCommands = []Command{
	{Syntax: "port link-mode bridge", Priv: 2, Run: cmdPortLinkModeBridge},
}

var helpLinkMode = map[string]string{
	"port":                  "Assign interface to a VLAN",
	"port link-mode":        "Specify the link mode of the Ethernet interface",
	"port link-mode bridge": "Bridge mode",
}

func cmdPortLinkModeBridge(s *Session, a Args) error {
	ifc, ok := s.dev.Snapshot().Interfaces[s.cur().iface]
	if !ok || !ifc.Kind.Bridged() {
		return &ParseError{Kind: Unrecognized, Pos: 0}
	}
	return nil
}

var linkModeGroup = group{linkModeCommands, helpLinkMode}
