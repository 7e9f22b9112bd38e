package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/cli"
	"switchemu/device"
	"switchemu/fleet"
)

// summaryDevices is how many devices the start-up summary lists one by
// one; the rest are in devices.csv.
const summaryDevices = 5

// printSummary tells the operator where the devices listen and how to
// log in. One device: its model, address, login, host key and state
// folder, as before fleets. A fleet: a line per device up to a few, then
// a count and where the full list is (devices.csv in the state folder,
// or switchemu inventory).
func printSummary(w io.Writer, f *fleet.Fleet, sel *selection, stateDir string) error {
	ms := f.Members()
	if len(ms) == 0 {
		fmt.Fprintf(w, "switchemu: shard %s of the inventory has no devices\n", sel.shard)
		return nil
	}
	first := ms[0]
	user, pw := first.Login()
	host, port, _ := net.SplitHostPort(first.Addr().String())
	if sel.devices == 0 && sel.invFile == "" {
		p := first.Profile()
		if tw := first.Twin(); tw != nil {
			fmt.Fprintf(w, "switchemu: twin of %s, a %s (identity strings from the %s profile) listening on %s\n",
				sel.fromCfg, p.Model, tw.Closest, first.Addr())
		} else {
			fmt.Fprintf(w, "switchemu: %s (%s profile) listening on %s\n", p.Model, p.Name, first.Addr())
		}
		dev, err := first.Device()
		if err != nil {
			return err
		}
		if ok, why := cli.FactoryLoginWorks(dev); ok {
			fmt.Fprintf(w, "  log in:   ssh -p %s %s@%s   (password: %s)\n", port, user, host, pw)
		} else {
			fmt.Fprintf(w, "  log in:   not with %s/%s: %s (see the warning above)\n", user, pw, why)
		}
		// One device makes its host key now, to show its fingerprint.
		if err := dev.EnsureHostKey(); err != nil {
			return err
		}
		if hk := dev.CurrentHostKey(); hk != nil {
			if pub, err := gossh.NewPublicKey(&hk.Key.PublicKey); err == nil {
				fmt.Fprintf(w, "  host key: %s %s\n", pub.Type(), gossh.FingerprintSHA256(pub))
			}
		}
		if a := first.TelnetAddr(); a != nil {
			fmt.Fprintf(w, "switchemu: telnet on %s (open while telnet server enable is configured)\n", a)
		}
		fmt.Fprintf(w, "  state:    %s\n", dev.Store().Dir())
		return nil
	}

	list := filepath.Join(stateDir, "devices.csv")
	if err := writeList(list, f.Entries()); err != nil {
		return err
	}
	models := map[string]bool{}
	for _, m := range ms {
		models[m.Profile().Model] = true
	}
	what := first.Profile().Model
	if len(models) > 1 {
		what = fmt.Sprintf("%d models", len(models))
	}
	shard := ""
	if sel.shard.N > 1 {
		shard = fmt.Sprintf(", shard %s", sel.shard)
	}
	fmt.Fprintf(w, "switchemu: %d devices (%s%s) listening on %s\n", len(ms), what, shard, span(ms))
	for _, m := range ms[:min(len(ms), summaryDevices)] {
		fmt.Fprintf(w, "  %-12s %-21s %s\n", m.Name(), m.Addr(), m.Profile().Model)
	}
	if n := len(ms) - summaryDevices; n > 0 {
		fmt.Fprintf(w, "  ... and %d more; the full list: %s (or: switchemu inventory %s--format ansible|nornir|csv)\n", n, list, sel.args())
	} else {
		fmt.Fprintf(w, "  the list: %s\n", list)
	}
	// The first device's login, as its loaded configuration has it: a
	// device booted from a saved file may have lost it (its boot warning
	// said why).
	if dev, ok := bootedDevice(first); ok {
		if works, why := cli.FactoryLoginWorks(dev); !works {
			fmt.Fprintf(w, "  log in:   not with %s/%s on %s: %s (see the warning above)\n", user, pw, first.Name(), why)
		} else {
			fmt.Fprintf(w, "  log in:   ssh -p %s %s@%s   (password: %s)\n", port, user, host, pw)
		}
	} else {
		fmt.Fprintf(w, "  log in:   ssh -p %s %s@%s   (password: %s)\n", port, user, host, pw)
	}
	if a := first.TelnetAddr(); a != nil {
		fmt.Fprintf(w, "  telnet:   from %s, open on each device while telnet server enable is configured\n", a)
	}
	fmt.Fprintf(w, "  state:    %s\n", filepath.Join(stateDir, "<device>"))
	return nil
}

// span words the addresses of the devices: "127.0.0.1:2222-2721" when
// they are consecutive ports of one address, else first … last.
func span(ms []*fleet.Member) string {
	first, last := ms[0].Addr().String(), ms[len(ms)-1].Addr().String()
	if len(ms) == 1 {
		return first
	}
	h1, p1, _ := net.SplitHostPort(first)
	h2, p2, _ := net.SplitHostPort(last)
	if h1 == h2 {
		return fmt.Sprintf("%s:%s-%s", h1, p1, p2)
	}
	return first + " … " + last
}

// args repeats the flags that select the devices, for a command line the
// summary suggests.
func (s *selection) args() string {
	var b strings.Builder
	if s.invFile != "" {
		fmt.Fprintf(&b, "--inventory %s ", s.invFile)
	} else {
		fmt.Fprintf(&b, "--devices %d --profile %s --listen %s ", s.devices, s.profile, s.listen)
	}
	if s.shard.N > 1 {
		fmt.Fprintf(&b, "--shard %s ", s.shard)
	}
	return b.String()
}

// writeList writes the device list as CSV, atomically.
func writeList(path string, entries []fleet.Entry) error {
	var buf bytes.Buffer
	if err := fleet.Export(&buf, "csv", entries); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("device list: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o600); err != nil {
		return fmt.Errorf("device list: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("device list: %w", err)
	}
	return nil
}

// bootedDevice returns a fleet member's device if it has been made (a
// saved configuration, a cable or a twin made it at start); untouched
// devices boot the factory login, which works.
func bootedDevice(m *fleet.Member) (*device.Device, bool) {
	if !m.Used() {
		return nil, false
	}
	dev, err := m.Device()
	return dev, err == nil
}
