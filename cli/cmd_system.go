package cli

import (
	"crypto/subtle"
	"fmt"

	"switchemu/device"
)

// systemCommands is the grammar of system view ([Sysname]).
var systemCommands = []Command{
	{Syntax: "sysname {name:LINE<1-30>}", Priv: 2, Run: cmdSysname},
	{Syntax: "undo sysname", Priv: 2, Run: cmdUndoSysname},
	{Syntax: "vlan {id:<1-4094>}", Priv: 2, Run: cmdVLAN},
	{Syntax: "vlan {id:<1-4094>} to {to:<1-4094>}", Priv: 2, Run: cmdVLANRange},
	{Syntax: "undo vlan {id:<1-4094>}", Priv: 2, Run: cmdUndoVLAN},
	{Syntax: "undo vlan {id:<1-4094>} to {to:<1-4094>}", Priv: 2, Run: cmdUndoVLAN},
	{Syntax: "interface {if:IFNAME}", Priv: 2, Run: cmdInterface},
	{Syntax: "undo interface {if:IFNAME}", Priv: 2, Run: cmdUndoInterface},
	{Syntax: "local-user {name:STRING<1-55>}", Priv: 3, Run: cmdLocalUser},
	{Syntax: "undo local-user {name:STRING<1-55>}", Priv: 3, Run: cmdUndoLocalUser},
	{Syntax: "user-interface vty {first:<0-15>}", Priv: 3, Run: cmdUserInterface},
	{Syntax: "user-interface vty {first:<0-15>} {last:<0-15>}", Priv: 3, Run: cmdUserInterface},
	{Syntax: "user-interface aux {first:<0-0>}", Priv: 3, Run: cmdUserInterface},
	{Syntax: "super password level {level:<1-3>} simple {pw:STRING<1-16>}", Priv: 3, Run: cmdSuperPassword},
	{Syntax: "super password level {level:<1-3>} cipher {pw:STRING<1-53>}", Priv: 3, Run: cmdSuperPassword},
	{Syntax: "undo super password level {level:<1-3>}", Priv: 3, Run: cmdSuperPassword},
}

var helpSystem = map[string]string{
	"sysname":                                         "Specify the host name",
	"sysname {name:LINE<1-30>}":                       "Host name (1 to 30 characters)",
	"undo sysname":                                    "Specify the host name",
	"vlan":                                            "Configure VLAN",
	"vlan {id:<1-4094>}":                              "VLAN ID",
	"vlan {id:<1-4094>} to":                           "Range of VLAN",
	"vlan {id:<1-4094>} to {to:<1-4094>}":             "VLAN ID",
	"undo vlan":                                       "Configure VLAN",
	"undo vlan {id:<1-4094>}":                         "VLAN ID",
	"undo vlan {id:<1-4094>} to":                      "Range of VLAN",
	"undo vlan {id:<1-4094>} to {to:<1-4094>}":        "VLAN ID",
	"interface":                                       "Specify the interface configuration view",
	"interface {if:IFNAME}":                           "Interface number",
	"undo interface":                                  "Specify the interface configuration view",
	"undo interface {if:IFNAME}":                      "Interface number",
	"local-user":                                      "Specify local user",
	"local-user {name:STRING<1-55>}":                  "User name",
	"undo local-user":                                 "Specify local user",
	"undo local-user {name:STRING<1-55>}":             "User name",
	"user-interface":                                  "Enter the user interface view",
	"user-interface vty":                              "Virtual type terminal (VTY) user interface",
	"user-interface vty {first:<0-15>}":               "Number of the first user interface",
	"user-interface vty {first:<0-15>} {last:<0-15>}": "Number of the last user interface",
	"user-interface aux":                              "AUX user interface",
	"user-interface aux {first:<0-0>}":                "Number of the first user interface",
	"super":                                           "Modify super password parameters",
	"super password":                                  "Specify password",
	"super password level":                            "Specify the entering password of the specified priority",
	"super password level {level:<1-3>}":              "Priority level",
	"super password level {level:<1-3>} simple":       "Specify a plaintext password",
	"super password level {level:<1-3>} simple {pw:STRING<1-16>}": "Plaintext password string",
	"super password level {level:<1-3>} cipher":                   "Specify a ciphertext password",
	"super password level {level:<1-3>} cipher {pw:STRING<1-53>}": "Ciphertext password string",
	"undo super":                              "Modify super password parameters",
	"undo super password":                     "Specify password",
	"undo super password level":               "Specify the entering password of the specified priority",
	"undo super password level {level:<1-3>}": "Priority level",
}

func cmdSysname(s *Session, a Args) error {
	name := a.Str("name")
	return s.dev.Update(func(c *device.Config) error {
		c.Sysname = name
		return nil
	})
}

func cmdUndoSysname(s *Session, a Args) error {
	def := s.dev.Profile().Factory.Sysname
	return s.dev.Update(func(c *device.Config) error {
		c.Sysname = def
		return nil
	})
}

func cmdVLAN(s *Session, a Args) error {
	id := a.Int("id")
	if err := s.dev.Update(func(c *device.Config) error {
		if _, ok := c.VLANs[id]; !ok {
			c.VLANs[id] = device.VLAN{ID: id}
		}
		return nil
	}); err != nil {
		return err
	}
	s.push(frame{kind: viewVLAN, vlan: id})
	return nil
}

func cmdVLANRange(s *Session, a Args) error {
	from, to := a.Int("id"), a.Int("to")
	if from > to {
		return &ParseError{Kind: WrongParam, Pos: a.Position("to")}
	}
	return s.dev.Update(func(c *device.Config) error {
		for id := from; id <= to; id++ {
			if _, ok := c.VLANs[id]; !ok {
				c.VLANs[id] = device.VLAN{ID: id}
			}
		}
		return nil
	})
}

func cmdUndoVLAN(s *Session, a Args) error {
	from, to := a.Int("id"), a.Int("id")
	if _, ok := a.Get("to"); ok {
		to = a.Int("to")
	}
	if from > to {
		return &ParseError{Kind: WrongParam, Pos: a.Position("to")}
	}
	if from == 1 {
		return userError(msgDefaultVLANUndo)
	}
	var missing bool
	err := s.dev.Update(func(c *device.Config) error {
		for id := from; id <= to; id++ {
			if _, ok := c.VLANs[id]; !ok {
				missing = from == to
				continue
			}
			delete(c.VLANs, id)
			c.Extra.RemoveSection(fmt.Sprintf("vlan %d", id))
			for name, ifc := range c.Interfaces {
				if ifc.Kind.Bridged() && ifc.LinkType == device.LinkAccess && ifc.PVID == id {
					ifc.PVID = 1
					c.Interfaces[name] = ifc
				}
			}
		}
		return nil
	})
	if err == nil && missing {
		return userError(msgVLANNotExist)
	}
	return err
}

func cmdInterface(s *Session, a Args) error {
	arg, _ := a.Get("if")
	var exists bool
	err := s.dev.Update(func(c *device.Config) error {
		if _, ok := c.Interfaces[arg.Value]; ok {
			exists = true
			return nil
		}
		kind, number, ok := logicalInterface(arg.Value)
		if !ok {
			return nil
		}
		c.Interfaces[arg.Value] = device.NewLogical(kind, number)
		exists = true
		return nil
	})
	if err != nil {
		return err
	}
	if !exists {
		return &ParseError{Kind: WrongParam, Pos: arg.Pos}
	}
	s.push(frame{kind: viewInterface, iface: arg.Value})
	return nil
}

// logicalInterface reports whether name is an interface that may be
// created on demand (Vlan-interface, LoopBack) and its number.
func logicalInterface(name string) (device.IfKind, int, bool) {
	for _, k := range []device.IfKind{device.KindVlanIf, device.KindLoopBack, device.KindBAGG} {
		t := device.TypeOf(k)
		if len(name) > len(t.Name) && name[:len(t.Name)] == t.Name {
			n, ok := device.ParseIfNumber(name[len(t.Name):], true)
			return k, n[0], ok
		}
	}
	return 0, 0, false
}

func cmdUndoInterface(s *Session, a Args) error {
	arg, _ := a.Get("if")
	if _, _, ok := logicalInterface(arg.Value); !ok {
		return &ParseError{Kind: WrongParam, Pos: arg.Pos}
	}
	return s.dev.Update(func(c *device.Config) error {
		delete(c.Interfaces, arg.Value)
		c.DissolveAggregate(arg.Value)
		c.Extra.RemoveSection("interface " + arg.Value)
		return nil
	})
}

func cmdLocalUser(s *Session, a Args) error {
	name := a.Str("name")
	var added bool
	if err := s.dev.Update(func(c *device.Config) error {
		if _, ok := c.Users[name]; !ok {
			c.Users[name] = device.LocalUser{Name: name}
			added = true
		}
		return nil
	}); err != nil {
		return err
	}
	s.push(frame{kind: viewLocalUser, user: name})
	if added {
		return s.println(msgNewLocalUser)
	}
	return nil
}

func cmdUndoLocalUser(s *Session, a Args) error {
	name := a.Str("name")
	var missing bool
	err := s.dev.Update(func(c *device.Config) error {
		if _, ok := c.Users[name]; !ok {
			missing = true
			return nil
		}
		delete(c.Users, name)
		return nil
	})
	if err == nil && missing {
		return userError(msgUserNotExist)
	}
	return err
}

func cmdUserInterface(s *Session, a Args) error {
	f := frame{kind: viewUI, uiFrom: a.Int("first"), uiTo: a.Int("first")}
	if a.Has("aux") {
		f.uiAux = true
	}
	if _, ok := a.Get("last"); ok {
		f.uiTo = a.Int("last")
		if f.uiTo < f.uiFrom {
			return &ParseError{Kind: WrongParam, Pos: a.Position("last")}
		}
	}
	s.push(f)
	return nil
}

func cmdSuperPassword(s *Session, a Args) error {
	level := a.Int("level")
	pw := a.Str("pw")
	if a.Has("cipher") && !device.ValidCipher(pw) {
		return &ParseError{Kind: WrongParam, Pos: a.Position("pw")}
	}
	return s.dev.Update(func(c *device.Config) error {
		switch {
		case a.Has("undo"):
			delete(c.SuperPasswords, level)
		case a.Has("cipher"):
			c.SuperPasswords[level] = pw
		default:
			c.SuperPasswords[level] = device.EncryptPassword(pw)
		}
		return nil
	})
}

// checkCipher reports whether plain is the password behind cipher text ct.
func checkCipher(ct, plain string) bool {
	want, err := device.DecryptPassword(ct)
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(plain)) == 1
}

var _ = fmt.Sprintf

var systemGroup = group{systemCommands, helpSystem}
