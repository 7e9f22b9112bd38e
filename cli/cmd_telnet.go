package cli

import (
	"fmt"
	"strings"

	"switchemu/device"
)

// The telnet and SFTP server switches of system view (reference §4.1).
const (
	msgTelnetStart = " % Start Telnet server" // [C], one leading space as the issue quotes it
	msgTelnetClose = " % Close Telnet server" // [I]
)

var telnetCommands = []Command{
	{Syntax: "telnet server enable", Priv: 3, Run: cmdTelnetServer},
	{Syntax: "undo telnet server enable", Priv: 3, Run: cmdTelnetServer},
	{Syntax: "sftp server enable", Priv: 3, Run: cmdSFTPServer},
	{Syntax: "undo sftp server enable", Priv: 3, Run: cmdSFTPServer},
	{Syntax: "sftp server idle-timeout {n:<1-35791>}", Priv: 3, Run: cmdSFTPIdle},
	{Syntax: "undo sftp server idle-timeout", Priv: 3, Run: cmdSFTPIdle},
}

// Help texts [U: not in the reference; worded as the neighbouring V5
// server commands are].
var helpTelnet = map[string]string{
	"telnet":                                 "Specify TELNET configuration information",
	"telnet server":                          "Specify the server attribute",
	"telnet server enable":                   "Enable TELNET server function",
	"undo telnet":                            "Specify TELNET configuration information",
	"undo telnet server":                     "Specify the server attribute",
	"undo telnet server enable":              "Enable TELNET server function",
	"sftp":                                   "Specify SFTP service attribute",
	"sftp server":                            "Specify the server attribute",
	"sftp server enable":                     "Enable SFTP server function",
	"sftp server idle-timeout":               "Specify SFTP connection idle timeout",
	"sftp server idle-timeout {n:<1-35791>}": "Minutes",
	"undo sftp":                              "Specify SFTP service attribute",
	"undo sftp server":                       "Specify the server attribute",
	"undo sftp server enable":                "Enable SFTP server function",
	"undo sftp server idle-timeout":          "Specify SFTP connection idle timeout",
}

var telnetGroup = group{telnetCommands, helpTelnet}

func cmdTelnetServer(s *Session, a Args) error {
	on := !a.Has("undo")
	if err := s.dev.Update(func(c *device.Config) error {
		c.Telnet.Enabled = on
		return nil
	}); err != nil {
		return err
	}
	if on {
		return s.println(msgTelnetStart)
	}
	return s.println(msgTelnetClose)
}

func cmdSFTPServer(s *Session, a Args) error {
	on := !a.Has("undo")
	return s.dev.Update(func(c *device.Config) error {
		c.SFTP.Enabled = on
		return nil
	})
}

func cmdSFTPIdle(s *Session, a Args) error {
	n := 0
	if !a.Has("undo") {
		n = a.Int("n")
		if n == device.DefaultSFTPIdleMinutes {
			n = 0
		}
	}
	return s.dev.Update(func(c *device.Config) error {
		c.SFTP.IdleMinutes = n
		return nil
	})
}

// renderTelnet is the global telnet line, printed after sysname as in the
// V5 configurations of reference §5.8.
func renderTelnet(cfg device.Config) string {
	if cfg.Telnet.Enabled {
		return " telnet server enable\n"
	}
	return ""
}

// renderSFTP is printed with the SSH server lines.
func renderSFTP(cfg device.Config) string {
	var b strings.Builder
	if cfg.SFTP.Enabled {
		b.WriteString(" sftp server enable\n")
	}
	if cfg.SFTP.IdleMinutes > 0 {
		fmt.Fprintf(&b, " sftp server idle-timeout %d\n", cfg.SFTP.IdleMinutes)
	}
	return b.String()
}

// sftpStatus is the SFTP part of display ssh server status.
func sftpStatus(cfg device.Config) string {
	on := "Disable"
	if cfg.SFTP.Enabled {
		on = "Enable"
	}
	return fmt.Sprintf(" SFTP server: %s\n SFTP server Idle-Timeout: %d minute(s)\n", on, cfg.SFTP.SFTPIdle())
}
