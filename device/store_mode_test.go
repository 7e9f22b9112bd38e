package device

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestStorePrivate: the state folder is 0700 and saved files 0600, and a
// folder or file an older version left open is tightened.
func TestStorePrivate(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "state", "s7906e")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.cfg")
	if err := os.WriteFile(old, []byte("sysname x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	os.Chmod(old, 0o644)
	st, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.WriteFile("startup.cfg", []byte("return\n")); err != nil {
		t.Fatal(err)
	}
	fresh, err := OpenStore(filepath.Join(root, "new", "s7906e"))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{
		dir: 0o700, old: 0o600, filepath.Join(dir, "startup.cfg"): 0o600,
		fresh.Dir(): 0o700, filepath.Dir(fresh.Dir()): 0o700,
	} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", path, got, want)
		}
	}
}

// TestNoSpaceFromDisk: a disk that is full or over quota is a lack of
// space for the device too.
func TestNoSpaceFromDisk(t *testing.T) {
	for _, e := range []error{syscall.ENOSPC, syscall.EDQUOT} {
		err := noSpace(fmt.Errorf("device: save startup.cfg: %w", &os.PathError{Op: "write", Path: "x", Err: e}))
		if !errors.Is(err, ErrNoSpace) {
			t.Errorf("%v: not ErrNoSpace", e)
		}
	}
	if err := noSpace(os.ErrPermission); errors.Is(err, ErrNoSpace) {
		t.Error("a read-only flash counted as full")
	}
	if noSpace(nil) != nil {
		t.Error("nil error changed")
	}
}
