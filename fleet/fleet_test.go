package fleet

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"go.yaml.in/yaml/v3"

	"switchemu/cli"
	"switchemu/device"
	"switchemu/profiles"
)

// TestLazyDevices: an untouched device is only its port: no state
// folder, no host key, no device model; its first client makes it, with
// a host key saved for the next start.
func TestLazyDevices(t *testing.T) {
	inv, _ := Generated(3, "s7906e", "127.0.0.1:0")
	dir := t.TempDir()
	f := startInventory(t, inv, dir)
	for _, m := range f.Members() {
		if m.Used() {
			t.Fatalf("%s was made at start", m.Name())
		}
		if _, err := os.Stat(filepath.Join(dir, m.Name())); !os.IsNotExist(err) {
			t.Fatalf("%s has a state folder before use: %v", m.Name(), err)
		}
	}
	m := f.Member("SW0002")
	out := execOn(t, m, "display current-configuration")
	if !strings.Contains(out, " sysname SW0002\n") {
		t.Fatalf("SW0002's configuration:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "SW0002", ".hostkey_rsa.pem")); err != nil {
		t.Fatalf("no host key saved after the first connection: %v", err)
	}
	if f.Member("SW0001").Used() || f.Member("SW0003").Used() {
		t.Fatal("a connection to one device made the others")
	}
}

// TestSharedFactoryState: a device booted from the shared factory state
// is the device the single-device emulator boots by replay: the same
// configuration, the same current-configuration, the same log buffer.
func TestSharedFactoryState(t *testing.T) {
	f := startFleet(t, `
devices:
  - {name: one, listen: "127.0.0.1:0"}
  - {name: two, listen: "127.0.0.1:0", username: ops, password: Pass-2, config: "vlan 10\n name Servers"}
`)
	for _, m := range f.Members() {
		dev, err := m.Device()
		if err != nil {
			t.Fatal(err)
		}
		// The same device booted the old way: replay of its whole
		// factory text.
		p := *dev.Profile()
		p.Factory.Config = factoryText(m.base, &m.Spec)
		want := device.New(&p, device.Options{})
		sh := cli.New(want, nil)
		if errs := sh.Replay(p.Factory.Config); len(errs) > 0 {
			t.Fatalf("%s: factory text refused: %v", m.Name(), errs)
		}
		if err := want.Update(func(c *device.Config) error { c.Sysname = m.Sysname(); return nil }); err != nil {
			t.Fatal(err)
		}
		got, exp := dev.Snapshot(), want.Snapshot()
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%s: shared factory state differs from a replayed one:\n got %+v\nwant %+v", m.Name(), got, exp)
		}
		if a, b := render(t, m.shell), render(t, sh); a != b {
			t.Errorf("%s: current-configuration differs:\n%s\n---\n%s", m.Name(), a, b)
		}
	}
	two := f.Member("two")
	cfg := render(t, two.shell)
	for _, want := range []string{"local-user ops\n", "vlan 10\n name Servers\n", " sysname two\n"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("two's configuration lacks %q:\n%s", want, cfg)
		}
	}
	if strings.Contains(cfg, "local-user admin") {
		t.Errorf("two keeps the profile's login:\n%s", cfg)
	}
	if _, ok := two.dev.Authenticate("ops", "Pass-2", "ssh"); !ok {
		t.Error("two's inventory login does not authenticate")
	}
}

func render(t *testing.T, sh *cli.Shell) string {
	t.Helper()
	var out bytes.Buffer
	sh.Exec(context.Background(), &rw{w: &out}, "display current-configuration", cli.SessionInfo{User: "t", Level: 3, Line: -1})
	return strings.ReplaceAll(out.String(), "\r\n", "\n")
}

type rw struct{ w *bytes.Buffer }

// lockedLog is a log destination that sessions write to concurrently.
type lockedLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (r *rw) Read([]byte) (int, error)    { return 0, os.ErrClosed }
func (r *rw) Write(p []byte) (int, error) { return r.w.Write(p) }

// TestIsolation: a change, a save, a reboot or a panic in one device
// reaches no other device.
func TestIsolation(t *testing.T) {
	var panicOn atomic.Value
	panicOn.Store("")
	inv, _ := Generated(2, "s7906e", "127.0.0.1:0")
	dir := t.TempDir()
	var logs lockedLog
	f := startInventory(t, inv, dir, func(f *Fleet) {
		f.log = slog.New(slog.NewTextHandler(&logs, nil))
		f.onChange = func(m *Member) {
			if m.Name() == panicOn.Load().(string) {
				panic("injected fault in " + m.Name())
			}
		}
	})
	a, b := f.Member("SW0001"), f.Member("SW0002")
	sa, sb := openShell(t, a), openShell(t, b)

	sa.run("system-view")
	sa.run("sysname ALPHA")
	sa.run("vlan 77")
	sa.run("return")
	sa.run("save force")
	if out := sb.run("display current-configuration"); strings.Contains(out, "ALPHA") || strings.Contains(out, "vlan 77") {
		t.Fatalf("a's change shows on b:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "SW0001", "startup.cfg")); err != nil {
		t.Fatalf("a's save: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "SW0002", "startup.cfg")); !os.IsNotExist(err) {
		t.Fatalf("a's save wrote b's flash: %v", err)
	}

	// A fault in a's command handler: the session gets the device's error
	// line and goes on; b and the process notice nothing.
	panicOn.Store("SW0001")
	sa.run("system-view")
	out := sa.run("vlan 78")
	if !strings.Contains(out, cli.MsgCommandFailed) {
		t.Errorf("a's session after a handler panic:\n%q", out)
	}
	panicOn.Store("")
	if l := logs.String(); !strings.Contains(l, "injected fault in SW0001") || !strings.Contains(l, "device=SW0001") {
		t.Errorf("the panic is not logged with the device's name:\n%s", l)
	}
	if out := sa.run("display this"); !strings.Contains(out, "[ALPHA") {
		t.Errorf("a's session did not go on after the panic: %q", out)
	}
	if out := sb.run("display vlan 1"); !strings.Contains(out, "VLAN ID: 1") {
		t.Errorf("b after a's panic: %q", out)
	}

	// a reboots; b's session stays, b's uptime and state are untouched.
	up := b.Uptime()
	adev, _ := a.Device()
	adev.RequestReboot()
	waitFor(t, "a back after its reboot", func() bool { return !adev.Rebooting() })
	if out := sb.run("display clock"); out == "" {
		t.Error("b's session ended with a's reboot")
	}
	if b.Uptime() < up {
		t.Error("b's uptime restarted with a's reboot")
	}
	if got := adev.Sysname(); got != "ALPHA" {
		t.Errorf("a after reboot: sysname %q; want the saved ALPHA", got)
	}
}

// TestExportFormats: each format parses back, with the tools' own parser
// where one is installed.
func TestExportFormats(t *testing.T) {
	inv, _ := Generated(3, "s7906e", "127.0.1.5:2222")
	f, err := New(inv, Options{StateDir: t.TempDir(), Listen: "127.0.1.5:2222"})
	if err != nil {
		t.Fatal(err)
	}
	entries := f.Entries()
	var buf bytes.Buffer
	if err := Export(&buf, "csv", entries); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "name,host,port,username,password,platform" ||
		strings.Join(rows[3], ",") != "SW0003,127.0.1.5,2224,admin,admin,hp_comware" {
		t.Errorf("csv = %q", rows)
	}

	buf.Reset()
	if err := Export(&buf, "nornir", entries); err != nil {
		t.Fatal(err)
	}
	var hosts map[string]struct {
		Hostname, Username, Password, Platform string
		Port                                   int
	}
	if err := yaml.Unmarshal(buf.Bytes(), &hosts); err != nil {
		t.Fatal(err)
	}
	if h := hosts["SW0002"]; h.Hostname != "127.0.1.5" || h.Port != 2223 || h.Platform != "hp_comware" || h.Username != "admin" {
		t.Errorf("nornir SW0002 = %+v", h)
	}

	buf.Reset()
	if err := Export(&buf, "ansible", entries); err != nil {
		t.Fatal(err)
	}
	var ans struct {
		All struct {
			Children map[string]struct {
				Hosts map[string]map[string]any
			}
		}
	}
	if err := yaml.Unmarshal(buf.Bytes(), &ans); err != nil {
		t.Fatal(err)
	}
	if h := ans.All.Children["switchemu"].Hosts["SW0001"]; h["ansible_port"] != 2222 || h["ansible_host"] != "127.0.1.5" {
		t.Errorf("ansible SW0001 = %v", h)
	}
	if err := Export(&buf, "xml", entries); err == nil {
		t.Error("an unknown format exported")
	}
	ansibleInventoryParses(t, buf.Bytes())
}

// ansibleInventoryParses reads the Ansible export with ansible-inventory
// itself when Debian's ansible is installed.
func ansibleInventoryParses(t *testing.T, data []byte) {
	if _, err := exec.LookPath("ansible-inventory"); err != nil {
		if os.Getenv("INTEROP") == "required" {
			t.Fatalf("ansible-inventory is missing; install it with: apt-get install -y ansible")
		}
		t.Log("ansible-inventory is missing (apt-get install -y ansible); the Ansible export is checked by the YAML parser only")
		return
	}
	path := filepath.Join(t.TempDir(), "inventory.yaml")
	os.WriteFile(path, data, 0o600)
	cmd := exec.Command("ansible-inventory", "-i", path, "--list")
	cmd.Env = append(os.Environ(), "ANSIBLE_LOCAL_TEMP="+t.TempDir(), "HOME="+t.TempDir(), "ANSIBLE_INVENTORY_UNPARSED_FAILED=True")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ansible-inventory: %v\n%s", err, out)
	}
	var list struct {
		Meta struct {
			Hostvars map[string]map[string]any `json:"hostvars"`
		} `json:"_meta"`
		Switchemu struct {
			Hosts []string `json:"hosts"`
		} `json:"switchemu"`
	}
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatalf("ansible-inventory output: %v\n%s", err, out)
	}
	if len(list.Switchemu.Hosts) != 3 || list.Meta.Hostvars["SW0003"]["ansible_port"] != 2224.0 || list.Meta.Hostvars["SW0003"]["platform"] != "hp_comware" {
		t.Errorf("ansible-inventory --list: %+v\n%s", list, out)
	}
}

// TestIdentities: every device of a fleet has its own bridge MAC and
// serials; inventory overrides win.
func TestIdentities(t *testing.T) {
	base, err := profiles.Open("s7906e")
	if err != nil {
		t.Fatal(err)
	}
	macs, serials := map[string]int{}, map[string]int{}
	for i := range 1000 {
		p, err := identity(base, &Spec{}, i)
		if err != nil {
			t.Fatal(err)
		}
		macs[p.Brand.BridgeMAC]++
		for _, b := range p.Chassis.Boards {
			serials[b.Serial]++
		}
	}
	if len(macs) != 1000 || len(serials) != 1000*len(base.Chassis.Boards) {
		t.Errorf("1000 devices: %d bridge MACs, %d serials", len(macs), len(serials))
	}
	p, _ := identity(base, &Spec{MAC: "0011-2233-4455", Serials: map[int]string{2: "SN-TWO"}}, 5)
	if p.Brand.BridgeMAC != "0011-2233-4455" || p.Chassis.Boards[1].Serial != "SN-TWO" {
		t.Errorf("overrides: %s %+v", p.Brand.BridgeMAC, p.Chassis.Boards[1])
	}
	if base.Chassis.Boards[1].Serial == "SN-TWO" {
		t.Error("an override changed the shared profile")
	}
}
