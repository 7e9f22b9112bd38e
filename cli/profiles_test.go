package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sirikothe/gotextfsm"

	"switchemu/device"
	"switchemu/profiles"

	"switchemu/internal/interop"
)

// profileDevice boots the embedded profile name at a fixed time, with
// its factory configuration, and lets 3 h 17 min pass.
func profileDevice(t *testing.T, name string) (*device.Device, *console) {
	t.Helper()
	p, err := profiles.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	clk := &fakeClock{t: time.Date(2011, 1, 8, 19, 35, 31, 0, time.UTC)}
	d := device.New(p, device.Options{Now: clk.now})
	if errs := New(d, nil).Replay(p.Factory.Config); len(errs) > 0 {
		t.Fatalf("%s: factory configuration: %v", name, errs)
	}
	clk.advance(3*time.Hour + 17*time.Minute)
	return d, newConsole(t, d)
}

// profileCommands are the hardware displays whose layout the profile
// decides; cli/testdata/profiles/NAME.txt holds what each prints on
// each embedded profile.
var profileCommands = []string{"display version", "display device", "display device manuinfo", "display cpu-usage"}

// TestProfileDisplays renders the hardware displays of every embedded
// profile against its golden file; refresh with -update.
func TestProfileDisplays(t *testing.T) {
	for _, name := range profiles.Names() {
		t.Run(name, func(t *testing.T) {
			_, con := profileDevice(t, name)
			var b strings.Builder
			for _, cmd := range profileCommands {
				fmt.Fprintf(&b, "<%s>%s\n%s", con.s.dev.Profile().Factory.Sysname, cmd, con.run(cmd))
			}
			golden := filepath.Join("testdata", "profiles", name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("%s differs from the golden file:\n%s", golden, got)
			}
		})
	}
}

// Real V5 box captures from the reference (§5.1), the pattern the box
// profiles follow: the 3Com Switch 4500G (3Com branding) and the H3C
// S5500-28C-EI (H3C branding, the hardware of the 3Com 4800G).
const (
	capture4500G = `3Com Corporation
3Com Switch 4500G 24-Port Software Version 3Com OS V5.02.00s56p12
Copyright (c) 2004-2009 3Com Corp. and its licensors. All rights reserved.
3Com Switch 4500G 24-Port uptime is 41 weeks, 2 days, 5 hours, 10 minutes

3Com Switch 4500G 24-Port with 1 Processor
128M    bytes SDRAM
16384K  bytes Flash Memory

Hardware Version is REV.B
CPLD Version is 007
Bootrom Version is 503
[SubSlot 0] 24GE+4SFP Hardware Version is REV.B
`
	captureS5500 = `H3C Comware Platform Software
Comware Software, Version 5.20, Release 2202
Copyright (c) 2004-2010 Hangzhou H3C Tech. Co., Ltd. All rights reserved.
H3C S5500-28C-EI uptime is 115 weeks, 1 day, 8 hours, 37 minutes

H3C S5500-28C-EI with 1 Processor
256M    bytes SDRAM
32768K  bytes Flash Memory

Hardware Version is REV.C
CPLD Version is 002
Bootrom Version is 609
[SubSlot 0] 24GE+4SFP Hardware Version is REV.C
`
	// captureManuinfoBox is the V5 box part of ntc-templates'
	// hp_comware_display_device_manuinfo2.raw (an S5500-52C-EI).
	captureManuinfoBox = `
Slot 1:
DEVICE_NAME          : S5500-52C-EI
DEVICE_SERIAL_NUMBER : 11111111111111111111
MAC_ADDRESS          : AAAA-AAAA-1111
MANUFACTURING_DATE   : 2010-00-00
VENDOR_NAME          : H3C
`
)

// shapeRE turns a line into its shape: the values that differ from one
// box to the next (model names, numbers, versions) become placeholders.
var shapeRules = []struct {
	re  *regexp.Regexp
	rep string
}{
	{regexp.MustCompile(`^(3Com Switch \S+ 24-Port|H3C \S+)( |$)`), "MODEL$2"},
	{regexp.MustCompile(`Software Version 3Com OS V\S+( Release \S+)?$`), "Software Version 3Com OS VERSION"},
	{regexp.MustCompile(`Version 5\.20, Release \S+$`), "Version 5.20, Release RELEASE"},
	{regexp.MustCompile(`20\d\d-20\d\d`), "YEARS"},
	{regexp.MustCompile(`uptime is .*$`), "uptime is UPTIME"},
	{regexp.MustCompile(`^\d+[MK] +bytes`), "SIZE bytes"},
	{regexp.MustCompile(`(REV|Ver)\.[A-Z]$`), "REV"},
	{regexp.MustCompile(`Version is \d+$`), "Version is N"},
	{regexp.MustCompile(`: .*$`), ": VALUE"},
}

func shape(text string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		for _, r := range shapeRules {
			l = r.re.ReplaceAllString(l, r.rep)
		}
		out = append(out, l)
	}
	return out
}

// TestBoxProfilesMatchCaptures checks the box profiles line by line
// against the real box captures of their brand: every line the
// emulator prints has the shape of the capture's line at that place
// (the expansion subslots the S5120 adds come after the capture's last
// line and have the "[SubSlot N] No Module" form of the S5800 capture).
func TestBoxProfilesMatchCaptures(t *testing.T) {
	for _, tc := range []struct{ profile, capture string }{
		{"s4800g", capture4500G},
		{"s5120ei", captureS5500},
	} {
		t.Run(tc.profile, func(t *testing.T) {
			_, con := profileDevice(t, tc.profile)
			compareShape(t, "display version", con.run("display version"), tc.capture, `^\[SubSlot [1-9]\] No Module$`)
			compareShape(t, "display device manuinfo", con.run("display device manuinfo"), captureManuinfoBox, "")
		})
	}
}

func compareShape(t *testing.T, what, got, capture, extra string) {
	t.Helper()
	g, w := shape(got), shape(capture)
	for i := range g {
		switch {
		case i < len(w) && g[i] != w[i]:
			t.Errorf("%s line %d: %q, the capture's line has the shape %q", what, i+1, g[i], w[i])
		case i >= len(w) && (extra == "" || !regexp.MustCompile(extra).MatchString(g[i])):
			t.Errorf("%s line %d: %q is beyond the capture", what, i+1, g[i])
		}
	}
	if len(g) < len(w) {
		t.Errorf("%s: %d lines, the capture has %d", what, len(g), len(w))
	}
}

// TestProfileTemplates parses every embedded profile's output with the
// ntc-templates TextFSM templates of the hardware displays: device
// manuinfo always (it is in the checkout beside the repository), and
// display version where the checkout has a template for it (newer
// ntc-templates do; NTC_TEMPLATES=DIR points at another checkout's
// templates directory). A display version template must treat the
// emulator's output as it treats the real capture of the same brand:
// parse both or refuse both.
func TestProfileTemplates(t *testing.T) {
	dir := templatesDir(t)
	for _, name := range profiles.Names() {
		t.Run(name, func(t *testing.T) {
			d, con := profileDevice(t, name)
			manuinfo, err := os.ReadFile(filepath.Join(dir, "hp_comware_display_device_manuinfo.textfsm"))
			if err != nil {
				t.Fatal(err)
			}
			recs, err := textFSM(string(manuinfo), con.run("display device manuinfo"))
			if err != nil {
				t.Fatalf("manuinfo template: %v", err)
			}
			cfg := d.Snapshot()
			checkManuinfo(t, d, &cfg, recs)

			tmpl, err := os.ReadFile(filepath.Join(dir, "hp_comware_display_version.textfsm"))
			if errors.Is(err, os.ErrNotExist) {
				t.Skipf("no hp_comware_display_version.textfsm in %s", dir)
			} else if err != nil {
				t.Fatal(err)
			}
			p := d.Profile()
			out := con.run("display version")
			capture := capture4500G
			if strings.HasPrefix(p.Brand.VersionHeader, "H3C") {
				capture = captureS5500
			}
			gotRecs, gotErr := textFSM(string(tmpl), out)
			_, capErr := textFSM(string(tmpl), capture)
			if (gotErr == nil) != (capErr == nil) {
				t.Fatalf("template on the emulator: %v; on the real %s capture: %v", gotErr, p.Brand.Vendor, capErr)
			}
			if gotErr != nil {
				t.Logf("the template refuses this brand's real capture too: %v", capErr)
				return
			}
			for _, r := range gotRecs {
				for _, k := range []string{"MODEL", "SOFTWARE_VERSION", "VERSION"} {
					if v := field(r, k); v != "" && !strings.Contains(p.Model+" "+p.Version.Line, v) {
						t.Errorf("%s parsed %q, not in the profile's model or software line", k, v)
					}
				}
			}
		})
	}
}

// templatesDir finds the ntc-templates templates (interop.NTCTemplates:
// NTC_TEMPLATES_DIR, Python's ntc_templates, or shared/testdata), or
// skips the test.
func templatesDir(t *testing.T) string {
	t.Helper()
	return interop.NeedNTCTemplates(t)
}

// textFSM runs a template over text and returns its records, or the
// template's error.
func textFSM(template, text string) ([]map[string]any, error) {
	fsm := gotextfsm.TextFSM{}
	if err := fsm.ParseString(template); err != nil {
		return nil, err
	}
	out := gotextfsm.ParserOutput{}
	if err := out.ParseTextString(text, fsm, true); err != nil {
		return nil, err
	}
	return out.Dict, nil
}

// TestProfileConformance runs the conformance cases (every ntc-templates
// template of a command the emulator has) on every embedded profile, so
// that the box profiles' ports, VLAN interface and neighbours parse as
// the chassis' do.
func TestProfileConformance(t *testing.T) {
	dir := templatesDir(t)
	for _, name := range profiles.Names() {
		t.Run(name, func(t *testing.T) {
			d, con := profileDevice(t, name)
			for tmpl, c := range conformanceCases {
				data, err := os.ReadFile(filepath.Join(dir, tmpl))
				if err != nil {
					t.Fatal(err)
				}
				out := con.run(c.command)
				recs, err := textFSM(string(data), out)
				if err != nil {
					t.Errorf("%s on %q: %v\n%s", tmpl, c.command, err, out)
					continue
				}
				cfg := d.Snapshot()
				c.check(t, d, &cfg, recs)
			}
		})
	}
}
