package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"switchemu/internal/interop"
)

// exampleFleet starts --devices n on a loopback /24 of its own and a
// random port range, the way the examples' READMEs run it, and returns the
// process and the --devices/--listen flags that "switchemu inventory"
// needs to list the same devices.
func exampleFleet(t *testing.T, n int, extra ...string) (*fleetProcess, []string) {
	t.Helper()
	flags := []string{"--devices", fmt.Sprint(n), "--listen", fmt.Sprintf("%s.1:%d", loopbackNet(), 20000+rand.IntN(30000))}
	return startFleetProcess(t, t.TempDir(), append(slices.Clone(flags), extra...)...), flags
}

var apiLineRE = regexp.MustCompile(`control API on (http://[^/\s]+)/api/v1/devices`)

// apiGet GETs a path of the fleet's control API and returns the body.
func apiGet(t *testing.T, p *fleetProcess, path string) string {
	t.Helper()
	m := apiLineRE.FindStringSubmatch(p.summary)
	if m == nil {
		t.Fatalf("no control API in the summary:\n%s", p.summary)
	}
	resp, err := http.Get(m[1] + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", path, resp.Status, body)
	}
	return strings.ReplaceAll(string(body), "\r\n", "\n")
}

// inventoryFile writes "switchemu inventory FLAGS --format FORMAT" to a
// file in dir.
func inventoryFile(t *testing.T, dir, format string, flags []string) string {
	t.Helper()
	out, err := exec.Command(binPath, append(append([]string{"inventory"}, flags...), "--format", format)...).Output()
	if err != nil {
		t.Fatalf("switchemu inventory: %v", err)
	}
	path := filepath.Join(dir, "inventory-"+format+".yaml")
	if format == "csv" {
		path = filepath.Join(dir, "inventory.csv")
	}
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

var recapRE = regexp.MustCompile(`(?m)^(SW\d+)\s+: ok=\d+\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)`)

// TestAnsiblePlaybook runs examples/ansible/vlans.yml with the
// comware5.network collection (contrib/ansible) over network_cli against
// a fleet of three: display version, VLANs pushed with cli_config, saved;
// a second run changes nothing; the saved configuration of every device
// has the VLANs (read back through the control API).
func TestAnsiblePlaybook(t *testing.T) {
	interop.Need(t, "Ansible with ansible.netcommon (Debian ansible)", "apt-get install -y --no-install-recommends ansible",
		"ansible-doc", "-t", "connection", "ansible.netcommon.network_cli")
	if testing.Short() {
		t.Skip("-short: two playbook runs take about a minute")
	}
	root, err := interop.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	p, flags := exampleFleet(t, 3, "--api", "127.0.0.1:0")
	tmp := t.TempDir()
	inv := inventoryFile(t, tmp, "ansible", flags)
	env := []string{
		"ANSIBLE_COLLECTIONS_PATH=" + filepath.Join(root, "contrib", "ansible"),
		"ANSIBLE_HOST_KEY_CHECKING=False", "ANSIBLE_NOCOLOR=1", "ANSIBLE_FORCE_COLOR=0",
		"ANSIBLE_LOCAL_TEMP=" + filepath.Join(tmp, "tmp"),
		"ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=" + filepath.Join(tmp, "pc"),
		"ANSIBLE_CONFIG=" + filepath.Join(tmp, "none.cfg"), // no ansible.cfg from elsewhere
		"HOME=" + tmp,
	}
	play := func(run int) map[string][3]string {
		out, err := runClient(t, 5*time.Minute, nil, env, "ansible-playbook", "-i", inv, filepath.Join(root, "examples", "ansible", "vlans.yml"))
		if err != nil {
			t.Fatalf("run %d: %v\n%s\nemulator:\n%s", run, err, interop.Tail(out, 60), interop.Tail(tail(p.out.String(), 40), 20))
		}
		recap := map[string][3]string{}
		for _, m := range recapRE.FindAllStringSubmatch(out, -1) {
			recap[m[1]] = [3]string{m[2], m[3], m[4]}
		}
		if len(recap) != 3 {
			t.Fatalf("run %d: recap of %d hosts:\n%s", run, len(recap), interop.Tail(out, 40))
		}
		return recap
	}
	for host, r := range play(1) {
		if r != [3]string{"1", "0", "0"} {
			t.Errorf("first run, %s: changed=%s unreachable=%s failed=%s; want one change (the VLANs)", host, r[0], r[1], r[2])
		}
	}
	for host, r := range play(2) {
		if r != [3]string{"0", "0", "0"} {
			t.Errorf("second run, %s: changed=%s unreachable=%s failed=%s; want no change", host, r[0], r[1], r[2])
		}
	}
	for _, row := range p.devices {
		saved := apiGet(t, p, "/api/v1/devices/"+row[0]+"/saved-config")
		for _, want := range []string{"\nvlan 100\n name Users\n", "\nvlan 200\n name Voice\n",
			"\ninterface Vlan-interface200\n description Voice SVI\n"} {
			if !strings.Contains(saved, want) {
				t.Errorf("%s: saved configuration lacks %q:\n%s", row[0], want, interop.Tail(saved, 30))
			}
		}
	}
}
