package device

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestRecycleBin: Recycle keeps the file's space and hides it from
// flash:/; a second delete of the same name replaces the older copy;
// Restore and Purge; Rmdir takes what the bin kept of the folder.
func TestRecycleBin(t *testing.T) {
	s, _ := OpenStore(t.TempDir())
	s.WriteFile("a.cfg", []byte("12345"))
	used := s.Used()
	if err := s.Recycle("a.cfg"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Stat("a.cfg"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("recycled file still a file of flash:/: %v", err)
	}
	if s.Used() != used {
		t.Errorf("Used %d after delete, %d before", s.Used(), used)
	}
	if bin, _ := s.Recycled(""); len(bin) != 1 || bin[0].Name != "a.cfg" {
		t.Errorf("Recycled: %v", bin)
	}
	s.WriteFile("a.cfg", []byte("123"))
	s.Recycle("a.cfg") // replaces the 5-byte copy
	if s.Used() != 3 {
		t.Errorf("Used %d, want 3 (the newer copy only)", s.Used())
	}
	if err := s.Restore("a.cfg"); err != nil {
		t.Fatal(err)
	}
	if data, _ := s.ReadFile("a.cfg"); string(data) != "123" {
		t.Errorf("restored %q", data)
	}
	if err := s.Restore("a.cfg"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("second Restore: %v", err)
	}
	if err := s.Mkdir("d"); err != nil {
		t.Fatal(err)
	}
	if err := s.Copy("a.cfg", "d/b.cfg"); err != nil {
		t.Fatal(err)
	}
	if err := s.Rmdir("d"); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("Rmdir of a full folder: %v", err)
	}
	s.Recycle("d/b.cfg")
	if err := s.Rename("d", "e"); err != nil {
		t.Fatal(err)
	}
	if !s.InRecycleBin("e/b.cfg") || s.InRecycleBin("d/b.cfg") {
		t.Error("the bin did not follow the renamed folder")
	}
	if err := s.Rmdir("e"); err != nil {
		t.Fatal(err)
	}
	if s.InRecycleBin("e/b.cfg") || s.Used() != 3 {
		t.Errorf("Rmdir left the bin's copy: used %d", s.Used())
	}
	if err := s.Purge("a.cfg"); err == nil {
		t.Error("Purge of a file not in the bin")
	}
	s.Recycle("a.cfg")
	if err := s.Purge("a.cfg"); err != nil || s.Used() != 0 {
		t.Errorf("Purge: %v, used %d", err, s.Used())
	}
}

// TestFlashFolderLinks: a link planted as a folder of flash:/ is never
// followed by any operation, and a file is never written over a link.
func TestFlashFolderLinks(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenStore(dir)
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "x.cfg"), []byte("x"), 0o600)
	if err := os.Symlink(outside, filepath.Join(dir, "ln")); err != nil {
		t.Skip(err)
	}
	os.Symlink(filepath.Join(outside, "x.cfg"), filepath.Join(dir, "f.cfg"))
	s.WriteFile("a.cfg", []byte("a"))
	for name, op := range map[string]func() error{
		"Stat":       func() error { _, err := s.Stat("ln/x.cfg"); return err },
		"ReadFile":   func() error { _, err := s.ReadFile("ln/x.cfg"); return err },
		"ReadDir":    func() error { _, err := s.ReadDir("ln"); return err },
		"read link":  func() error { _, err := s.ReadFile("f.cfg"); return err },
		"Lookup":     func() error { _, err := s.Lookup("ln"); return err },
		"WriteFile":  func() error { return s.WriteFile("ln/y.cfg", []byte("y")) },
		"over link":  func() error { return s.WriteFile("f.cfg", []byte("y")) },
		"Copy":       func() error { return s.Copy("a.cfg", "ln/y.cfg") },
		"Mkdir":      func() error { return s.Mkdir("ln/sub") },
		"Rmdir":      func() error { return s.Rmdir("ln") },
		"Remove":     func() error { return s.Remove("ln/x.cfg") },
		"Remove ln":  func() error { return s.Remove("ln") },
		"Recycle":    func() error { return s.Recycle("ln/x.cfg") },
		"Rename":     func() error { return s.Rename("ln/x.cfg", "z.cfg") },
		"Rename to":  func() error { return s.Rename("a.cfg", "ln/z.cfg") },
		"Rename ln":  func() error { return s.Rename("ln", "z") },
		"Restore":    func() error { return s.Restore("ln/x.cfg") },
		"bad name":   func() error { return s.WriteFile("../x.cfg", nil) },
		"dot folder": func() error { return s.WriteFile(".recycle/x.cfg", nil) },
	} {
		if err := op(); err == nil {
			t.Errorf("%s through a link succeeded", name)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(outside, "x.cfg")); string(data) != "x" {
		t.Error("the file behind the link changed")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("outside folder now holds %d entries", len(entries))
	}
	if fi, err := os.Lstat(filepath.Join(dir, "f.cfg")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link f.cfg was replaced")
	}
}

// TestFlashModes: every file that lands on flash:/ is private (0600) —
// saves, copies, uploads — and every folder 0700, the recycle bin too.
func TestFlashModes(t *testing.T) {
	s, _ := OpenStore(t.TempDir())
	s.WriteFile("a.cfg", []byte("a"))
	s.Copy("a.cfg", "b.cfg")
	w, err := s.Create("up.cfg")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("up"))
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	s.Mkdir("d")
	s.Copy("a.cfg", "d/c.cfg")
	s.Recycle("d/c.cfg")
	for name, want := range map[string]os.FileMode{
		"a.cfg": 0o600, "b.cfg": 0o600, "up.cfg": 0o600, "d": 0o700,
		recycleDir: 0o700, recycleDir + "/d": 0o700, recycleDir + "/d/c.cfg": 0o600,
	} {
		fi, err := os.Stat(filepath.Join(s.Dir(), name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v; want %v", name, fi.Mode().Perm(), want)
		}
	}
}
