package cli

import (
	"errors"
	"fmt"
	"os"
	"path"
	"sort"
	"strings"

	"switchemu/device"
)

// fileCommands manage flash:/ and the startup configuration from user
// view (reference §5.21, §6.7, §6.9, §6.11). Folders (cd, pwd, mkdir,
// rmdir) are in cmd_file_dirs.go, copy, move and rename in
// cmd_file_copy.go, paths in file_path.go.
var fileCommands = []Command{
	{Syntax: "dir", Priv: 3, Run: cmdDir},
	{Syntax: "dir {path:STRING<1-255>}", Priv: 3, Run: cmdDir},
	{Syntax: "dir /all", Priv: 3, Run: cmdDir},
	{Syntax: "dir /all {path:STRING<1-255>}", Priv: 3, Run: cmdDir},
	{Syntax: "delete {file:STRING<1-255>}", Priv: 3, Run: cmdDelete},
	{Syntax: "delete /unreserved {file:STRING<1-255>}", Priv: 3, Run: cmdDelete},
	{Syntax: "undelete {file:STRING<1-255>}", Priv: 3, Run: cmdUndelete},
	{Syntax: "reset recycle-bin", Priv: 3, Run: cmdResetRecycleBin},
	{Syntax: "reset recycle-bin /force", Priv: 3, Run: cmdResetRecycleBin},
	{Syntax: "more {file:STRING<1-255>}", Priv: 3, Run: cmdMore},
	{Syntax: "reset saved-configuration", Priv: 3, Run: cmdResetSaved},
	{Syntax: "reset saved-configuration main", Priv: 3, Run: cmdResetSaved},
	{Syntax: "reset saved-configuration backup", Priv: 3, Run: cmdResetSaved},
	{Syntax: "startup saved-configuration {file:STRING<1-255>}", Priv: 3, Run: cmdStartupSaved},
	{Syntax: "startup saved-configuration {file:STRING<1-255>} main", Priv: 3, Run: cmdStartupSaved},
	{Syntax: "startup saved-configuration {file:STRING<1-255>} backup", Priv: 3, Run: cmdStartupSaved},
	{Syntax: "undo startup saved-configuration", Priv: 3, Run: cmdUndoStartupSaved},
	{Syntax: "undo startup saved-configuration main", Priv: 3, Run: cmdUndoStartupSaved},
	{Syntax: "undo startup saved-configuration backup", Priv: 3, Run: cmdUndoStartupSaved},
}

var helpFile = map[string]string{
	"dir":                                     "List files on a file system ",
	"dir {path:STRING<1-255>}":                "[drive][path][file name]",
	"dir /all":                                "List all files",
	"dir /all {path:STRING<1-255>}":           "[drive][path][file name]",
	"delete":                                  "Delete a file ",
	"delete {file:STRING<1-255>}":             "[drive][path][file name]",
	"delete /unreserved":                      "Delete the file permanently",
	"undelete":                                "Recover a deleted file ",
	"undelete {file:STRING<1-255>}":           "[drive][path][file name]",
	"reset recycle-bin":                       "Clear the recycle bin",
	"reset recycle-bin /force":                "Delete the files in the recycle bin without asking", // [U] help text
	"delete /unreserved {file:STRING<1-255>}": "[drive][path][file name]",
	"more":                             "Display the contents of a file ",
	"more {file:STRING<1-255>}":        "[drive][path][file name]",
	"reset":                            "Reset operation",
	"reset saved-configuration":        "Reset saved configuration",
	"reset saved-configuration main":   "Reset main saved configuration",
	"reset saved-configuration backup": "Reset backup saved configuration",
	"startup":                          "Specify system startup parameters ",
	"startup saved-configuration":      "Specify the configuration file for the next startup",
	"startup saved-configuration {file:STRING<1-255>}":        "Configuration file name (*.cfg)",
	"startup saved-configuration {file:STRING<1-255>} main":   "Specify the main startup configuration file",
	"startup saved-configuration {file:STRING<1-255>} backup": "Specify the backup startup configuration file",
	"undo":                                    "Cancel current setting",
	"undo startup":                            "Specify system startup parameters",
	"undo startup saved-configuration":        "Specify the configuration file for the next startup",
	"undo startup saved-configuration main":   "Specify the main startup configuration file",
	"undo startup saved-configuration backup": "Specify the backup startup configuration file",
}

// Dialogs and messages of the file commands. delete is [C] (reference
// §6.11); the /unreserved warning is [U] (H3C V5 fundamentals command
// reference, from memory). undelete follows the VRP capture of the same
// dialog (Comware V5 shares VRP's file system) [I]; its overwrite
// question is [U]. reset recycle-bin is [U] (H3C V5 command reference,
// from memory: one question per file, "~" the bin's folder).
const (
	msgDirHeadFmt      = "Directory of %s\n\n"
	msgDirEmpty        = "No file found in %s\n"
	msgDirTotalFmt     = "\n%d KB total (%d KB free)\n\n"
	msgDirLegend       = "(*) -with main attribute   (b) -with backup attribute\n(*b) -with both main and backup attribute\n"
	msgDeleteFmt       = "Delete %s?[Y/N]:"
	msgDeleteForgoFmt  = "The contents cannot be recovered!!! Delete %s?[Y/N]:"
	msgDeleteDoneFmt   = ".......\n%%Delete file %s...Done."
	msgDeleteFailFmt   = "%%Delete file %s...Failed."
	msgUndeleteFmt     = "Undelete %s?[Y/N]:"
	msgUndeleteOverFmt = "The file %s exists. Overwrite it?[Y/N]:"
	msgUndeleteDoneFmt = "%%Undeleted file %s."
	msgUndeleteFailFmt = "%%Failed to undelete file %s."
	msgClearFmt        = "Clear %s ?[Y/N]:"
	msgClearDoneFmt    = "%%Cleared file %s..."
	msgResetSure       = "The saved configuration file will be erased. Are you sure? [Y/N]:"
	msgResetDoneFmt    = "Configuration file in %s is being cleared.\nPlease wait ........\nConfiguration file is cleared."
	msgStartupDone     = "Please wait ....... Done!"
	msgUndoStartup     = " Please wait ...... Done!"
)

// dirEntry is one line of dir: a live entry or, with /all, a file of
// the recycle bin (shown in brackets).
type dirEntry struct {
	device.FileInfo
	recycled bool
}

// cmdDir lists a folder of flash:/ in the V5 layout (reference §5.21).
// A file name or wildcard pattern lists the files of its folder that
// match; /all adds the files of the recycle bin, in brackets.
func cmdDir(s *Session, a Args) error {
	st := s.dev.Store()
	if st == nil {
		return userError(msgNoSuchFile)
	}
	all := a.Has("/all")
	dir, pattern := s.cwd, ""
	if arg, ok := a.Get("path"); ok {
		if arg.Value == "/all" {
			all = true
		} else {
			name, ok := s.resolvePath(arg.Value)
			if !ok {
				return userError(msgNoSuchFile)
			}
			if fi, err := st.Lookup(name); err == nil && fi.Dir {
				dir = name
			} else {
				dir, pattern = path.Split(name)
				dir = strings.TrimSuffix(dir, "/")
				if fi, err := st.Lookup(dir); err != nil || !fi.Dir {
					return userError(msgNoSuchFile)
				}
			}
		}
	}
	live, err := st.ReadDir(dir)
	if err != nil {
		return userError(msgNoSuchFile)
	}
	var entries []dirEntry
	for _, f := range live {
		entries = append(entries, dirEntry{FileInfo: f})
	}
	if all {
		bin, err := st.Recycled(dir)
		if err != nil {
			return err
		}
		for _, f := range bin {
			entries = append(entries, dirEntry{FileInfo: f, recycled: true})
		}
		sort.SliceStable(entries, func(i, j int) bool { return entries[i].Name < entries[j].Name })
	}
	main, backup := s.dev.NextStartup(), s.dev.NextBackup()
	var b strings.Builder
	fmt.Fprintf(&b, msgDirHeadFmt, s.folderLabel(dir))
	n := 0
	for i, e := range entries {
		if pattern != "" {
			if ok, _ := path.Match(pattern, e.Name); !ok {
				continue
			}
		}
		n++
		full := path.Join(dir, e.Name)
		live := !e.recycled
		b.WriteString(dirLine(i, e, live && full == main, live && full == backup))
	}
	if n == 0 && pattern != "" {
		return userError(msgNoSuchFile)
	}
	if n == 0 {
		fmt.Fprintf(&b, msgDirEmpty, s.folderLabel(dir))
	}
	total, free := flashSpace(st, s.dev.Profile().Files.SizeKB)
	fmt.Fprintf(&b, msgDirTotalFmt, total, free)
	b.WriteString(msgDirLegend)
	_, err = s.Out.Write([]byte(b.String()))
	return err
}

// dirLine is one entry of dir: index, attribute, mode, size, time, name
// (in brackets for a file of the recycle bin, as dir /all shows it [U:
// layout of the bracketed name from memory of H3C V5 manuals]).
func dirLine(i int, e dirEntry, main, backup bool) string {
	attr := ""
	switch {
	case main && backup:
		attr = "(*b)"
	case main:
		attr = "(*)"
	case backup:
		attr = "(b)"
	}
	mode, size := "-rw-", fmt.Sprint(e.Size)
	if e.Dir {
		mode, size = "drw-", "-"
	}
	name := e.Name
	if e.recycled {
		name = "[" + name + "]"
	}
	return fmt.Sprintf("%4d%-5s%s%10s  %s   %s\n", i, attr, mode, size, e.ModTime.Format("Jan 02 2006 15:04:05"), name)
}

// flashSpace returns the size of flash:/ and what is free, in KB. Files
// in the recycle bin take space until reset recycle-bin.
func flashSpace(st *device.Store, sizeKB int) (total, free int64) {
	total = int64(sizeKB)
	if c := st.Capacity(); c > 0 {
		total = c / 1024
	}
	free = total - (st.Used()+1023)/1024
	return total, max(free, 0)
}

// liveFile resolves arg to a plain file of flash:/.
func (s *Session) liveFile(arg string) (string, bool) {
	name, ok := s.resolvePath(arg)
	st := s.dev.Store()
	if !ok || st == nil || name == "" {
		return "", false
	}
	if _, err := st.Stat(name); err != nil {
		return "", false
	}
	return name, true
}

// cmdDelete moves a file to the recycle bin after asking (reference
// §6.11); with /unreserved it is gone for good.
func cmdDelete(s *Session, a Args) error {
	name, ok := s.liveFile(a.Str("file"))
	if !ok {
		return userError(msgNoSuchFile)
	}
	forgo := a.Has("/unreserved")
	q := msgDeleteFmt
	if forgo {
		q = msgDeleteForgoFmt
	}
	ok, err := s.confirm(fmt.Sprintf(q, s.display(name)))
	if err != nil || !ok {
		return err
	}
	st := s.dev.Store()
	if forgo {
		err = st.Remove(name)
	} else {
		err = st.Recycle(name)
	}
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return userError(msgNoSuchFile)
		}
		s.log.Error("delete failed", "file", name, "err", err)
		return userError(fmt.Sprintf(msgDeleteFailFmt, s.display(name)))
	}
	s.dev.ForgetSaved(name)
	return s.println(fmt.Sprintf(msgDeleteDoneFmt, s.display(name)))
}

// cmdUndelete brings a file back from the recycle bin, asking first, and
// again if a file of that name exists.
func cmdUndelete(s *Session, a Args) error {
	name, ok := s.resolvePath(a.Str("file"))
	st := s.dev.Store()
	if !ok || st == nil || name == "" || !st.InRecycleBin(name) {
		return userError(msgNoSuchFile)
	}
	ok, err := s.confirm(fmt.Sprintf(msgUndeleteFmt, s.display(name)))
	if err != nil || !ok {
		return err
	}
	if _, err := st.Stat(name); err == nil {
		ok, err := s.confirm(fmt.Sprintf(msgUndeleteOverFmt, s.display(name)))
		if err != nil || !ok {
			return err
		}
	}
	if err := st.Restore(name); err != nil {
		s.log.Error("undelete failed", "file", name, "err", err)
		return userError(fmt.Sprintf(msgUndeleteFailFmt, s.display(name)))
	}
	return s.println(fmt.Sprintf(msgUndeleteDoneFmt, s.display(name)))
}

// cmdResetRecycleBin removes for good the files deleted from the current
// folder, asking for each unless /force (each folder has its own bin, as
// on VRP-derived file systems [I]).
func cmdResetRecycleBin(s *Session, a Args) error {
	st := s.dev.Store()
	if st == nil {
		return userError(msgNoSuchFile)
	}
	files, err := st.Recycled(s.cwd)
	if err != nil {
		return err
	}
	for _, f := range files {
		name := path.Join(s.cwd, f.Name)
		if !a.Has("/force") {
			ok, err := s.confirm(fmt.Sprintf(msgClearFmt, s.binLabel(name)))
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
		}
		if err := st.Purge(name); err != nil {
			s.log.Error("reset recycle-bin", "file", name, "err", err)
			return userError(msgCommandFailed)
		}
		if err := s.println(fmt.Sprintf(msgClearDoneFmt, s.binLabel(name))); err != nil {
			return err
		}
	}
	return nil
}

// cmdMore prints a file, paged.
func cmdMore(s *Session, a Args) error {
	name, ok := s.liveFile(a.Str("file"))
	if !ok {
		return userError(msgNoSuchFile)
	}
	data, err := s.dev.Store().ReadFile(name)
	if err != nil {
		return userError(msgNoSuchFile)
	}
	_, err = s.Out.Write(data)
	return err
}

// cmdResetSaved erases the next startup file (reference §6.7): the next
// boot uses the factory configuration. The file is gone for good, not
// in the recycle bin.
func cmdResetSaved(s *Session, a Args) error {
	name := s.dev.NextStartup()
	if a.Has("backup") {
		name = s.dev.NextBackup()
	}
	ok, err := s.confirm(msgResetSure)
	if err != nil || !ok {
		return err
	}
	st := s.dev.Store()
	if st == nil || name == "" || !s.fileExists(name) {
		return userError(msgNoConfigFile)
	}
	if err := st.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
		s.log.Error("reset saved-configuration", "file", name, "err", err)
		return userError(msgCommandFailed)
	}
	s.dev.ForgetSaved(name)
	return s.println(fmt.Sprintf(msgResetDoneFmt, s.dev.Profile().Files.Storage))
}

// cmdStartupSaved chooses the file the next boot reads (reference §6.9).
func cmdStartupSaved(s *Session, a Args) error {
	name, ok := s.liveFile(a.Str("file"))
	if !ok {
		return userError(msgNoSuchFile)
	}
	if !validConfigName(path.Base(name)) {
		return userError(msgSaveBadName)
	}
	set := s.dev.SetNextStartup
	if a.Has("backup") {
		set = s.dev.SetNextBackup
	}
	if err := set(name); err != nil {
		return err
	}
	return s.println(msgStartupDone)
}

// cmdUndoStartupSaved clears the next startup file: the device will boot
// with the factory configuration.
func cmdUndoStartupSaved(s *Session, a Args) error {
	set := s.dev.SetNextStartup
	if a.Has("backup") {
		set = s.dev.SetNextBackup
	}
	if err := set(""); err != nil {
		return err
	}
	return s.println(msgUndoStartup)
}

var fileGroup = group{fileCommands, helpFile}
