package fleet

import (
	"fmt"

	"os"
	"path/filepath"
	"switchemu/profiles"
	"testing"
)

func TestLoadTwin(t *testing.T) {
	tw, err := LoadTwin("../cli/testdata/realconfigs/h3c-s5120-r2222p10.cfg")
	if err != nil {
		t.Fatal(err)
	}
	p, startup, closest := tw.Profile, tw.Startup, tw.Closest
	if p.Factory.Sysname != "H3C" || !p.IsBox() || startup == "" || closest == "" {
		t.Errorf("sysname %q, box %v, %d bytes of startup, closest %q", p.Factory.Sysname, p.IsBox(), len(startup), closest)
	}
	bad := filepath.Join(t.TempDir(), "x.cfg")
	os.WriteFile(bad, []byte("hello\n"), 0o600)
	if _, err := LoadTwin(bad); err == nil {
		t.Errorf("a file that is no configuration was taken")
	}
	if _, err := LoadTwin(filepath.Join(t.TempDir(), "missing.cfg")); err == nil {
		t.Errorf("a missing file was taken")
	}
}

// TestInventoryTwin: an inventory device with from_config boots as the
// twin of its file (its sysname, its chassis), beside ordinary devices.
func TestInventoryTwin(t *testing.T) {
	f := startFleet(t, `
devices:
  - {name: branch, from_config: ../cli/testdata/realconfigs/hp-5500ei-r2221p20.cfg, listen: "127.0.0.1:0"}
  - {name: plain, listen: "127.0.0.1:0"}
`)
	twin := f.Member("branch")
	if !twin.Used() || twin.Twin() == nil {
		t.Fatal("a twin is not booted at start")
	}
	dev, _ := twin.Device()
	facts := profiles.ReadConfigFacts(twin.Twin().Startup)
	if dev.Sysname() != facts.Sysname {
		t.Errorf("twin sysname %q; the file's is %q", dev.Sysname(), facts.Sysname)
	}
	cfg := dev.Snapshot()
	for _, g := range facts.Ports {
		name := fmt.Sprintf("%s%d/%d/%d", g.Type, g.Slot, g.Subslot, g.Last)
		if _, ok := cfg.Interfaces[name]; !ok {
			t.Errorf("the twin has no %s, which its file names", name)
		}
	}
	if f.Member("plain").Used() {
		t.Error("the ordinary device was made at start")
	}
}
