package cli

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"switchemu/device"
	"switchemu/profiles"
)

// flashDevice is a device whose flash:/ is the folder flash of a fresh
// temporary folder; outside is a sibling folder with a file in it, and
// flash:/ holds a link to each (planted by hand, as a careless operator
// or a hostile upload might).
func flashDevice(t *testing.T) (d *device.Device, outside string) {
	t.Helper()
	top := t.TempDir()
	outside = filepath.Join(top, "outside")
	if err := os.MkdirAll(outside, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.cfg"), []byte("secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := device.OpenStore(filepath.Join(top, "flash"))
	if err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"link.cfg": filepath.Join(outside, "secret.cfg"), "linkdir": outside} {
		if err := os.Symlink(target, filepath.Join(st.Dir(), name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	d = device.New(p, device.Options{Store: st})
	if errs := New(d, nil).Replay(p.Factory.Config); len(errs) > 0 {
		t.Fatal(errs)
	}
	return d, outside
}

// treeState is every entry under dir with its mode, size, time and
// contents, to tell whether anything there changed.
func treeState(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(&b, "%s: %v\n", p, err)
			return nil
		}
		info, _ := e.Info()
		fmt.Fprintf(&b, "%s %v %d %d", p, info.Mode(), info.Size(), info.ModTime().UnixNano())
		if info.Mode().IsRegular() {
			data, _ := os.ReadFile(p)
			fmt.Fprintf(&b, " %x", sha256.Sum256(data))
		}
		b.WriteString("\n")
		return nil
	})
	return b.String()
}

// TestFlashEscapes: every file command, given a path that climbs out of
// flash:/ (.., an absolute host path, another drive, a backslash, a
// hidden name, a link planted in the flash folder), refuses it with the
// device's error, and nothing outside the flash folder changes, nor the
// links themselves.
func TestFlashEscapes(t *testing.T) {
	d, outside := flashDevice(t)
	sshRunSession(t, d, 0, "save force")
	secret := filepath.Join(outside, "secret.cfg")
	paths := []string{
		"../outside/secret.cfg", "..", "../outside", "flash:/../outside/secret.cfg", "/../outside/secret.cfg",
		"a/../../outside/secret.cfg", "flash:..", secret, outside, "link.cfg", "linkdir", "linkdir/secret.cfg",
		`..\outside\secret.cfg`, `C:\Windows`, "cf:/secret.cfg", ".recycle", ".next-startup", ".hostkey_rsa.pem",
	}
	commands := []string{
		"dir %s", "dir /all %s", "cd %s", "more %s", "delete %s", "delete /unreserved %s", "undelete %s",
		"mkdir %s", "mkdir %s/new", "rmdir %s", "copy %s x.cfg", "copy startup.cfg %s", "move %s x.cfg",
		"move startup.cfg %s", "rename %s x.cfg", "rename startup.cfg %s", "startup saved-configuration %s",
		"boot-loader file %s main", "save %s",
	}
	refused := regexp.MustCompile(`(?m)^(% Such file or path doesn't exist\.|%Copy file .*Failed\.|%Failed to .*|` +
		regexp.QuoteMeta(msgSaveBadName) + `|` + regexp.QuoteMeta(msgSaveFailed) + `)$`)
	done := regexp.MustCompile(`(?m)Done|successfully|^%(Created|Removed|Moved|Renamed|Undeleted|Cleared)`)
	before := treeState(t, outside)
	links := map[string]string{}
	for _, l := range []string{"link.cfg", "linkdir"} {
		links[l], _ = os.Readlink(filepath.Join(d.Store().Dir(), l))
	}
	for _, c := range commands {
		for _, p := range paths {
			line := fmt.Sprintf(c, p)
			out := sshRunSession(t, d, 0, line, "y", "y", "pwd")
			cmdOut := out[strings.Index(out, line):]
			if !refused.MatchString(cmdOut) || done.MatchString(cmdOut) {
				t.Errorf("%s: not refused:\n%s", line, cmdOut)
			}
			if !strings.Contains(cmdOut, "pwd\nflash:\n") {
				t.Errorf("%s: the session left flash:/:\n%s", line, cmdOut)
			}
		}
	}
	if after := treeState(t, outside); after != before {
		t.Errorf("outside the flash folder changed:\nbefore %s\nafter %s", before, after)
	}
	for l, target := range links {
		if got, err := os.Readlink(filepath.Join(d.Store().Dir(), l)); err != nil || got != target {
			t.Errorf("%s: link now %q, %v; want %q", l, got, err, target)
		}
	}
	if data, err := os.ReadFile(secret); err != nil || string(data) != "secret\n" {
		t.Errorf("secret.cfg: %q, %v", data, err)
	}
	if next := d.NextStartup(); next != "startup.cfg" {
		t.Errorf("next startup file %q", next)
	}
}

var freeRE = regexp.MustCompile(`\((\d+) KB free\)`)

// freeKB runs dir and returns the free space it shows.
func freeKB(t *testing.T, c *console) int {
	t.Helper()
	out := c.run("dir /all")
	m := freeRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("dir: no free space in\n%s", out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestFlashSpace: copy takes space, delete keeps it (the file is in the
// recycle bin), undelete and delete again change nothing, reset
// recycle-bin and delete /unreserved give it back; a copy that does not
// fit is refused whole.
func TestFlashSpace(t *testing.T) {
	d := testDevice(t)
	st := d.Store()
	big := strings.Repeat("interface GigabitEthernet2/0/1\n", 4096) // 124 KB
	if err := st.WriteFile("big.cfg", []byte(big)); err != nil {
		t.Fatal(err)
	}
	c := newConsole(t, d)
	f0 := freeKB(t, c)
	step := func(name string, want func(prev, now int) bool, lines ...string) {
		t.Helper()
		prev := freeKB(t, c)
		sshRunSession(t, d, 0, lines...)
		if now := freeKB(t, c); !want(prev, now) {
			t.Errorf("%s: free %d KB -> %d KB", name, prev, now)
		}
	}
	down := func(prev, now int) bool { return now <= prev-124 }
	same := func(prev, now int) bool { return now == prev }
	up := func(prev, now int) bool { return now >= prev+124 }
	step("copy", down, "copy big.cfg copy.cfg", "y")
	step("delete", same, "delete copy.cfg", "y")
	step("undelete", same, "undelete copy.cfg", "y")
	step("delete again", same, "delete copy.cfg", "y")
	step("reset recycle-bin", up, "reset recycle-bin", "y")
	step("mkdir and copy into it", down, "mkdir sub", "copy big.cfg sub/", "y")
	step("delete in folder", same, "cd sub", "delete big.cfg", "y")
	step("rmdir takes the bin", up, "rmdir sub", "y")
	step("copy", down, "copy big.cfg copy.cfg", "y")
	step("delete /unreserved", up, "delete /unreserved copy.cfg", "y")
	if now := freeKB(t, c); now != f0 {
		t.Errorf("free %d KB at the end, %d KB at the start", now, f0)
	}

	// A full flash: the copy is refused in the device's words and leaves
	// nothing behind.
	st.SetCapacity(st.Used() + 1000)
	out := sshRunSession(t, d, 0, "copy big.cfg full.cfg", "y")
	if !strings.Contains(out, msgSaveNoSpace+"\n%Copy file flash:/big.cfg to flash:/full.cfg...Failed.") {
		t.Errorf("copy on a full flash:\n%s", out)
	}
	if _, err := st.Stat("full.cfg"); err == nil {
		t.Error("full.cfg exists after a refused copy")
	}
	if out := c.run("dir"); !strings.Contains(out, "KB total (0 KB free)") {
		t.Errorf("dir on a full flash:\n%s", out)
	}
}

var startupLineRE = regexp.MustCompile(`Next main startup saved-configuration file: (\S+)\n Next backup startup saved-configuration file: (\S+)`)

// TestDisplayStartupFollows: display startup names the files startup
// saved-configuration chose, in folders too, and NULL for a file that
// is gone or was never chosen.
func TestDisplayStartupFollows(t *testing.T) {
	d := testDevice(t)
	sshRunSession(t, d, 0, "save force", "mkdir cfg", "copy startup.cfg cfg/a.cfg", "y", "copy startup.cfg b.cfg", "y")
	for _, tc := range []struct {
		lines        []string
		main, backup string
	}{
		{[]string{"startup saved-configuration b.cfg"}, "flash:/b.cfg", "NULL"},
		{[]string{"startup saved-configuration cfg/a.cfg backup"}, "flash:/b.cfg", "flash:/cfg/a.cfg"},
		{[]string{"cd cfg", "startup saved-configuration a.cfg main"}, "flash:/cfg/a.cfg", "flash:/cfg/a.cfg"},
		{[]string{"startup saved-configuration flash:/startup.cfg backup"}, "flash:/cfg/a.cfg", "flash:/startup.cfg"},
		{[]string{"startup saved-configuration nosuch.cfg"}, "flash:/cfg/a.cfg", "flash:/startup.cfg"},
		{[]string{"delete startup.cfg", "y"}, "flash:/cfg/a.cfg", "NULL"},
		{[]string{"undelete startup.cfg", "y"}, "flash:/cfg/a.cfg", "flash:/startup.cfg"},
		{[]string{"undo startup saved-configuration"}, "NULL", "flash:/startup.cfg"},
		{[]string{"undo startup saved-configuration backup"}, "NULL", "NULL"},
	} {
		out := sshRunSession(t, d, 0, append(tc.lines, "display startup")...)
		m := startupLineRE.FindStringSubmatch(out)
		if m == nil || m[1] != tc.main || m[2] != tc.backup {
			t.Errorf("%q: display startup says %q, want main %s backup %s", tc.lines, m, tc.main, tc.backup)
		}
	}
}

// TestRebootBootsChosenFile: after startup saved-configuration, a reboot
// (reset, then boot as the fleet does) replays the chosen file; with the
// main file deleted it boots the backup one; boot-loader's main image is
// the one running after the reboot.
func TestRebootBootsChosenFile(t *testing.T) {
	d := testDevice(t)
	sshRunSession(t, d, 0, "system-view", "sysname ONE", "return", "save force",
		"system-view", "sysname TWO", "return", "mkdir keep", "save keep/two.cfg", "y",
		"startup saved-configuration keep/two.cfg", "startup saved-configuration startup.cfg backup",
		"copy startup.cfg image.bin", "y", "boot-loader file image.bin main", "y")
	reboot := func() *BootReport {
		t.Helper()
		d.Reset()
		r, err := New(d, nil).BootReport()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := reboot()
	if r.Source != "flash:/keep/two.cfg" || d.Sysname() != "TWO" {
		t.Fatalf("booted %s, sysname %s; want flash:/keep/two.cfg, TWO", r.Source, d.Sysname())
	}
	out := sshRunSession(t, d, 0, "display startup", "display boot-loader")
	for _, want := range []string{
		" Current startup saved-configuration file: flash:/keep/two.cfg",
		"The current boot app is: flash:/image.bin",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("after the reboot, no %q in\n%s", want, out)
		}
	}
	sshRunSession(t, d, 0, "delete keep/two.cfg", "y")
	if r := reboot(); r.Source != "flash:/startup.cfg" || d.Sysname() != "ONE" {
		t.Fatalf("main file deleted: booted %s, sysname %s; want the backup flash:/startup.cfg, ONE", r.Source, d.Sysname())
	}
	sshRunSession(t, d, 0, "delete startup.cfg", "y")
	if r := reboot(); r.Source != "factory configuration" || d.Sysname() != "3Com" {
		t.Fatalf("both deleted: booted %s, sysname %s", r.Source, d.Sysname())
	}
	sshRunSession(t, d, 0, "undelete startup.cfg", "y")
	if r := reboot(); r.Source != "flash:/startup.cfg" {
		t.Fatalf("undeleted backup: booted %s", r.Source)
	}
}

// TestFlashSessionsKeepFolders: cd is per session.
func TestFlashSessionsKeepFolders(t *testing.T) {
	d := testDevice(t)
	a, b := newConsole(t, d), newConsole(t, d)
	a.run("mkdir x")
	a.run("cd x")
	if got := a.run("pwd"); got != "flash:/x\n" {
		t.Errorf("pwd after cd x: %q", got)
	}
	if got := b.run("pwd"); got != "flash:\n" {
		t.Errorf("other session's pwd: %q", got)
	}
}

// TestResolvePathInside: whatever the user types and whatever the current
// folder, a path resolvePath accepts is a name inside flash:/ with no
// "..", hidden or empty component, and one that climbs above flash:/ is
// refused (random paths, fixed seed).
func TestResolvePathInside(t *testing.T) {
	d := testDevice(t)
	c := newConsole(t, d)
	parts := []string{"..", ".", "a", "b.cfg", "", "flash:", "flash:/", "/", "\\", ".x", "..\\", "~", "c:", "a..b"}
	seed := uint64(1)
	next := func(n int) int { // xorshift: deterministic, no shared state
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(n))
	}
	for _, cwd := range []string{"", "a", "a/b"} {
		c.s.cwd = cwd
		for range 3000 {
			var b strings.Builder
			for range 1 + next(6) {
				b.WriteString(parts[next(len(parts))])
				if next(2) == 0 {
					b.WriteString("/")
				}
			}
			arg := b.String()
			name, ok := c.s.resolvePath(arg)
			// The depth the path reaches, counted independently: a drive
			// or a leading slash starts at the top.
			rest, depth := arg, len(strings.Split(cwd, "/"))
			if cwd == "" {
				depth = 0
			}
			if strings.HasPrefix(strings.ToLower(rest), "flash:") {
				rest, depth = rest[len("flash:"):], 0
			} else if strings.HasPrefix(rest, "/") {
				depth = 0
			}
			climbs := false
			for _, comp := range strings.Split(rest, "/") {
				switch comp {
				case "", ".":
				case "..":
					if depth--; depth < 0 {
						climbs = true
					}
				default:
					depth++
				}
			}
			if climbs && ok {
				t.Fatalf("cwd %q: %q climbs above flash:/ but resolved to %q", cwd, arg, name)
			}
			if !ok {
				continue
			}
			if name != "" {
				for _, comp := range strings.Split(name, "/") {
					if comp == "" || comp == "." || comp == ".." || strings.HasPrefix(comp, ".") || strings.ContainsAny(comp, "\\:") {
						t.Fatalf("cwd %q: %q resolved to %q, component %q", cwd, arg, name, comp)
					}
				}
			}
			if rel, err := filepath.Rel(d.Store().Dir(), filepath.Join(d.Store().Dir(), name)); err != nil || strings.HasPrefix(rel, "..") {
				t.Fatalf("cwd %q: %q resolved outside: %q", cwd, arg, name)
			}
		}
	}
}
