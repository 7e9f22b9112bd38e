package fleet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"switchemu/profiles"
)

// Inventory is the list of devices a process serves and the cables
// between them, expanded: every range is one Spec per device.
type Inventory struct {
	Devices []Spec
	Links   []Link
	// Labs are trainers' lab files (package lab) to serve with the
	// devices, as --lab gives them; LoadInventory makes relative paths
	// relative to the inventory file's folder.
	Labs []string
}

// Spec is one device of an inventory.
type Spec struct {
	// Name is unique in the inventory and names the state folder.
	Name string
	// Profile is an embedded profile's name or a profile file.
	Profile string
	// Listen is the SSH address, host:port; "" takes the next port after
	// the previous device's (from --listen for the first).
	Listen string
	// Telnet is the telnet address, host:port; "" for none unless the
	// fleet's telnet base gives one. The port is open only while telnet
	// server enable is configured.
	Telnet string
	// Sysname is the factory sysname; Name if empty.
	Sysname string
	// Username and Password replace the profile's factory login; empty
	// keeps the profile's.
	Username, Password string
	// Config is configuration text replayed after the profile's factory
	// configuration (factory overrides); a saved configuration replaces
	// both, as on the device.
	Config string
	// MAC is the bridge MAC address, "xxxx-xxxx-xxxx"; derived from the
	// profile's and the device's position if empty.
	MAC string
	// Serials are the boards' serial numbers by slot; derived if absent.
	Serials map[int]string
	// FromConfig, if set, is a real switch's configuration file the
	// device is the twin of: its chassis and sysname come from the file,
	// which is its startup configuration until it saves its own; Profile
	// is then ignored (the closest embedded profile gives the identity
	// strings).
	FromConfig string
	// Record records every interactive session of the device as an
	// asciicast file (record.go).
	Record bool
	// Faults are injected on the device from the start (faults.go).
	Faults []FaultSpec
	// Line is where the device is declared in the inventory file (0 for
	// --devices).
	Line int
}

// Link is a cable between two devices' ports.
type Link struct {
	A, B Port
	Line int // in the inventory file
}

// Port is one end of a link.
type Port struct {
	Device    string
	Interface string
}

func (p Port) String() string { return p.Device + ":" + p.Interface }

// The inventory file, as YAML. Every key is documented in README
// ("Fleet inventory").
type fileInventory struct {
	Defaults fileDefaults `yaml:"defaults"`
	Devices  []fileDevice `yaml:"devices"`
	Links    []fileLink   `yaml:"links"`
	Labs     []string     `yaml:"labs"`
}

type fileDefaults struct {
	Profile  string `yaml:"profile"`
	Username string `yaml:"username"`
	Password string `yaml:"password"`
	Config   string `yaml:"config"`
	Record   bool   `yaml:"record"`
}

type fileDevice struct {
	Name       string         `yaml:"name"`
	Count      int            `yaml:"count"`
	First      *int           `yaml:"first"`
	Profile    string         `yaml:"profile"`
	Listen     string         `yaml:"listen"`
	Telnet     string         `yaml:"telnet"`
	ListenStep string         `yaml:"listen_step"`
	Sysname    string         `yaml:"sysname"`
	Username   string         `yaml:"username"`
	Password   string         `yaml:"password"`
	Config     string         `yaml:"config"`
	MAC        string         `yaml:"mac"`
	Serials    map[int]string `yaml:"serials"`
	FromConfig string         `yaml:"from_config"`
	Record     *bool          `yaml:"record"`
	Faults     []fileFault    `yaml:"faults"`

	line int
}

// fileFault is one entry of a device's faults, with its line.
type fileFault struct {
	FaultSpec
	line int
}

// checkFileFaults checks a device's faults, each error with the line of
// the fault it is about (a flap's interface is checked against the
// device's model when the fleet is made).
func checkFileFaults(d fileDevice) error {
	seen := map[string]int{}
	if len(d.Faults) > maxFaultsPerDev {
		return fmt.Errorf("line %d: %d faults: at most %d per device", d.line, len(d.Faults), maxFaultsPerDev)
	}
	for _, ff := range d.Faults {
		if _, err := parseFault(ff.FaultSpec, nil); err != nil {
			return fmt.Errorf("line %d: %w", ff.line, err)
		}
		k := ff.FaultSpec.key()
		if prev, dup := seen[k]; dup {
			return fmt.Errorf("line %d: fault %s: the device has one already (line %d)", ff.line, strings.TrimSpace(k), prev)
		}
		seen[k] = ff.line
	}
	return nil
}

func (f *fileFault) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a fault is a mapping (kind: latency, latency: 200ms)", n.Line)
	}
	if err := decodeStrict(n, &f.FaultSpec); err != nil {
		return err
	}
	f.line = n.Line
	return nil
}

func (d *fileDevice) UnmarshalYAML(n *yaml.Node) error {
	type plain fileDevice
	var p plain
	if err := decodeStrict(n, &p); err != nil {
		return err
	}
	*d = fileDevice(p)
	d.line = n.Line
	for i := range d.Faults {
		d.Faults[i].line += n.Line - 1 // relative to the re-encoded node
	}
	return nil
}

// fileLink is "a:PORT -- b:PORT", or a mapping with a count that makes
// one link per counter value.
type fileLink struct {
	Link  string `yaml:"link"`
	Count int    `yaml:"count"`
	First *int   `yaml:"first"`

	line int
}

func (l *fileLink) UnmarshalYAML(n *yaml.Node) error {
	l.line = n.Line
	if n.Kind == yaml.ScalarNode {
		l.Link = n.Value
		return nil
	}
	type plain fileLink
	var p plain
	if err := decodeStrict(n, &p); err != nil {
		return err
	}
	line := l.line
	*l = fileLink(p)
	l.line = line
	return nil
}

// decodeStrict decodes a node refusing unknown keys (Node.Decode alone
// accepts them).
func decodeStrict(n *yaml.Node, v any) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	if err := enc.Encode(n); err != nil {
		return err
	}
	dec := yaml.NewDecoder(&buf)
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		// Line numbers of the re-encoded node are relative to it.
		return fmt.Errorf("%s", shiftLines(err.Error(), n.Line-1))
	}
	return nil
}

var lineRE = regexp.MustCompile(`line (\d+)`)

// shiftLines adds off to every "line N" in msg.
func shiftLines(msg string, off int) string {
	return lineRE.ReplaceAllStringFunc(msg, func(m string) string {
		n, _ := strconv.Atoi(m[len("line "):])
		return "line " + strconv.Itoa(n+off)
	})
}

// LoadInventory reads an inventory file.
func LoadInventory(path string) (*Inventory, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("fleet: inventory: %w", err)
	}
	inv, err := ParseInventory(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("fleet: %s: %w", path, err)
	}
	for i, l := range inv.Labs {
		if !filepath.IsAbs(l) {
			inv.Labs[i] = filepath.Join(filepath.Dir(path), l)
		}
	}
	return inv, nil
}

// MaxDevices bounds an inventory (and --devices).
const MaxDevices = 100_000

// ParseInventory reads inventory YAML, expands its ranges and checks it:
// unknown keys, duplicate names or addresses, links to unknown devices or
// ports are errors with the line they are on.
func ParseInventory(r io.Reader) (*Inventory, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var f fileInventory
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("empty inventory")
		}
		return nil, err
	}
	inv := &Inventory{}
	for _, l := range f.Labs {
		if strings.TrimSpace(l) == "" {
			return nil, errors.New("labs: an empty file name")
		}
		inv.Labs = append(inv.Labs, l)
	}
	for _, d := range f.Devices {
		if err := checkFileFaults(d); err != nil {
			return nil, err
		}
		specs, err := f.expandDevice(d)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", d.line, err)
		}
		inv.Devices = append(inv.Devices, specs...)
		if len(inv.Devices) > MaxDevices {
			return nil, fmt.Errorf("line %d: more than %d devices", d.line, MaxDevices)
		}
	}
	if len(inv.Devices) == 0 {
		return nil, fmt.Errorf("no devices")
	}
	for _, l := range f.Links {
		links, err := expandLink(l)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", l.line, err)
		}
		inv.Links = append(inv.Links, links...)
	}
	if err := inv.check(); err != nil {
		return nil, err
	}
	return inv, nil
}

// expandDevice makes the Specs of one devices entry: one, or count of
// them with the counter n going from first (default 1).
func (f *fileInventory) expandDevice(d fileDevice) ([]Spec, error) {
	if d.Name == "" {
		return nil, fmt.Errorf("a device needs a name")
	}
	count, first := 1, 1
	if d.First != nil {
		first = *d.First
	}
	if d.Count != 0 {
		if d.Count < 1 || d.Count > MaxDevices {
			return nil, fmt.Errorf("count %d: must be 1-%d", d.Count, MaxDevices)
		}
		count = d.Count
		if !strings.Contains(d.Name, "{") {
			return nil, fmt.Errorf("name %q: a range's name needs a counter, e.g. %q", d.Name, d.Name+"{n:03}")
		}
	}
	switch d.ListenStep {
	case "", "port", "address":
	default:
		return nil, fmt.Errorf("listen_step %q: want port or address", d.ListenStep)
	}
	var faults []FaultSpec
	for _, ff := range d.Faults {
		faults = append(faults, ff.FaultSpec)
	}
	out := make([]Spec, 0, count)
	for k := range count {
		n := first + k
		s := Spec{Line: d.line, Serials: d.Serials, Record: f.Defaults.Record, Faults: faults}
		if d.Record != nil {
			s.Record = *d.Record
		}
		var err error
		for _, fld := range []struct {
			dst *string
			src string
		}{
			{&s.Name, d.Name}, {&s.Sysname, d.Sysname},
			{&s.Profile, cmpOr(d.Profile, f.Defaults.Profile)},
			{&s.Username, cmpOr(d.Username, f.Defaults.Username)},
			{&s.Password, cmpOr(d.Password, f.Defaults.Password)},
			{&s.Config, joinConfig(f.Defaults.Config, d.Config)},
			{&s.MAC, d.MAC},
			{&s.FromConfig, d.FromConfig},
		} {
			if *fld.dst, err = expand(fld.src, n); err != nil {
				return nil, err
			}
		}
		if count > 1 && d.MAC != "" && !strings.Contains(d.MAC, "{") {
			return nil, fmt.Errorf("mac %q: every device of a range needs its own; leave it out to derive one", d.MAC)
		}
		if s.Listen, err = step("listen", d.Listen, d.ListenStep, k); err != nil {
			return nil, err
		}
		if s.Telnet, err = step("telnet", d.Telnet, d.ListenStep, k); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// step returns the address of the k-th device of a range whose first
// device has addr: the next port (by), or the next IPv4 address on the
// same port (by "address"). "" stays "".
func step(key, addr, by string, k int) (string, error) {
	if addr == "" {
		return "", nil
	}
	ap, err := netip.ParseAddrPort(addr)
	if err != nil || !ap.Addr().Is4() {
		return "", fmt.Errorf("%s %q: want host:port with an IPv4 address", key, addr)
	}
	if by == "address" {
		a := ap.Addr().As4()
		v := uint64(a[0])<<24 | uint64(a[1])<<16 | uint64(a[2])<<8 | uint64(a[3])
		v += uint64(k)
		if v > 0xffffffff || a[0] == 127 && v>>24 != 127 {
			return "", fmt.Errorf("%s %q: the range runs out of addresses", key, addr)
		}
		next := netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
		return netip.AddrPortFrom(next, ap.Port()).String(), nil
	}
	p := int(ap.Port())
	if p != 0 {
		p += k
	}
	if p > 65535 {
		return "", fmt.Errorf("%s %q: the range runs past port 65535", key, addr)
	}
	return netip.AddrPortFrom(ap.Addr(), uint16(p)).String(), nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func joinConfig(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return strings.TrimRight(a, "\n") + "\n" + b
}

var linkRE = regexp.MustCompile(`^\s*([^:\s]+):(\S+)\s+(?:--|—|<->)\s+([^:\s]+):(\S+)\s*$`)

func expandLink(l fileLink) ([]Link, error) {
	count, first := 1, 1
	if l.First != nil {
		first = *l.First
	}
	if l.Count != 0 {
		if l.Count < 1 || l.Count > MaxDevices {
			return nil, fmt.Errorf("count %d: must be 1-%d", l.Count, MaxDevices)
		}
		count = l.Count
	}
	var out []Link
	for k := range count {
		text, err := expand(l.Link, first+k)
		if err != nil {
			return nil, err
		}
		m := linkRE.FindStringSubmatch(text)
		if m == nil {
			return nil, fmt.Errorf("link %q: want \"DEVICE:PORT -- DEVICE:PORT\"", text)
		}
		out = append(out, Link{A: Port{m[1], m[2]}, B: Port{m[3], m[4]}, Line: l.line})
	}
	return out, nil
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$`)

// check validates the expanded inventory.
func (inv *Inventory) check() error {
	names := make(map[string]*Spec, len(inv.Devices))
	addrs := map[string]string{}
	for i := range inv.Devices {
		s := &inv.Devices[i]
		if !nameRE.MatchString(s.Name) {
			return fmt.Errorf("line %d: name %q: use 1-64 letters, digits, '_', '.' and '-', not starting with '.' or '-'", s.Line, s.Name)
		}
		if prev, dup := names[s.Name]; dup {
			return fmt.Errorf("line %d: device %q is declared twice (first at line %d)", s.Line, s.Name, prev.Line)
		}
		names[s.Name] = s
		if s.Sysname == "" && s.FromConfig == "" {
			s.Sysname = s.Name // a twin's is its file's
		}
		if err := checkSysname(cmpOr(s.Sysname, "twin")); err != nil {
			return fmt.Errorf("line %d: device %s: %w", s.Line, s.Name, err)
		}
		if s.MAC != "" && !macRE.MatchString(s.MAC) {
			return fmt.Errorf("line %d: device %s: mac %q: want xxxx-xxxx-xxxx (hex)", s.Line, s.Name, s.MAC)
		}
		if (s.Username == "") != (s.Password == "") {
			return fmt.Errorf("line %d: device %s: give both username and password, or neither", s.Line, s.Name)
		}
		if s.Username != "" && !nameRE.MatchString(s.Username) {
			return fmt.Errorf("line %d: device %s: username %q: use letters, digits, '_', '.' and '-'", s.Line, s.Name, s.Username)
		}
		if len(s.Password) > 63 || strings.ContainsAny(s.Password, " \t\r\n?") {
			return fmt.Errorf("line %d: device %s: password: 1-63 characters without spaces or '?'", s.Line, s.Name)
		}
		for _, a := range []string{s.Listen, s.Telnet} {
			if a == "" {
				continue
			}
			if prev, dup := addrs[a]; dup && !strings.HasSuffix(a, ":0") {
				return fmt.Errorf("line %d: device %s: address %s is %s's too", s.Line, s.Name, a, prev)
			}
			addrs[a] = s.Name
		}
	}
	used := map[Port]int{}
	loaded := map[string]*profiles.Profile{}
	for _, l := range inv.Links {
		for _, p := range []Port{l.A, l.B} {
			s, ok := names[p.Device]
			if !ok {
				return fmt.Errorf("line %d: link %s -- %s: no device %q", l.Line, l.A, l.B, p.Device)
			}
			key := cmpOr(s.FromConfig, s.Profile)
			prof, ok := loaded[key]
			if !ok {
				var err error
				if s.FromConfig != "" {
					var tw *Twin
					if tw, err = LoadTwin(s.FromConfig); err == nil {
						prof = tw.Profile
					}
				} else {
					prof, err = profiles.Open(s.Profile)
				}
				if err != nil {
					return fmt.Errorf("line %d: device %s: %w", s.Line, s.Name, err)
				}
				loaded[key] = prof
			}
			if !prof.HasPort(p.Interface) {
				return fmt.Errorf("line %d: link %s -- %s: %s (%s) has no port %q", l.Line, l.A, l.B, p.Device, prof.Model, p.Interface)
			}
			if prev, dup := used[p]; dup {
				return fmt.Errorf("line %d: port %s is cabled twice (first at line %d)", l.Line, p, prev)
			}
			used[p] = l.Line
		}
	}
	return nil
}

var macRE = regexp.MustCompile(`^[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}$`)

// checkSysname applies the rules sysname applies to a typed name.
func checkSysname(name string) error {
	if len(name) < 1 || len(name) > 30 {
		return fmt.Errorf("sysname %q: must be 1-30 characters", name)
	}
	for _, r := range name {
		if r < 0x21 || r > 0x7e {
			return fmt.Errorf("sysname %q: only printable characters without spaces", name)
		}
	}
	return nil
}

// Generated makes the inventory of --devices: n devices of one profile
// named SW0001 … SW9999, SW10000 … on consecutive ports from listen.
func Generated(n int, profile, listen string) (*Inventory, error) {
	if n < 1 || n > MaxDevices {
		return nil, fmt.Errorf("fleet: --devices %d: must be 1-%d", n, MaxDevices)
	}
	ap, err := netip.ParseAddrPort(listen)
	if err != nil {
		return nil, fmt.Errorf("fleet: --listen %q: want host:port with an IP address", listen)
	}
	if ap.Port() != 0 && int(ap.Port())+n-1 > 65535 {
		return nil, fmt.Errorf("fleet: %d devices from port %d run past port 65535", n, ap.Port())
	}
	inv := &Inventory{Devices: make([]Spec, n)}
	for i := range n {
		port := ap.Port()
		if port != 0 {
			port += uint16(i)
		}
		inv.Devices[i] = Spec{
			Name:    fmt.Sprintf("SW%04d", i+1),
			Sysname: fmt.Sprintf("SW%04d", i+1),
			Profile: profile,
			Listen:  netip.AddrPortFrom(ap.Addr(), port).String(),
		}
	}
	return inv, nil
}
