package device

import (
	"strings"
	"testing"
)

func TestExtra(t *testing.T) {
	var e Extra
	same := func(key string) func(ExtraLine) bool {
		return func(l ExtraLine) bool { return strings.HasPrefix(l.Text, key) }
	}
	e.Set("", ExtraLine{Decl: "b", Rank: 2, Text: "b 1"}, same("b "))
	e.Set("", ExtraLine{Decl: "a", Rank: 1, Text: "a 1"}, same("a "))
	e.Set("", ExtraLine{Decl: "c", Rank: 3, Text: "c 1"}, same("c "))
	e.Set("", ExtraLine{Decl: "b", Rank: 2, Text: "b 2"}, same("b "))      // replaces in place
	e.Set("", ExtraLine{Decl: "c", Rank: 3, Text: "c x"}, same("nothing")) // a second line of rank 3
	var got []string
	for _, l := range e.Lines("") {
		got = append(got, l.Text)
	}
	if strings.Join(got, ",") != "a 1,b 2,c 1,c x" {
		t.Errorf("lines %q", got)
	}
	e.Ensure("ospf 1", "ospf", "ospf 1 router-id 1.1.1.1", 5)
	e.Ensure("ospf 1\narea 0.0.0.0", "ospf-area", "area 0.0.0.0", 6)
	e.Set("ospf 1\narea 0.0.0.0", ExtraLine{Text: "network 10.0.0.0 0.255.255.255"}, same("x"))
	c := e.Clone()
	c.Sections[0].Lines[0].Text = "changed"
	if e.Lines("")[0].Text != "a 1" {
		t.Errorf("Clone shares lines")
	}
	if kids := e.Children(""); len(kids) != 1 || kids[0].Path != "ospf 1" {
		t.Errorf("top-level sections %v", kids)
	}
	if kids := e.Children("ospf 1"); len(kids) != 1 || kids[0].Header != "area 0.0.0.0" {
		t.Errorf("nested sections %v", kids)
	}
	if n := e.Remove("", func(l ExtraLine) bool { return l.Decl == "c" }); n != 2 {
		t.Errorf("removed %d", n)
	}
	if !e.RemoveSection("ospf 1") || e.Section("ospf 1\narea 0.0.0.0") != nil {
		t.Errorf("RemoveSection left the nested section")
	}
	if e.RemoveSection("ospf 1") {
		t.Errorf("removed twice")
	}
}
