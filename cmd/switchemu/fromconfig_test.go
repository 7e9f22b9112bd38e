package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFromConfig(t *testing.T) {
	p, startup, closest, err := fromConfig("../../cli/testdata/realconfigs/h3c-s5120-r2222p10.cfg")
	if err != nil {
		t.Fatal(err)
	}
	if p.Factory.Sysname != "H3C" || !p.IsBox() || startup == "" || closest == "" {
		t.Errorf("sysname %q, box %v, %d bytes of startup, closest %q", p.Factory.Sysname, p.IsBox(), len(startup), closest)
	}
	bad := filepath.Join(t.TempDir(), "x.cfg")
	os.WriteFile(bad, []byte("hello\n"), 0o600)
	if _, _, _, err := fromConfig(bad); err == nil {
		t.Errorf("a file that is no configuration was taken")
	}
	if _, _, _, err := fromConfig(filepath.Join(t.TempDir(), "missing.cfg")); err == nil {
		t.Errorf("a missing file was taken")
	}
}
