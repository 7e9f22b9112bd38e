package device

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestFileWriter(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.SetCapacity(100)
	if err := s.WriteFile("a.cfg", make([]byte, 40)); err != nil {
		t.Fatal(err)
	}
	// A new version of a.cfg may use a.cfg's own room.
	w, err := s.Create("a.cfg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.WriteAt(make([]byte, 50), 50); err != nil {
		t.Fatalf("100 bytes over a 40-byte file in 100: %v", err)
	}
	if _, err := w.Write([]byte("x")); !errors.Is(err, ErrNoSpace) {
		t.Errorf("101st byte: %v, want ErrNoSpace", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.cfg")); len(got) != 40 {
		t.Errorf("the old version changed before Commit: %d bytes", len(got))
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.cfg")); len(got) != 100 {
		t.Errorf("committed %d bytes, want 100", len(got))
	}
	// A second file does not fit; Abort leaves nothing.
	w, err = s.Create("b.cfg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("y")); !errors.Is(err, ErrNoSpace) {
		t.Errorf("write to a full flash: %v", err)
	}
	w.Abort()
	if files, _ := filepath.Glob(filepath.Join(dir, "*b.cfg*")); len(files) != 0 {
		t.Errorf("left behind: %v", files)
	}
	if s.Free() != 0 {
		t.Errorf("Free = %d, want 0", s.Free())
	}
}

func TestFlashConfinement(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenStore(dir)
	outside := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(outside, []byte("secret"), 0o600)
	os.Symlink(outside, filepath.Join(dir, "link.cfg"))
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	for _, name := range []string{"link.cfg", "sub", "../secret", ".hostkey_rsa.pem", "sub/x", ""} {
		if f, _, err := s.Open(name); err == nil {
			f.Close()
			t.Errorf("Open(%q) succeeded", name)
		}
		if _, err := s.Stat(name); err == nil {
			t.Errorf("Stat(%q) succeeded", name)
		}
	}
	for _, name := range []string{"link.cfg", "sub", "../x", ".x"} {
		if w, err := s.Create(name); err == nil {
			w.Abort()
			t.Errorf("Create(%q) succeeded", name)
		}
	}
	if _, err := s.Stat("missing.cfg"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Stat of a missing file: %v", err)
	}
	s.WriteFile("a.cfg", []byte("a"))
	if err := s.Rename("a.cfg", "sub"); err == nil {
		t.Errorf("renamed onto a folder")
	}
	if err := s.Rename("a.cfg", "b.cfg"); err != nil {
		t.Errorf("rename: %v", err)
	}
	if data, _ := os.ReadFile(outside); string(data) != "secret" {
		t.Errorf("the file behind the link changed")
	}
}
