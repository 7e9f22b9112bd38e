package fleet

import (
	"encoding/csv"
	"fmt"
	"io"
	"net"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Platform is the device type automation tools know these devices by
// (Netmiko, Nornir, scrapli).
const Platform = "hp_comware"

// Entry is one device as an automation tool's inventory lists it.
type Entry struct {
	Name     string
	Host     string
	Port     int
	Username string
	Password string
	Platform string
}

// Entries lists the fleet's devices for an inventory export. Addresses
// are the ones the devices listen on once started (a port of 0 stays 0
// until then).
func (f *Fleet) Entries() []Entry {
	out := make([]Entry, 0, len(f.members))
	for _, m := range f.members {
		addr := m.Spec.Listen
		if m.gate != nil {
			addr = m.gate.Addr().String()
		}
		host, port, _ := net.SplitHostPort(addr)
		n, _ := strconv.Atoi(port)
		user, pw := m.Login()
		out = append(out, Entry{Name: m.Spec.Name, Host: host, Port: n, Username: user, Password: pw, Platform: Platform})
	}
	return out
}

// Formats are the inventory formats Export writes.
var Formats = []string{"ansible", "nornir", "csv"}

// Export writes entries in a tool's own inventory format:
//   - ansible: a YAML inventory (ansible-inventory reads it), every device
//     in group "switchemu" with ansible_host, ansible_port, ansible_user,
//     ansible_password and platform;
//   - nornir: a SimpleInventory hosts file (hostname, port, username,
//     password, platform per host);
//   - csv: a header "name,host,port,username,password,platform" and one
//     row per device (the load tool reads it).
func Export(w io.Writer, format string, entries []Entry) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"name", "host", "port", "username", "password", "platform"})
		for _, e := range entries {
			cw.Write([]string{e.Name, e.Host, strconv.Itoa(e.Port), e.Username, e.Password, e.Platform})
		}
		cw.Flush()
		return cw.Error()
	case "ansible":
		hosts := &yaml.Node{Kind: yaml.MappingNode}
		for _, e := range entries {
			hosts.Content = append(hosts.Content, str(e.Name), mapping(
				"ansible_host", str(e.Host), "ansible_port", num(e.Port),
				"ansible_user", str(e.Username), "ansible_password", str(e.Password),
				"platform", str(e.Platform)))
		}
		doc := mapping("all", mapping("children", mapping("switchemu", mapping("hosts", hosts))))
		return encodeYAML(w, doc)
	case "nornir":
		doc := &yaml.Node{Kind: yaml.MappingNode}
		for _, e := range entries {
			doc.Content = append(doc.Content, str(e.Name), mapping(
				"hostname", str(e.Host), "port", num(e.Port),
				"username", str(e.Username), "password", str(e.Password),
				"platform", str(e.Platform)))
		}
		return encodeYAML(w, doc)
	}
	return fmt.Errorf("fleet: inventory format %q: want ansible, nornir or csv", format)
}

// str is a YAML string node, quoted when it would read as something else.
func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func num(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}
}

// mapping builds a mapping node from key, value pairs.
func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i < len(kv); i += 2 {
		n.Content = append(n.Content, str(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
	return n
}

func encodeYAML(w io.Writer, n *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return fmt.Errorf("fleet: inventory: %w", err)
	}
	return enc.Close()
}
