package cli

import (
	"strings"
)

// The user-visible strings of the Comware V5 dialect, verbatim from
// the project's Comware V5 CLI reference (comware-v5-cli.md). Handlers print these; Go error
// text never reaches the user.
const (
	msgSystemView       = "System View: return to User View with Ctrl+Z."
	msgScreenLengthOff  = "% Screen-length configuration is disabled for current user."
	msgNewLocalUser     = "New local user added."
	msgSSHEnabled       = "Info: Enable SSH server."
	msgSSHDisabled      = "Info: Disable SSH server."
	msgNoSuchFile       = "% Such file or path doesn't exist."
	msgYesNoAgain       = "Before pressing ENTER you must choose 'YES' or 'NO'[Y/N]:"
	msgCommandFailed    = " Error: The command could not be executed."
	msgVLANNotExist     = " Error: The VLAN does not exist."
	msgDefaultVLANUndo  = " Error: The default VLAN can not be deleted."
	msgUserNotExist     = " Error: The user does not exist."
	msgSuperNoPassword  = " % Password is not set."
	msgSuperBadPassword = " % Password is not correct."
	msgSuperPrompt      = " Password:"
	msgSuperLevelFmt    = "User privilege level is %d, and only those commands can be used \nwhose level is equal or less than this.\nPrivilege note: 0-VISIT, 1-MONITOR, 2-SYSTEM, 3-MANAGE"
)

// parseMessages are the texts of the five parse errors (reference §3.5).
var parseMessages = [...]string{
	Unrecognized: "% Unrecognized command found at '^' position.",
	Incomplete:   "% Incomplete command found at '^' position.",
	Ambiguous:    "% Ambiguous command found at '^' position.",
	TooMany:      "% Too many parameters found at '^' position.",
	WrongParam:   "% Wrong parameter found at '^' position.",
}

// renderParseError draws the caret line under the echoed command (the
// caret column counts the prompt) and the message with one leading space.
func renderParseError(e *ParseError, promptLen int) string {
	return strings.Repeat(" ", promptLen+e.Pos) + "^\n " + parseMessages[e.Kind] + "\n"
}

// userError is an error whose text is what the device prints.
type userError string

func (e userError) Error() string { return string(e) }
