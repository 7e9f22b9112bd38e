package cli

import "fmt"

// free user-interface vty N ends the session on another VTY line (user
// view, level 3). Syntax from the H3C Comware V5 Fundamentals Command
// Reference, "Login commands": free user-interface { num1 | { aux | vty }
// num2 } (later releases keep it beside free line, e.g. the H3C S7500E
// Fundamentals Command Reference, Login management commands,
// https://www.h3c.com/en/d_201601/914114_294551_0.htm); the user view help
// line "free  Clear user terminal interface" is in reference §2
// (comware-v5-cli.md). The device refuses to free the
// caller's own line. Only the VTY form is served: an emulated device has
// no console session to free.
var freeCommands = []Command{
	{Syntax: "free user-interface vty {n:<0-15>}", Priv: 3, Run: cmdFreeVTY},
}

var helpFree = map[string]string{
	"free":                               "Clear user terminal interface",
	"free user-interface":                "Specify user terminal interface", // [U]
	"free user-interface vty":            "Virtual type terminal (VTY) user interface",
	"free user-interface vty {n:<0-15>}": "Number of the user interface", // [U]
}

var freeGroup = group{freeCommands, helpFree}

// The dialog. [U]: recalled from the V5 command reference's example
// ("Are you sure to free user-interface vty1 [Y/N]? y" then "[OK]"); the
// refusals are not in the reference.
const (
	msgFreeSureFmt = "Are you sure to free user-interface vty%d [Y/N]?"
	msgFreeOK      = "[OK]"
	msgFreeSelf    = "% The current user interface cannot be freed." // [U]
	msgFreeIdleFmt = "%% User interface vty%d is not in use."        // [U]
)

func cmdFreeVTY(s *Session, a Args) error {
	n := a.Int("n")
	if n == s.info.Line {
		return userError(msgFreeSelf)
	}
	if !s.dev.VTYInUse(n) {
		return userError(fmt.Sprintf(msgFreeIdleFmt, n))
	}
	ok, err := s.confirm(fmt.Sprintf(msgFreeSureFmt, n))
	if err != nil || !ok {
		return err
	}
	s.dev.FreeVTY(n)
	return s.println(msgFreeOK)
}
