package cli

import (
	"strings"
	"testing"
)

// TestResolve is the matcher's table: abbreviation, exact-beats-prefix,
// interface names written every way the device takes them, the five
// errors with their caret offsets, and privilege levels.
func TestResolve(t *testing.T) {
	const (
		ok = -1 // resolves
	)
	tests := []struct {
		view  viewKind
		level int
		line  string
		kind  ParseErrorKind // when pos >= 0
		pos   int            // ok: resolves
		words string         // canonical words of a resolved line
	}{
		// Abbreviation, case-insensitive.
		{viewUser, 3, "display version", 0, ok, "display version"},
		{viewUser, 3, "dis ver", 0, ok, "display version"},
		{viewUser, 3, "DISPLAY VERSION", 0, ok, "display version"},
		{viewUser, 3, "dis cu", 0, ok, "display current-configuration"},
		{viewUser, 3, "di cu", Ambiguous, 0, ""}, // dir, display
		{viewSystem, 3, "di cu", 0, ok, "display current-configuration"},
		{viewUser, 3, "  dis   vlan   all  ", 0, ok, "display vlan all"},
		{viewUser, 3, "sys", 0, ok, "system-view"},
		{viewUser, 3, "screen disable", 0, ok, "screen-length disable"},
		{viewUser, 3, "undo screen dis", 0, ok, "undo screen-length disable"},
		// Interface names, every way the device takes them.
		{viewSystem, 3, "int g2/0/1", 0, ok, "interface GigabitEthernet2/0/1"},
		{viewSystem, 3, "int GE2/0/1", 0, ok, "interface GigabitEthernet2/0/1"},
		{viewSystem, 3, "interface GigabitEthernet 2/0/1", 0, ok, "interface GigabitEthernet2/0/1"},
		{viewSystem, 3, "interface gigabitethernet2/0/48", 0, ok, "interface GigabitEthernet2/0/48"},
		{viewSystem, 3, "int vlan 10", 0, ok, "interface Vlan-interface10"},
		{viewSystem, 3, "int vlan-int 10", 0, ok, "interface Vlan-interface10"},
		{viewSystem, 3, "int vlan-interface10", 0, ok, "interface Vlan-interface10"},
		{viewSystem, 3, "int Vlan-interface4094", 0, ok, "interface Vlan-interface4094"},
		{viewSystem, 3, "int loop 0", 0, ok, "interface LoopBack0"},
		{viewSystem, 3, "int ten 4/0/1", 0, ok, "interface Ten-GigabitEthernet4/0/1"},
		{viewSystem, 3, "int null 0", 0, ok, "interface NULL0"},
		// Arguments and ranges.
		{viewSystem, 3, "vlan 1", 0, ok, "vlan 1"},
		{viewSystem, 3, "vlan 4094", 0, ok, "vlan 4094"},
		{viewSystem, 3, "vlan 10 to 20", 0, ok, "vlan 10 to 20"},
		{viewSystem, 3, "vlan 0", WrongParam, 5, ""},
		{viewSystem, 3, "vlan 4095", WrongParam, 5, ""},
		{viewSystem, 3, "vlan x", WrongParam, 5, ""},
		{viewSystem, 3, "int vlan 4095", WrongParam, 9, ""},
		{viewSystem, 3, "int vlan4095", WrongParam, 4, ""},
		{viewSystem, 3, "sysname Core Switch 1", 0, ok, "sysname Core Switch 1"},
		// The five errors and their carets.
		{viewUser, 3, "display ntp-status", Unrecognized, 8, ""},
		{viewUser, 3, "foo", Unrecognized, 0, ""},
		{viewUser, 3, "display", Incomplete, 8, ""},
		{viewUser, 3, "display   ", Incomplete, 8, ""},
		{viewUser, 3, "screen-length", Incomplete, 14, ""},
		{viewSystem, 3, "s", Ambiguous, 0, ""},
		{viewSystem, 3, "vlan 10 to", Incomplete, 11, ""},
		{viewUser, 3, "display version extra", TooMany, 16, ""},
		{viewUser, 3, "display version  extra more", TooMany, 17, ""},
		{viewUser, 3, "quit now", TooMany, 5, ""},
		{viewUser, 3, "display vlan 5000", WrongParam, 13, ""},
		// Commands only exist in their views.
		{viewUser, 3, "vlan 10", Unrecognized, 0, ""},
		{viewUser, 3, "return", Unrecognized, 0, ""},
		{viewSystem, 3, "system-view", Unrecognized, 0, ""},
		{viewVLAN, 3, "name Servers", 0, ok, "name Servers"},
		{viewInterface, 3, "sh", 0, ok, "shutdown"},
		{viewInterface, 3, "undo sh", 0, ok, "undo shutdown"},
		{viewUI, 3, "idle 0 30", 0, ok, "idle-timeout 0 30"},
		// Privilege levels: above the level, a command does not exist.
		{viewUser, 0, "display version", Unrecognized, 0, ""},
		{viewUser, 1, "display version", 0, ok, "display version"},
		{viewUser, 1, "system-view", Unrecognized, 0, ""},
		{viewUser, 2, "system-view", 0, ok, "system-view"},
		{viewUser, 0, "super 3", 0, ok, "super 3"},
		{viewUser, 0, "quit", 0, ok, "quit"},
		{viewSystem, 2, "local-user x", Unrecognized, 0, ""},
		{viewSystem, 3, "local-user x", 0, ok, "local-user x"},
		// Output filters.
		{viewUser, 3, "display version | include 3Com", 0, ok, "display version"},
		{viewUser, 3, "display version | b x y", 0, ok, "display version"},
		{viewUser, 3, "display version |", Incomplete, 18, ""},
		{viewUser, 3, "display version | x", Unrecognized, 18, ""},
		{viewUser, 3, "display version | e", Incomplete, 20, ""},
	}
	for _, tc := range tests {
		r, perr := compiledViews[tc.view].resolve(tc.line, tc.level, true)
		if tc.pos == ok {
			if perr != nil {
				t.Errorf("view %d level %d %q: %v, want a command", tc.view, tc.level, tc.line, perr)
				continue
			}
			if got := canonical(r.args); got != tc.words {
				t.Errorf("view %d %q: resolved to %q, want %q", tc.view, tc.line, got, tc.words)
			}
			continue
		}
		if perr == nil {
			t.Errorf("view %d level %d %q: resolved, want %v at %d", tc.view, tc.level, tc.line, tc.kind, tc.pos)
			continue
		}
		if perr.Kind != tc.kind || perr.Pos != tc.pos {
			t.Errorf("view %d level %d %q: %v, want kind %d at %d", tc.view, tc.level, tc.line, perr, tc.kind, tc.pos)
		}
	}
}

// canonical is a resolved line written back with full keywords and
// canonical argument values.
func canonical(a Args) string {
	var out []string
	for _, w := range a.Words {
		out = append(out, w.Value)
	}
	return strings.Join(out, " ")
}

// FuzzResolve feeds arbitrary lines to every view's matcher at every
// level: it must never panic, an error must point into the line (or just
// past it), and a resolved line written back canonically must resolve to
// the same command.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"display version", "dis cu | inc ^ vlan", "int g2/0/1", "int vlan 10", "vlan 10 to 20",
		"sysname \"a b\"", "\"", "| include", "super 3", "undo vlan 1 to 4094", "local-user a b",
		"user-interface vty 0 4", "idle-timeout 1 30", "display vlan 4095", "int GE2/0/1 x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for kind, tree := range compiledViews {
			for level := 0; level <= 3; level++ {
				r, perr := tree.resolve(line, level, true)
				if perr != nil {
					if perr.Pos < 0 || perr.Pos > len(line)+1 {
						t.Fatalf("view %d %q: caret %d outside the line", kind, line, perr.Pos)
					}
					continue
				}
				if r.node.run == nil || r.node.runPriv > level {
					t.Fatalf("view %d level %d %q: resolved to a node it may not run", kind, level, line)
				}
				if r.args.Filter != nil || strings.ContainsAny(line, "\"") {
					continue // the filter and quoted words are not written back
				}
				again := canonical(r.args)
				r2, perr := tree.resolve(again, level, true)
				if perr != nil {
					t.Fatalf("view %d %q resolved as %q, which does not resolve: %v", kind, line, again, perr)
				}
				if r2.node != r.node || canonical(r2.args) != again {
					t.Fatalf("view %d %q: %q re-resolves as %q", kind, line, again, canonical(r2.args))
				}
			}
		}
	})
}

// TestExactKeywordWins: an exact keyword beats a longer keyword that it
// prefixes, a shorter prefix of both is ambiguous, and a prefix of only
// the longer one picks it.
func TestExactKeywordWins(t *testing.T) {
	run := func(*Session, Args) error { return nil }
	tree := MustBuild([]Command{
		{Syntax: "ssh", Priv: 0, Run: run},
		{Syntax: "ssh2", Priv: 0, Run: run},
		{Syntax: "vlan", Priv: 0, Run: run},
		{Syntax: "vlan-interface", Priv: 0, Run: run},
	}, map[string]string{"ssh": "a", "ssh2": "b", "vlan": "c", "vlan-interface": "d"})
	for _, tc := range []struct {
		line, want string
		err        bool
	}{
		{"ssh", "ssh", false},
		{"SSH", "ssh", false},
		{"ssh2", "ssh2", false},
		{"ss", "", true},
		{"vlan", "vlan", false},
		{"vlan-", "vlan-interface", false},
		{"vl", "", true},
	} {
		r, perr := tree.resolve(tc.line, 0, false)
		switch {
		case tc.err && (perr == nil || perr.Kind != Ambiguous):
			t.Errorf("%q: %v, want ambiguous", tc.line, perr)
		case !tc.err && perr != nil:
			t.Errorf("%q: %v", tc.line, perr)
		case !tc.err && canonical(r.args) != tc.want:
			t.Errorf("%q resolved to %q, want %q", tc.line, canonical(r.args), tc.want)
		}
	}
}
