package cli

import (
	"strings"
)

// displayCommands are available in every view (reference §10).
var displayCommands = []Command{
	{Syntax: "display history-command", Priv: 1, Run: cmdDisplayHistory},
}

var helpDisplay = map[string]string{
	"display history-command": "Display the history command of current user",
}

func cmdDisplayHistory(s *Session, a Args) error {
	for _, h := range s.hist.list() {
		if err := s.println("  " + h); err != nil {
			return err
		}
	}
	return s.println("  " + strings.TrimSpace(a.Line))
}

var displayGroup = group{displayCommands, helpDisplay}
