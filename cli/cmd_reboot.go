package cli

import (
	"switchemu/device"
)

// rebootCommands restart the device from user view (reference §6.8).
var rebootCommands = []Command{
	{Syntax: "reboot", Priv: 3, Run: cmdReboot},
}

var helpReboot = map[string]string{
	"reboot": "Reboot system/board/card",
}

// The reboot dialog, H3C V5 wording (reference §6.8).
const (
	msgRebootCheck   = " Start to check configuration with next startup configuration file, please wait.........DONE!"
	msgRebootUnsaved = " Current configuration may be lost after the reboot, save current configuration? [Y/N]:"
	msgRebootSure    = " This command will reboot the device. Continue? [Y/N]:"
	msgRebootByCmd   = " Reboot device by command."
	msgRebootNow     = " Now rebooting, please wait..."
)

// cmdReboot checks the running configuration against the next startup
// file, offers to save it when they differ, asks for confirmation and
// reboots: every session ends, and the device comes back with its saved
// configuration.
func cmdReboot(s *Session, a Args) error {
	if err := s.println(msgRebootCheck); err != nil {
		return err
	}
	if s.unsaved() {
		save, err := s.confirm(msgRebootUnsaved)
		if err != nil {
			return err
		}
		if save {
			if err := s.saveDialog(); err != nil {
				return err
			}
		}
	}
	ok, err := s.confirm(msgRebootSure)
	if err != nil || !ok {
		return err
	}
	sysname := s.dev.Snapshot().Sysname
	now := s.dev.Now()
	s.dev.Log("DEVM", 1, "REBOOT", "\n"+msgRebootByCmd)
	s.dev.Log("DEVM", 5, "SYSTEM_REBOOT", " System is rebooting now.")
	trap := device.LogEntry{Time: now, Module: "DEVM", Level: 1, Digest: "REBOOT", Trap: true}
	info := device.LogEntry{Time: now, Module: "DEVM", Level: 5, Digest: "SYSTEM_REBOOT", Text: " System is rebooting now."}
	if err := s.printf("%s\n%s\n\n%s\n%s\n", trap.Format(sysname), msgRebootByCmd, info.Format(sysname), msgRebootNow); err != nil {
		return err
	}
	s.dev.RequestReboot()
	return errEndSession
}

// unsaved reports whether the running configuration differs from the
// next startup file, which is what a reboot would load.
func (s *Session) unsaved() bool {
	if !s.dev.Unsaved() {
		return false
	}
	st, name := s.dev.Store(), s.dev.NextStartup()
	if st == nil || name == "" {
		return true
	}
	data, err := st.ReadFile(name)
	return err != nil || string(data) != renderConfig(s.dev.Snapshot(), s.dev.Profile())
}

var rebootGroup = group{rebootCommands, helpReboot}
