package cli

import (
	"fmt"
	"maps"
	"strings"
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
	viewPKey      // public-key peer NAME
	viewPKeyCode  // public-key-code begin
	viewConf      // a sub-view of configuration-only commands (engine_confonly.go)
	viewACL       // acl number N (cmd_acl.go)
	viewMSTRegion // stp region-configuration (cmd_stp.go)
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

	pkey     string           // public key views: the peer key's name
	pkeyCode *strings.Builder // public key code view: the hex typed so far

	acl int // ACL view: the ACL's number

	conf   string // sub-view of configuration-only commands: its kind
	path   string // its section in device.Extra
	prompt string // its prompt suffix
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
	case viewPKey:
		return "pkey-public-key"
	case viewPKeyCode:
		return "pkey-key-code"
	case viewConf:
		return f.prompt
	case viewACL:
		return aclPrompt(f.acl)
	case viewMSTRegion:
		return "mst-region"
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
	case viewPKey:
		return "Public key view commands:"
	case viewPKeyCode:
		return "Public key code view commands:"
	case viewACL:
		return "Acl view commands:" // [U], as the configuration-only view had it
	case viewMSTRegion:
		return "MST region view commands:"
	case viewConf:
		if v := confViews.views[f.conf]; v != nil && v.Title != "" {
			return v.Title
		}
		return "View commands:"
	}
	return "User-interface view commands:"
}

// A group is a set of commands with their help texts, declared by the
// file that implements them.
type group struct {
	cmds []Command
	help map[string]string
}

// grammar lists, per view, the command groups it offers. The groups of
// anyView are added to every view, returnGroup to all but user view. A
// new feature declares its group in its own file and adds it here.
var grammar = map[viewKind][]group{
	viewUser:      {userGroup, clockUserGroup, resetCountersGroup, fileGroup, dirGroup, copyGroup, bootLoaderGroup, rebootGroup, freeGroup, clockSummerGroup, aclUserGroup},
	viewSystem:    {systemGroup, sshGroup, l3SystemGroup, clockSystemGroup, infoCenterGroup, telnetGroup, clockSummerGroup, ntpGroup, aclSystemGroup, headerGroup, snmpGroup, stpSystemGroup},
	viewACL:       {aclViewGroup},
	viewInterface: {interfaceGroup, l3InterfaceGroup, laggInterfaceGroup, packetFilterGroup, stpInterfaceGroup},
	viewVLAN:      {vlanGroup},
	viewLocalUser: {localUserGroup},
	viewUI:        {uiGroup, uiACLGroup},
	viewPKey:      {pkeyGroup},
	viewPKeyCode:  {pkeyCodeGroup},
	viewMSTRegion: {stpRegionGroup},
}

var anyView = []group{anyViewGroup, displayGroup, displayConfigGroup, displayHWGroup, displaySSHGroup,
	displayVersionGroup, displayInterfaceGroup, displayVLANGroup, displayTablesGroup, displaySystemGroup, displayLaggGroup, displayL2Group,
	pingGroup, displayRoutingGroup, displayNTPGroup, aclDisplayGroup, snmpDisplayGroup, displaySTPGroup}

// views holds the compiled grammar of every view.
type views map[viewKind]*Tree

func buildViews() views {
	v := views{}
	for kind, groups := range grammar {
		all := append(append([]group{}, groups...), anyView...)
		if kind != viewUser {
			all = append(all, returnGroup)
		}
		var cmds []Command
		help := map[string]string{}
		for _, g := range all {
			cmds = append(cmds, g.cmds...)
			maps.Copy(help, g.help)
		}
		if g, ok := confGroup(kind, help); ok {
			cmds = mergeConf(cmds, g.cmds)
			maps.Copy(help, g.help)
		}
		v[kind] = MustBuild(cmds, help)
	}
	return v
}

// compiledViews is built once; trees are read-only after that.
var compiledViews = buildViews()
