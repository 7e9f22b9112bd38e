package cli

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"switchemu/device"
)

// The save dialogs (reference §6.6). A 7906E has one MPU: the wording is
// the 3Com single-board one, with no "Slot N:" lines.
const (
	msgSaveSure      = "The current configuration will be written to the device. Are you sure? [Y/N]:"
	msgSaveFileFmt   = "Please input the file name(*.cfg)[%s%s]"
	msgSaveFileKeep  = "(To leave the existing filename unchanged, press the enter key):"
	msgSaveExistsFmt = "%s%s exists, overwrite? [Y/N]:"
	msgSaveWait      = "Validating file. Please wait..."
	msgSaveMain      = "The current configuration is saved to the active main board successfully."
	msgSaveDone      = "Configuration is saved to device successfully."
	msgSaveToFmt     = "The current configuration will be saved to %s%s. Continue? [Y/N]:"
	msgSaveNowFmt    = "Now saving current configuration to the device.\nSaving configuration %s%s. Please wait..."
	msgSaveFlash     = "Configuration is saved to flash successfully."
	msgSaveBadName   = "The file name is invalid(does not end with .cfg)!"
	msgSaveFailed    = "Save failed!"
	msgSaveNoSpace   = "No enough space in the device." // [U] V5 wording not captured; the flash is full or the host disk is
	msgSaveNoStorage = "The device has no storage for configuration files."
)

// cmdSave runs the interactive save: confirm, file name, overwrite.
func cmdSave(s *Session, a Args) error {
	if s.replay {
		return errNotInReplay
	}
	ok, err := s.confirm(msgSaveSure)
	if err != nil || !ok {
		return err
	}
	return s.saveDialog()
}

// saveDialog asks for the file name (Enter keeps the next startup file),
// confirms overwriting another existing file, and saves to it as the next
// startup file.
func (s *Session) saveDialog() error {
	storage := s.storage()
	cur := s.dev.NextStartup()
	if cur == "" {
		cur = s.dev.Profile().Files.Startup
	}
	if err := s.println(fmt.Sprintf(msgSaveFileFmt, storage, cur)); err != nil {
		return err
	}
	name, err := s.ask(msgSaveFileKeep)
	if err != nil {
		return err
	}
	if name == "" {
		name = cur
	} else {
		typed, ok := s.resolvePath(name)
		if !ok || !validConfigName(path.Base(typed)) {
			return userError(msgSaveBadName)
		}
		name = typed
		if s.fileExists(name) {
			ok, err := s.confirm(fmt.Sprintf(msgSaveExistsFmt, storage, name))
			if err != nil || !ok {
				return err
			}
		}
	}
	if err := s.println(msgSaveWait); err != nil {
		return err
	}
	if err := s.writeConfig(name, true); err != nil {
		return err
	}
	return s.println(msgSaveMain + "\n" + msgSaveDone)
}

// cmdSaveForce saves to the next startup file without questions.
func cmdSaveForce(s *Session, a Args) error {
	if s.replay {
		return errNotInReplay
	}
	name := s.dev.NextStartup()
	if name == "" {
		name = s.dev.Profile().Files.Startup
	}
	if err := s.println(msgSaveWait); err != nil {
		return err
	}
	if err := s.writeConfig(name, true); err != nil {
		return err
	}
	return s.println(msgSaveDone)
}

// cmdSaveFile saves to a named file without making it the startup file.
func cmdSaveFile(s *Session, a Args) error {
	if s.replay {
		return errNotInReplay
	}
	storage := s.storage()
	name, ok := s.resolvePath(a.Str("file"))
	if !ok || !validConfigName(path.Base(name)) {
		return userError(msgSaveBadName)
	}
	ok, err := s.confirm(fmt.Sprintf(msgSaveToFmt, storage, name))
	if err != nil || !ok {
		return err
	}
	if s.fileExists(name) {
		ok, err := s.confirm(fmt.Sprintf(msgSaveExistsFmt, storage, name))
		if err != nil || !ok {
			return err
		}
	}
	if err := s.println(fmt.Sprintf(msgSaveNowFmt, storage, name)); err != nil {
		return err
	}
	if err := s.writeConfig(name, false); err != nil {
		return err
	}
	return s.println(msgSaveFlash)
}

// errNotInReplay refuses commands that make no sense inside a
// configuration file (a startup file that saves itself).
var errNotInReplay = &ParseError{Kind: Unrecognized, Pos: 0}

// validConfigName reports whether name can be a configuration file of
// flash:/: a plain file name ending in .cfg.
func validConfigName(name string) bool {
	return len(name) > len(".cfg") && strings.HasSuffix(strings.ToLower(name), ".cfg") &&
		!strings.ContainsAny(name, "/\\:*?\"<>| ") && !strings.HasPrefix(name, ".")
}

// storage is "flash:/".
func (s *Session) storage() string { return s.dev.Profile().Files.Storage + "/" }

func (s *Session) fileExists(name string) bool {
	st := s.dev.Store()
	if st == nil {
		return false
	}
	_, err := st.ReadFile(name)
	return err == nil
}

// writeConfig renders the running configuration into file name; with
// startup set the file becomes the next startup file. The write is atomic:
// a failure (read-only or full flash) leaves the old file whole and the
// running configuration untouched, and prints the device's message.
func (s *Session) writeConfig(name string, startup bool) error {
	st := s.dev.Store()
	if st == nil {
		return userError(msgSaveNoStorage)
	}
	cfg, gen := s.dev.SnapshotForSave()
	text := renderConfig(cfg, s.dev.Profile())
	if err := st.WriteFile(name, []byte(text)); err != nil {
		s.log.Error("save failed", "file", name, "err", err)
		if errors.Is(err, device.ErrNoSpace) {
			return userError(msgSaveNoSpace + "\n" + msgSaveFailed)
		}
		return userError(msgSaveFailed)
	}
	if startup {
		if err := s.dev.SetNextStartup(name); err != nil {
			s.log.Error("save: set next startup file", "file", name, "err", err)
			return userError(msgSaveFailed)
		}
	}
	if name == s.dev.NextStartup() {
		s.dev.MarkSaved(gen, name)
	}
	s.dev.Log("CFGMAN", 5, "CFGMAN_CFGCHANGED", " The configuration was saved to "+s.storage()+name+".")
	return nil
}
