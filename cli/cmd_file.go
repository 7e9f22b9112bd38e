package cli

import (
	"errors"
	"fmt"
	"os"
	"path"
	"strings"

	"switchemu/device"
)

// fileCommands manage flash:/ and the startup configuration from user
// view (reference §5.21, §6.7, §6.9, §6.11).
var fileCommands = []Command{
	{Syntax: "dir", Priv: 3, Run: cmdDir},
	{Syntax: "dir {path:STRING<1-255>}", Priv: 3, Run: cmdDir},
	{Syntax: "delete {file:STRING<1-255>}", Priv: 3, Run: cmdDelete},
	{Syntax: "delete /unreserved {file:STRING<1-255>}", Priv: 3, Run: cmdDelete},
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
	"dir":                         "List files on a file system ",
	"dir {path:STRING<1-255>}":    "[drive][path][file name]",
	"delete":                      "Delete a file ",
	"delete {file:STRING<1-255>}": "[drive][path][file name]",
	"delete /unreserved":          "Delete the file permanently",
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

// Dialogs and messages of the file commands.
const (
	msgDirHeadFmt    = "Directory of %s\n\n"
	msgDirEmpty      = "No file found in %s\n"
	msgDirTotalFmt   = "\n%d KB total (%d KB free)\n\n"
	msgDirLegend     = "(*) -with main attribute   (b) -with backup attribute\n(*b) -with both main and backup attribute\n"
	msgDeleteFmt     = "Delete %s%s?[Y/N]:"
	msgDeleteDoneFmt = ".......\n%%Delete file %s%s...Done."
	msgResetSure     = "The saved configuration file will be erased. Are you sure? [Y/N]:"
	msgResetDoneFmt  = "Configuration file in %s is being cleared.\nPlease wait ........\nConfiguration file is cleared."
	msgStartupDone   = "Please wait ....... Done!"
	msgUndoStartup   = " Please wait ...... Done!"
)

// flashName turns "flash:/x.cfg", "flash:x.cfg" or "x.cfg" into "x.cfg";
// ok is false for a path on another drive or in a folder.
func (s *Session) flashName(arg string) (string, bool) {
	drive := s.dev.Profile().Files.Storage
	name := strings.TrimPrefix(arg, drive)
	name = strings.TrimPrefix(name, "/")
	if strings.ContainsAny(name, "/\\:") {
		return "", false
	}
	return name, true
}

// cmdDir lists flash:/ in the V5 layout (reference §5.21). A file name
// or wildcard pattern lists only the files that match.
func cmdDir(s *Session, a Args) error {
	st := s.dev.Store()
	pattern := ""
	if arg, ok := a.Get("path"); ok {
		if arg.Value != "/all" {
			name, ok := s.flashName(arg.Value)
			if !ok {
				return userError(msgNoSuchFile)
			}
			pattern = name
		}
	}
	if st == nil {
		return userError(msgNoSuchFile)
	}
	files, err := st.List()
	if err != nil {
		return err
	}
	main, backup := s.dev.NextStartup(), s.dev.NextBackup()
	var b strings.Builder
	fmt.Fprintf(&b, msgDirHeadFmt, s.storage())
	n := 0
	for i, f := range files {
		if pattern != "" {
			if ok, _ := path.Match(pattern, f.Name); !ok {
				continue
			}
		}
		n++
		b.WriteString(dirLine(i, f, f.Name == main, f.Name == backup))
	}
	if n == 0 && pattern != "" {
		return userError(msgNoSuchFile)
	}
	if n == 0 {
		fmt.Fprintf(&b, msgDirEmpty, s.storage())
	}
	total, free := flashSpace(st, s.dev.Profile().Files.SizeKB)
	fmt.Fprintf(&b, msgDirTotalFmt, total, free)
	b.WriteString(msgDirLegend)
	_, err = s.Out.Write([]byte(b.String()))
	return err
}

// dirLine is one file of dir: index, attribute, mode, size, time, name.
func dirLine(i int, f device.FileInfo, main, backup bool) string {
	attr := ""
	switch {
	case main && backup:
		attr = "(*b)"
	case main:
		attr = "(*)"
	case backup:
		attr = "(b)"
	}
	mode, size := "-rw-", fmt.Sprint(f.Size)
	if f.Dir {
		mode, size = "drw-", "-"
	}
	return fmt.Sprintf("%4d%-5s%s%10s  %s   %s\n", i, attr, mode, size, f.ModTime.Format("Jan 02 2006 15:04:05"), f.Name)
}

// flashSpace returns the size of flash:/ and what is free, in KB.
func flashSpace(st *device.Store, sizeKB int) (total, free int64) {
	total = int64(sizeKB)
	if c := st.Capacity(); c > 0 {
		total = c / 1024
	}
	free = total - (st.Used()+1023)/1024
	return total, max(free, 0)
}

// cmdDelete removes a file after asking (reference §6.11).
func cmdDelete(s *Session, a Args) error {
	name, ok := s.flashName(a.Str("file"))
	st := s.dev.Store()
	if !ok || st == nil || name == "" || !s.fileExists(name) {
		return userError(msgNoSuchFile)
	}
	ok, err := s.confirm(fmt.Sprintf(msgDeleteFmt, s.storage(), name))
	if err != nil || !ok {
		return err
	}
	if err := st.Remove(name); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return userError(msgNoSuchFile)
		}
		s.log.Error("delete failed", "file", name, "err", err)
		return userError(fmt.Sprintf("%%Delete file %s%s...Failed.", s.storage(), name))
	}
	s.dev.ForgetSaved(name)
	return s.println(fmt.Sprintf(msgDeleteDoneFmt, s.storage(), name))
}

// cmdMore prints a file, paged.
func cmdMore(s *Session, a Args) error {
	name, ok := s.flashName(a.Str("file"))
	st := s.dev.Store()
	if !ok || st == nil || name == "" {
		return userError(msgNoSuchFile)
	}
	data, err := st.ReadFile(name)
	if err != nil {
		return userError(msgNoSuchFile)
	}
	_, err = s.Out.Write(data)
	return err
}

// cmdResetSaved erases the next startup file (reference §6.7): the next
// boot uses the factory configuration.
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
	arg, _ := a.Get("file")
	name, ok := s.flashName(arg.Value)
	if !ok || !s.fileExists(name) {
		return userError(msgNoSuchFile)
	}
	if !validConfigName(name) {
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
