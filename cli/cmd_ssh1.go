package cli

import "switchemu/device"

// ssh1Group holds the system-view commands for the SSH-1 server key:
// ssh server rekey-interval sets how often it is regenerated (hours,
// 1-24); undo sets it back to 0, never.
var ssh1Group = group{
	cmds: []Command{
		{Syntax: "ssh server rekey-interval {hours:<1-24>}", Priv: 3, Run: cmdSSHRekeyInterval},
		{Syntax: "undo ssh server rekey-interval", Priv: 3, Run: cmdSSHRekeyInterval},
	},
	help: map[string]string{
		"ssh":                       "Specify SSH (secure shell) configuration information",
		"ssh server":                "Specify the server attribute",
		"ssh server rekey-interval": "Specify the interval for updating the server key",
		"ssh server rekey-interval {hours:<1-24>}": "Interval for updating the server key (hours)",
		"undo ssh":                       "Specify SSH (secure shell) configuration information",
		"undo ssh server":                "Specify the server attribute",
		"undo ssh server rekey-interval": "Specify the interval for updating the server key",
	},
}

func cmdSSHRekeyInterval(s *Session, a Args) error {
	hours := 0
	if !a.Has("undo") {
		hours = a.Int("hours")
	}
	return s.dev.Update(func(c *device.Config) error {
		c.SSH.RekeyInterval = hours
		return nil
	})
}
