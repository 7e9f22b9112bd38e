// Package containerlab holds an example containerlab topology of
// switchemu containers and the inventories it implies; its test checks
// that they agree.
package containerlab

import (
	"bytes"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"switchemu/fleet"
)

// topology is the part of containerlab's topology schema the example
// uses, decoded with unknown keys refused.
type topology struct {
	Name string `yaml:"name"`
	Mgmt struct {
		Network    string `yaml:"network"`
		IPv4Subnet string `yaml:"ipv4-subnet"`
	} `yaml:"mgmt"`
	Topology struct {
		Defaults node            `yaml:"defaults"`
		Nodes    map[string]node `yaml:"nodes"`
		Links    []struct {
			Endpoints []string `yaml:"endpoints"`
		} `yaml:"links"`
	} `yaml:"topology"`
}

type node struct {
	Kind     string            `yaml:"kind"`
	Image    string            `yaml:"image"`
	Cmd      string            `yaml:"cmd"`
	MgmtIPv4 string            `yaml:"mgmt-ipv4"`
	Binds    []string          `yaml:"binds"`
	Sysctls  map[string]string `yaml:"sysctls"`
}

func decodeStrict(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestTopology: every node is a linux container of the image with its
// own inventory file (which loads), the core is a 7906E, every link joins
// two nodes on fresh interfaces, and the Ansible and Nornir inventories
// list exactly the nodes at their management addresses with their logins.
func TestTopology(t *testing.T) {
	var topo topology
	decodeStrict(t, "switchemu.clab.yml", &topo)
	subnet, err := netip.ParsePrefix(topo.Mgmt.IPv4Subnet)
	if err != nil {
		t.Fatal(err)
	}
	def := topo.Topology.Defaults
	if def.Kind != "linux" || !strings.HasPrefix(def.Image, "switchemu:") || !strings.Contains(def.Cmd, "--inventory /etc/switchemu/inventory.yaml") {
		t.Errorf("defaults: %+v", def)
	}
	type device struct {
		addr, user, password, profile string
	}
	devices := map[string]device{}
	for name, n := range topo.Topology.Nodes {
		if n.Kind != "" && n.Kind != "linux" || n.Image != "" && n.Image != def.Image {
			t.Errorf("%s: kind %q image %q", name, n.Kind, n.Image)
		}
		ip, err := netip.ParseAddr(n.MgmtIPv4)
		if err != nil || !subnet.Contains(ip) {
			t.Errorf("%s: mgmt-ipv4 %q not in %s", name, n.MgmtIPv4, subnet)
		}
		if len(n.Binds) != 1 || !strings.HasSuffix(n.Binds[0], ":/etc/switchemu/inventory.yaml:ro") {
			t.Fatalf("%s: binds %v", name, n.Binds)
		}
		inv, err := fleet.LoadInventory(filepath.FromSlash(strings.Split(n.Binds[0], ":")[0]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(inv.Devices) != 1 || inv.Devices[0].Name != name || !strings.HasSuffix(inv.Devices[0].Listen, ":22") {
			t.Fatalf("%s: its inventory must hold one device of that name on port 22: %+v", name, inv.Devices)
		}
		d := inv.Devices[0]
		devices[name] = device{n.MgmtIPv4, d.Username, d.Password, d.Profile}
	}
	if devices["core1"].profile != "s7906e" {
		t.Errorf("core1 is %q, want the s7906e", devices["core1"].profile)
	}
	used := map[string]bool{}
	for _, l := range topo.Topology.Links {
		if len(l.Endpoints) != 2 {
			t.Errorf("link %v", l.Endpoints)
		}
		for _, e := range l.Endpoints {
			n, ifc, ok := strings.Cut(e, ":")
			if _, known := devices[n]; !ok || !known || !strings.HasPrefix(ifc, "eth") || ifc == "eth0" || used[e] {
				t.Errorf("link endpoint %q: a node's eth1, eth2 … used once", e)
			}
			used[e] = true
		}
	}

	var ans struct {
		All struct {
			Children map[string]struct {
				Vars     map[string]any `yaml:"vars"`
				Children map[string]struct {
					Hosts map[string]map[string]any `yaml:"hosts"`
				} `yaml:"children"`
			} `yaml:"children"`
		} `yaml:"all"`
	}
	decodeStrict(t, "ansible-inventory.yaml", &ans)
	grp := ans.All.Children["switchemu"]
	if grp.Vars["ansible_network_os"] != "comware5.network.comware5" || grp.Vars["ansible_connection"] != "ansible.netcommon.network_cli" {
		t.Errorf("ansible vars %v", grp.Vars)
	}
	var hosts []string
	for _, c := range grp.Children {
		for h, vars := range c.Hosts {
			hosts = append(hosts, h)
			d := devices[h]
			if vars["ansible_host"] != d.addr || grp.Vars["ansible_user"] != d.user || grp.Vars["ansible_password"] != d.password || grp.Vars["ansible_port"] != 22 {
				t.Errorf("ansible host %s: %v %v, want %+v", h, vars, grp.Vars, d)
			}
		}
	}
	var nornir map[string]struct {
		Hostname string   `yaml:"hostname"`
		Port     int      `yaml:"port"`
		Username string   `yaml:"username"`
		Password string   `yaml:"password"`
		Platform string   `yaml:"platform"`
		Groups   []string `yaml:"groups"`
	}
	decodeStrict(t, "nornir-hosts.yaml", &nornir)
	var nhosts []string
	for h, v := range nornir {
		nhosts = append(nhosts, h)
		d := devices[h]
		if v.Hostname != d.addr || v.Port != 22 || v.Username != d.user || v.Password != d.password || v.Platform != fleet.Platform {
			t.Errorf("nornir host %s: %+v, want %+v", h, v, d)
		}
	}
	var nodes []string
	for n := range devices {
		nodes = append(nodes, n)
	}
	slices.Sort(nodes)
	slices.Sort(hosts)
	slices.Sort(nhosts)
	if !slices.Equal(hosts, nodes) || !slices.Equal(nhosts, nodes) {
		t.Errorf("nodes %v, ansible hosts %v, nornir hosts %v", nodes, hosts, nhosts)
	}
}
