package main

import (
	"crypto/rsa"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/platform"
	"github.com/scrapli/scrapligo/transport"
	"github.com/scrapli/scrapligo/util"
	gossh "golang.org/x/crypto/ssh"
)

// Real clients against each algorithm set (issue 6 point 7): ssh-audit
// policies, OpenSSH default and legacy-only, Netmiko (paramiko), asyncssh,
// scrapligo's standard and system transports, and a host key change seen
// through the CLI.

// v5LegacySSHOpts are the OpenSSH options that enable only what a Comware
// V5 device offers, on top of nothing modern.
var v5LegacySSHOpts = []string{
	"-o", "KexAlgorithms=diffie-hellman-group-exchange-sha1,diffie-hellman-group14-sha1,diffie-hellman-group1-sha1",
	"-o", "HostKeyAlgorithms=ssh-rsa", "-o", "PubkeyAcceptedAlgorithms=+ssh-rsa",
	"-o", "Ciphers=aes128-cbc,3des-cbc", "-o", "MACs=hmac-sha1,hmac-sha1-96",
}

// TestSSHAuditPolicies: ssh-audit finds exactly each set's algorithms
// (policy files in sshd/testdata), and the strict policy fails against
// the compatible set, so the check is real.
func TestSSHAuditPolicies(t *testing.T) {
	needTool(t, "ssh-audit", "apt-get install -y ssh-audit", "ssh-audit", "-h")
	servers := map[string]*emulator{}
	for _, set := range []string{"strict", "compatible"} {
		servers[set] = startEmulator(t, t.TempDir(), "--algorithms", set)
	}
	for _, tc := range []struct {
		policy, server string
		pass           bool
	}{{"strict", "strict", true}, {"compatible", "compatible", true}, {"strict", "compatible", false}, {"compatible", "strict", false}} {
		policy, _ := filepath.Abs("../../sshd/testdata/policy-" + tc.policy + ".txt")
		out, err := runClient(t, 60*time.Second, nil, nil, "ssh-audit", "-P", policy, "-p", servers[tc.server].Port, "127.0.0.1")
		var ee *exec.ExitError
		switch {
		case tc.pass && err != nil:
			t.Errorf("policy %s against %s set: %v\n%s", tc.policy, tc.server, err, out)
		case !tc.pass && !(errors.As(err, &ee) && ee.ExitCode() == 3):
			t.Errorf("policy %s against %s set: want exit 3, got %v\n%s", tc.policy, tc.server, err, out)
		}
	}
}

// TestOpenSSHStrictSet: stock OpenSSH cannot negotiate with the strict set
// (as with a real V5 switch) and gets in with the legacy options alone.
func TestOpenSSHStrictSet(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	e := startEmulator(t, t.TempDir(), "--algorithms", "strict")
	args, env := sshArgs(t, e)
	out, err := runClient(t, 30*time.Second, nil, env, "ssh", append(args, "admin@127.0.0.1", "display ssh server status")...)
	if err == nil || !strings.Contains(out, "Unable to negotiate with 127.0.0.1 port "+e.Port+": no matching") {
		t.Errorf("stock OpenSSH against strict: %v\n%s", err, out)
	}
	out, err = runClient(t, 30*time.Second, nil, env, "ssh", append(append(args, v5LegacySSHOpts...), "admin@127.0.0.1", "display ssh server status")...)
	if err != nil || !strings.Contains(out, " SSH server: Enable\r\n SSH version : 1.99\r\n") {
		t.Errorf("OpenSSH with legacy options: %v\n%s", err, out)
	}
	// Interactive, through a pty, with the session listed by the device.
	pr, pw := io.Pipe()
	go func() {
		defer pw.Close()
		for _, l := range []string{"screen-length disable", "display ssh server session", "display users", "quit"} {
			time.Sleep(300 * time.Millisecond)
			pw.Write([]byte(l + "\r"))
		}
		time.Sleep(2 * time.Second)
	}()
	out, err = runClient(t, 60*time.Second, pr, env, "ssh", append(append(args, v5LegacySSHOpts...), "-tt", "admin@127.0.0.1")...)
	if err != nil {
		t.Fatalf("ssh -tt: %v\n%s", err, out)
	}
	for _, want := range []string{
		" Conn   Ver  Encry   State        Retry  SerType  Username\r\n VTY 0  2.0  AES     Established  0      Stelnet  admin\r\n",
		"+ 1   VTY 0   00:00:00 SSH  3\r\n",
		"        User name: admin\r\n        Location: 127.0.0.1\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("session output lacks %q:\n%s", want, out)
		}
	}
}

const v5NetmikoProbe = `
import sys, warnings; warnings.filterwarnings("ignore")
from netmiko import ConnectHandler
c = ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=int(sys.argv[1]),
                   username="admin", password="admin", fast_cli=True)
assert c.base_prompt == "3Com", c.base_prompt
out = c.send_command("display ssh server session")
assert "Established  0      Stelnet  admin" in out, out
t = c.remote_conn.get_transport()
print("CIPHER", t.local_cipher, t.host_key_type)
out = c.send_config_set(["ssh server authentication-retries 4"])
out = c.send_command("display ssh server status")
assert "SSH authentication retries : 4 time(s)" in out, out
c.disconnect()
print("NETMIKO OK")
`

// TestNetmikoStrictSet: Netmiko (paramiko) needs no options against the
// strict set and configures the SSH server.
func TestNetmikoStrictSet(t *testing.T) {
	needTool(t, "Netmiko", "apt-get install -y python3-netmiko", "/usr/bin/python3", "-c", "import netmiko")
	e := startEmulator(t, t.TempDir(), "--algorithms", "strict")
	script := filepath.Join(t.TempDir(), "probe.py")
	os.WriteFile(script, []byte(v5NetmikoProbe), 0o644)
	out, err := runClient(t, 120*time.Second, nil, nil, "/usr/bin/python3", script, e.Port)
	if err != nil || !strings.Contains(out, "NETMIKO OK") || !strings.Contains(out, "CIPHER aes128-cbc ssh-rsa") {
		t.Fatalf("netmiko: %v\n%s\n%s", err, out, tail(e.Output(), 40))
	}
}

const v5AsyncSSHProbe = `
import asyncio, sys
import asyncssh
async def main(port):
    async with asyncssh.connect("127.0.0.1", port=port, username="admin", password="admin", known_hosts=None,
            kex_algs=["diffie-hellman-group-exchange-sha1", "diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1"],
            encryption_algs=["aes128-cbc", "3des-cbc"], mac_algs=["hmac-sha1", "hmac-sha1-96"],
            server_host_key_algs=["ssh-rsa"]) as conn:
        print("VERSION", conn.get_extra_info("server_version"))
        proc = await conn.create_process(term_type="vt100", term_size=(80, 24))
        proc.change_terminal_size(100, 30)
        await asyncio.wait_for(proc.stdout.readuntil("<3Com>"), 10)
        proc.stdin.write("display ssh server session\r")
        out = await asyncio.wait_for(proc.stdout.readuntil("<3Com>"), 10)
        assert "VTY 0  2.0  AES     Established  0      Stelnet  admin" in out, out
        proc.stdin.write("quit\r")
        await asyncio.wait_for(proc.wait_closed(), 10)
    print("ASYNCSSH OK")
asyncio.run(main(int(sys.argv[1])))
`

// TestAsyncSSHStrictSet: asyncssh with only the legacy algorithms, a
// window change right after the pty, and a session the device lists.
func TestAsyncSSHStrictSet(t *testing.T) {
	needTool(t, "asyncssh", "apt-get install -y python3-asyncssh", "/usr/bin/python3", "-c", "import asyncssh")
	e := startEmulator(t, t.TempDir(), "--algorithms", "strict")
	script := filepath.Join(t.TempDir(), "probe.py")
	os.WriteFile(script, []byte(v5AsyncSSHProbe), 0o644)
	out, err := runClient(t, 60*time.Second, nil, nil, "/usr/bin/python3", script, e.Port)
	if err != nil || !strings.Contains(out, "ASYNCSSH OK") || !strings.Contains(out, "VERSION SSH-1.99-Comware-5.20") {
		t.Fatalf("asyncssh: %v\n%s\n%s", err, out, tail(e.Output(), 40))
	}
}

// TestScrapligoTransports: scrapligo's hp_comware platform over its Go
// (standard) and OpenSSH (system) transports, against the strict set.
func TestScrapligoTransports(t *testing.T) {
	e := startEmulator(t, t.TempDir(), "--algorithms", "strict")
	port, _ := strconv.Atoi(e.Port)
	for _, tr := range []string{transport.StandardTransport, transport.SystemTransport} {
		t.Run(tr, func(t *testing.T) {
			opts := []util.Option{
				options.WithAuthNoStrictKey(), options.WithAuthUsername("admin"), options.WithAuthPassword("admin"),
				options.WithPort(port), options.WithTransportType(tr), options.WithTimeoutOps(20 * time.Second),
			}
			if tr == transport.StandardTransport {
				opts = append(opts,
					options.WithStandardTransportExtraKexs([]string{"diffie-hellman-group-exchange-sha1", "diffie-hellman-group14-sha1"}),
					options.WithStandardTransportExtraCiphers([]string{"aes128-cbc", "3des-cbc"}),
					options.WithStandardTransportHostKeyAlgorithms([]string{gossh.KeyAlgoRSA}))
			} else {
				needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
				opts = append(opts, options.WithSystemTransportOpenArgs(v5LegacySSHOpts))
			}
			p, err := platform.NewPlatform("hp_comware", "127.0.0.1", opts...)
			if err != nil {
				t.Fatal(err)
			}
			d, err := p.GetNetworkDriver()
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Open(); err != nil {
				t.Fatalf("open: %v\n%s", err, tail(e.Output(), 40))
			}
			defer d.Close()
			r, err := d.SendCommand("display ssh server status")
			if err != nil || r.Failed != nil || !strings.Contains(r.Result, " SSH authentication retries : 3 time(s)") {
				t.Errorf("display ssh server status: %v %v\n%s", err, r.Failed, r.Result)
			}
			r, err = d.SendCommand("display ssh server session")
			if err != nil || !strings.Contains(r.Result, "2.0  AES     Established  0      Stelnet  admin") {
				t.Errorf("display ssh server session: %v\n%s", err, r.Result)
			}
		})
	}
}

// TestHostKeyRecreated: public-key local create rsa through the CLI
// changes the key clients see; public-key local destroy rsa cuts new
// clients off after version exchange.
func TestHostKeyRecreated(t *testing.T) {
	e := startEmulator(t, t.TempDir())
	hostKey := func() (gossh.PublicKey, error) {
		var got gossh.PublicKey
		cfg := &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{gossh.Password("admin")}, Timeout: 20 * time.Second,
			HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error { got = k; return nil }}
		c, err := gossh.Dial("tcp", e.Addr, cfg)
		if err != nil {
			return nil, err
		}
		c.Close()
		return got, nil
	}
	// cli types lines into an interactive session; the last one logs out.
	cli := func(lines ...string) string {
		c, err := gossh.Dial("tcp", e.Addr, &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{gossh.Password("admin")},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 20 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		s, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		in, _ := s.StdinPipe()
		o, _ := s.StdoutPipe()
		s.RequestPty("vt100", 24, 80, nil)
		if err := s.Shell(); err != nil {
			t.Fatal(err)
		}
		stop := time.AfterFunc(60*time.Second, func() { c.Close() }) // a hung session fails the test
		defer stop.Stop()
		in.Write([]byte(strings.Join(lines, "\r") + "\r"))
		b, _ := io.ReadAll(o)
		return string(b)
	}
	k1, err := hostKey()
	if err != nil {
		t.Fatal(err)
	}
	out := cli("system-view", "public-key local create rsa", "Y", "1024", "quit", "quit")
	k2, err := hostKey()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if gossh.FingerprintSHA256(k1) == gossh.FingerprintSHA256(k2) {
		t.Fatalf("host key unchanged after create:\n%s", out)
	}
	if pub, ok := k2.(gossh.CryptoPublicKey).CryptoPublicKey().(*rsa.PublicKey); !ok || pub.N.BitLen() != 1024 {
		t.Errorf("new host key: %T %v", k2, pub)
	}
	out = cli("system-view", "public-key local destroy rsa", "Y", "quit", "quit")
	if _, err := hostKey(); err == nil {
		t.Fatalf("login succeeded without a host key:\n%s", out)
	}
}

// TestPlinkStrictSet: PuTTY's plink (SSH-2, no options: it offers
// diffie-hellman-group-exchange-sha1 and aes128-cbc itself) against the
// strict set, with the host key pinned from the emulator's banner.
func TestPlinkStrictSet(t *testing.T) {
	needTool(t, "PuTTY plink", "apt-get install -y putty-tools", "plink", "-V")
	e := startEmulator(t, t.TempDir(), "--algorithms", "strict")
	var fp string
	c, err := gossh.Dial("tcp", e.Addr, &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{gossh.Password("admin")}, Timeout: 20 * time.Second,
		HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error { fp = gossh.FingerprintSHA256(k); return nil },
		Config:          gossh.Config{Ciphers: []string{"aes128-cbc"}, KeyExchanges: []string{"diffie-hellman-group14-sha1"}}})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	home := t.TempDir() // plink writes ~/.putty
	out, err := runClient(t, 60*time.Second, nil, []string{"HOME=" + home}, "plink", "-ssh", "-2", "-batch", "-v",
		"-P", e.Port, "-l", "admin", "-pw", "admin", "-hostkey", fp, "127.0.0.1", "display ssh server status")
	if err != nil || !strings.Contains(out, " SSH version : 1.99") || !strings.Contains(out, "Initialised AES-128 CBC") {
		t.Fatalf("plink: %v\n%s", err, out)
	}
}

// TestOpenSSHDefaultSet: stock OpenSSH with no options logs in to the
// default (compatible) set with a modern key exchange and cipher.
func TestOpenSSHDefaultSet(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	e := startEmulator(t, t.TempDir())
	args, env := sshArgs(t, e)
	out, err := runClient(t, 30*time.Second, nil, env, "ssh", append(args, "-v", "admin@127.0.0.1", "display ssh server status")...)
	if err != nil || !strings.Contains(out, "Remote protocol version 1.99, remote software version Comware-5.20") ||
		!strings.Contains(out, "kex: algorithm: curve25519-sha256") || !strings.Contains(out, " SSH server: Enable\r\n") {
		t.Errorf("stock OpenSSH against the compatible set: %v\n%s", err, out)
	}
}
