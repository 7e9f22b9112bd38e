package cli

import (
	"maps"
	"slices"
	"strconv"

	"switchemu/device"
)

// Spanning tree (MSTP) configuration: system view, the MST region view
// and the ports. The state is device.Config.STP and Interface.STP; the
// tree itself is computed by the device (device/stp.go).
//
// Sources: HP A5120 EI Switch Series Layer 2 - LAN Switching Command
// Reference (Comware 5.20, Release 2208) and H3C S9500E Command
// Reference Release 1728, "Spanning tree commands": stp enable / undo stp
// enable (system and interface view; disabled globally and enabled on
// every port by default), stp mode { mstp | pvst | rstp | stp }, stp [
// instance instance-id ] priority priority (0-61440 in steps of 4096), stp
// [ instance instance-id ] root { primary | secondary } ("once you specify
// the device as the root bridge or a secondary root bridge, you cannot
// change the priority of the device"), stp region-configuration →
// [Sysname-mst-region] with region-name name (1-32 characters),
// revision-level level (0-65535), instance instance-id vlan vlan-list,
// vlan-mapping modulo modulo, active region-configuration, check
// region-configuration; interface view: stp edged-port enable, stp [
// instance instance-id ] cost cost, stp [ instance instance-id ] port
// priority priority (0-240 in steps of 16). "stp disable" on a port is
// seen in the HP 5500 EI configuration of testdata/realconfigs.
var stpSystemCommands = []Command{
	{Syntax: "stp enable", Priv: 2, Run: cmdSTPEnable},
	{Syntax: "undo stp enable", Priv: 2, Run: cmdSTPEnable},
	{Syntax: "stp mode mstp", Priv: 2, Run: cmdSTPMode},
	{Syntax: "stp mode pvst", Priv: 2, Run: cmdSTPMode},
	{Syntax: "stp mode rstp", Priv: 2, Run: cmdSTPMode},
	{Syntax: "stp mode stp", Priv: 2, Run: cmdSTPMode},
	{Syntax: "undo stp mode", Priv: 2, Run: cmdSTPMode},
	{Syntax: "stp priority {prio:<0-61440>}", Priv: 2, Run: cmdSTPPriority},
	{Syntax: "stp instance {i:<0-32>} priority {prio:<0-61440>}", Priv: 2, Run: cmdSTPPriority},
	{Syntax: "undo stp priority", Priv: 2, Run: cmdSTPPriority},
	{Syntax: "undo stp instance {i:<0-32>} priority", Priv: 2, Run: cmdSTPPriority},
	{Syntax: "stp root primary", Priv: 2, Run: cmdSTPRoot},
	{Syntax: "stp root secondary", Priv: 2, Run: cmdSTPRoot},
	{Syntax: "stp instance {i:<0-32>} root primary", Priv: 2, Run: cmdSTPRoot},
	{Syntax: "stp instance {i:<0-32>} root secondary", Priv: 2, Run: cmdSTPRoot},
	{Syntax: "undo stp root", Priv: 2, Run: cmdSTPRoot},
	{Syntax: "undo stp instance {i:<0-32>} root", Priv: 2, Run: cmdSTPRoot},
	{Syntax: "stp region-configuration", Priv: 2, Run: cmdSTPRegion},
	{Syntax: "undo stp region-configuration", Priv: 2, Run: cmdSTPRegion},
}

var stpRegionCommands = []Command{
	{Syntax: "region-name {name:STRING<1-32>}", Priv: 2, Run: cmdRegionName},
	{Syntax: "undo region-name", Priv: 2, Run: cmdRegionName},
	{Syntax: "revision-level {n:<0-65535>}", Priv: 2, Run: cmdRegionRevision},
	{Syntax: "undo revision-level", Priv: 2, Run: cmdRegionRevision},
	{Syntax: "instance {i:<0-32>} vlan {list:LINE<1-255>}", Priv: 2, Run: cmdRegionInstance},
	{Syntax: "undo instance {i:<0-32>}", Priv: 2, Run: cmdRegionInstance},
	{Syntax: "undo instance {i:<0-32>} vlan {list:LINE<1-255>}", Priv: 2, Run: cmdRegionInstance},
	{Syntax: "vlan-mapping modulo {n:<1-32>}", Priv: 2, Run: cmdRegionModulo},
	{Syntax: "active region-configuration", Priv: 2, Run: cmdRegionActive},
	{Syntax: "check region-configuration", Priv: 1, Run: cmdRegionCheck},
}

var stpInterfaceCommands = []Command{
	{Syntax: "stp enable", Priv: 2, Run: cmdPortSTPEnable},
	{Syntax: "undo stp enable", Priv: 2, Run: cmdPortSTPEnable},
	{Syntax: "stp disable", Priv: 2, Run: cmdPortSTPEnable},
	{Syntax: "stp edged-port enable", Priv: 2, Run: cmdPortSTPEdged},
	{Syntax: "undo stp edged-port", Priv: 2, Run: cmdPortSTPEdged},
	{Syntax: "undo stp edged-port enable", Priv: 2, Run: cmdPortSTPEdged},
	{Syntax: "stp cost {cost:<1-200000000>}", Priv: 2, Run: cmdPortSTPCost},
	{Syntax: "undo stp cost", Priv: 2, Run: cmdPortSTPCost},
	{Syntax: "stp port priority {prio:<0-240>}", Priv: 2, Run: cmdPortSTPPriority},
	{Syntax: "undo stp port priority", Priv: 2, Run: cmdPortSTPPriority},
}

var helpSTP = map[string]string{
	"vlan-mapping modulo {n:<1-32>}":                    "Value",
	"vlan-mapping modulo":                               "Modulo value",
	"undo instance {i:<0-32>} vlan {list:LINE<1-255>}":  "VLAN ID list: <1-4094> [to <1-4094>] ...",
	"undo instance {i:<0-32>} vlan":                     "Specify VLANs",
	"undo stp port priority":                            "Specify priority",
	"undo stp region-configuration":                     "MST region configuration",
	"undo stp port":                                     "Specify port",
	"undo stp instance {i:<0-32>} root":                 "Specify root switch",
	"undo stp root":                                     "Specify root switch",
	"undo instance {i:<0-32>}":                          "Identifier of spanning tree instance",
	"stp instance {i:<0-32>} root secondary":            "Secondary root switch",
	"instance {i:<0-32>} vlan {list:LINE<1-255>}":       "VLAN ID list: <1-4094> [to <1-4094>] ...",
	"stp port priority {prio:<0-240>}":                  "Priority value",
	"instance {i:<0-32>} vlan":                          "Specify VLANs",
	"instance {i:<0-32>}":                               "Identifier of spanning tree instance",
	"stp instance {i:<0-32>} root primary":              "Primary root switch",
	"undo stp cost":                                     "Specify port path cost",
	"undo stp instance {i:<0-32>} priority":             "Specify priority",
	"stp cost {cost:<1-200000000>}":                     "Path cost",
	"undo stp instance {i:<0-32>}":                      "Identifier of spanning tree instance",
	"undo stp edged-port enable":                        "Enable",
	"undo stp instance":                                 "Spanning tree instance",
	"undo stp priority":                                 "Specify priority",
	"stp instance {i:<0-32>} priority {prio:<0-61440>}": "Priority value",
	"stp priority {prio:<0-61440>}":                     "Priority value",
	"undo stp edged-port":                               "Specify edge port",
	"undo stp mode":                                     "Specify state of spanning tree protocol",
	"undo stp enable":                                   "Enable",
	"revision-level {n:<0-65535>}":                      "Value",
	"region-name {name:STRING<1-32>}":                   "String",
	"stp":                                               "Spanning tree protocol",
	"stp enable":                                        "Enable spanning tree protocol",
	"stp disable":                                       "Disable spanning tree protocol",
	"stp mode":                                          "Specify state of spanning tree protocol",
	"stp mode mstp":                                     "Multiple spanning tree protocol mode",
	"stp mode pvst":                                     "Per-Vlan spanning tree mode",
	"stp mode rstp":                                     "Rapid spanning tree protocol mode",
	"stp mode stp":                                      "Spanning tree protocol mode",
	"stp priority":                                      "Specify bridge priority",
	"stp instance":                                      "Spanning tree instance",
	"stp instance {i:<0-32>}":                           "Identifier of spanning tree instance",
	"stp instance {i:<0-32>} priority":                  "Specify bridge priority",
	"stp instance {i:<0-32>} root":                      "Specify root switch",
	"stp root":                                          "Specify root switch",
	"stp root primary":                                  "Primary root switch",
	"stp root secondary":                                "Secondary root switch",
	"stp region-configuration":                          "Enter MSTP region view",
	"stp edged-port":                                    "Specify edge port",
	"stp edged-port enable":                             "Enable edge port",
	"stp cost":                                          "Specify port path cost",
	"stp port":                                          "Specify port",
	"stp port priority":                                 "Specify port priority",
	"undo stp":                                          "Spanning tree protocol",
	"region-name":                                       "Specify MSTP region name",
	"revision-level":                                    "Specify revision level",
	"instance":                                          "Spanning tree instance",
	"vlan-mapping":                                      "Map VLANs to instances",
	"active":                                            "Activate configuration",
	"active region-configuration":                       "Activate the configuration of MST region",
	"check":                                             "Check configuration",
	"check region-configuration":                        "Display the configuration of MST region",
	"undo region-name":                                  "Specify MSTP region name",
	"undo revision-level":                               "Specify revision level",
	"undo instance":                                     "Spanning tree instance",
}

// The device's words for refused spanning tree settings [U: wording; the
// rules are the command reference's].
const (
	msgSTPPriorityStep  = " Error: The bridge priority must be a multiple of 4096."
	msgSTPPortPrioStep  = " Error: The port priority must be a multiple of 16."
	msgSTPRootPriority  = " Error: The priority of a root bridge cannot be changed."
	msgSTPNotLayer2Port = " Error: The spanning tree is not supported on this interface."
)

func instanceArg(a Args) int {
	if a.Has("instance") {
		return a.Int("i")
	}
	return 0
}

func cmdSTPEnable(s *Session, a Args) error {
	on := !a.Has("undo")
	return s.dev.Update(func(c *device.Config) error {
		c.STP.Enabled = on
		return nil
	})
}

func cmdSTPMode(s *Session, a Args) error {
	mode := "" // mstp, the default
	if w := a.Words; !a.Has("undo") {
		if m := w[len(w)-1].Value; m != "mstp" {
			mode = m
		}
	}
	return s.dev.Update(func(c *device.Config) error {
		c.STP.Mode = mode
		return nil
	})
}

func cmdSTPPriority(s *Session, a Args) error {
	i := instanceArg(a)
	undo := a.Has("undo")
	prio := 0
	if !undo {
		prio = a.Int("prio")
		if prio%4096 != 0 {
			return userError(msgSTPPriorityStep)
		}
	}
	return s.dev.Update(func(c *device.Config) error {
		if c.STP.Root[i] != "" {
			return userError(msgSTPRootPriority)
		}
		c.STP.Priority = maps.Clone(c.STP.Priority)
		if c.STP.Priority == nil {
			c.STP.Priority = map[int]int{}
		}
		if undo {
			delete(c.STP.Priority, i)
		} else {
			c.STP.Priority[i] = prio
		}
		return nil
	})
}

func cmdSTPRoot(s *Session, a Args) error {
	i := instanceArg(a)
	role := ""
	switch {
	case a.Has("undo"):
	case a.Has("primary"):
		role = "primary"
	default:
		role = "secondary"
	}
	return s.dev.Update(func(c *device.Config) error {
		c.STP.Root = maps.Clone(c.STP.Root)
		if c.STP.Root == nil {
			c.STP.Root = map[int]string{}
		}
		if role == "" {
			delete(c.STP.Root, i)
		} else {
			c.STP.Root[i] = role
			c.STP.Priority = maps.Clone(c.STP.Priority)
			delete(c.STP.Priority, i) // the designation sets the priority
		}
		return nil
	})
}

func cmdSTPRegion(s *Session, a Args) error {
	if a.Has("undo") {
		return s.dev.Update(func(c *device.Config) error {
			c.STP.Region, c.STP.Active, c.STP.Activated = device.STPRegion{}, device.STPRegion{}, false
			return nil
		})
	}
	s.push(frame{kind: viewMSTRegion})
	return nil
}

// updateRegion edits the region configuration being prepared.
func (s *Session) updateRegion(fn func(r *device.STPRegion)) error {
	return s.dev.Update(func(c *device.Config) error {
		c.STP.Region.Instances = maps.Clone(c.STP.Region.Instances)
		fn(&c.STP.Region)
		return nil
	})
}

func cmdRegionName(s *Session, a Args) error {
	name := a.Str("name")
	return s.updateRegion(func(r *device.STPRegion) { r.Name = name })
}

func cmdRegionRevision(s *Session, a Args) error {
	n := 0
	if !a.Has("undo") {
		n = a.Int("n")
	}
	return s.updateRegion(func(r *device.STPRegion) { r.Revision = n })
}

func cmdRegionInstance(s *Session, a Args) error {
	i := a.Int("i")
	var set device.VLANSet
	if a.Has("vlan") {
		var perr *ParseError
		if set, _, perr = parseVLANList(a, "list"); perr != nil {
			return perr
		}
	}
	undo := a.Has("undo")
	return s.updateRegion(func(r *device.STPRegion) {
		if r.Instances == nil {
			r.Instances = map[int]device.VLANSet{}
		}
		switch {
		case undo && !a.Has("vlan"):
			delete(r.Instances, i)
		case undo:
			v := r.Instances[i]
			r.Instances[i] = v.Minus(set)
		default:
			for k, v := range r.Instances {
				r.Instances[k] = v.Minus(set) // a VLAN maps to one instance
			}
			if i != 0 {
				v := r.Instances[i]
				r.Instances[i] = v.Union(set)
			}
		}
		for k, v := range r.Instances {
			if v.Len() == 0 {
				delete(r.Instances, k)
			}
		}
	})
}

func cmdRegionModulo(s *Session, a Args) error {
	n := a.Int("n")
	return s.updateRegion(func(r *device.STPRegion) {
		r.Instances = map[int]device.VLANSet{}
		for v := 1; v <= device.MaxVLAN; v++ {
			if k := (v-1)%n + 1; k != 0 {
				set := r.Instances[k]
				set.Add(device.VLANID(v))
				r.Instances[k] = set
			}
		}
	})
}

func cmdRegionActive(s *Session, a Args) error {
	return s.dev.Update(func(c *device.Config) error {
		c.STP.Active = c.STP.Region
		c.STP.Active.Instances = maps.Clone(c.STP.Region.Instances)
		c.STP.Activated = true
		return nil
	})
}

func cmdRegionCheck(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	return s.printf("%s", regionBlock("Admin configuration", cfg.STP.Region, s.dev.Profile().Brand.BridgeMAC))
}

// updatePortSTP edits the spanning tree settings of the port the view
// edits.
func (s *Session) updatePortSTP(fn func(p *device.PortSTP)) error {
	if err := s.needBridged(); err != nil {
		return err
	}
	return s.updateInterface(func(ifc *device.Interface) error {
		fn(&ifc.STP)
		return nil
	})
}

func cmdPortSTPEnable(s *Session, a Args) error {
	off := a.Has("undo") || a.Has("disable")
	word := "undo stp enable"
	if a.Has("disable") {
		word = "stp disable"
	}
	return s.updatePortSTP(func(p *device.PortSTP) {
		p.Disabled = off
		p.DisableWord = ""
		if off {
			p.DisableWord = word
		}
	})
}

func cmdPortSTPEdged(s *Session, a Args) error {
	on := !a.Has("undo")
	return s.updatePortSTP(func(p *device.PortSTP) { p.Edged = on })
}

func cmdPortSTPCost(s *Session, a Args) error {
	cost := 0
	if !a.Has("undo") {
		cost = a.Int("cost")
	}
	return s.updatePortSTP(func(p *device.PortSTP) { p.Cost = cost })
}

func cmdPortSTPPriority(s *Session, a Args) error {
	undo := a.Has("undo")
	prio := 0
	if !undo {
		if prio = a.Int("prio"); prio%16 != 0 {
			return userError(msgSTPPortPrioStep)
		}
	}
	return s.updatePortSTP(func(p *device.PortSTP) { p.Priority, p.PrioritySet = prio, !undo })
}

// renderSTPGlobal is the spanning tree's global lines: head (mode,
// priorities, root designations) before the configuration-only stp
// lines, tail (stp enable) after them (the HP 5500 EI configuration:
// " stp instance 0 root primary" / " stp enable").
func renderSTPGlobal(cfg device.Config) (head, tail string) {
	st := cfg.STP
	if st.Mode != "" {
		head += " stp mode " + st.Mode + "\n"
	}
	ids := slices.Sorted(maps.Keys(st.Priority))
	for k := range st.Root {
		if _, ok := st.Priority[k]; !ok {
			ids = append(ids, k)
		}
	}
	slices.Sort(ids)
	for _, i := range ids {
		if r := st.Root[i]; r != "" {
			head += " stp instance " + strconv.Itoa(i) + " root " + r + "\n"
		} else {
			head += " stp instance " + strconv.Itoa(i) + " priority " + strconv.Itoa(st.Priority[i]) + "\n"
		}
	}
	if st.Enabled {
		tail = " stp enable\n"
	}
	return head, tail
}

// renderSTPRegion is the region section, with its "#"; nothing while
// the region has its defaults [U: the order of its lines].
func renderSTPRegion(cfg device.Config) string {
	r := cfg.STP.Region
	if r.Name == "" && r.Revision == 0 && len(r.Instances) == 0 && !cfg.STP.Activated {
		return ""
	}
	b := "stp region-configuration\n"
	if r.Name != "" {
		b += " region-name " + r.Name + "\n"
	}
	for _, i := range slices.Sorted(maps.Keys(r.Instances)) {
		b += vlanListLines(" instance "+strconv.Itoa(i)+" vlan ", "", r.Instances[i])
	}
	if r.Revision != 0 {
		b += " revision-level " + strconv.Itoa(r.Revision) + "\n"
	}
	if cfg.STP.Activated {
		b += " active region-configuration\n"
	}
	return b + "#\n"
}

// renderSTPBlocks prints what renders at the local-user anchor: the
// region section and the stp block (with the configuration-only stp
// lines inside it), then the other configuration-only blocks there.
func renderSTPBlocks(cfg device.Config, sections bool) string {
	head, tail := renderSTPGlobal(cfg)
	_, joined := confGlobalAt(&cfg.Extra, "local-user", "stp-block")
	block := head + joined + tail
	if block != "" {
		block += "#\n"
	}
	blocks, _ := confGlobalAt(&cfg.Extra, "local-user", "stp-block", confBlock{after: "stp-block", text: renderSTPRegion(cfg) + block})
	if !sections {
		blocks = globalLinesOnly(blocks)
	}
	return blocks
}

// renderPortSTP is a port's spanning tree lines.
func renderPortSTP(ifc device.Interface) string {
	p := ifc.STP
	var b string
	if p.Disabled {
		b += " " + cmpOr(p.DisableWord, "undo stp enable") + "\n"
	}
	if p.Edged {
		b += " stp edged-port enable\n"
	}
	if p.Cost != 0 {
		b += " stp cost " + strconv.Itoa(p.Cost) + "\n"
	}
	if p.PrioritySet {
		b += " stp port priority " + strconv.Itoa(p.Priority) + "\n"
	}
	return b
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// stpPortRank is the declaration rank of the first configuration-only
// port stp command.
func stpPortRank() int {
	at := -1
	for _, c := range confViews.cmds {
		if len(c.Syntax) > 4 && c.Syntax[:4] == "stp " && c.On == "port" && (at < 0 || c.rank < at) {
			at = c.rank
		}
	}
	return at
}

var stpSystemGroup = group{stpSystemCommands, helpSTP}

var stpRegionGroup = group{stpRegionCommands, helpSTP}

var stpInterfaceGroup = group{stpInterfaceCommands, helpSTP}
