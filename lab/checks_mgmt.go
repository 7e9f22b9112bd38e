package lab

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"switchemu/device"
)

// The management checks: the sysname, local users, the SSH server and
// the VTY lines.

// sysname: Core1
type sysnameSpec struct{ name param }

func parseSysname(n *yaml.Node) (spec, error) {
	s := &sysnameSpec{}
	if err := n.Decode(&s.name); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *sysnameSpec) make(x expander) (Check, error) {
	name, err := s.name.str("sysname", x)
	if err != nil {
		return nil, err
	}
	if name == "" || len(name) > 30 || strings.ContainsAny(name, " \t") {
		return nil, s.name.errorf("sysname", "%q: 1-30 characters without spaces", name)
	}
	return sysnameCheck(name), nil
}

type sysnameCheck string

func (c sysnameCheck) Describe() string { return "the sysname is " + string(c) }

func (c sysnameCheck) Eval(t *Target) (bool, string) {
	if t.Config.Sysname != string(c) {
		return false, fmt.Sprintf("the sysname is %s, not %s", t.Config.Sysname, c)
	}
	return true, "the sysname is " + t.Config.Sysname
}

// local_user: {name: admin, level: 3, services: [ssh, telnet],
// password: true, password_is: secret}
type localUserSpec struct {
	name, level, services, passwordIs param
	password                          *bool
}

func parseLocalUser(n *yaml.Node) (spec, error) {
	s := &localUserSpec{}
	return s, decodeFields("local_user", n, map[string]any{"name": &s.name, "level": &s.level, "services": &s.services,
		"password": &s.password, "password_is": &s.passwordIs}, "name")
}

func (s *localUserSpec) make(x expander) (Check, error) {
	c := localUserCheck{level: -1, password: s.password}
	var err error
	if c.name, err = s.name.str("name", x); err != nil {
		return nil, err
	}
	if s.level.set() {
		if c.level, err = s.level.integer("level", x, 0, 3); err != nil {
			return nil, err
		}
	}
	if s.services.set() {
		vals, err := s.services.strings("services", x)
		if err != nil {
			return nil, err
		}
		for _, v := range vals {
			for _, svc := range strings.Fields(strings.ReplaceAll(v, ",", " ")) {
				if !slices.Contains(device.ServiceTypes, svc) {
					return nil, s.services.errorf("services", "%q: want %s", svc, strings.Join(device.ServiceTypes, ", "))
				}
				c.services = append(c.services, svc)
			}
		}
		c.services = device.SortServices(c.services)
	}
	if s.passwordIs.set() {
		if c.passwordIs, err = s.passwordIs.str("password_is", x); err != nil {
			return nil, err
		}
		if s.password != nil && !*s.password {
			return nil, s.passwordIs.errorf("password_is", "cannot go with password: false")
		}
	}
	return c, nil
}

type localUserCheck struct {
	name       string
	level      int // -1: any
	services   []string
	password   *bool // nil: either
	passwordIs string
}

func andList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func (c localUserCheck) Describe() string {
	var parts []string
	if c.level >= 0 {
		parts = append(parts, "level "+strconv.Itoa(c.level))
	}
	if len(c.services) > 0 {
		parts = append(parts, plural(len(c.services), "service type ", "service types ")+andList(c.services))
	}
	switch {
	case c.passwordIs != "":
		parts = append(parts, "the password the lab gives")
	case c.password != nil && *c.password:
		parts = append(parts, "a password")
	case c.password != nil:
		parts = append(parts, "no password")
	}
	d := "local user " + c.name + " exists"
	if len(parts) > 0 {
		d += " with " + andList(parts)
	}
	return d
}

func (c localUserCheck) Eval(t *Target) (bool, string) {
	u, ok := t.Config.Users[c.name]
	if !ok {
		return false, "there is no local user " + c.name
	}
	var bad []string
	if c.level >= 0 && u.Level != c.level {
		bad = append(bad, fmt.Sprintf("local user %s has level %d, not %d", c.name, u.Level, c.level))
	}
	var missing []string
	for _, s := range c.services {
		if !u.HasService(s) {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		bad = append(bad, fmt.Sprintf("local user %s lacks %s %s", c.name, plural(len(missing), "service type", "service types"), andList(missing)))
	}
	switch {
	case (c.password != nil && *c.password || c.passwordIs != "") && u.Password == "":
		bad = append(bad, "local user "+c.name+" has no password")
	case c.password != nil && !*c.password && u.Password != "":
		bad = append(bad, "local user "+c.name+" has a password")
	case c.passwordIs != "" && !u.CheckPassword(c.passwordIs):
		bad = append(bad, "local user "+c.name+" has another password")
	}
	if len(bad) > 0 {
		return false, strings.Join(bad, "; ")
	}
	svc := "no service type"
	if len(u.Services) > 0 {
		svc = plural(len(u.Services), "service type ", "service types ") + andList(u.Services)
	}
	return true, fmt.Sprintf("local user %s has level %d and %s", c.name, u.Level, svc)
}

// ssh_server: {enabled: true, vty: "0-4", protocol: ssh,
// authentication_mode: scheme, user: admin, authentication_type:
// password, service_type: stelnet}
type sshSpec struct {
	enabled                                    *bool
	vty, protocol, mode, user, authType, svcTy param
}

func parseSSHServer(n *yaml.Node) (spec, error) {
	s := &sshSpec{}
	return s, decodeFields("ssh_server", n, map[string]any{"enabled": &s.enabled, "vty": &s.vty, "protocol": &s.protocol,
		"authentication_mode": &s.mode, "user": &s.user, "authentication_type": &s.authType, "service_type": &s.svcTy})
}

func (s *sshSpec) make(x expander) (Check, error) {
	c := sshCheck{enabled: true, first: 0, last: 4}
	if s.enabled != nil {
		c.enabled = *s.enabled
	}
	var err error
	if s.vty.set() {
		v, err := s.vty.str("vty", x)
		if err != nil {
			return nil, err
		}
		f := strings.Fields(strings.NewReplacer("-", " ", " to ", " ").Replace(v))
		bad := len(f) < 1 || len(f) > 2
		if !bad {
			c.first, err = strconv.Atoi(f[0])
			bad = err != nil
			c.last = c.first
			if len(f) == 2 && !bad {
				c.last, err = strconv.Atoi(f[1])
				bad = err != nil
			}
		}
		if bad || c.first < 0 || c.last < c.first || c.last >= device.MaxVTY {
			return nil, s.vty.errorf("vty", "%q: want VTY lines such as \"0-4\" (0-%d)", v, device.MaxVTY-1)
		}
	}
	if s.protocol.set() {
		if c.protocol, err = s.protocol.choice("protocol", x, "ssh", "telnet", "all"); err != nil {
			return nil, err
		}
	}
	if s.mode.set() {
		if c.mode, err = s.mode.choice("authentication_mode", x, "scheme", "password", "none"); err != nil {
			return nil, err
		}
	}
	if s.user.set() {
		if c.user, err = s.user.str("user", x); err != nil {
			return nil, err
		}
	}
	if s.authType.set() {
		if c.authType, err = s.authType.choice("authentication_type", x, device.SSHAuthPassword, device.SSHAuthPublicKey,
			device.SSHAuthPasswordPublicKey, device.SSHAuthAny); err != nil {
			return nil, err
		}
	}
	if s.svcTy.set() {
		if c.service, err = s.svcTy.choice("service_type", x, device.SSHServiceStelnet, device.SSHServiceSFTP, device.SSHServiceAll); err != nil {
			return nil, err
		}
	}
	if c.user == "" && (c.authType != "" || c.service != "") {
		line := s.authType.line
		if line == 0 {
			line = s.svcTy.line
		}
		return nil, fmt.Errorf("line %d: ssh_server: authentication_type and service_type are an ssh user's: give user too", line)
	}
	return c, nil
}

type sshCheck struct {
	enabled                 bool
	first, last             int
	protocol, mode          string
	user, authType, service string
}

func (c sshCheck) lines() string {
	if c.first == c.last {
		return fmt.Sprintf("VTY %d", c.first)
	}
	return fmt.Sprintf("VTY %d-%d", c.first, c.last)
}

func (c sshCheck) Describe() string {
	d := "the SSH server is enabled"
	if !c.enabled {
		d = "the SSH server is disabled"
	}
	var ui []string
	if c.protocol != "" {
		ui = append(ui, "protocol inbound "+c.protocol)
	}
	if c.mode != "" {
		ui = append(ui, "authentication-mode "+c.mode)
	}
	if len(ui) > 0 {
		d += "; " + c.lines() + " have " + andList(ui)
	}
	if c.user != "" {
		d += "; ssh user " + c.user + " exists"
		var u []string
		if c.service != "" {
			u = append(u, "service-type "+c.service)
		}
		if c.authType != "" {
			u = append(u, "authentication-type "+c.authType)
		}
		if len(u) > 0 {
			d += " with " + andList(u)
		}
	}
	return d
}

func (c sshCheck) Eval(t *Target) (bool, string) {
	cfg := &t.Config
	var bad []string
	if cfg.SSH.Enabled != c.enabled {
		if c.enabled {
			bad = append(bad, "the SSH server is not enabled (ssh server enable)")
		} else {
			bad = append(bad, "the SSH server is enabled")
		}
	}
	var proto, mode vtyIssues
	for i := c.first; i <= c.last; i++ {
		ui := cfg.VTY[i]
		if have := cmpOr(ui.Protocol, "all"); c.protocol != "" && have != c.protocol {
			proto.add(i, "protocol inbound "+have)
		}
		if c.mode != "" && ui.AuthMode != c.mode {
			mode.add(i, cmpOr(ui.AuthMode, "no"))
		}
	}
	bad = append(bad, proto.reasons(func(have string) string { return have + ", not " + c.protocol })...)
	bad = append(bad, mode.reasons(func(have string) string {
		if have == "no" {
			return "no authentication-mode, not " + c.mode
		}
		return "authentication-mode " + have + ", not " + c.mode
	})...)
	if c.user != "" {
		u, ok := cfg.SSHUsers[c.user]
		switch {
		case !ok:
			bad = append(bad, "there is no ssh user "+c.user)
		default:
			if c.service != "" && u.Service != c.service {
				bad = append(bad, fmt.Sprintf("ssh user %s has service-type %s, not %s", c.user, u.Service, c.service))
			}
			if c.authType != "" && u.Auth != c.authType {
				bad = append(bad, fmt.Sprintf("ssh user %s has authentication-type %s, not %s", c.user, u.Auth, c.authType))
			}
		}
	}
	if len(bad) > 0 {
		return false, failures(bad)
	}
	return true, c.Describe()
}

// vtyIssues groups VTY lines by what they have instead of what a check
// asks: "VTY 0-4 have protocol inbound all, not ssh".
type vtyIssues struct {
	order []string
	lines map[string][]int
}

func (v *vtyIssues) add(line int, have string) {
	if v.lines == nil {
		v.lines = map[string][]int{}
	}
	if _, ok := v.lines[have]; !ok {
		v.order = append(v.order, have)
	}
	v.lines[have] = append(v.lines[have], line)
}

func (v *vtyIssues) reasons(say func(have string) string) []string {
	var out []string
	for _, have := range v.order {
		ls := v.lines[have]
		var runs []string
		for i := 0; i < len(ls); {
			j := i
			for j+1 < len(ls) && ls[j+1] == ls[j]+1 {
				j++
			}
			if j > i {
				runs = append(runs, fmt.Sprintf("%d-%d", ls[i], ls[j]))
			} else {
				runs = append(runs, strconv.Itoa(ls[i]))
			}
			i = j + 1
		}
		out = append(out, fmt.Sprintf("VTY %s %s %s", strings.Join(runs, ","), plural(len(ls), "has", "have"), say(have)))
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
