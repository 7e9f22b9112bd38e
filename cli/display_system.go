package cli

import (
	"strings"
)

// System displays: display logbuffer (reference §5.16) and display
// local-user (§5.18).
var displaySystemCommands = []Command{
	{Syntax: "display logbuffer", Priv: 1, Run: cmdDisplayLogbuffer},
	{Syntax: "display local-user", Priv: 1, Run: cmdDisplayLocalUser},
	{Syntax: "display local-user user-name {name:STRING<1-55>}", Priv: 1, Run: cmdDisplayLocalUser},
}

var helpDisplaySystem = map[string]string{
	"display logbuffer":                                "Display the state of the log buffer and the messages in it",
	"display local-user":                               "Display local user information",
	"display local-user user-name":                     "Specify the user name",
	"display local-user user-name {name:STRING<1-55>}": "User name",
}

func cmdDisplayLogbuffer(s *Session, a Args) error {
	st, entries := s.dev.LogBuffer()
	state := "enabled"
	if !st.Enabled {
		state = "disabled"
	}
	if err := s.printf("Logging buffer configuration and contents:%s\nAllowed max buffer size : 1024\nActual buffer size : %d\n"+
		"Channel number : 4 , Channel name : logbuffer\nDropped messages : 0\nOverwritten messages : %d\nCurrent messages : %d\n\n",
		state, st.Size, st.Overwritten, st.Current); err != nil {
		return err
	}
	for _, e := range entries {
		if err := s.println(e.Format(e.Sysname)); err != nil {
			return err
		}
	}
	return nil
}

func cmdDisplayLocalUser(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	want := a.Str("name")
	access := map[string]int{}
	for _, l := range s.dev.Logins() {
		access[l.User]++
	}
	n := 0
	for _, u := range cfg.SortedUsers() {
		if want != "" && u.Name != want {
			continue
		}
		n++
		services := strings.Join(u.Services, "/")
		if services == "" {
			services = "-"
		}
		if err := s.printf("The contents of local user %s:\n State:                    Active\n ServiceType:              %s\n"+
			" Access-limit:             Disabled          Current AccessNum: %d\n User-group:               system\n"+
			" Bind attributes:\n Authorization attributes:\n  User Privilege:          %d\n Password-Aging:           Disabled\n",
			u.Name, services, access[u.Name], u.Level); err != nil {
			return err
		}
	}
	if n == 0 {
		return userError(msgNoUserMatched)
	}
	return s.printf("Total %d local user(s) matched.\n", n)
}

const msgNoUserMatched = " The local user does not exist."

var displaySystemGroup = group{displaySystemCommands, helpDisplaySystem}
