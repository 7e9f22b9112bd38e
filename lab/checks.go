package lab

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Check is one thing a lab asks of a device. It reads the device's model
// (Target.Config) or the text the device renders from it, never a
// session's screen.
type Check interface {
	// Describe says what the check asks, for people: "VLAN 10 exists
	// and is named Servers".
	Describe() string
	// Eval says whether the device meets it and why: on a failure, what
	// the device has instead ("VLAN 10 is named Sales, not Servers").
	Eval(t *Target) (pass bool, detail string)
}

// spec is a check as the file gives it, before a device's counter
// expands its parameters.
type spec interface {
	make(x expander) (Check, error)
}

// kind is one kind of check: the key that names it in a lab file and
// how its value is read.
type kind struct {
	key   string
	parse func(n *yaml.Node) (spec, error)
}

// kinds lists every kind of check, in the order README documents them.
var kinds = []kind{
	{"vlan", parseVLAN},
	{"access", parseAccess},
	{"trunk", parseTrunk},
	{"hybrid", parseHybrid},
	{"address", parseAddress},
	{"route", parseRoute},
	{"local_user", parseLocalUser},
	{"ssh_server", parseSSHServer},
	{"saved", parseSaved},
	{"interface_shutdown", parseShutdown},
	{"interface_description", parseIfDescription},
	{"sysname", parseSysname},
	{"config_line", parseConfigLine},
}

// Kinds returns the keys of every kind of check.
func Kinds() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.key
	}
	return out
}

func findKind(key string) *kind {
	for i := range kinds {
		if kinds[i].key == key {
			return &kinds[i]
		}
	}
	return nil
}

// decodeFields decodes a mapping into the values of fields by key (a
// *param, *bool, *string or *int each), refusing keys it does not name
// with their line. Required keys must be there.
func decodeFields(what string, n *yaml.Node, fields map[string]any, required ...string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: %s: want a mapping of %s", n.Line, what, strings.Join(sortedKeys(fields), ", "))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		dst, ok := fields[k.Value]
		if !ok {
			return fmt.Errorf("line %d: %s: unknown key %q (want %s)", k.Line, what, k.Value, strings.Join(sortedKeys(fields), ", "))
		}
		if seen[k.Value] {
			return fmt.Errorf("line %d: %s: %s is given twice", k.Line, what, k.Value)
		}
		seen[k.Value] = true
		if err := v.Decode(dst); err != nil {
			return fmt.Errorf("line %d: %s: %s: %w", v.Line, what, k.Value, cleanYAMLError(err))
		}
	}
	for _, r := range required {
		if !seen[r] {
			return fmt.Errorf("line %d: %s: %s is missing", n.Line, what, r)
		}
	}
	return nil
}

// cleanYAMLError drops the "yaml: unmarshal errors:" heading of a
// decode error of one value.
func cleanYAMLError(err error) error {
	msg := err.Error()
	if _, rest, ok := strings.Cut(msg, "\n  "); ok && strings.HasPrefix(msg, "yaml: unmarshal errors:") {
		if _, after, ok := strings.Cut(rest, ": "); ok && strings.HasPrefix(rest, "line ") {
			return fmt.Errorf("%s", after)
		}
		return fmt.Errorf("%s", rest)
	}
	return err
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// failures joins the reasons of a check over several ports: the first
// three, then how many more.
func failures(reasons []string) string {
	if len(reasons) <= 3 {
		return strings.Join(reasons, "; ")
	}
	return strings.Join(reasons[:3], "; ") + fmt.Sprintf("; and %d more", len(reasons)-3)
}

// plural picks a singular or plural phrase for n things.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
