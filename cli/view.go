package cli

import (
	"fmt"
	"maps"
)

// viewKind names a command view.
type viewKind int

const (
	viewUser viewKind = iota
	viewSystem
	viewInterface
	viewVLAN
	viewLocalUser
	viewUI
)

// frame is one level of the view stack: the view and what it edits.
type frame struct {
	kind   viewKind
	iface  string // interface view: canonical name
	vlan   int    // VLAN view
	user   string // local-user view
	uiAux  bool   // user-interface view: aux 0 or vty first..last
	uiFrom int
	uiTo   int
}

// suffix is what the prompt shows after the sysname.
func (f frame) suffix() string {
	switch f.kind {
	case viewInterface:
		return f.iface
	case viewVLAN:
		return fmt.Sprintf("vlan%d", f.vlan)
	case viewLocalUser:
		return "luser-" + f.user
	case viewUI:
		switch {
		case f.uiAux:
			return "ui-aux0"
		case f.uiFrom == f.uiTo:
			return fmt.Sprintf("ui-vty%d", f.uiFrom)
		default:
			return fmt.Sprintf("ui-vty%d-%d", f.uiFrom, f.uiTo)
		}
	}
	return ""
}

// helpHeader is the line ? prints above a view's command list.
func (f frame) helpHeader() string {
	switch f.kind {
	case viewUser:
		return "User view commands:"
	case viewSystem:
		return "System view commands:"
	case viewInterface:
		return "Interface view commands:"
	case viewVLAN:
		return "VLAN view commands:"
	case viewLocalUser:
		return "Local-user view commands:"
	}
	return "User-interface view commands:"
}

// views holds the compiled grammar of every view.
type views map[viewKind]*Tree

// grammar lists each view's own commands; anyView commands (display,
// save, quit, ...) are added to every view, returnCmd to all but user view.
func buildViews() views {
	own := map[viewKind]struct {
		cmds []Command
		help map[string]string
	}{
		viewUser:      {userCommands, helpUser},
		viewSystem:    {systemCommands, helpSystem},
		viewInterface: {interfaceCommands, helpInterface},
		viewVLAN:      {vlanCommands, helpVLAN},
		viewLocalUser: {localUserCommands, helpLocalUser},
		viewUI:        {uiCommands, helpUI},
	}
	v := views{}
	for kind, g := range own {
		help := maps.Clone(helpAny)
		maps.Copy(help, helpDisplay)
		maps.Copy(help, g.help)
		all := append(append([]Command{}, g.cmds...), anyViewCommands...)
		all = append(all, displayCommands...)
		if kind != viewUser {
			all = append(all, returnCommand)
		}
		v[kind] = MustBuild(all, help)
	}
	return v
}

// compiledViews is built once; trees are read-only after that.
var compiledViews = buildViews()
