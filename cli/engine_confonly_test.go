package cli

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"switchemu/device"
	"switchemu/profiles"
)

// sampleLine fills a plain syntax's arguments with values in range.
func sampleLine(syntax string) string {
	var out []string
	for _, w := range strings.Fields(syntax) {
		m := argRE.FindStringSubmatch(w)
		if m == nil {
			out = append(out, w)
			continue
		}
		spec := m[2]
		switch {
		case spec == "A.B.C.D":
			out = append(out, "10.1.1.1")
		case spec == "IFNAME" || spec == "ETHNAME":
			out = append(out, "GigabitEthernet2/0/1")
		case strings.HasPrefix(spec, "STRING"), strings.HasPrefix(spec, "LINE"):
			lo, hi, _ := parseRange(strings.TrimLeft(spec, "STRINGLINE"))
			n := min(max(lo, 4), hi)
			out = append(out, strings.Repeat("x", n))
		default:
			lo, _, _ := parseRange(spec)
			out = append(out, fmt.Sprint(lo))
		}
	}
	return strings.Join(out, " ")
}

// first is the first form of a syntax with [ ] and ( | ) groups.
func first(syntax string) string {
	forms, err := expandSyntax(syntax)
	if err != nil || len(forms) == 0 {
		panic(syntax)
	}
	// the longest form exercises the most words
	slices.SortStableFunc(forms, func(a, b string) int { return len(b) - len(a) })
	return forms[0]
}

// confEntry is how to reach the view a declaration belongs to.
func confEntry(view string, c *confCmd) []string {
	switch view {
	case "system":
		return nil
	case "interface":
		if c.On == "l3" {
			return []string{"vlan 10", "quit", "interface Vlan-interface10"}
		}
		return []string{"interface GigabitEthernet2/0/1"}
	case "ui":
		return []string{"user-interface vty 0 4"}
	case "vlan":
		return []string{"vlan 10"}
	}
	var chain []string
	for k := view; k != ""; {
		v := confViews.views[k]
		chain = append([]string{sampleLine(first(v.Header))}, chain...)
		k = confParent(k)
	}
	return chain
}

// confParent is the kind of the view a sub-view is entered from, "" for
// system view.
func confParent(kind string) string {
	for k, v := range confViews.views {
		for _, n := range v.Views {
			if n.Kind == kind {
				return k
			}
		}
	}
	return ""
}

// TestConfOnlyProperty: every declared configuration-only command is
// stored, shown by display current-configuration and display this,
// survives a render → replay → render round trip, and is removed by its
// undo form.
func TestConfOnlyProperty(t *testing.T) {
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(confViews.cmds))
	for id := range confViews.cmds {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		c := confViews.cmds[id]
		view, _, _ := strings.Cut(id, ":")
		t.Run(id, func(t *testing.T) {
			d := device.New(p, device.Options{})
			if errs := New(d, nil).Replay(p.Factory.Config); len(errs) > 0 {
				t.Fatal(errs)
			}
			con := newConsole(t, d)
			con.must("system-view")
			con.must(confEntry(view, c)...)
			line := sampleLine(first(c.Syntax))
			con.must(line)
			want := line
			if c.Syntax == "ospf" {
				want = "ospf 1"
			}
			cfg := renderConfig(d.Snapshot(), p)
			if !hasLine(cfg, want) {
				t.Fatalf("%q not in display current-configuration:\n%s", want, cfg)
			}
			if this := con.run("display this"); !hasLine(this, want) {
				t.Errorf("%q not in display this:\n%s", want, this)
			}
			// replay
			d2 := device.New(p, device.Options{})
			if errs := New(d2, nil).Replay(cfg); len(errs) > 0 {
				t.Fatalf("replay of the rendered configuration: %v\n%s", errs, cfg)
			}
			if again := renderConfig(d2.Snapshot(), p); again != cfg {
				t.Errorf("replay changed the configuration:\n%s", realDiff(strings.Split(cfg, "\n"), strings.Split(again, "\n")))
			}
			undo := c.Undo
			if undo == nil {
				undo = defaultUndo(c.Syntax)
			}
			if len(undo) == 0 {
				return
			}
			con.must(sampleLine(first(undo[0])))
			if cfg := renderConfig(d.Snapshot(), p); hasLine(cfg, want) {
				t.Errorf("%q still there after %q", want, sampleLine(first(undo[0])))
			}
		})
	}
}

func hasLine(text, line string) bool {
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == line {
			return true
		}
	}
	return false
}

// TestConfOnlyRangeCaret: a value out of a declared range gets the
// device's caret error, and nothing is stored.
func TestConfOnlyRangeCaret(t *testing.T) {
	d, _ := modelDevice(t)
	con := newConsole(t, d)
	con.must("system-view")
	out := con.run("irf member 1 priority 33")
	if !strings.Contains(out, "^\n % Wrong parameter found at '^' position.") {
		t.Errorf("out of range: %q", out)
	}
	if hasLine(renderConfig(d.Snapshot(), d.Profile()), "irf member 1 priority 33") {
		t.Errorf("a refused line was stored")
	}
	con.must("dhcp server ip-pool pool1")
	if out := con.run("expired day 366"); !strings.Contains(out, "Wrong parameter") {
		t.Errorf("expired day 366: %q", out)
	}
	if p := con.s.prompt(); p != "[3Com-dhcp-pool-pool1]" {
		t.Errorf("prompt %q", p)
	}
}

// TestConfOnlyNested: a nested sub-view prints indented, and a line of
// the parent view typed in the nested one leaves it (as the device's
// views do).
func TestConfOnlyNested(t *testing.T) {
	d, _ := modelDevice(t)
	con := newConsole(t, d)
	con.must("system-view", "ospf 1 router-id 1.1.1.1", "area 0", "network 10.0.0.0 0.255.255.255")
	if p := con.s.prompt(); p != "[3Com-ospf-1-area-0.0.0.0]" {
		t.Errorf("prompt %q", p)
	}
	con.must("import-route direct")
	if p := con.s.prompt(); p != "[3Com-ospf-1]" {
		t.Errorf("prompt after a parent's command: %q", p)
	}
	cfg := renderConfig(d.Snapshot(), d.Profile())
	want := "ospf 1 router-id 1.1.1.1\n import-route direct\n area 0.0.0.0\n  network 10.0.0.0 0.255.255.255\n#\n"
	if !strings.Contains(cfg, want) {
		t.Errorf("ospf section:\n%s", cfg)
	}
	con.must("quit", "undo ospf 1")
	if strings.Contains(renderConfig(d.Snapshot(), d.Profile()), "ospf") {
		t.Errorf("undo ospf 1 left the section")
	}
}

// TestConfOnlyGoesWithItsSection: deleting a VLAN or an interface
// deletes its configuration-only lines.
func TestConfOnlyGoesWithItsSection(t *testing.T) {
	d, _ := modelDevice(t)
	con := newConsole(t, d)
	con.must("system-view", "vlan 10", "igmp-snooping enable", "quit", "interface Vlan-interface10", "igmp enable", "quit",
		"undo interface Vlan-interface10", "undo vlan 10", "vlan 10", "quit", "interface Vlan-interface10", "quit")
	cfg := renderConfig(d.Snapshot(), d.Profile())
	if strings.Contains(cfg, "igmp") {
		t.Errorf("lines outlived their section:\n%s", cfg)
	}
}

// TestAggregateAndRoutedPorts: Bridge-Aggregation interfaces and ports in
// route mode are configured, displayed and rendered without surprises.
func TestAggregateAndRoutedPorts(t *testing.T) {
	d, _ := modelDevice(t)
	con := newConsole(t, d)
	con.must("system-view", "interface Bridge-Aggregation1", "port link-type trunk", "port trunk permit vlan all",
		"link-aggregation mode dynamic", "quit", "interface GigabitEthernet2/0/3", "port link-mode route",
		"ip address 172.16.0.2 255.255.255.0", "quit", "interface GigabitEthernet2/0/4", "port link-type trunk", "port trunk permit vlan all", "port link-aggregation group 1")
	for _, cmd := range []string{"display interface Bridge-Aggregation1", "display interface brief", "display interface GigabitEthernet2/0/3",
		"display ip interface brief", "display vlan 1", "display this"} {
		if out := con.run(cmd); strings.Contains(out, "Error") || strings.Contains(out, "% ") {
			t.Errorf("%s:\n%s", cmd, out)
		}
	}
	cfg := renderConfig(d.Snapshot(), d.Profile())
	for _, want := range []string{"interface Bridge-Aggregation1\n port link-type trunk\n port trunk permit vlan all\n link-aggregation mode dynamic\n#\ninterface NULL0\n",
		"interface GigabitEthernet2/0/3\n port link-mode route\n ip address 172.16.0.2 255.255.255.0\n#\n",
		"interface GigabitEthernet2/0/4\n port link-mode bridge\n port link-type trunk\n port trunk permit vlan all\n port link-aggregation group 1\n#\n"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("configuration lacks\n%s\nin\n%s", want, cfg)
		}
	}
	con.must("interface Bridge-Aggregation1")
	if out := con.run("port link-mode route"); !strings.Contains(out, "Unrecognized") {
		t.Errorf("port link-mode route on an aggregate: %q", out)
	}
}

// TestReplayBanner: a banner over several lines replays as one command
// and prints back the same lines.
func TestReplayBanner(t *testing.T) {
	d, _ := modelDevice(t)
	text := "#\n header motd %\nAuthorised access only.\n  Second line\n%\n#\n header login ^one line^\n#\n"
	if errs := New(d, nil).Replay(text); len(errs) > 0 {
		t.Fatal(errs)
	}
	cfg := renderConfig(d.Snapshot(), d.Profile())
	if !strings.Contains(cfg, "\n header motd %\nAuthorised access only.\n  Second line\n%\n header login ^one line^\n#\n") {
		t.Errorf("banners:\n%s", cfg)
	}
	d2, _ := modelDevice(t)
	if errs := New(d2, nil).Replay(cfg); len(errs) > 0 {
		t.Fatal(errs)
	}
	if again := renderConfig(d2.Snapshot(), d2.Profile()); again != cfg {
		t.Errorf("banner round trip:\n%s", again)
	}
}
