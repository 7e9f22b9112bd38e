package cli

import (
	"fmt"
	"strconv"
)

// userCommands is the grammar of user view (<Sysname>).
var userCommands = []Command{
	{Syntax: "system-view", Priv: 2, Run: cmdSystemView},
	{Syntax: "screen-length disable", Priv: 1, Run: cmdScreenLengthDisable},
	{Syntax: "undo screen-length disable", Priv: 1, Run: cmdScreenLengthEnable},
	{Syntax: "super", Priv: 0, Run: cmdSuper},
	{Syntax: "super {level:<0-3>}", Priv: 0, Run: cmdSuper},
	{Syntax: "terminal monitor", Priv: 1, Run: cmdTerminalMonitor},
	{Syntax: "undo terminal monitor", Priv: 1, Run: cmdTerminalMonitor},
}

var helpUser = map[string]string{
	"system-view":                "Enter the System View",
	"screen-length":              "Specify the lines displayed on one screen",
	"screen-length disable":      "Disable the multiple-screen output function",
	"undo screen-length":         "Specify the lines displayed on one screen",
	"undo screen-length disable": "Enable the multiple-screen output function",
	"super":                      "Set the current user priority level ",
	"super {level:<0-3>}":        "Priority level",
	"terminal":                   "Set the terminal line characteristics ",
	"terminal monitor":           "Send debug/log/trap information to current terminal",
	"undo terminal":              "Set the terminal line characteristics",
	"undo terminal monitor":      "Send debug/log/trap information to current terminal",
}

func cmdSystemView(s *Session, a Args) error {
	s.push(frame{kind: viewSystem})
	return s.println(msgSystemView)
}

func cmdScreenLengthDisable(s *Session, a Args) error {
	s.pagingOff = true
	return s.println(msgScreenLengthOff)
}

func cmdScreenLengthEnable(s *Session, a Args) error {
	s.pagingOff = false
	return nil
}

// cmdQuit leaves the current view; in user view it ends the session.
func cmdQuit(s *Session, a Args) error {
	if len(s.stack) == 1 {
		return errEndSession
	}
	s.stack = s.stack[:len(s.stack)-1]
	return nil
}

// cmdSuper raises (or lowers) the session's privilege level.
func cmdSuper(s *Session, a Args) error {
	level := 3
	if _, ok := a.Get("level"); ok {
		level = a.Int("level")
	}
	if level > s.level {
		ct, ok := s.dev.Snapshot().SuperPasswords[level]
		if !ok {
			return userError(msgSuperNoPassword)
		}
		if s.in == nil {
			return userError(msgSuperBadPassword)
		}
		s.t.text(msgSuperPrompt)
		pw, ev, err := s.readAnswer("", true)
		if err != nil {
			return err
		}
		if ev != lineEnter {
			return nil
		}
		if !checkCipher(ct, pw) {
			s.failedLoginWait()
			return userError(msgSuperBadPassword)
		}
	}
	s.level = level
	s.dev.SetVTYLevel(s.info.Line, level)
	return s.println(fmt.Sprintf(msgSuperLevelFmt, level))
}

// returnGroup goes straight back to user view from any view below it.
var returnGroup = group{[]Command{{Syntax: "return", Priv: 0, Run: func(s *Session, a Args) error {
	s.toUserView()
	return nil
}}}, map[string]string{"return": "Exit to User View"}}

// anyViewCommands are available in every view.
var anyViewCommands = []Command{
	{Syntax: "quit", Priv: 0, Run: cmdQuit},
	{Syntax: "save", Priv: 2, Run: cmdSave},
	{Syntax: "save force", Priv: 2, Run: cmdSaveForce},
	{Syntax: "save {file:STRING<1-255>}", Priv: 2, Run: cmdSaveFile},
}

var helpAny = map[string]string{
	"quit":                      "Exit from current command view",
	"return":                    "Exit to User View",
	"save":                      "Save current configuration",
	"save force":                "Save configuration without prompting",
	"save {file:STRING<1-255>}": "Name of the file (*.cfg)",
	"display":                   "Display current system information",
	"undo":                      "Cancel current setting",
}

// itoa is strconv.Itoa, short for handlers.
func itoa(n int) string { return strconv.Itoa(n) }

var userGroup = group{userCommands, helpUser}

var anyViewGroup = group{anyViewCommands, helpAny}
