package lab

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"switchemu/device"
	"switchemu/fleet"
)

// param is a check's parameter as the file wrote it: a scalar or a list
// of scalars, kept as text until the check is made for a device, so that
// a range's counter ({n}) can give each student his own values.
type param struct {
	vals []string // one for a scalar
	list bool
	line int
}

func (p *param) UnmarshalYAML(n *yaml.Node) error {
	p.line = n.Line
	switch n.Kind {
	case yaml.ScalarNode:
		p.vals = []string{n.Value}
	case yaml.SequenceNode:
		p.list = true
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: want a list of values", c.Line)
			}
			p.vals = append(p.vals, c.Value)
		}
	default:
		return fmt.Errorf("line %d: want a value or a list of values", n.Line)
	}
	return nil
}

// set reports whether the file gave the parameter.
func (p *param) set() bool { return p != nil && p.line != 0 }

// expander expands a parameter's counter expressions for one device.
type expander struct {
	n   int
	has bool // false: the device has no counter
}

func (x expander) text(s string) (string, error) {
	if !strings.ContainsAny(s, "{}") {
		return s, nil
	}
	if !x.has {
		return "", fmt.Errorf("%q uses a counter, which only devices of a range (name with count) have", s)
	}
	return fleet.Expand(s, x.n)
}

// errorf is an error about the parameter, with its line.
func (p *param) errorf(key, format string, a ...any) error {
	return fmt.Errorf("line %d: %s: %s", p.line, key, fmt.Sprintf(format, a...))
}

// strings returns the expanded values.
func (p *param) strings(key string, x expander) ([]string, error) {
	out := make([]string, 0, len(p.vals))
	for _, v := range p.vals {
		s, err := x.text(v)
		if err != nil {
			return nil, p.errorf(key, "%v", err)
		}
		out = append(out, s)
	}
	return out, nil
}

// str returns the expanded scalar.
func (p *param) str(key string, x expander) (string, error) {
	if p.list {
		return "", p.errorf(key, "want one value, not a list")
	}
	v, err := p.strings(key, x)
	if err != nil {
		return "", err
	}
	return v[0], nil
}

// integer returns the expanded scalar as an integer in lo-hi.
func (p *param) integer(key string, x expander, lo, hi int) (int, error) {
	s, err := p.str(key, x)
	if err != nil {
		return 0, err
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || v < lo || v > hi {
		return 0, p.errorf(key, "%q: want a number %d-%d", s, lo, hi)
	}
	return v, nil
}

// vlanID is a VLAN number.
func (p *param) vlanID(key string, x expander) (int, error) {
	return p.integer(key, x, 1, device.MaxVLAN)
}

// vlans parses VLAN lists: "10 20 30-40", "10, 20", "30 to 40", or a
// list of such.
func (p *param) vlans(key string, x expander) (device.VLANSet, error) {
	var set device.VLANSet
	vals, err := p.strings(key, x)
	if err != nil {
		return set, err
	}
	for _, v := range vals {
		f := strings.Fields(strings.NewReplacer(",", " ", "-", " - ").Replace(v))
		for i := 0; i < len(f); i++ {
			lo, err := strconv.Atoi(f[i])
			if err != nil || lo < 1 || lo > device.MaxVLAN {
				return set, p.errorf(key, "%q: want VLAN numbers 1-%d, such as \"10 20 30-40\"", v, device.MaxVLAN)
			}
			hi := lo
			if i+2 < len(f) && (f[i+1] == "-" || f[i+1] == "to") {
				hi, err = strconv.Atoi(f[i+2])
				if err != nil || hi < lo || hi > device.MaxVLAN {
					return set, p.errorf(key, "%q: bad VLAN range %s-%s", v, f[i], f[i+2])
				}
				i += 2
			}
			set.AddRange(lo, hi)
		}
	}
	if set.Len() == 0 {
		return set, p.errorf(key, "no VLAN given")
	}
	return set, nil
}

// ifName is an interface name: a type (full, as brief tables abbreviate
// it, or a unique beginning: GigabitEthernet, GE, gig) and its number.
var ifNameRE = regexp.MustCompile(`^([A-Za-z][A-Za-z-]*?)\s*(\d+(?:/\d+)*)$`)

// canonicalIf turns an interface name into the device's canonical one.
func canonicalIf(s string) (string, error) {
	m := ifNameRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", fmt.Errorf("%q is not an interface name such as GigabitEthernet2/0/1 or Vlan-interface10", s)
	}
	typ, num := strings.ToLower(m[1]), m[2]
	var found []device.IfType
	for _, t := range device.IfTypes() {
		if strings.ToLower(t.Name) == typ || strings.ToLower(t.Brief) == typ {
			found = []device.IfType{t}
			break
		}
		if strings.HasPrefix(strings.ToLower(t.Name), typ) {
			found = append(found, t)
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("%q: unknown interface type %q", s, m[1])
	}
	t := found[0]
	if _, ok := device.ParseIfNumber(num, t.Numbered); !ok {
		return "", fmt.Errorf("%q: bad number %q for %s", s, num, t.Name)
	}
	return t.Name + num, nil
}

// portRangeRE is "NAME1-4": the last number of a name and a last one.
var portRangeRE = regexp.MustCompile(`^(.*[A-Za-z/])(\d+)\s*-\s*(\d+)$`)

// ports parses a port list: names separated by commas, each of them a
// port ("GigabitEthernet2/0/1", "GE2/0/1") or a run of ports
// ("GigabitEthernet2/0/1-4", "GigabitEthernet2/0/1 to
// GigabitEthernet2/0/4"), or a list of such.
func (p *param) ports(key string, x expander) ([]string, error) {
	vals, err := p.strings(key, x)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	for _, v := range vals {
		for _, item := range strings.Split(v, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			first, last, isRange := item, "", false
			if a, b, ok := strings.Cut(item, " to "); ok {
				first, last, isRange = strings.TrimSpace(a), strings.TrimSpace(b), true
			} else if m := portRangeRE.FindStringSubmatch(item); m != nil {
				first, last, isRange = m[1]+m[2], m[1]+m[3], true
			}
			a, err := canonicalIf(first)
			if err != nil {
				return nil, p.errorf(key, "%v", err)
			}
			if !isRange {
				add(a)
				continue
			}
			b, err := canonicalIf(last)
			if err != nil {
				return nil, p.errorf(key, "%v", err)
			}
			pa, na := splitLast(a)
			pb, nb := splitLast(b)
			if pa != pb || nb < na {
				return nil, p.errorf(key, "%q: a run of ports goes up within one type, slot and board", item)
			}
			if nb-na > 4096 {
				return nil, p.errorf(key, "%q: too many ports", item)
			}
			for k := na; k <= nb; k++ {
				add(pa + strconv.Itoa(k))
			}
		}
	}
	if len(out) == 0 {
		return nil, p.errorf(key, "no interface given")
	}
	return out, nil
}

// splitLast splits a canonical name before its last number.
func splitLast(name string) (string, int) {
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(name[i:])
	return name[:i], n
}

// describePorts names a port list for people: "GigabitEthernet2/0/1",
// "GigabitEthernet2/0/1 to GigabitEthernet2/0/4", runs joined by
// commas.
func describePorts(ports []string) string {
	var parts []string
	for i := 0; i < len(ports); {
		pre, n := splitLast(ports[i])
		j := i + 1
		for j < len(ports) {
			p2, n2 := splitLast(ports[j])
			if p2 != pre || n2 != n+(j-i) {
				break
			}
			j++
		}
		if j-i > 1 {
			parts = append(parts, ports[i]+" to "+ports[j-1])
		} else {
			parts = append(parts, ports[i])
		}
		i = j
	}
	return strings.Join(parts, ", ")
}

// prefix parses "192.168.10.1/24", "192.168.10.1 255.255.255.0",
// "192.168.10.1 24"; "default" is 0.0.0.0/0.
func (p *param) prefix(key string, x expander) (netip.Prefix, error) {
	s, err := p.str(key, x)
	if err != nil {
		return netip.Prefix{}, err
	}
	pf, ok := parsePrefix(s)
	if !ok {
		return netip.Prefix{}, p.errorf(key, "%q: want an IPv4 address and mask, such as 192.168.10.1/24 or \"192.168.10.1 255.255.255.0\"", s)
	}
	return pf, nil
}

func parsePrefix(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if s == "default" {
		return netip.PrefixFrom(netip.IPv4Unspecified(), 0), true
	}
	addr, mask, ok := strings.Cut(s, "/")
	if !ok {
		f := strings.Fields(s)
		if len(f) != 2 {
			return netip.Prefix{}, false
		}
		addr, mask = f[0], f[1]
	}
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is4() {
		return netip.Prefix{}, false
	}
	bits, err := strconv.Atoi(mask)
	if err != nil {
		m, err := netip.ParseAddr(mask)
		if err != nil || !m.Is4() {
			return netip.Prefix{}, false
		}
		if bits = maskBits(m.As4()); bits < 0 {
			return netip.Prefix{}, false
		}
	}
	if bits < 0 || bits > 32 {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, bits), true
}

// maskBits is the prefix length of a dotted mask, -1 if not contiguous.
func maskBits(m [4]byte) int {
	v := uint32(m[0])<<24 | uint32(m[1])<<16 | uint32(m[2])<<8 | uint32(m[3])
	n := 0
	for v&0x80000000 != 0 {
		n++
		v <<= 1
	}
	if v != 0 {
		return -1
	}
	return n
}

// addr parses an IPv4 address.
func (p *param) addr(key string, x expander) (netip.Addr, error) {
	s, err := p.str(key, x)
	if err != nil {
		return netip.Addr{}, err
	}
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil || !a.Is4() {
		return netip.Addr{}, p.errorf(key, "%q: want an IPv4 address", s)
	}
	return a, nil
}

// choice returns the expanded scalar, which must be one of allowed.
func (p *param) choice(key string, x expander, allowed ...string) (string, error) {
	s, err := p.str(key, x)
	if err != nil {
		return "", err
	}
	for _, a := range allowed {
		if s == a {
			return s, nil
		}
	}
	return "", p.errorf(key, "%q: want %s", s, strings.Join(allowed, ", "))
}

func ipString(b [4]byte) string { return netip.AddrFrom4(b).String() }
