package cli

import (
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// FuzzReplay feeds arbitrary text to Replay: it never panics, never
// leaves the device with a configuration that breaks its invariants, and
// whatever configuration results renders to text that replays cleanly
// into the same rendering.
func FuzzReplay(f *testing.F) {
	f.Add("#\n sysname X\n#\nvlan 10\n name a b\n#\nreturn\n")
	f.Add("interface GigabitEthernet2/0/1\n port access vlan 10\nvlan 10\ninterface g2/0/1\n port access vlan 10\n shutdown\n")
	f.Add("local-user u\n service-type ftp\n service-type ssh\n password simple x\nundo local-user u\n")
	f.Add("user-interface vty 0 4\n screen-length 0\n idle-timeout 0 0\nreturn\n sysname after-return\n")
	f.Add(" \t#\r\n  vlan 5\r\n\tname\x00x\n" + strings.Repeat("quit\n", 5) + "save\nreboot\n")
	f.Add(randomScript(rand.New(rand.NewPCG(1, 2))))
	// Configurations with every kind of line the renderer prints.
	for _, file := range []string{"testdata/render/allkinds.script", "testdata/render/allkinds.cfg", "testdata/render/configured.cfg"} {
		text, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(text))
	}
	// Real configurations, and every configuration-only command.
	if files, _ := filepath.Glob("testdata/realconfigs/*.cfg"); len(files) > 0 {
		for _, file := range files {
			text, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(text))
		}
	}
	var conf strings.Builder
	for _, id := range slices.Sorted(maps.Keys(confViews.cmds)) {
		view, _, _ := strings.Cut(id, ":")
		c := confViews.cmds[id]
		conf.WriteString("#\n" + strings.Join(confEntry(view, c), "\n") + "\n" + sampleLine(first(c.Syntax)) + "\n")
	}
	f.Add(conf.String())
	for seed := range uint64(4) {
		d := freshDevice(f)
		New(d, nil).Replay(randomScript(rand.New(rand.NewPCG(seed, 0x5eed))))
		f.Add(renderConfig(d.Snapshot(), d.Profile()))
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<14 {
			return
		}
		a := freshDevice(t)
		sh := New(a, nil)
		for _, e := range sh.Replay(text) {
			if e.Line < 1 || e.Err == "" {
				t.Fatalf("bad replay error %+v", e)
			}
		}
		cfg := a.Snapshot()
		if err := cfg.Validate(); err != nil {
			t.Fatalf("replay left an invalid configuration: %v", err)
		}
		if a.Rebooting() {
			t.Fatalf("replaying configuration rebooted the device")
		}
		if len(cfg.VLANs) > 300 {
			return // "vlan 1 to 4094": valid, but too slow to replay twice per input
		}
		rendered := renderConfig(cfg, a.Profile())
		b := freshDevice(t)
		if errs := New(b, nil).Replay(rendered); len(errs) > 0 {
			t.Fatalf("rendered configuration does not replay: %v\n%s", errs, rendered)
		}
		got := b.Snapshot()
		if again := renderConfig(got, b.Profile()); again != rendered {
			t.Fatalf("render after replay differs:\n%s", lineDiff(rendered, again))
		}
		if !reflect.DeepEqual(got, cfg) {
			t.Fatalf("the rendered configuration replays into another model:\n%s\n%s", configDiff(cfg, got), rendered)
		}
	})
}

// TestReplayReportsLines: a line that does not apply is reported with its
// number and the device's words, and the lines after it still apply.
func TestReplayReportsLines(t *testing.T) {
	d := freshDevice(t)
	errs := New(d, nil).Replay("#\n sysname A\n#\n bogus command\nvlan 4095\nvlan 7\n description seven\n#\nreturn\n sysname ignored\n")
	if len(errs) != 2 {
		t.Fatalf("errors %v, want 2", errs)
	}
	if errs[0].Line != 4 || errs[0].Err != "% Unrecognized command found at '^' position." {
		t.Errorf("first error %+v", errs[0])
	}
	if errs[1].Line != 5 || errs[1].Err != "% Wrong parameter found at '^' position." {
		t.Errorf("second error %+v", errs[1])
	}
	cfg := d.Snapshot()
	if cfg.Sysname != "A" || cfg.VLANs[7].Description != "seven" {
		t.Errorf("lines after the errors did not apply: sysname %q, vlan 7 %+v", cfg.Sysname, cfg.VLANs[7])
	}
}
