package cli

import (
	"bytes"
	"slices"

	"switchemu/device"
)

// Information center basics (system view, reference §6.1).
var infoCenterCommands = []Command{
	{Syntax: "info-center enable", Priv: 2, Run: cmdInfoCenterEnable},
	{Syntax: "undo info-center enable", Priv: 2, Run: cmdInfoCenterEnable},
	{Syntax: "info-center loghost {ip:A.B.C.D}", Priv: 2, Run: cmdInfoCenterLoghost},
	{Syntax: "undo info-center loghost {ip:A.B.C.D}", Priv: 2, Run: cmdInfoCenterLoghost},
	{Syntax: "info-center logbuffer", Priv: 2, Run: cmdInfoCenterLogbuffer},
	{Syntax: "info-center logbuffer size {size:<1-1024>}", Priv: 2, Run: cmdInfoCenterLogbuffer},
	{Syntax: "undo info-center logbuffer", Priv: 2, Run: cmdInfoCenterLogbuffer},
	{Syntax: "undo info-center logbuffer size", Priv: 2, Run: cmdInfoCenterLogbuffer},
}

var helpInfoCenter = map[string]string{
	"info-center":                                "Specify information center configuration information",
	"info-center enable":                         "Enable information center",
	"info-center loghost":                        "Specify host to receive log",
	"info-center loghost {ip:A.B.C.D}":           "IP address of log host",
	"info-center logbuffer":                      "Send information to log buffer",
	"info-center logbuffer size":                 "Set log buffer size",
	"info-center logbuffer size {size:<1-1024>}": "Log buffer size (1-1024)",
	"undo info-center":                           "Specify information center configuration information",
	"undo info-center enable":                    "Enable information center",
	"undo info-center loghost":                   "Specify host to receive log",
	"undo info-center loghost {ip:A.B.C.D}":      "IP address of log host",
	"undo info-center logbuffer":                 "Send information to log buffer",
	"undo info-center logbuffer size":            "Set log buffer size",
}

const (
	msgInfoCenterOn  = "% Information center is enabled."
	msgInfoCenterOff = "% Information center is disabled."
	maxLoghosts      = 4
	msgTooManyHosts  = " Error: The number of log hosts has reached the upper limit."
)

func cmdInfoCenterEnable(s *Session, a Args) error {
	off := a.Has("undo")
	if err := s.dev.Update(func(c *device.Config) error {
		c.InfoCenter.Disabled = off
		return nil
	}); err != nil {
		return err
	}
	if off {
		return s.println(msgInfoCenterOff)
	}
	return s.println(msgInfoCenterOn)
}

func cmdInfoCenterLoghost(s *Session, a Args) error {
	ip := ipArg(a, "ip")
	undo := a.Has("undo")
	return s.dev.Update(func(c *device.Config) error {
		hosts := &c.InfoCenter.Loghosts
		i := slices.Index(*hosts, ip)
		switch {
		case undo && i >= 0:
			*hosts = slices.Delete(*hosts, i, i+1)
		case undo || i >= 0:
		case len(*hosts) >= maxLoghosts:
			return userError(msgTooManyHosts)
		default:
			// kept in address order, as the configuration lists them
			// (the HP 5500 EI configuration in testdata/realconfigs)
			at, _ := slices.BinarySearchFunc(*hosts, ip, func(a, b [4]byte) int { return bytes.Compare(a[:], b[:]) })
			*hosts = slices.Insert(*hosts, at, ip)
		}
		return nil
	})
}

func cmdInfoCenterLogbuffer(s *Session, a Args) error {
	return s.dev.Update(func(c *device.Config) error {
		ic := &c.InfoCenter
		switch {
		case a.Has("size") && a.Has("undo"):
			ic.LogbufferSize = 0
		case a.Has("size"):
			ic.LogbufferSize = a.Int("size")
			if ic.LogbufferSize == 512 {
				ic.LogbufferSize = 0
			}
			ic.LogbufferOff = false
		case a.Has("undo"):
			ic.LogbufferOff = true
		default:
			ic.LogbufferOff = false
		}
		return nil
	})
}

var infoCenterGroup = group{infoCenterCommands, helpInfoCenter}
