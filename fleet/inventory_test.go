package fleet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const siteInventory = `
defaults:
  username: ops
  password: Secret-1
devices:
  - name: core1
    profile: s7906e
    listen: 127.0.0.1:0
    sysname: CORE-1
    mac: 001e-c1dc-0100
    serials: {0: 21023LMAOPOPB113999999}
    config: |
      vlan 10
       name Servers
  - name: "acc{n:03}"
    count: 500
    listen: 127.0.1.1:2222
    listen_step: address
    sysname: "ACC-{n:03}"
    config: |
      interface Vlan-interface1
       ip address 10.0.{n/256}.{n%256} 16
links:
  - core1:GigabitEthernet2/0/1 -- acc001:GigabitEthernet3/0/1
  - link: "core1:GigabitEthernet2/0/{n} — acc{n:03}:GigabitEthernet3/0/1"
    first: 2
    count: 47
`

func TestParseInventoryRanges(t *testing.T) {
	inv, err := ParseInventory(strings.NewReader(siteInventory))
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Devices) != 501 || len(inv.Links) != 48 {
		t.Fatalf("%d devices, %d links; want 501, 48", len(inv.Devices), len(inv.Links))
	}
	core := inv.Devices[0]
	if core.Sysname != "CORE-1" || core.Username != "ops" || core.MAC != "001e-c1dc-0100" || core.Serials[0] != "21023LMAOPOPB113999999" {
		t.Errorf("core1 = %+v", core)
	}
	if !strings.Contains(core.Config, " name Servers") {
		t.Errorf("core1 config = %q", core.Config)
	}
	for _, c := range []struct {
		i                     int
		name, sysname, listen string
		cfg                   string
	}{
		{1, "acc001", "ACC-001", "127.0.1.1:2222", "ip address 10.0.0.1 16"},
		{255, "acc255", "ACC-255", "127.0.1.255:2222", "ip address 10.0.0.255 16"},
		{256, "acc256", "ACC-256", "127.0.2.0:2222", "ip address 10.0.1.0 16"},
		{500, "acc500", "ACC-500", "127.0.2.244:2222", "ip address 10.0.1.244 16"},
	} {
		d := inv.Devices[c.i]
		if d.Name != c.name || d.Sysname != c.sysname || d.Listen != c.listen || !strings.Contains(d.Config, c.cfg) {
			t.Errorf("device %d = %s %s %s %q; want %s %s %s %q", c.i, d.Name, d.Sysname, d.Listen, d.Config, c.name, c.sysname, c.listen, c.cfg)
		}
		if d.Username != "ops" || d.Password != "Secret-1" {
			t.Errorf("device %d login %s/%s; want the defaults", c.i, d.Username, d.Password)
		}
	}
	last := inv.Links[47]
	if last.A != (Port{"core1", "GigabitEthernet2/0/48"}) || last.B != (Port{"acc048", "GigabitEthernet3/0/1"}) {
		t.Errorf("last link = %v -- %v", last.A, last.B)
	}
}

func TestParseInventoryErrors(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"unknown key", "devices:\n  - name: a\n    sysnme: x\n", "line 3: field sysnme not found"},
		{"unknown top key", "device:\n  - name: a\n", "line 1: field device not found"},
		{"unknown link key", "devices:\n  - name: a\nlinks:\n  - {link: 'a:GigabitEthernet2/0/1 -- a:GigabitEthernet2/0/2', cnt: 2}\n", "line 4: field cnt not found"},
		{"no devices", "devices: []\n", "no devices"},
		{"duplicate name", "devices:\n  - name: a\n  - name: a\n", "line 3: device \"a\" is declared twice (first at line 2)"},
		{"range without counter", "devices:\n  - name: a\n    count: 3\n", "line 2: name \"a\": a range's name needs a counter"},
		{"duplicate address", "devices:\n  - {name: a, listen: '127.0.0.1:2000'}\n  - {name: b, listen: '127.0.0.1:2000'}\n", "line 3: device b: address 127.0.0.1:2000 is a's too"},
		{"bad address", "devices:\n  - {name: a, listen: 'localhost:22'}\n", "listen \"localhost:22\": want host:port"},
		{"bad step", "devices:\n  - {name: 'a{n}', count: 2, listen: '127.0.0.1:1', listen_step: ip}\n", "listen_step \"ip\""},
		{"long sysname", "devices:\n  - {name: a, sysname: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}\n", "must be 1-30 characters"},
		{"escape in sysname", "devices:\n  - {name: a, sysname: \"a\\e[2J\"}\n", "only printable characters"},
		{"half login", "devices:\n  - {name: a, username: x}\n", "give both username and password"},
		{"bad mac", "devices:\n  - {name: a, mac: 0011-2233}\n", "mac \"0011-2233\""},
		{"shared mac in range", "devices:\n  - {name: 'a{n}', count: 2, mac: 0011-2233-4455}\n", "needs its own"},
		{"bad counter", "devices:\n  - {name: 'a{m}', count: 2}\n", "unexpected \"m\""},
		{"link syntax", "devices:\n  - name: a\nlinks:\n  - a-GigabitEthernet2/0/1\n", "line 4: link \"a-GigabitEthernet2/0/1\""},
		{"link to nobody", "devices:\n  - name: a\nlinks:\n  - a:GigabitEthernet2/0/1 -- b:GigabitEthernet2/0/1\n", "line 4: link a:GigabitEthernet2/0/1 -- b:GigabitEthernet2/0/1: no device \"b\""},
		{"no such port", "devices:\n  - name: a\n  - name: b\nlinks:\n  - a:GigabitEthernet1/0/1 -- b:GigabitEthernet2/0/1\n", "has no port \"GigabitEthernet1/0/1\""},
		{"port twice", "devices:\n  - name: a\n  - name: b\nlinks:\n  - a:GigabitEthernet2/0/1 -- b:GigabitEthernet2/0/1\n  - a:GigabitEthernet2/0/1 -- b:GigabitEthernet2/0/2\n", "line 6: port a:GigabitEthernet2/0/1 is cabled twice (first at line 5)"},
		{"unknown profile", "devices:\n  - {name: a, profile: s9999}\n  - name: b\nlinks:\n  - a:GigabitEthernet2/0/1 -- b:GigabitEthernet2/0/1\n", "no profile \"s9999\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseInventory(strings.NewReader(c.text))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v; want one with %q", err, c.want)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"SW{n:04}", 7, "SW0007"},
		{"GigabitEthernet{(n-1)/48+2}/0/{(n-1)%48+1}", 49, "GigabitEthernet3/0/1"},
		{"10.{n/256}.{n%256}.1", 300, "10.1.44.1"},
		{"{{literal}}", 1, "{literal}"},
		{"plain", 1, "plain"},
		{"{-n*2+10}", 3, "4"},
	} {
		got, err := expand(c.in, c.n)
		if err != nil || got != c.want {
			t.Errorf("expand(%q, %d) = %q, %v; want %q", c.in, c.n, got, err, c.want)
		}
	}
	for _, bad := range []string{"{n", "n}", "{n/0}", "{n:3}", "{(n}", "{}", "{n+}"} {
		if got, err := expand(bad, 1); err == nil {
			t.Errorf("expand(%q) = %q; want an error", bad, got)
		}
	}
}

func TestGenerated(t *testing.T) {
	inv, err := Generated(500, "s7906e", "127.0.0.1:2222")
	if err != nil {
		t.Fatal(err)
	}
	first, last := inv.Devices[0], inv.Devices[499]
	if first.Name != "SW0001" || first.Sysname != "SW0001" || first.Listen != "127.0.0.1:2222" ||
		last.Name != "SW0500" || last.Listen != "127.0.0.1:2721" {
		t.Fatalf("first %+v, last %+v", first, last)
	}
	if _, err := Generated(2000, "s7906e", "127.0.0.1:65000"); err == nil {
		t.Error("2000 devices from port 65000: no error")
	}
}

func TestShardStableAndComplete(t *testing.T) {
	for n := 1; n <= 40; n++ {
		for shards := 1; shards <= 9; shards++ {
			seen := make([]int, n)
			sizes := map[int]bool{}
			for i := range shards {
				sh := Shard{I: i, N: shards}
				lo, hi := sh.bounds(n)
				sizes[hi-lo] = true
				for j := lo; j < hi; j++ {
					seen[j]++
					if got := sh.Of(j, n); got != i {
						t.Fatalf("n=%d N=%d: device %d in shard %d, Of says %d", n, shards, j, i, got)
					}
				}
			}
			for j, c := range seen {
				if c != 1 {
					t.Fatalf("n=%d N=%d: device %d is in %d shards", n, shards, j, c)
				}
			}
			if len(sizes) > 2 {
				t.Fatalf("n=%d N=%d: shard sizes %v differ by more than one", n, shards, sizes)
			}
		}
	}
	for _, bad := range []string{"4/4", "-1/4", "1", "a/b", "0/0"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q): no error", bad)
		}
	}
}

// TestShardedFleets: the fleets of every shard together serve every
// device exactly once, each on the address the whole inventory gives it.
func TestShardedFleets(t *testing.T) {
	inv, err := Generated(23, "s7906e", "127.0.0.1:3000")
	if err != nil {
		t.Fatal(err)
	}
	whole, err := New(inv, Options{StateDir: t.TempDir(), Listen: "127.0.0.1:3000"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, e := range whole.Entries() {
		want[e.Name] = e.Host + ":" + itoa(e.Port)
	}
	got := map[string]string{}
	for i := range 4 {
		f, err := New(inv, Options{StateDir: t.TempDir(), Listen: "127.0.0.1:3000", Shard: Shard{I: i, N: 4}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range f.Entries() {
			if _, dup := got[e.Name]; dup {
				t.Fatalf("%s served by two shards", e.Name)
			}
			got[e.Name] = e.Host + ":" + itoa(e.Port)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("shards serve %d devices; the inventory has %d", len(got), len(want))
	}
	for name, addr := range want {
		if got[name] != addr {
			t.Errorf("%s: shard address %s, whole fleet %s", name, got[name], addr)
		}
	}
}

// TestReadmeInventory: the README's example inventory parses, and every
// device boots it without a refused line.
func TestReadmeInventory(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "```yaml\ndefaults:")
	if start < 0 {
		t.Fatal("README has no example inventory")
	}
	text = text[start+len("```yaml\n"):]
	text = text[:strings.Index(text, "```")]
	inv, err := ParseInventory(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Devices) != 49 || len(inv.Links) != 48 {
		t.Fatalf("%d devices, %d links; want 49 and 48", len(inv.Devices), len(inv.Links))
	}
	var out strings.Builder
	f, err := New(inv, Options{StateDir: t.TempDir(), Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, name := range []string{"core1", "acc01", "acc48"} {
		if _, err := f.Member(name).Device(); err != nil {
			t.Fatal(err)
		}
	}
	if out.Len() > 0 {
		t.Errorf("the example's configuration is refused:\n%s", out.String())
	}
	if !f.Member("acc07").Recording() || f.Member("core1").Recording() {
		t.Errorf("record: acc07 %v, core1 %v; want true, false", f.Member("acc07").Recording(), f.Member("core1").Recording())
	}
	if got := f.Member("acc48").dev.Snapshot().Interfaces["Vlan-interface1"].Addresses; len(got) != 1 || got[0].IP != [4]byte{10, 0, 1, 48} {
		t.Errorf("acc48's address = %v", got)
	}
}

// TestInventoryLabs: the labs key lists lab files, relative to the
// inventory file's folder (the example class's).
func TestInventoryLabs(t *testing.T) {
	inv, err := LoadInventory("../examples/labs/class.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Devices) != 12 || len(inv.Labs) != 1 || inv.Labs[0] != filepath.Join("..", "examples", "labs", "vlans-101.yaml") {
		t.Fatalf("%d devices, labs %q", len(inv.Devices), inv.Labs)
	}
	if _, err := os.Stat(inv.Labs[0]); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(t.TempDir(), "x.yaml")
	inv, err = ParseInventory(strings.NewReader("labs: [" + abs + "]\ndevices:\n  - name: a\n"))
	if err != nil || len(inv.Labs) != 1 || inv.Labs[0] != abs {
		t.Fatalf("labs %q, %v", inv.Labs, err)
	}
	if _, err := ParseInventory(strings.NewReader("labs: [\"\"]\ndevices:\n  - name: a\n")); err == nil || !strings.Contains(err.Error(), "labs: an empty file name") {
		t.Fatalf("empty lab: %v", err)
	}
}
