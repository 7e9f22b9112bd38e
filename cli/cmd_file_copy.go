package cli

import (
	"errors"
	"fmt"
	"path"

	"switchemu/device"
)

// copy, move and rename in user view. Dialogs from a Comware 5.20
// capture (HP A-MSR900 R2209, stupin.su "HP A-MSR900" notes):
// "Copy flash:/startup.cfg to flash:/startup.bak?[Y/N]:", ".",
// "%Copy file flash:/startup.cfg to flash:/startup.bak...Done.";
// "Move ... to ...?[Y/N]:", "%Moved file ... to ....";
// "Rename ... to ...?[Y/N]:", "%Renamed file ... to ....". Failures are
// [U]. A destination that is a folder takes the source's name, as the
// H3C fundamentals command reference says of copy.
var copyCommands = []Command{
	{Syntax: "copy {from:STRING<1-255>} {to:STRING<1-255>}", Priv: 3, Run: cmdCopy},
	{Syntax: "move {from:STRING<1-255>} {to:STRING<1-255>}", Priv: 3, Run: cmdMove},
	{Syntax: "rename {from:STRING<1-255>} {to:STRING<1-255>}", Priv: 3, Run: cmdRename},
}

var helpCopy = map[string]string{
	"copy":                      "Copy from one file to another ",
	"copy {from:STRING<1-255>}": "[drive][path][file name]",
	"copy {from:STRING<1-255>} {to:STRING<1-255>}": "[drive][path][file name]",
	"move":                      "Move the file ",
	"move {from:STRING<1-255>}": "[drive][path][file name]",
	"move {from:STRING<1-255>} {to:STRING<1-255>}": "[drive][path][file name]",
	"rename":                      "Rename a file or directory ",
	"rename {from:STRING<1-255>}": "[drive][path][file name]",
	"rename {from:STRING<1-255>} {to:STRING<1-255>}": "[drive][path][file name]",
}

const (
	msgCopyFmt       = "Copy %s to %s?[Y/N]:"
	msgCopyDoneFmt   = ".\n%%Copy file %s to %s...Done."
	msgCopyFailFmt   = "%%Copy file %s to %s...Failed." // [U]
	msgMoveFmt       = "Move %s to %s?[Y/N]:"
	msgMoveDoneFmt   = "%%Moved file %s to %s."
	msgMoveFailFmt   = "%%Failed to move file %s to %s." // [U]
	msgRenameFmt     = "Rename %s to %s?[Y/N]:"
	msgRenameDoneFmt = "%%Renamed file %s to %s."
	msgRenameFailFmt = "%%Failed to rename file %s to %s." // [U]: the new name is taken
)

// transferNames resolves the source (a plain file, or for rename a
// folder too) and the destination of copy, move and rename.
func (s *Session) transferNames(a Args, folders bool) (from, to string, ok bool) {
	st := s.dev.Store()
	from, ok1 := s.resolvePath(a.Str("from"))
	to, ok2 := s.resolvePath(a.Str("to"))
	if !ok1 || !ok2 || st == nil || from == "" {
		return "", "", false
	}
	fi, err := st.Lookup(from)
	if err != nil || (fi.Dir && !folders) {
		return "", "", false
	}
	if dst, err := st.Lookup(to); err == nil && dst.Dir && !fi.Dir {
		to = path.Join(to, path.Base(from))
	}
	if to == "" {
		return "", "", false
	}
	return from, to, true
}

// cmdCopy copies a file, in one atomic write that must fit in flash:/.
func cmdCopy(s *Session, a Args) error {
	from, to, ok := s.transferNames(a, false)
	if !ok {
		return userError(msgNoSuchFile)
	}
	ok, err := s.confirm(fmt.Sprintf(msgCopyFmt, s.display(from), s.display(to)))
	if err != nil || !ok {
		return err
	}
	if err := s.dev.Store().Copy(from, to); err != nil {
		s.log.Error("copy failed", "from", from, "to", to, "err", err)
		msg := fmt.Sprintf(msgCopyFailFmt, s.display(from), s.display(to))
		if errors.Is(err, device.ErrNoSpace) {
			msg = msgSaveNoSpace + "\n" + msg
		}
		return userError(msg)
	}
	return s.println(fmt.Sprintf(msgCopyDoneFmt, s.display(from), s.display(to)))
}

// cmdMove moves a file, into a folder or to a new name.
func cmdMove(s *Session, a Args) error {
	from, to, ok := s.transferNames(a, false)
	if !ok {
		return userError(msgNoSuchFile)
	}
	ok, err := s.confirm(fmt.Sprintf(msgMoveFmt, s.display(from), s.display(to)))
	if err != nil || !ok {
		return err
	}
	if err := s.dev.Store().Rename(from, to); err != nil {
		s.log.Info("move failed", "from", from, "to", to, "err", err)
		return userError(fmt.Sprintf(msgMoveFailFmt, s.display(from), s.display(to)))
	}
	return s.println(fmt.Sprintf(msgMoveDoneFmt, s.display(from), s.display(to)))
}

// cmdRename renames a file or a folder; the new name must be free (a
// file may replace a file).
func cmdRename(s *Session, a Args) error {
	from, to, ok := s.transferNames(a, true)
	if !ok {
		return userError(msgNoSuchFile)
	}
	ok, err := s.confirm(fmt.Sprintf(msgRenameFmt, s.display(from), s.display(to)))
	if err != nil || !ok {
		return err
	}
	if err := s.dev.Store().Rename(from, to); err != nil {
		s.log.Info("rename failed", "from", from, "to", to, "err", err)
		return userError(fmt.Sprintf(msgRenameFailFmt, s.display(from), s.display(to)))
	}
	if s.cwd == from || len(s.cwd) > len(from) && s.cwd[:len(from)+1] == from+"/" {
		s.cwd = to + s.cwd[len(from):]
	}
	return s.println(fmt.Sprintf(msgRenameDoneFmt, s.display(from), s.display(to)))
}

var copyGroup = group{copyCommands, helpCopy}
