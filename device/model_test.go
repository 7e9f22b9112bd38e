package device

import (
	"fmt"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"switchemu/profiles"
)

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newTestDevice(t *testing.T) (*Device, *testClock) {
	t.Helper()
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	clk := &testClock{t: time.Date(2011, 1, 8, 19, 35, 31, 0, time.UTC)}
	return New(p, Options{Now: clk.now}), clk
}

func mustUpdate(t *testing.T, d *Device, fn func(c *Config)) {
	t.Helper()
	if err := d.Update(func(c *Config) error { fn(c); return nil }); err != nil {
		t.Fatal(err)
	}
}

func setIf(name string, fn func(i *Interface)) func(c *Config) {
	return func(c *Config) {
		ifc := c.Interfaces[name]
		fn(&ifc)
		c.Interfaces[name] = ifc
	}
}

func TestLinkState(t *testing.T) {
	d, _ := newTestDevice(t)
	mustUpdate(t, d, func(c *Config) { c.Interfaces["Vlan-interface1"] = NewLogical(KindVlanIf, 1) })
	mustUpdate(t, d, func(c *Config) { c.Interfaces["Vlan-interface7"] = NewLogical(KindVlanIf, 7) })
	cfg := d.Snapshot()
	for _, tc := range []struct {
		name string
		up   bool
	}{
		{"GigabitEthernet2/0/1", true},  // cabled
		{"GigabitEthernet2/0/5", false}, // no cable
		{"Ten-GigabitEthernet4/0/1", true},
		{"Ten-GigabitEthernet4/0/2", false},
		{"M-Ethernet0/0/0", true},
		{"NULL0", true},
		{"Vlan-interface1", true},  // up ports in VLAN 1
		{"Vlan-interface7", false}, // no port in VLAN 7
	} {
		if got := d.LinkUp(&cfg, cfg.Interfaces[tc.name]); got != tc.up {
			t.Errorf("%s: up %v, want %v", tc.name, got, tc.up)
		}
	}
}

func TestShutdownLogsAndFreezesCounters(t *testing.T) {
	d, clk := newTestDevice(t)
	const port = "GigabitEthernet2/0/1"
	clk.advance(10 * time.Second)
	c1, r, since := d.InterfaceStats(port)
	if r.InPackets == 0 || since.IsZero() {
		t.Fatalf("cabled port has no traffic: %+v since %v", r, since)
	}
	if c1.InPackets != 10*r.InPackets || c1.OutBytes != 10*r.OutBytes {
		t.Errorf("after 10 s: %+v, rate %+v", c1, r)
	}
	if c, _, _ := d.InterfaceStats("GigabitEthernet2/0/5"); c.InPackets != 0 {
		t.Errorf("uncabled port counted %d packets", c.InPackets)
	}
	entries, cancel := d.Subscribe()
	defer cancel()
	mustUpdate(t, d, setIf(port, func(i *Interface) { i.Shutdown = true }))
	e := <-entries
	if got := e.Format("3Com"); !strings.HasSuffix(got, "3Com IFNET/3/LINK_UPDOWN: GigabitEthernet2/0/1 link status is DOWN.") {
		t.Errorf("log %q", got)
	}
	clk.advance(time.Hour)
	c2, r2, _ := d.InterfaceStats(port)
	if c2 != c1 || r2 != (Rates{}) {
		t.Errorf("shut port counted: %+v -> %+v, rate %+v", c1, c2, r2)
	}
	mustUpdate(t, d, setIf(port, func(i *Interface) { i.Shutdown = false }))
	if e := <-entries; !strings.Contains(e.Text, "link status is UP.") {
		t.Errorf("log %q", e.Text)
	}
	clk.advance(5 * time.Second)
	if c3, _, _ := d.InterfaceStats(port); c3.InPackets != c1.InPackets+5*r.InPackets {
		t.Errorf("after undo shutdown: %d packets, want %d", c3.InPackets, c1.InPackets+5*r.InPackets)
	}
	logs := d.LogEntries()
	if len(logs) != 2 || logs[0].Digest != "LINK_UPDOWN" {
		t.Errorf("log buffer %+v", logs)
	}
}

func TestVLANInterfaceFollowsPorts(t *testing.T) {
	d, _ := newTestDevice(t)
	mustUpdate(t, d, func(c *Config) {
		c.VLANs[10] = VLAN{ID: 10}
		c.Interfaces["Vlan-interface10"] = NewLogical(KindVlanIf, 10)
	})
	entries, cancel := d.Subscribe()
	defer cancel()
	if d.linkStates(ptr(d.Snapshot()))["Vlan-interface10"] {
		t.Fatal("Vlan-interface10 up without ports")
	}
	mustUpdate(t, d, setIf("GigabitEthernet2/0/2", func(i *Interface) { i.PVID = 10 }))
	var got []string
	for len(entries) > 0 {
		e := <-entries
		got = append(got, e.Digest+":"+e.Text)
	}
	want := []string{"LINK_UPDOWN: Vlan-interface10 link status is UP.", "LINEPROTO_UPDOWN: Line protocol on the interface Vlan-interface10 is UP."}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("logs %q, want %q", got, want)
	}
}

func ptr[T any](v T) *T { return &v }

func addr(s string, sub bool) IPAddress {
	p := netip.MustParsePrefix(s)
	return IPAddress{IP: p.Addr().As4(), Mask: p.Bits(), Sub: sub}
}

func TestTables(t *testing.T) {
	d, _ := newTestDevice(t)
	cfg := d.Snapshot()
	if n := len(d.ARPTable(&cfg)); n != 0 {
		t.Errorf("%d ARP entries without any address", n)
	}
	// Hosts on 2/0/1-2/0/4 and neighbours on 3/0/1 and 4/0/1 are learned;
	// 2/0/5 has no cable.
	if n := len(d.MACTable(&cfg)); n != 6 {
		t.Errorf("%d MAC entries, want 6: %+v", n, d.MACTable(&cfg))
	}
	mustUpdate(t, d, func(c *Config) {
		vif := NewLogical(KindVlanIf, 1)
		vif.Addresses = []IPAddress{addr("192.168.0.233/24", false)}
		c.Interfaces[vif.Name] = vif
		c.VLANs[10] = VLAN{ID: 10}
		setIf("GigabitEthernet2/0/1", func(i *Interface) { i.PVID = 10 })(c)
		setIf("GigabitEthernet2/0/2", func(i *Interface) { i.Shutdown = true })(c)
		mac, _ := ParseMAC("11-2233-4455")
		c.StaticMACs = append(c.StaticMACs, StaticMAC{MAC: mac, VLAN: 10, Port: "GigabitEthernet2/0/1"})
	})
	cfg = d.Snapshot()
	var macs []string
	for _, e := range d.MACTable(&cfg) {
		macs = append(macs, fmt.Sprintf("%s/%d/%s/%s", FormatMAC(e.MAC), e.VLAN, e.Port, e.State))
	}
	wantMACs := "[000f-e2a1-4c40/1/Ten-GigabitEthernet4/0/1/Learned 0014-2a3b-0103/1/GigabitEthernet2/0/3/Learned " +
		"0014-2a3b-0104/1/GigabitEthernet2/0/4/Learned 001e-c1a2-7b00/1/GigabitEthernet3/0/1/Learned " +
		"0011-2233-4455/10/GigabitEthernet2/0/1/Config static 0014-2a3b-0101/10/GigabitEthernet2/0/1/Learned]"
	if fmt.Sprint(macs) != wantMACs {
		t.Errorf("MAC table\n got %v\nwant %v", macs, wantMACs)
	}
	var arps []string
	for _, e := range d.ARPTable(&cfg) {
		arps = append(arps, fmt.Sprintf("%s/%d/%s", netip.AddrFrom4(e.IP), e.VLAN, e.Port))
	}
	// 192.168.0.11 is in VLAN 10 now, which has no interface; 0.12 is
	// behind a shut port.
	wantARPs := "[192.168.0.1/1/Ten-GigabitEthernet4/0/1 192.168.0.2/1/GigabitEthernet3/0/1 " +
		"192.168.0.13/1/GigabitEthernet2/0/3 192.168.0.14/1/GigabitEthernet2/0/4]"
	if fmt.Sprint(arps) != wantARPs {
		t.Errorf("ARP table\n got %v\nwant %v", arps, wantARPs)
	}
}

func TestRoutingTable(t *testing.T) {
	d, _ := newTestDevice(t)
	mustUpdate(t, d, func(c *Config) {
		vif := NewLogical(KindVlanIf, 1)
		vif.Addresses = []IPAddress{addr("192.168.0.233/24", false), addr("10.1.1.1/24", true)}
		c.Interfaces[vif.Name] = vif
		dead := NewLogical(KindVlanIf, 9) // no port in VLAN 9: down
		dead.Addresses = []IPAddress{addr("10.9.9.1/24", false)}
		c.Interfaces[dead.Name] = dead
		c.Routes = []StaticRoute{
			{Dest: [4]byte{}, Mask: 0, NextHop: [4]byte{192, 168, 0, 1}, Preference: 60},
			{Dest: [4]byte{10, 20, 0, 0}, Mask: 16, NextHop: [4]byte{10, 9, 9, 2}, Preference: 60},    // via a down interface
			{Dest: [4]byte{10, 30, 0, 0}, Mask: 16, NextHop: [4]byte{203, 0, 113, 1}, Preference: 60}, // unreachable
		}
	})
	cfg := d.Snapshot()
	var got []string
	for _, r := range d.RoutingTable(&cfg) {
		got = append(got, fmt.Sprintf("%s %s %d %s %s", r.Dest, r.Proto, r.Pre, r.NextHop, r.Iface))
	}
	want := []string{
		"0.0.0.0/0 Static 60 192.168.0.1 Vlan1",
		"10.1.1.0/24 Direct 0 10.1.1.1 Vlan1",
		"10.1.1.1/32 Direct 0 127.0.0.1 InLoop0",
		"127.0.0.0/8 Direct 0 127.0.0.1 InLoop0",
		"127.0.0.1/32 Direct 0 127.0.0.1 InLoop0",
		"192.168.0.0/24 Direct 0 192.168.0.233 Vlan1",
		"192.168.0.233/32 Direct 0 127.0.0.1 InLoop0",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("routes\n got %q\nwant %q", got, want)
	}
}

func TestClock(t *testing.T) {
	d, clk := newTestDevice(t)
	d.SetClock(time.Date(2012, 2, 3, 10, 0, 0, 0, time.UTC))
	clk.advance(90 * time.Second)
	if got := d.Clock().Format("15:04:05 01/02/2006 MST"); got != "10:01:30 02/03/2012 UTC" {
		t.Errorf("clock %s", got)
	}
	if up := d.Uptime(); up != 90*time.Second {
		t.Errorf("clock datetime moved the uptime: %v", up)
	}
	mustUpdate(t, d, func(c *Config) { c.TimeZone = TimeZone{Name: "Z5", Offset: 5 * time.Hour} })
	if got := d.Clock().Format("15:04:05 MST"); got != "15:01:30 Z5" {
		t.Errorf("clock in Z5: %s", got)
	}
	if got := (TimeZone{Name: "W", Offset: -(3*time.Hour + 30*time.Minute)}).ConfigString(); got != "W minus 03:30:00" {
		t.Errorf("ConfigString %q", got)
	}
	d.SetClock(time.Date(2012, 2, 3, 8, 0, 0, 0, time.UTC)) // read in Z5
	if got := d.Clock().UTC().Format("15:04"); got != "03:00" {
		t.Errorf("clock datetime in Z5 gives %s UTC", got)
	}
}

func TestCPUAndMemoryMove(t *testing.T) {
	d, clk := newTestDevice(t)
	seen := map[[3]int]bool{}
	for range 20 {
		u := d.CPUUsage(0)
		for _, v := range u {
			if v < 1 || v > 100 {
				t.Fatalf("cpu %v", u)
			}
		}
		if d.CPUUsage(0) != u {
			t.Fatal("cpu usage changes without the clock moving")
		}
		seen[u] = true
		total, used := d.Memory(0)
		if used == 0 || used >= total {
			t.Fatalf("memory %d/%d", used, total)
		}
		clk.advance(7 * time.Minute)
	}
	if len(seen) < 5 {
		t.Errorf("cpu usage hardly moves: %v", seen)
	}
}

func TestLogBufferAndSlowMonitor(t *testing.T) {
	d, _ := newTestDevice(t)
	_, cancel := d.Subscribe() // never read: a slow session
	defer cancel()
	for i := range 600 {
		d.Log("SHELL", 5, "TEST", fmt.Sprint(" ", i)) // must not block
	}
	st, list := d.LogBuffer()
	if st.Size != 512 || st.Current != 512 || st.Overwritten != 88 || list[0].Text != " 88" {
		t.Errorf("status %+v first %q", st, list[0].Text)
	}
	mustUpdate(t, d, func(c *Config) { c.InfoCenter.LogbufferSize = 100 })
	d.Log("SHELL", 5, "TEST", " last")
	st, list = d.LogBuffer()
	if st.Size != 100 || st.Current != 100 || list[99].Text != " last" {
		t.Errorf("after resize: %+v, last %q", st, list[len(list)-1].Text)
	}
	mustUpdate(t, d, func(c *Config) { c.InfoCenter.Disabled = true })
	d.Log("SHELL", 5, "TEST", " dropped")
	if _, list = d.LogBuffer(); list[len(list)-1].Text != " last" {
		t.Error("info-center disabled still logs")
	}
}

func TestParseMAC(t *testing.T) {
	for in, want := range map[string]string{
		"0011-2233-4455": "0011-2233-4455", "11-2233-4455": "0011-2233-4455", "a-b-c": "000a-000b-000c",
		"0011-2233": "", "0011-2233-44556": "", "0011-22g3-4455": "", "--": "",
	} {
		m, ok := ParseMAC(in)
		if got := map[bool]string{true: FormatMAC(m), false: ""}[ok]; got != want {
			t.Errorf("ParseMAC(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConcurrentUpdates(t *testing.T) {
	d, clk := newTestDevice(t)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			port := fmt.Sprintf("GigabitEthernet2/0/%d", w+1)
			for i := range 200 {
				mustUpdate(t, d, setIf(port, func(ifc *Interface) { ifc.Shutdown = i%2 == 0 }))
				cfg := d.Snapshot()
				d.MACTable(&cfg)
				d.RoutingTable(&cfg)
				d.InterfaceStats(port)
				clk.advance(time.Second)
			}
		}()
	}
	wg.Wait()
	cfg := d.Snapshot()
	for w := range 4 {
		if cfg.Interfaces[fmt.Sprintf("GigabitEthernet2/0/%d", w+1)].Shutdown {
			t.Errorf("port %d left shut", w+1)
		}
	}
	if n := len(d.LogEntries()); n != 512 {
		t.Errorf("%d log entries", n)
	}
}

func FuzzParseMAC(f *testing.F) {
	f.Add("0011-2233-4455")
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ParseMAC(s)
		if !ok {
			return
		}
		if m2, ok := ParseMAC(FormatMAC(m)); !ok || m2 != m {
			t.Fatalf("%q -> %s does not parse back", s, FormatMAC(m))
		}
	})
}

func TestStaleEntriesDropped(t *testing.T) {
	d, _ := newTestDevice(t)
	mac, _ := ParseMAC("0011-2233-4455")
	mustUpdate(t, d, func(c *Config) {
		c.VLANs[10] = VLAN{ID: 10}
		c.Interfaces["Vlan-interface10"] = NewLogical(KindVlanIf, 10)
		setIf("GigabitEthernet2/0/1", func(i *Interface) { i.PVID = 10 })(c)
		c.StaticMACs = []StaticMAC{{MAC: mac, VLAN: 10, Port: "GigabitEthernet2/0/1"}, {MAC: mac, VLAN: 1, Port: "GigabitEthernet2/0/2"}}
		c.StaticARPs = []StaticARP{{IP: [4]byte{10, 0, 0, 9}, MAC: mac, VLAN: 10, Port: "GigabitEthernet2/0/1"}, {IP: [4]byte{10, 0, 0, 8}, MAC: mac}}
		c.Routes = []StaticRoute{{Dest: [4]byte{10, 1, 0, 0}, Mask: 16, Interface: "Vlan-interface10"}, {Mask: 0, NextHop: [4]byte{10, 0, 0, 1}}}
	})
	mustUpdate(t, d, setIf("GigabitEthernet2/0/1", func(i *Interface) { i.PVID = 1 }))
	mustUpdate(t, d, func(c *Config) { delete(c.Interfaces, "Vlan-interface10") })
	cfg := d.Snapshot()
	if len(cfg.StaticMACs) != 1 || cfg.StaticMACs[0].VLAN != 1 {
		t.Errorf("static MACs %+v", cfg.StaticMACs)
	}
	if len(cfg.StaticARPs) != 1 || cfg.StaticARPs[0].Port != "" {
		t.Errorf("static ARPs %+v", cfg.StaticARPs)
	}
	if len(cfg.Routes) != 1 || cfg.Routes[0].Interface != "" {
		t.Errorf("routes %+v", cfg.Routes)
	}
}
