package lab

import (
	"fmt"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"

	"switchemu/fleet"
)

// selector picks devices of the fleet: one by name, a range (a name
// with a counter, as inventory ranges have: every check parameter may
// use the counter), or every device whose name matches a glob.
type selector struct {
	name         string // a device, or a range's name with {n}
	count, first int    // count > 0: a range
	match        string // a glob (path.Match): student*, sw[1-4]
	line         int
}

// selectors is the devices key: one selector, or a list.
type selectors []selector

func (s *selectors) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			sel, err := parseSelector(c)
			if err != nil {
				return err
			}
			*s = append(*s, sel)
		}
		return nil
	}
	sel, err := parseSelector(n)
	if err != nil {
		return err
	}
	*s = selectors{sel}
	return nil
}

func parseSelector(n *yaml.Node) (selector, error) {
	sel := selector{line: n.Line, first: 1}
	if n.Kind == yaml.ScalarNode {
		v := strings.TrimSpace(n.Value)
		switch {
		case v == "":
			return sel, fmt.Errorf("line %d: devices: an empty name", n.Line)
		case strings.ContainsAny(v, "*?["):
			sel.match = v
		case strings.Contains(v, "{"):
			return sel, fmt.Errorf("line %d: devices: %q has a counter: give it as {name: %q, count: N}", n.Line, v, v)
		default:
			sel.name = v
		}
		return sel, sel.check()
	}
	var name, match param
	var count, first *int
	if err := decodeFields("devices", n, map[string]any{"name": &name, "count": &count, "first": &first, "match": &match}); err != nil {
		return sel, err
	}
	switch {
	case match.set() && (name.set() || count != nil || first != nil):
		return sel, fmt.Errorf("line %d: devices: match goes alone (a glob over the inventory's names)", n.Line)
	case match.set():
		sel.match = match.vals[0]
	case !name.set():
		return sel, fmt.Errorf("line %d: devices: want name (with count for a range) or match", n.Line)
	default:
		sel.name = name.vals[0]
		if count != nil {
			if *count < 1 || *count > fleet.MaxDevices {
				return sel, fmt.Errorf("line %d: devices: count %d: must be 1-%d", n.Line, *count, fleet.MaxDevices)
			}
			sel.count = *count
			if !strings.Contains(sel.name, "{") {
				return sel, fmt.Errorf("line %d: devices: a range's name needs a counter, e.g. %q", n.Line, sel.name+"{n:02}")
			}
		} else if strings.Contains(sel.name, "{") {
			return sel, fmt.Errorf("line %d: devices: %q has a counter: give count too", n.Line, sel.name)
		}
		if first != nil {
			if count == nil {
				return sel, fmt.Errorf("line %d: devices: first goes with count", n.Line)
			}
			sel.first = *first
		}
	}
	return sel, sel.check()
}

// check validates a glob and a range's names.
func (s selector) check() error {
	if s.match != "" {
		if _, err := path.Match(s.match, ""); err != nil {
			return fmt.Errorf("line %d: devices: match %q: %w", s.line, s.match, err)
		}
		return nil
	}
	for n := range s.counters() {
		if _, err := s.device(n); err != nil {
			return err
		}
	}
	return nil
}

// counters are the counter values of a range.
func (s selector) counters() []int {
	if s.count == 0 {
		return nil
	}
	out := make([]int, s.count)
	for k := range out {
		out[k] = s.first + k
	}
	return out
}

// device is the range's device for counter n.
func (s selector) device(n int) (string, error) {
	name, err := fleet.Expand(s.name, n)
	if err != nil {
		return "", fmt.Errorf("line %d: devices: %w", s.line, err)
	}
	return name, nil
}

// member is one device a lab checks and its counter, if it comes from a
// range.
type member struct {
	name    string
	n       int
	counter bool
}

// resolve lists the devices of a lab among those the fleet serves, in
// the order the file selects them; a device selected twice is checked
// once (as the first selector makes it). A name or a range's device the
// fleet does not serve, and a glob that matches none, are errors.
func (l *Lab) resolve(names []string) ([]member, error) {
	served := make(map[string]bool, len(names))
	for _, n := range names {
		served[n] = true
	}
	var out []member
	seen := map[string]bool{}
	add := func(m member) {
		if !seen[m.name] {
			seen[m.name] = true
			out = append(out, m)
		}
	}
	for _, s := range l.selectors {
		switch {
		case s.match != "":
			found := false
			for _, n := range names {
				if ok, _ := path.Match(s.match, n); ok {
					add(member{name: n})
					found = true
				}
			}
			if !found {
				return nil, fmt.Errorf("line %d: devices: no device of the inventory matches %q", s.line, s.match)
			}
		case s.count > 0:
			for _, n := range s.counters() {
				name, err := s.device(n)
				if err != nil {
					return nil, err
				}
				if !served[name] {
					return nil, fmt.Errorf("line %d: devices: no device %q in the inventory", s.line, name)
				}
				add(member{name: name, n: n, counter: true})
			}
		default:
			if !served[s.name] {
				return nil, fmt.Errorf("line %d: devices: no device %q in the inventory", s.line, s.name)
			}
			add(member{name: s.name})
		}
	}
	return out, nil
}
