package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"switchemu/device"
	"switchemu/profiles"
)

// runScript runs one interactive session that types lines and returns
// what it printed.
func runScript(t *testing.T, sh *Shell, line int, lines ...string) string {
	t.Helper()
	var out bytes.Buffer
	in := strings.Join(lines, "\r") + "\r"
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	err := sh.Run(ctx, rw{strings.NewReader(in), &out}, func() Window { return Window{80, 24} },
		SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.1", Line: line})
	if err != nil {
		t.Errorf("Run: %v", err)
	}
	return out.String()
}

// TestConcurrentSessions: sessions that change the configuration and save
// it at the same time never corrupt it: every change is there, the model
// keeps its invariants, and the saved file replays cleanly. Run with
// -race.
func TestConcurrentSessions(t *testing.T) {
	d := testDevice(t)
	sh := New(d, nil)
	const n = 25
	var wg sync.WaitGroup
	outs := make([]string, 4)
	scripts := [][]string{
		{"screen-length disable", "system-view"},
		{"screen-length disable", "system-view"},
		{"screen-length disable", "system-view"},
		{"screen-length disable"},
	}
	for i := range n {
		scripts[0] = append(scripts[0], fmt.Sprintf("vlan %d", 100+i), fmt.Sprintf("name A-%d", i), "quit")
		scripts[1] = append(scripts[1], fmt.Sprintf("vlan %d", 200+i), fmt.Sprintf("interface GigabitEthernet2/0/%d", i+1),
			fmt.Sprintf("port access vlan %d", 200+i), fmt.Sprintf("description B-%d", i), "quit")
		// Both sessions touch the same objects too.
		scripts[2] = append(scripts[2], fmt.Sprintf("sysname S%d", i), "vlan 100", "description shared", "quit",
			"interface GigabitEthernet3/0/1", fmt.Sprintf("description C-%d", i), "quit")
		scripts[3] = append(scripts[3], "save force", "display current-configuration | include sysname")
	}
	for i, sc := range scripts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i] = runScript(t, sh, i, sc...)
		}()
	}
	wg.Wait()
	for i, out := range outs {
		if strings.Contains(out, "Error:") || strings.Contains(out, "found at '^' position") {
			t.Errorf("session %d printed an error:\n%s", i, out)
		}
	}
	cfg := d.Snapshot()
	if err := cfg.Validate(); err != nil {
		t.Fatalf("invalid configuration: %v", err)
	}
	for i := range n {
		if v, ok := cfg.VLANs[100+i]; !ok || v.Name != fmt.Sprintf("A-%d", i) {
			t.Errorf("vlan %d: %+v, %v", 100+i, v, ok)
		}
		ifc := cfg.Interfaces[fmt.Sprintf("GigabitEthernet2/0/%d", i+1)]
		if ifc.PVID != 200+i || ifc.Description != fmt.Sprintf("B-%d", i) {
			t.Errorf("%s: pvid %d description %q", ifc.Name, ifc.PVID, ifc.Description)
		}
	}
	if cfg.Sysname != fmt.Sprintf("S%d", n-1) || cfg.Interfaces["GigabitEthernet3/0/1"].Description != fmt.Sprintf("C-%d", n-1) {
		t.Errorf("last changes of session 2 lost: sysname %q", cfg.Sysname)
	}
	// Whatever moment the saves caught, the file is whole and replays.
	data, err := d.Store().ReadFile("startup.cfg")
	if err != nil {
		t.Fatal(err)
	}
	if errs := New(freshDevice(t), nil).Replay(string(data)); len(errs) > 0 {
		t.Errorf("saved file does not replay: %v", errs)
	}
}

// savedDevice is a device whose store is dir.
func savedDevice(t *testing.T, dir string) *device.Device {
	t.Helper()
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	st, err := device.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := device.New(p, device.Options{Store: st})
	if _, errs, err := New(d, nil).Boot(); err != nil || len(errs) > 0 {
		t.Fatalf("boot: %v %v", err, errs)
	}
	return d
}

// TestSaveReadOnlyFolder: when flash:/ cannot be written, save prints the
// device's failure message, the old file stays whole, the running
// configuration is untouched and the session goes on.
func TestSaveReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes to read-only folders")
	}
	dir := t.TempDir()
	d := savedDevice(t, dir)
	sh := New(d, nil)
	runScript(t, sh, 0, "save force")
	before, err := os.ReadFile(filepath.Join(dir, "startup.cfg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	out := runScript(t, sh, 0, "system-view", "sysname Changed", "save force", "save",
		"y", "", "save copy.cfg", "y", "display current-configuration | include sysname")
	for _, want := range []string{
		"[Changed]save force\r\nValidating file. Please wait...\r\nSave failed!\r\n[Changed]",
		"(To leave the existing filename unchanged, press the enter key):\r\nValidating file. Please wait...\r\nSave failed!\r\n[Changed]",
		"Saving configuration flash:/copy.cfg. Please wait...\r\nSave failed!\r\n[Changed]",
		"[Changed]display current-configuration | include sysname\r\n sysname Changed\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	after, err := os.ReadFile(filepath.Join(dir, "startup.cfg"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("startup.cfg changed by a failed save (err %v)", err)
	}
	if d.Snapshot().Sysname != "Changed" {
		t.Errorf("running configuration lost")
	}
	if !d.Unsaved() {
		t.Errorf("a failed save counts as saved")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// TestSaveFlashFull: a save that does not fit in flash:/ fails with the
// device's message and leaves the old file whole.
func TestSaveFlashFull(t *testing.T) {
	dir := t.TempDir()
	d := savedDevice(t, dir)
	sh := New(d, nil)
	runScript(t, sh, 0, "save force")
	before, err := os.ReadFile(filepath.Join(dir, "startup.cfg"))
	if err != nil {
		t.Fatal(err)
	}
	d.Store().SetCapacity(int64(len(before)) + 8)
	out := runScript(t, sh, 0, "system-view", "vlan 2 to 40", "quit", "save force", "save big.cfg", "y", "dir")
	if !strings.Contains(out, "<3Com>save force\r\nValidating file. Please wait...\r\nNo enough space in the device.\r\nSave failed!\r\n<3Com>") {
		t.Errorf("save force on a full flash:\n%s", out)
	}
	if !strings.Contains(out, "Saving configuration flash:/big.cfg. Please wait...\r\nNo enough space in the device.\r\nSave failed!\r\n") {
		t.Errorf("save FILE on a full flash:\n%s", out)
	}
	if !strings.Contains(out, "KB total (0 KB free)") {
		t.Errorf("dir does not show the full flash:\n%s", out)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "startup.cfg"))
	if !bytes.Equal(before, after) {
		t.Errorf("startup.cfg changed by a failed save")
	}
	if _, ok := d.Snapshot().VLANs[40]; !ok {
		t.Errorf("running configuration lost")
	}
}

// TestSaveThenBoot: what save writes is what the next boot loads, and
// display saved-configuration and more show it.
func TestSaveThenBoot(t *testing.T) {
	dir := t.TempDir()
	d := savedDevice(t, dir)
	sh := New(d, nil)
	out := runScript(t, sh, 0, "screen-length disable", "system-view", "sysname Saved", "vlan 33", "name keep", "return",
		"save force", "system-view", "vlan 44", "return", "display saved-configuration", "more startup.cfg")
	saved, err := os.ReadFile(filepath.Join(dir, "startup.cfg"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(saved), "\n", "\r\n")
	if strings.Count(out, text) != 2 {
		t.Errorf("display saved-configuration and more do not both print the file:\n%s", out)
	}
	if strings.Contains(string(saved), "vlan 44") || !strings.Contains(string(saved), "vlan 33\n name keep\n") {
		t.Errorf("saved file:\n%s", saved)
	}
	d2 := savedDevice(t, dir)
	cfg := d2.Snapshot()
	if _, ok := cfg.VLANs[44]; ok || cfg.Sysname != "Saved" || cfg.VLANs[33].Name != "keep" {
		t.Errorf("boot after save: sysname %q, vlans %v", cfg.Sysname, cfg.SortedVLANs())
	}
	if d2.Unsaved() {
		t.Errorf("a freshly booted device counts as unsaved")
	}
	if got := runScript(t, New(d2, nil), 0, "display startup"); !strings.Contains(got, " Current startup saved-configuration file: flash:/startup.cfg\r\n") {
		t.Errorf("display startup after boot:\n%s", got)
	}
}
