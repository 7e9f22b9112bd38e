package cli

import (
	"errors"
	"fmt"
	"os"

	"switchemu/device"
)

// Folders of flash:/: cd, pwd, mkdir, rmdir, in user view. Dialogs and
// messages from a Comware 5.20 capture (HP A-MSR900 R2209, stupin.su
// "HP A-MSR900" notes: "cd testdir" on a missing folder,
// "%Created dir flash:/testdir.", "Rmdir flash:/testdir?[Y/N]:",
// "%Removed directory flash:/testdir."; the blank lines of that page
// between the lines are the page's, not the device's). Failures are [U].
var dirCommands = []Command{
	{Syntax: "cd {dir:STRING<1-255>}", Priv: 3, Run: cmdCd},
	{Syntax: "pwd", Priv: 3, Run: cmdPwd},
	{Syntax: "mkdir {dir:STRING<1-255>}", Priv: 3, Run: cmdMkdir},
	{Syntax: "rmdir {dir:STRING<1-255>}", Priv: 3, Run: cmdRmdir},
}

var helpDirs = map[string]string{
	"cd":                        "Change current directory ",
	"cd {dir:STRING<1-255>}":    "[drive][path] directory name",
	"pwd":                       "Display current working directory ",
	"mkdir":                     "Create a new directory ",
	"mkdir {dir:STRING<1-255>}": "[drive][path] directory name",
	"rmdir":                     "Remove an existing directory ",
	"rmdir {dir:STRING<1-255>}": "[drive][path] directory name",
}

const (
	msgMkdirDoneFmt = "%%Created dir %s."
	msgMkdirFailFmt = "%%Failed to create directory %s." // [U]
	msgRmdirFmt     = "Rmdir %s?[Y/N]:"
	msgRmdirDoneFmt = "%%Removed directory %s."
	msgRmdirFailFmt = "%%Failed to remove directory %s." // [U]: not empty
)

// cmdCd changes the session's current folder; other sessions keep
// theirs.
func cmdCd(s *Session, a Args) error {
	name, ok := s.resolvePath(a.Str("dir"))
	st := s.dev.Store()
	if !ok || st == nil {
		return userError(msgNoSuchFile)
	}
	if fi, err := st.Lookup(name); err != nil || !fi.Dir {
		return userError(msgNoSuchFile)
	}
	s.cwd = name
	return nil
}

// cmdPwd prints the current folder: "flash:" at the top [I: VRP and
// Comware print the bare drive there], "flash:/a/b" below.
func cmdPwd(s *Session, a Args) error {
	if s.cwd == "" {
		return s.println(s.dev.Profile().Files.Storage)
	}
	return s.println(s.display(s.cwd))
}

// cmdMkdir creates a folder; its parent must exist.
func cmdMkdir(s *Session, a Args) error {
	name, ok := s.resolvePath(a.Str("dir"))
	st := s.dev.Store()
	if !ok || st == nil || name == "" {
		return userError(msgNoSuchFile)
	}
	if err := st.Mkdir(name); err != nil {
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, device.ErrBadFileName) {
			return userError(msgNoSuchFile)
		}
		if !errors.Is(err, os.ErrExist) {
			s.log.Error("mkdir failed", "dir", name, "err", err)
		}
		return userError(fmt.Sprintf(msgMkdirFailFmt, s.display(name)))
	}
	return s.println(fmt.Sprintf(msgMkdirDoneFmt, s.display(name)))
}

// cmdRmdir removes an empty folder after asking; what the recycle bin
// kept of it goes too.
func cmdRmdir(s *Session, a Args) error {
	name, ok := s.resolvePath(a.Str("dir"))
	st := s.dev.Store()
	if !ok || st == nil || name == "" {
		return userError(msgNoSuchFile)
	}
	if fi, err := st.Lookup(name); err != nil || !fi.Dir {
		return userError(msgNoSuchFile)
	}
	ok, err := s.confirm(fmt.Sprintf(msgRmdirFmt, s.display(name)))
	if err != nil || !ok {
		return err
	}
	if err := st.Rmdir(name); err != nil {
		if !errors.Is(err, device.ErrNotEmpty) {
			s.log.Error("rmdir failed", "dir", name, "err", err)
		}
		return userError(fmt.Sprintf(msgRmdirFailFmt, s.display(name)))
	}
	if s.cwd == name {
		s.cwd = ""
	}
	return s.println(fmt.Sprintf(msgRmdirDoneFmt, s.display(name)))
}

var dirGroup = group{dirCommands, helpDirs}
