package cli

import (
	"slices"
	"strings"
	"testing"
)

// noUndo lists, per view, the configuration commands (by their leading
// keywords) that have no undo form on the device. Anything else a
// configuration view offers must have one.
var noUndo = map[viewKind][]string{
	// Entering a view changes nothing by itself; the device has no
	// "undo user-interface".
	viewSystem: {"user-interface vty", "user-interface aux",
		// Key pairs are made and destroyed by two commands; neither has an undo form.
		"public-key local create", "public-key local destroy"},
	// Leaving the key views is not a setting.
	viewPKey:     {"peer-public-key end", "public-key-code begin"},
	viewPKeyCode: {"public-key-code end"},
	// Region settings are undone by undo instance; activating and
	// checking are no settings; stp enable undoes stp disable.
	viewMSTRegion: {"vlan-mapping modulo", "active region-configuration", "check region-configuration"},
	viewInterface: {"stp disable"},
}

// TestUndoForms walks every configuration view's grammar and fails if a
// command lacks its undo form: an "undo" command whose keywords are a
// prefix of the command's leading keywords (undo description for
// description TEXT, undo password for password simple PW), or the other
// way round (undo ssh server enable).
func TestUndoForms(t *testing.T) {
	for kind, groups := range grammar {
		if kind == viewUser {
			continue // user view holds no configuration
		}
		var cmds []Command
		for _, g := range groups {
			cmds = append(cmds, g.cmds...)
		}
		var undos [][]string
		for _, c := range cmds {
			if kw := leadingKeywords(c.Syntax); len(kw) > 1 && kw[0] == "undo" {
				undos = append(undos, kw[1:])
			}
		}
		for _, c := range cmds {
			kw := leadingKeywords(c.Syntax)
			if len(kw) == 0 || kw[0] == "undo" || kw[0] == "display" {
				continue
			}
			if slices.ContainsFunc(noUndo[kind], func(p string) bool {
				return strings.HasPrefix(strings.Join(kw, " ")+" ", p+" ")
			}) {
				continue
			}
			if !slices.ContainsFunc(undos, func(u []string) bool { return isPrefix(u, kw) || isPrefix(kw, u) }) {
				t.Errorf("view %q: %q has no undo form (add one, or list it in noUndo if the device has none)",
					frame{kind: kind}.helpHeader(), c.Syntax)
			}
		}
	}
}

// leadingKeywords are the keywords of syntax before its first argument.
func leadingKeywords(syntax string) []string {
	var out []string
	for _, w := range strings.Fields(syntax) {
		if strings.HasPrefix(w, "{") {
			break
		}
		out = append(out, w)
	}
	return out
}

func isPrefix(p, s []string) bool { return len(p) <= len(s) && slices.Equal(p, s[:len(p)]) }
