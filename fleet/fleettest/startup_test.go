package fleettest_test

import (
	"strings"
	"testing"

	"switchemu/fleet/fleettest"
)

// TestRebootChosenStartupFile: in a fleet, a reboot boots the file that
// startup saved-configuration chose (in a folder of flash:/), not the
// default startup.cfg, and display startup and boot-loader say so.
func TestRebootChosenStartupFile(t *testing.T) {
	f := fleettest.Start(t, fleettest.Options{Devices: 1})
	sw := f.Device("SW0001")
	sw.Run("system-view", "sysname ONE", "return", "save force")
	dev, err := sw.Member().Device()
	if err != nil {
		t.Fatal(err)
	}
	st := dev.Store()
	if err := st.Mkdir("keep"); err != nil {
		t.Fatal(err)
	}
	if err := st.Copy("startup.cfg", "keep/one.cfg"); err != nil {
		t.Fatal(err)
	}
	if err := st.Copy("startup.cfg", "image.bin"); err != nil {
		t.Fatal(err)
	}
	sw.Run("system-view", "sysname TWO", "return", "save force", "startup saved-configuration keep/one.cfg")
	if err := dev.SetBootApp("image.bin", false); err != nil {
		t.Fatal(err)
	}
	sw.Reboot()
	dev, _ = sw.Member().Device()
	if got := dev.Sysname(); got != "ONE" {
		t.Fatalf("sysname after the reboot %q; want ONE, from flash:/keep/one.cfg", got)
	}
	out := sw.Command("display startup") + sw.Command("display boot-loader")
	for _, want := range []string{
		" Current startup saved-configuration file: flash:/keep/one.cfg\n",
		" Next main startup saved-configuration file: flash:/keep/one.cfg\n",
		"The current boot app is: flash:/image.bin\n",
	} {
		if !strings.Contains(strings.ReplaceAll(out, "\r\n", "\n"), want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}
