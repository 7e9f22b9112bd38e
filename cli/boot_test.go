package cli

import (
	"strings"
	"testing"

	"switchemu/device"
)

// bootDevice is a device as the process makes it: a store, nothing
// replayed yet.
func bootDevice(t *testing.T) *device.Device {
	t.Helper()
	st, err := device.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return device.New(freshDevice(t).Profile(), device.Options{Store: st})
}

// TestBootReport: an empty or cut-short startup file, or one that
// leaves no way to log in, boots with a warning that says so and how to
// recover; NextBootFactory ignores the file once; a long refused line is
// reported cut.
func TestBootReport(t *testing.T) {
	factory := func(t *testing.T) string { return freshDevice(t).Profile().Factory.Config }
	for _, tc := range []struct {
		name, text string
		want       []string // in the warnings
	}{
		{"empty", "", []string{"flash:/startup.cfg is empty", "delete ", "--factory", "no way to log in", "SSH server is disabled"}},
		{"truncated", "", []string{"without \"return\"", "cut short", "--factory"}},
		{"no ssh user", "", []string{"no way to log in", "no local user has service-type ssh"}},
		{"no ssh server", "", []string{"no way to log in", "the SSH server is disabled"}},
		{"factory", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := bootDevice(t)
			text := factory(t)
			switch tc.name {
			case "empty":
				text = "\n"
			case "truncated":
				text = text[:strings.Index(text, "\nreturn")] + "\n"
			case "no ssh user":
				text = strings.ReplaceAll(text, "service-type ssh", "service-type telnet")
			case "no ssh server":
				text = strings.ReplaceAll(text, "ssh server enable", "undo ssh server enable")
			}
			if err := d.Store().WriteFile("startup.cfg", []byte(text)); err != nil {
				t.Fatal(err)
			}
			sh := New(d, nil)
			r, err := sh.BootReport()
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(r.Warnings, "\n")
			if tc.want == nil && all != "" {
				t.Fatalf("warnings for a good file: %s", all)
			}
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("warnings lack %q:\n%s", w, all)
				}
			}
			ok, why := FactoryLoginWorks(d)
			if ok != (tc.name == "factory" || tc.name == "truncated") {
				t.Errorf("factory login works: %v (%s)", ok, why)
			}
		})
	}
	t.Run("--factory", func(t *testing.T) {
		d := bootDevice(t)
		d.Store().WriteFile("startup.cfg", []byte("sysname FromFile\nreturn\n"))
		sh := New(d, nil)
		sh.NextBootFactory()
		r, err := sh.BootReport()
		if err != nil || r.Source != "factory configuration" || len(r.Warnings) > 0 {
			t.Fatalf("boot: %v %+v", err, r)
		}
		if d.Sysname() == "FromFile" {
			t.Fatal("the startup file was replayed")
		}
		if ok, why := FactoryLoginWorks(d); !ok {
			t.Fatalf("factory login: %s", why)
		}
		if r, _ := sh.BootReport(); r.Source != "flash:/startup.cfg" {
			t.Fatalf("the second boot came from %s", r.Source)
		}
	})
	t.Run("long line", func(t *testing.T) {
		d := bootDevice(t)
		d.Store().WriteFile("startup.cfg", []byte("sysname "+strings.Repeat("x", 1<<20)+"\nreturn\n"))
		r, err := New(d, nil).BootReport()
		if err != nil || len(r.Refused) != 1 {
			t.Fatalf("boot: %v %+v", err, r.Refused)
		}
		if s := r.Refused[0].String(); len(s) > 400 || !strings.Contains(s, "(1048584 bytes)") {
			t.Fatalf("refused line reported as %d bytes: %.300s", len(s), s)
		}
	})
}
