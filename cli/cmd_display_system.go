package cli

import (
	"fmt"
	"strings"
)

// System displays: display logbuffer (reference §5.16) and display
// local-user (§5.18).
var displaySystemCommands = []Command{
	{Syntax: "display logbuffer", Priv: 1, Run: cmdDisplayLogbuffer},
	{Syntax: "display logbuffer summary", Priv: 1, Run: cmdDisplayLogbufferSummary},
	{Syntax: "display local-user", Priv: 1, Run: cmdDisplayLocalUser},
	{Syntax: "display local-user user-name {name:STRING<1-55>}", Priv: 1, Run: cmdDisplayLocalUser},
}

var helpDisplaySystem = map[string]string{
	"display logbuffer":                                "Display the state of the log buffer and the messages in it",
	"display logbuffer summary":                        "Display the summary of the log buffer",
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

// cmdDisplayLogbufferSummary counts the buffered messages by severity,
// one row per board (reference §5.16, [C eli] layout). The messages are
// the active MPU's, the first board of the profile; the other boards
// show zeros.
func cmdDisplayLogbufferSummary(s *Session, a Args) error {
	_, entries := s.dev.LogBuffer()
	var counts [8]int
	for _, e := range entries {
		if e.Level >= 0 && e.Level < len(counts) {
			counts[e.Level]++
		}
	}
	var b strings.Builder
	b.WriteString("  SLOT EMERG ALERT  CRIT ERROR  WARN NOTIF  INFO DEBUG\n")
	for i, bd := range s.dev.Profile().Chassis.Boards {
		fmt.Fprintf(&b, "%6d", bd.Slot)
		for _, n := range counts {
			if i > 0 {
				n = 0
			}
			fmt.Fprintf(&b, "%6d", n)
		}
		b.WriteString("\n")
	}
	return s.printf("%s", b.String())
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
