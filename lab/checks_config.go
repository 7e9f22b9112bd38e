package lab

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"switchemu/device"
)

// The checks on interfaces' administrative settings and on the
// configuration as the device renders it.

// interface_shutdown: {interface: GigabitEthernet2/0/5, shutdown: true}
// (several ports: a port list).
type shutdownSpec struct {
	iface    param
	shutdown *bool
}

func parseShutdown(n *yaml.Node) (spec, error) {
	s := &shutdownSpec{}
	return s, decodeFields("interface_shutdown", n, map[string]any{"interface": &s.iface, "shutdown": &s.shutdown}, "interface", "shutdown")
}

func (s *shutdownSpec) make(x expander) (Check, error) {
	ports, err := s.iface.ports("interface", x)
	if err != nil {
		return nil, err
	}
	want := *s.shutdown
	return shutdownCheck{portCheck{ports, func(ifc device.Interface) string {
		switch {
		case ifc.Shutdown && !want:
			return ifc.Name + " is shut down"
		case !ifc.Shutdown && want:
			return ifc.Name + " is not shut down"
		}
		return ""
	}}, want}, nil
}

type shutdownCheck struct {
	portCheck
	shutdown bool
}

func (c shutdownCheck) what() string {
	if c.shutdown {
		return "shut down"
	}
	return "not shut down"
}

func (c shutdownCheck) Describe() string {
	return describePorts(c.ports) + " " + plural(len(c.ports), "is ", "are ") + c.what()
}

func (c shutdownCheck) Eval(t *Target) (bool, string) { return c.eval(t, c.what()) }

// interface_description: {interface: GigabitEthernet2/0/24, description: Uplink}
type ifDescrSpec struct{ iface, descr param }

func parseIfDescription(n *yaml.Node) (spec, error) {
	s := &ifDescrSpec{}
	return s, decodeFields("interface_description", n, map[string]any{"interface": &s.iface, "description": &s.descr}, "interface", "description")
}

func (s *ifDescrSpec) make(x expander) (Check, error) {
	ports, err := s.iface.ports("interface", x)
	if err != nil {
		return nil, err
	}
	want, err := s.descr.str("description", x)
	if err != nil {
		return nil, err
	}
	return ifDescrCheck{portCheck{ports, func(ifc device.Interface) string {
		if got := ifc.EffectiveDescription(); got != want {
			if ifc.Description == "" {
				return fmt.Sprintf("%s has the default description %s, not %s", ifc.Name, got, want)
			}
			return fmt.Sprintf("%s has the description %s, not %s", ifc.Name, got, want)
		}
		return ""
	}}, want}, nil
}

type ifDescrCheck struct {
	portCheck
	descr string
}

func (c ifDescrCheck) Describe() string {
	return describePorts(c.ports) + plural(len(c.ports), " has", " have") + " the description " + c.descr
}

func (c ifDescrCheck) Eval(t *Target) (bool, string) {
	return c.eval(t, "described "+c.descr)
}

// saved: true — the saved configuration (the next startup file, as
// display saved-configuration prints it) is the running one (as display
// current-configuration prints it).
type savedSpec struct{ line int }

func parseSaved(n *yaml.Node) (spec, error) {
	var v bool
	if err := n.Decode(&v); err != nil || !v {
		return nil, fmt.Errorf("line %d: saved: want true (the saved configuration is the running one)", n.Line)
	}
	return &savedSpec{n.Line}, nil
}

func (s *savedSpec) make(expander) (Check, error) { return savedCheck{}, nil }

type savedCheck struct{}

func (savedCheck) Describe() string {
	return "the running configuration is saved (display saved-configuration shows display current-configuration)"
}

func (savedCheck) Eval(t *Target) (bool, string) {
	saved, ok, err := t.Saved()
	switch {
	case err != nil:
		return false, "the saved configuration cannot be read: " + err.Error()
	case !ok:
		return false, "there is no saved configuration (save writes it)"
	}
	run, sv := configLines(t.Running()), configLines(saved)
	if strings.Join(run, "\n") == strings.Join(sv, "\n") {
		return true, "the saved configuration is the running configuration"
	}
	removed, added := diffSets(sv, run)
	switch {
	case len(added) > 0:
		return false, fmt.Sprintf("the saved configuration lacks %q%s (save writes it)", added[0], more(len(added)))
	case len(removed) > 0:
		return false, fmt.Sprintf("the saved configuration has %q%s that the running configuration has not (save writes it)", removed[0], more(len(removed)))
	}
	return false, "the saved configuration has the running configuration's lines in another order (save writes it)"
}

func more(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" and %d more %s", n-1, plural(n-1, "line", "lines"))
}

// configLines are the lines of a configuration text without trailing
// spaces, "#" separators and blank lines.
func configLines(text string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		l = strings.TrimRight(l, " \t")
		if t := strings.TrimSpace(l); t == "" || t == "#" {
			continue
		}
		out = append(out, l)
	}
	return out
}

// diffSets returns the lines of a not in b and those of b not in a.
func diffSets(a, b []string) (onlyA, onlyB []string) {
	ina, inb := map[string]int{}, map[string]int{}
	for _, l := range a {
		ina[strings.TrimSpace(l)]++
	}
	for _, l := range b {
		inb[strings.TrimSpace(l)]++
	}
	for _, l := range a {
		if t := strings.TrimSpace(l); inb[t] == 0 {
			onlyA = append(onlyA, t)
		}
	}
	for _, l := range b {
		if t := strings.TrimSpace(l); ina[t] == 0 {
			onlyB = append(onlyB, t)
		}
	}
	return onlyA, onlyB
}

// config_line: "ntp-service unicast-server 10.0.0.1", or a section
// header with indented lines that must be in that section:
//
//	config_line: |
//	  interface GigabitEthernet2/0/1
//	   port link-type trunk
//
// It reads the running configuration as display
// current-configuration renders it from the model, so it does not
// depend on what a session printed.
type configLineSpec struct{ text param }

func parseConfigLine(n *yaml.Node) (spec, error) {
	s := &configLineSpec{}
	if err := n.Decode(&s.text); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *configLineSpec) make(x expander) (Check, error) {
	text, err := s.text.str("config_line", x)
	if err != nil {
		return nil, err
	}
	var c configLineCheck
	for i, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		t := strings.Join(strings.Fields(l), " ")
		if t == "" {
			continue
		}
		if i == 0 || len(c.lines) == 0 {
			c.lines = append(c.lines, t)
			continue
		}
		if !strings.HasPrefix(l, " ") {
			return nil, s.text.errorf("config_line", "line %q: the lines after the first are lines of its section: indent them", l)
		}
		c.lines = append(c.lines, t)
	}
	if len(c.lines) == 0 {
		return nil, s.text.errorf("config_line", "empty")
	}
	return c, nil
}

type configLineCheck struct {
	lines []string // the first, then lines of its section
}

func (c configLineCheck) Describe() string {
	if len(c.lines) == 1 {
		return fmt.Sprintf("the running configuration has the line %q", c.lines[0])
	}
	return fmt.Sprintf("the running configuration has %q under %q", strings.Join(c.lines[1:], "; "), c.lines[0])
}

func (c configLineCheck) Eval(t *Target) (bool, string) {
	lines := strings.Split(t.Running(), "\n")
	norm := func(l string) string { return strings.Join(strings.Fields(l), " ") }
	if len(c.lines) == 1 {
		for _, l := range lines {
			if norm(l) == c.lines[0] {
				return true, fmt.Sprintf("the running configuration has %q", c.lines[0])
			}
		}
		return false, fmt.Sprintf("the running configuration has no line %q", c.lines[0])
	}
	for i, l := range lines {
		if strings.HasPrefix(l, " ") || norm(l) != c.lines[0] {
			continue
		}
		// The section: the indented lines that follow.
		in := map[string]bool{}
		for _, s := range lines[i+1:] {
			if !strings.HasPrefix(s, " ") {
				break
			}
			in[norm(s)] = true
		}
		var missing []string
		for _, want := range c.lines[1:] {
			if !in[want] {
				missing = append(missing, want)
			}
		}
		if len(missing) > 0 {
			return false, fmt.Sprintf("%q has no line %s", c.lines[0], quotedList(missing))
		}
		return true, fmt.Sprintf("%q has %s", c.lines[0], quotedList(c.lines[1:]))
	}
	return false, fmt.Sprintf("the running configuration has no section %q", c.lines[0])
}

func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return andList(q)
}
