package lab

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"switchemu/device"
)

// The layer-2 checks: a VLAN, and the link type and VLANs of ports.

// vlan: {id: 10, name: Servers, description: "Server farm"}
type vlanSpec struct{ id, name, descr param }

func parseVLAN(n *yaml.Node) (spec, error) {
	s := &vlanSpec{}
	return s, decodeFields("vlan", n, map[string]any{"id": &s.id, "name": &s.name, "description": &s.descr}, "id")
}

func (s *vlanSpec) make(x expander) (Check, error) {
	var c vlanCheck
	var err error
	if c.id, err = s.id.vlanID("id", x); err != nil {
		return nil, err
	}
	if s.name.set() {
		if c.name, err = s.name.str("name", x); err != nil {
			return nil, err
		}
		c.hasName = true
	}
	if s.descr.set() {
		if c.descr, err = s.descr.str("description", x); err != nil {
			return nil, err
		}
		c.hasDescr = true
	}
	return c, nil
}

type vlanCheck struct {
	id                int
	name, descr       string
	hasName, hasDescr bool
}

func (c vlanCheck) Describe() string {
	d := fmt.Sprintf("VLAN %d exists", c.id)
	switch {
	case c.hasName && c.hasDescr:
		d += fmt.Sprintf(", is named %s and has the description %s", c.name, c.descr)
	case c.hasName:
		d += " and is named " + c.name
	case c.hasDescr:
		d += " and has the description " + c.descr
	}
	return d
}

func (c vlanCheck) Eval(t *Target) (bool, string) {
	v, ok := t.Config.VLANs[c.id]
	if !ok {
		return false, fmt.Sprintf("VLAN %d does not exist", c.id)
	}
	var bad []string
	if c.hasName && v.EffectiveName() != c.name {
		bad = append(bad, fmt.Sprintf("VLAN %d is named %s, not %s", c.id, v.EffectiveName(), c.name))
	}
	if c.hasDescr && v.EffectiveDescription() != c.descr {
		bad = append(bad, fmt.Sprintf("VLAN %d has the description %s, not %s", c.id, v.EffectiveDescription(), c.descr))
	}
	if len(bad) > 0 {
		return false, strings.Join(bad, "; ")
	}
	switch {
	case c.hasName:
		return true, fmt.Sprintf("VLAN %d is named %s", c.id, v.EffectiveName())
	case c.hasDescr:
		return true, fmt.Sprintf("VLAN %d has the description %s", c.id, v.EffectiveDescription())
	}
	return true, fmt.Sprintf("VLAN %d exists", c.id)
}

// portCheck runs one test on each of a list of ports.
type portCheck struct {
	ports []string
	// test says why a port fails, "" if it passes.
	test func(ifc device.Interface) string
}

func (c portCheck) eval(t *Target, what string) (bool, string) {
	var bad []string
	for _, name := range c.ports {
		ifc, ok := t.Config.Interfaces[name]
		if !ok {
			bad = append(bad, "there is no "+name)
			continue
		}
		if why := c.test(ifc); why != "" {
			bad = append(bad, why)
		}
	}
	if len(bad) > 0 {
		return false, failures(bad)
	}
	return true, describePorts(c.ports) + " " + plural(len(c.ports), "is ", "are ") + what
}

// linkTypeIs says why ifc is not a layer-2 port of type want, "".
func linkTypeIs(ifc device.Interface, want device.LinkType) string {
	switch {
	case !ifc.Kind.Bridged():
		return ifc.Name + " is not a layer-2 port"
	case ifc.Routed:
		return ifc.Name + " is a layer-3 port (port link-mode route)"
	case ifc.LinkType != want:
		return fmt.Sprintf("%s is %s %s port", ifc.Name, article(ifc.LinkType.String()), ifc.LinkType)
	}
	return ""
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// access: {ports: GigabitEthernet2/0/1-4, vlan: 10}
type accessSpec struct{ ports, vlan param }

func parseAccess(n *yaml.Node) (spec, error) {
	s := &accessSpec{}
	return s, decodeFields("access", n, map[string]any{"ports": &s.ports, "vlan": &s.vlan}, "ports", "vlan")
}

func (s *accessSpec) make(x expander) (Check, error) {
	ports, err := s.ports.ports("ports", x)
	if err != nil {
		return nil, err
	}
	vlan, err := s.vlan.vlanID("vlan", x)
	if err != nil {
		return nil, err
	}
	return accessCheck{portCheck{ports, func(ifc device.Interface) string {
		if why := linkTypeIs(ifc, device.LinkAccess); why != "" {
			return why
		}
		if ifc.PVID != vlan {
			return fmt.Sprintf("%s is in VLAN %d, not %d", ifc.Name, ifc.PVID, vlan)
		}
		return ""
	}}, vlan}, nil
}

type accessCheck struct {
	portCheck
	vlan int
}

func (c accessCheck) Describe() string {
	return fmt.Sprintf("%s %s in VLAN %d", describePorts(c.ports), plural(len(c.ports), "is an access port", "are access ports"), c.vlan)
}

func (c accessCheck) Eval(t *Target) (bool, string) {
	return c.eval(t, fmt.Sprintf("in VLAN %d", c.vlan))
}

// trunk: {ports: GigabitEthernet2/0/24, permit: "10 20 30-40", pvid: 1}
type trunkSpec struct{ ports, permit, pvid param }

func parseTrunk(n *yaml.Node) (spec, error) {
	s := &trunkSpec{}
	return s, decodeFields("trunk", n, map[string]any{"ports": &s.ports, "permit": &s.permit, "pvid": &s.pvid}, "ports")
}

func (s *trunkSpec) make(x expander) (Check, error) {
	c := trunkCheck{}
	var err error
	if c.ports, err = s.ports.ports("ports", x); err != nil {
		return nil, err
	}
	if s.permit.set() {
		if c.permit, err = s.permit.vlans("permit", x); err != nil {
			return nil, err
		}
	}
	if s.pvid.set() {
		if c.pvid, err = s.pvid.vlanID("pvid", x); err != nil {
			return nil, err
		}
	}
	c.test = func(ifc device.Interface) string {
		if why := linkTypeIs(ifc, device.LinkTrunk); why != "" {
			return why
		}
		if miss := c.permit.Minus(ifc.Trunk); miss.Len() > 0 {
			return fmt.Sprintf("%s does not permit %s %s", ifc.Name, plural(miss.Len(), "VLAN", "VLANs"), miss.ConfigString())
		}
		if c.pvid != 0 && ifc.PVID != c.pvid {
			return fmt.Sprintf("%s has PVID %d, not %d", ifc.Name, ifc.PVID, c.pvid)
		}
		return ""
	}
	return c, nil
}

type trunkCheck struct {
	portCheck
	permit device.VLANSet
	pvid   int
}

func (c trunkCheck) what() string {
	var parts []string
	if c.permit.Len() > 0 {
		parts = append(parts, fmt.Sprintf("permitting %s %s", plural(c.permit.Len(), "VLAN", "VLANs"), c.permit.ConfigString()))
	}
	if c.pvid != 0 {
		parts = append(parts, fmt.Sprintf("with PVID %d", c.pvid))
	}
	return strings.Join(parts, " ")
}

func (c trunkCheck) Describe() string {
	return strings.TrimSpace(describePorts(c.ports) + " " + plural(len(c.ports), "is a trunk port", "are trunk ports") + " " + c.what())
}

func (c trunkCheck) Eval(t *Target) (bool, string) {
	pass, detail := c.eval(t, strings.TrimSpace(plural(len(c.ports), "a trunk port", "trunk ports")+" "+c.what()))
	return pass, detail
}

// hybrid: {ports: ..., tagged: "10 20", untagged: "30", pvid: 30}
type hybridSpec struct{ ports, tagged, untagged, pvid param }

func parseHybrid(n *yaml.Node) (spec, error) {
	s := &hybridSpec{}
	return s, decodeFields("hybrid", n, map[string]any{"ports": &s.ports, "tagged": &s.tagged, "untagged": &s.untagged, "pvid": &s.pvid}, "ports")
}

func (s *hybridSpec) make(x expander) (Check, error) {
	c := hybridCheck{}
	var err error
	if c.ports, err = s.ports.ports("ports", x); err != nil {
		return nil, err
	}
	if s.tagged.set() {
		if c.tagged, err = s.tagged.vlans("tagged", x); err != nil {
			return nil, err
		}
	}
	if s.untagged.set() {
		if c.untagged, err = s.untagged.vlans("untagged", x); err != nil {
			return nil, err
		}
	}
	if both := c.tagged.And(c.untagged); both.Len() > 0 {
		return nil, s.tagged.errorf("tagged", "VLAN %s cannot be both tagged and untagged", both.ConfigString())
	}
	if s.pvid.set() {
		if c.pvid, err = s.pvid.vlanID("pvid", x); err != nil {
			return nil, err
		}
	}
	c.test = func(ifc device.Interface) string {
		if why := linkTypeIs(ifc, device.LinkHybrid); why != "" {
			return why
		}
		var bad []string
		if miss := c.tagged.Minus(ifc.HybridTagged); miss.Len() > 0 {
			bad = append(bad, fmt.Sprintf("%s does not carry %s %s tagged", ifc.Name, plural(miss.Len(), "VLAN", "VLANs"), miss.ConfigString()))
		}
		if miss := c.untagged.Minus(ifc.HybridUntagged); miss.Len() > 0 {
			bad = append(bad, fmt.Sprintf("%s does not carry %s %s untagged", ifc.Name, plural(miss.Len(), "VLAN", "VLANs"), miss.ConfigString()))
		}
		if c.pvid != 0 && ifc.PVID != c.pvid {
			bad = append(bad, fmt.Sprintf("%s has PVID %d, not %d", ifc.Name, ifc.PVID, c.pvid))
		}
		return strings.Join(bad, "; ")
	}
	return c, nil
}

type hybridCheck struct {
	portCheck
	tagged, untagged device.VLANSet
	pvid             int
}

func (c hybridCheck) what() string {
	var parts []string
	if c.tagged.Len() > 0 {
		parts = append(parts, fmt.Sprintf("%s %s tagged", plural(c.tagged.Len(), "VLAN", "VLANs"), c.tagged.ConfigString()))
	}
	if c.untagged.Len() > 0 {
		parts = append(parts, fmt.Sprintf("%s %s untagged", plural(c.untagged.Len(), "VLAN", "VLANs"), c.untagged.ConfigString()))
	}
	s := ""
	if len(parts) > 0 {
		s = "carrying " + strings.Join(parts, " and ")
	}
	if c.pvid != 0 {
		s = strings.TrimSpace(s + fmt.Sprintf(" with PVID %d", c.pvid))
	}
	return s
}

func (c hybridCheck) Describe() string {
	return strings.TrimSpace(describePorts(c.ports) + " " + plural(len(c.ports), "is a hybrid port", "are hybrid ports") + " " + c.what())
}

func (c hybridCheck) Eval(t *Target) (bool, string) {
	return c.eval(t, strings.TrimSpace(plural(len(c.ports), "a hybrid port", "hybrid ports")+" "+c.what()))
}
