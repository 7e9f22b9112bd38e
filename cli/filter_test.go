package cli

import (
	"strings"
	"testing"
)

// TestComwareRegexp checks the filter's regular-expression rules
// (reference §3.8): case-sensitive, \< and \> word edges, the usual
// POSIX operators, and the rest of the line as the expression.
func TestComwareRegexp(t *testing.T) {
	tests := []struct {
		expr  string
		line  string
		match bool
	}{
		{"vlan", "vlan 10", true},
		{"VLAN", "vlan 10", false}, // case-sensitive
		{"^vlan", " vlan 10", false},
		{"^ vlan", " vlan 10", true},
		{"10$", "vlan 10", true},
		{"1.0", "vlan 1x0", true},
		{"vlan 1*0", "vlan 0", true},
		{"vlan 1+0", "vlan 0", false},
		{"a|b", "xbx", true},
		{"(ab)+c", "ababc", true},
		{"[0-9][0-9]", "vlan 7", false},
		{"[^a-z ]", "vlan x", false},
		{"1{2}", "vlan 11", true},
		{"1{3,}", "vlan 11", false},
		{"1{1,2}$", "vlan 11", true},
		{`\<vty\>`, "user-interface vty 0 4", true},
		{`\<vt\>`, "user-interface vty 0 4", false},
		{`\<face`, "user-interface vty", false},
		{`\bvty\b`, "user-interface vty 0", true},
		{`\Bterface`, "interface", true},
		{`\w+-\w+`, "user-interface", true},
		{`\W`, "abc", false},
		{`2\.0`, "5.20", false},
		{`\\`, `a\b`, true},
		{"Software, Version", "Comware Software, Version 5.20", true},
	}
	for _, tc := range tests {
		re, err := compileComwareRegexp(tc.expr)
		if err != nil {
			t.Errorf("%q: %v", tc.expr, err)
			continue
		}
		if got := re.MatchString(tc.line); got != tc.match {
			t.Errorf("%q on %q: %v, want %v", tc.expr, tc.line, got, tc.match)
		}
	}
	for _, bad := range []string{"(", "[a", "a{2,1}", `\`} {
		if _, err := compileComwareRegexp(bad); err == nil {
			t.Errorf("%q compiled; want an error (Wrong parameter)", bad)
		}
	}
}

// TestFilterKinds runs begin, include and exclude over the same lines.
func TestFilterKinds(t *testing.T) {
	lines := []string{"#", "vlan 1", "#", "vlan 10", " name A", "#", "return"}
	for _, tc := range []struct{ line, want string }{
		{"display this | include vlan", "vlan 1|vlan 10"},
		{"display this | exclude ^#", "vlan 1|vlan 10| name A|return"},
		{"display this | begin vlan 10", "vlan 10| name A|#|return"},
		{"display this | begin nothing", ""},
		{"display this | in name A", " name A"},
	} {
		toks := tokenize(tc.line)
		bar := 2
		f, perr := parseFilter(tc.line, toks[bar+1:], toks[bar].pos)
		if perr != nil {
			t.Fatalf("%q: %v", tc.line, perr)
		}
		var kept []string
		for _, l := range lines {
			if f.keep(l) {
				kept = append(kept, l)
			}
		}
		if got := strings.Join(kept, "|"); got != tc.want {
			t.Errorf("%q kept %q, want %q", tc.line, got, tc.want)
		}
	}
}
