package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"switchemu/device"
	"switchemu/profiles"
)

// realConfigs are the public real V5 configurations of
// testdata/realconfigs (their sources in SOURCES.md there).
func realConfigs(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("testdata/realconfigs/*.cfg")
	if err != nil || len(files) == 0 {
		t.Fatalf("no real configurations: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(data)
	}
	return out
}

// twin boots a device whose chassis is inferred from text, as
// switchemu --from-config does, and returns its shell and the lines the
// replay refused.
func twin(t *testing.T, text string) (*Shell, []ReplayError) {
	t.Helper()
	base, err := profiles.Open(profiles.Closest(text, nil))
	if err != nil {
		t.Fatal(err)
	}
	p, err := profiles.FromConfig(base, text)
	if err != nil {
		t.Fatal(err)
	}
	sh := New(device.New(p, device.Options{}), nil)
	return sh, sh.Replay(text)
}

// configLines are the command lines of a configuration: no "#", no
// blank lines, trailing blanks trimmed.
func configLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, "\r \t")
		if strings.TrimSpace(l) == "" || strings.TrimSpace(l) == "#" {
			continue
		}
		out = append(out, l)
	}
	return out
}

// TestRealConfigCorpus: the real configurations boot with at least 99 %
// of their lines accepted.
func TestRealConfigCorpus(t *testing.T) {
	total, refused := 0, 0
	for name, text := range realConfigs(t) {
		_, errs := twin(t, text)
		n := 0
		for _, l := range configLines(text) {
			if tl := strings.TrimSpace(l); tl != "return" && !strings.HasPrefix(tl, "version ") {
				n++
			}
		}
		total += n
		refused += len(errs)
		for _, e := range errs {
			t.Logf("%s: %s", name, e)
		}
	}
	pct := 100 * float64(total-refused) / float64(total)
	t.Logf("%d of %d lines accepted (%.2f %%)", total-refused, total, pct)
	if pct < 99 {
		t.Errorf("only %.2f %% of the real configurations' lines accepted, want 99 %%", pct)
	}
}

// TestRealConfigRoundTrip: a twin booted from a real configuration prints
// it back, the same lines in the same order, but for the lines it refused
// and the device's own normalisation.
func TestRealConfigRoundTrip(t *testing.T) {
	for name, text := range realConfigs(t) {
		t.Run(name, func(t *testing.T) {
			sh, errs := twin(t, text)
			skip := map[int]bool{}
			for _, e := range errs {
				skip[e.Line] = true
			}
			var want []string
			for i, l := range strings.Split(text, "\n") {
				l = strings.TrimRight(l, "\r \t")
				if skip[i+1] || strings.TrimSpace(l) == "" || strings.TrimSpace(l) == "#" {
					continue
				}
				want = append(want, l)
			}
			got := configLines(renderConfig(sh.dev.Snapshot(), sh.dev.Profile()))
			if !strings.HasPrefix(strings.TrimSpace(text), "#\n version") {
				got = got[1:] // the excerpt starts at sysname
			}
			if strings.Contains(name, "excerpt") && len(got) > len(want) {
				got = got[:len(want)] // the listing stops early
			}
			// What the twin prints differently, by the device's own
			// normalisation or by a line it refused, is pinned in
			// NAME.diff: review it when it changes (-update).
			diff := realDiff(want, got)
			golden := filepath.Join("testdata/realconfigs", strings.TrimSuffix(name, ".cfg")+".diff")
			if *update {
				if diff == "" {
					os.Remove(golden)
				} else if err := os.WriteFile(golden, []byte(diff), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			pinned, _ := os.ReadFile(golden)
			if diff != string(pinned) {
				t.Errorf("display current-configuration differs from %s:\n%s\n(pinned differences:\n%s)", name, diff, pinned)
			}
		})
	}
}

// realDiff shows where two line lists part, with some context.
func realDiff(want, got []string) string {
	var b strings.Builder
	i, j := 0, 0
	shown := 0
	for (i < len(want) || j < len(got)) && shown < 40 {
		switch {
		case i < len(want) && j < len(got) && want[i] == got[j]:
			i++
			j++
			continue
		case j < len(got) && indexFrom(want, i, got[j]) < 0:
			b.WriteString("+ " + got[j] + "\n")
			j++
		case i < len(want) && indexFrom(got, j, want[i]) < 0:
			b.WriteString("- " + want[i] + "\n")
			i++
		default:
			if i < len(want) {
				b.WriteString("- " + want[i] + "\n")
				i++
			}
			if j < len(got) {
				b.WriteString("+ " + got[j] + "\n")
				j++
			}
		}
		shown++
	}
	return b.String()
}

func indexFrom(list []string, from int, s string) int {
	for k := from; k < len(list); k++ {
		if list[k] == s {
			return k
		}
	}
	return -1
}
