package lab

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Lab is a lab file: which devices it checks and what it asks of each.
type Lab struct {
	Name        string // its id in the API: vlans-101
	Title       string // for people; Name if the file gives none
	Description string
	File        string // where it was loaded from ("" for Parse)

	selectors selectors
	checks    []entry
	// The checks made for each device: byN for a range's counter value,
	// shared for devices without one.
	byN    map[int][]Check
	shared []Check
}

// entry is one check of the file.
type entry struct {
	id, descr, kind string
	spec            spec
	line            int
}

// describe is the description a check shows: the file's, or the one its
// parameters make.
func (e entry) describe(c Check) string {
	if e.descr != "" {
		return e.descr
	}
	return c.Describe()
}

func (e *entry) UnmarshalYAML(n *yaml.Node) error {
	e.line = n.Line
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a check is a mapping: id, description and one kind (%s)", n.Line, strings.Join(Kinds(), ", "))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "id":
			if err := v.Decode(&e.id); err != nil {
				return fmt.Errorf("line %d: id: %w", v.Line, cleanYAMLError(err))
			}
		case "description":
			if err := v.Decode(&e.descr); err != nil {
				return fmt.Errorf("line %d: description: %w", v.Line, cleanYAMLError(err))
			}
		default:
			kd := findKind(k.Value)
			if kd == nil {
				return fmt.Errorf("line %d: unknown key %q in a check (want id, description and one of %s)", k.Line, k.Value, strings.Join(Kinds(), ", "))
			}
			if e.kind != "" {
				return fmt.Errorf("line %d: a check has one kind: %s and %s", k.Line, e.kind, k.Value)
			}
			s, err := kd.parse(v)
			if err != nil {
				return err
			}
			e.kind, e.spec = k.Value, s
		}
	}
	if e.kind == "" {
		return fmt.Errorf("line %d: the check says what to check with one of %s", n.Line, strings.Join(Kinds(), ", "))
	}
	return nil
}

// fileLab is a lab file as YAML; README ("Lab checks") documents every
// key.
type fileLab struct {
	Name        string    `yaml:"name"`
	Title       string    `yaml:"title"`
	Description string    `yaml:"description"`
	Devices     selectors `yaml:"devices"`
	Checks      []entry   `yaml:"checks"`
}

var idRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$`)

// Load reads a lab file.
func Load(file string) (*Lab, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	l, err := Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("lab: %s: %w", file, err)
	}
	l.File = file
	return l, nil
}

var lineRE = regexp.MustCompile(`^line \d+: `)

var notFoundRE = regexp.MustCompile(`field (\S+) not found in type \S+`)

// Parse reads a lab file's YAML and makes its checks for every device it
// names: unknown keys, bad values and parameters that do not make a
// check are errors with their line.
func Parse(r io.Reader) (*Lab, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var f fileLab
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty lab file")
		}
		msg := notFoundRE.ReplaceAllString(err.Error(), `unknown key "$1" (want name, title, description, devices, checks)`)
		return nil, errors.New(strings.TrimPrefix(strings.ReplaceAll(msg, "yaml: unmarshal errors:\n  ", ""), "yaml: "))
	}
	l := &Lab{Name: f.Name, Title: f.Title, Description: strings.TrimSpace(f.Description), selectors: f.Devices, checks: f.Checks}
	if !idRE.MatchString(l.Name) {
		return nil, fmt.Errorf("name %q: a lab needs a name of 1-64 letters, digits, '_', '.' and '-' (its id in the API)", l.Name)
	}
	if l.Title == "" {
		l.Title = l.Name
	}
	if len(l.selectors) == 0 {
		return nil, errors.New("devices: a lab names the devices it checks")
	}
	if len(l.checks) == 0 {
		return nil, errors.New("checks: a lab has at least one check")
	}
	ids := map[string]int{}
	for i := range l.checks {
		e := &l.checks[i]
		if e.id == "" {
			e.id = fmt.Sprintf("%s-%d", e.kind, i+1)
		}
		if !idRE.MatchString(e.id) {
			return nil, fmt.Errorf("line %d: id %q: use 1-64 letters, digits, '_', '.' and '-'", e.line, e.id)
		}
		if prev, dup := ids[e.id]; dup {
			return nil, fmt.Errorf("line %d: id %q is the check's at line %d too", e.line, e.id, prev)
		}
		ids[e.id] = e.line
	}
	// Make the checks of every device now: a bad parameter is the
	// file's error, not a surprise in class.
	l.byN = map[int][]Check{}
	for _, s := range l.selectors {
		if s.count == 0 {
			if l.shared == nil {
				cs, err := l.make(expander{})
				if err != nil {
					return nil, err
				}
				l.shared = cs
			}
			continue
		}
		for _, n := range s.counters() {
			if _, ok := l.byN[n]; ok {
				continue
			}
			cs, err := l.make(expander{n: n, has: true})
			if err != nil {
				name, _ := s.device(n)
				return nil, fmt.Errorf("%w (for %s)", err, name)
			}
			l.byN[n] = cs
		}
	}
	return l, nil
}

// make makes every check for one device.
func (l *Lab) make(x expander) ([]Check, error) {
	out := make([]Check, len(l.checks))
	for i, e := range l.checks {
		c, err := e.spec.make(x)
		if err != nil {
			// "line N: check ID: key: why"
			msg := err.Error()
			if m := lineRE.FindString(msg); m != "" {
				return nil, fmt.Errorf("%scheck %s: %s", m, e.id, msg[len(m):])
			}
			return nil, fmt.Errorf("line %d: check %s: %w", e.line, e.id, err)
		}
		out[i] = c
	}
	return out, nil
}

// checksFor are the checks of one device of the lab.
func (l *Lab) checksFor(m member) []Check {
	if m.counter {
		return l.byN[m.n]
	}
	return l.shared
}

// Checks is how many checks the lab has.
func (l *Lab) Checks() int { return len(l.checks) }
