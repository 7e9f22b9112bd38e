package device

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"switchemu/profiles"
)

func storeDevice(t *testing.T) (*Device, *Store) {
	t.Helper()
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	st, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2011, 1, 8, 19, 35, 31, 0, time.UTC)
	return New(p, Options{Store: st, Now: func() time.Time { return at }}), st
}

func TestUnsavedTracking(t *testing.T) {
	d, st := storeDevice(t)
	d.Booted("") // factory configuration, no startup file
	if d.Unsaved() {
		t.Errorf("factory boot counts as unsaved")
	}
	setName := func(name string) {
		if err := d.Update(func(c *Config) error { c.Sysname = name; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	setName("A")
	if !d.Unsaved() {
		t.Errorf("change not tracked")
	}
	cfg, gen := d.SnapshotForSave()
	if err := st.WriteFile("startup.cfg", []byte(cfg.Sysname)); err != nil {
		t.Fatal(err)
	}
	d.MarkSaved(gen, "startup.cfg")
	if d.Unsaved() {
		t.Errorf("saved configuration counts as unsaved")
	}
	if err := d.SetNextStartup("other.cfg"); err != nil {
		t.Fatal(err)
	}
	if !d.Unsaved() {
		t.Errorf("another next startup file still counts as saved")
	}
	if err := d.SetNextStartup("startup.cfg"); err != nil {
		t.Fatal(err)
	}
	d.ForgetSaved("startup.cfg")
	if !d.Unsaved() {
		t.Errorf("erased file still counts as saved")
	}
	d.MarkSaved(gen, "startup.cfg")
	setName("B") // a change after the snapshot that was saved
	if !d.Unsaved() {
		t.Errorf("change after save not tracked")
	}
}

func TestRebootState(t *testing.T) {
	d, _ := storeDevice(t)
	d.Booted("")
	if err := d.WaitUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !d.RequestReboot() || !d.Rebooting() {
		t.Fatalf("reboot not started")
	}
	if d.RequestReboot() {
		t.Errorf("second reboot started while the first runs")
	}
	select {
	case <-d.RebootRequests():
	default:
		t.Fatalf("no reboot request delivered")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := d.WaitUp(ctx); err == nil {
		t.Errorf("WaitUp returned nil while rebooting")
	}
	done := make(chan error)
	go func() { done <- d.WaitUp(context.Background()) }()
	d.Reset()
	d.Booted("startup.cfg")
	if err := <-done; err != nil || d.Rebooting() {
		t.Errorf("device not up after Booted: %v", err)
	}
	if d.BootFile() != "startup.cfg" {
		t.Errorf("boot file %q", d.BootFile())
	}
}

func TestStartupNames(t *testing.T) {
	d, st := storeDevice(t)
	if d.NextStartup() != "startup.cfg" || d.NextBackup() != "" {
		t.Errorf("defaults: %q %q", d.NextStartup(), d.NextBackup())
	}
	if _, _, ok, _ := d.StartupConfig(); ok {
		t.Errorf("startup configuration without a file")
	}
	st.WriteFile("b.cfg", []byte("backup"))
	d.SetNextBackup("b.cfg")
	name, text, ok, err := d.StartupConfig()
	if err != nil || !ok || name != "b.cfg" || text != "backup" {
		t.Errorf("backup file not used when main is missing: %q %q %v %v", name, text, ok, err)
	}
	st.WriteFile("startup.cfg", []byte("main"))
	if name, _, _, _ := d.StartupConfig(); name != "startup.cfg" {
		t.Errorf("main file not preferred: %q", name)
	}
	d.SetNextStartup("")
	if d.NextStartup() != "" || d.NextBackup() != "b.cfg" {
		t.Errorf("undo main: %q %q", d.NextStartup(), d.NextBackup())
	}
}

func TestStoreAtomicWrite(t *testing.T) {
	d, st := storeDevice(t)
	_ = d
	if err := st.WriteFile("a.cfg", []byte("old")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(st.Dir(), "a.cfg"))
	if err != nil || !fi.ModTime().Equal(time.Date(2011, 1, 8, 19, 35, 31, 0, time.UTC)) {
		t.Errorf("file time is not the device clock: %v %v", fi.ModTime(), err)
	}
	for _, bad := range []string{"", ".", "..", "../x.cfg", "a/b.cfg", ".hidden"} {
		if err := st.WriteFile(bad, []byte("x")); err == nil {
			t.Errorf("WriteFile(%q) accepted", bad)
		}
	}
	st.SetCapacity(10)
	if err := st.WriteFile("a.cfg", []byte(strings.Repeat("n", 11))); err == nil {
		t.Errorf("write larger than flash accepted")
	}
	if err := st.WriteFile("a.cfg", []byte(strings.Repeat("n", 10))); err != nil {
		t.Errorf("replacing a file with one that fits: %v", err)
	}
	st.SetCapacity(0)
	if os.Geteuid() != 0 {
		os.Chmod(st.Dir(), 0o555)
		err := st.WriteFile("a.cfg", []byte("new"))
		os.Chmod(st.Dir(), 0o755)
		if err == nil {
			t.Errorf("write into a read-only folder succeeded")
		}
	}
	data, _ := os.ReadFile(filepath.Join(st.Dir(), "a.cfg"))
	if string(data) != strings.Repeat("n", 10) {
		t.Errorf("failed writes changed the file: %q", data)
	}
	files, _ := st.List()
	if len(files) != 1 || files[0].Name != "a.cfg" {
		t.Errorf("List: %+v (temporary or hidden files shown?)", files)
	}
}
