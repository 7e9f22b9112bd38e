package main

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// TestOpenSSHACLAndHeaders: with acl 2000 inbound on the VTY lines
// permitting 127.0.0.1 and denying 127.0.0.2, stock OpenSSH bound to
// 127.0.0.2 (ssh -b) has its connection closed before the version
// exchange, the refusal is logged and counted in display acl, and a login
// from 127.0.0.1 shows the motd and shell banners before the prompt.
func TestOpenSSHACLAndHeaders(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	if ln, err := net.Listen("tcp", "127.0.0.2:0"); err != nil {
		t.Skipf("this host has no 127.0.0.2 to bind the client to: %v", err)
	} else {
		ln.Close()
	}
	e := startEmulator(t, t.TempDir())
	args, env := sshArgs(t, e)
	config := strings.Join([]string{"system-view", "acl number 2000", "rule 0 permit source 127.0.0.1 0",
		"rule 5 deny source 127.0.0.2 0", "quit", "header motd %Lab switch, do not reboot%",
		"header shell %Authorised users only%", "user-interface vty 0 15", "acl 2000 inbound", "return", "quit", ""}, "\n")
	if out, err := runClient(t, 30*time.Second, strings.NewReader(config), env, "ssh", append(args, "-T", "admin@127.0.0.1")...); err != nil {
		t.Fatalf("configuring over ssh -T: %v\n%s", err, out)
	}

	out, err := runClient(t, 30*time.Second, nil, env, "ssh", append(args, "-b", "127.0.0.2", "admin@127.0.0.1", "display version")...)
	if err == nil || strings.Contains(out, "3Com OS") || !strings.Contains(out, "closed by remote host") {
		t.Fatalf("ssh -b 127.0.0.2: err %v, output:\n%s", err, out)
	}

	pr, pw := io.Pipe()
	go func() {
		defer pw.Close()
		for _, l := range []string{"screen-length disable", "display acl 2000", "quit"} {
			time.Sleep(300 * time.Millisecond)
			pw.Write([]byte(l + "\r"))
		}
		time.Sleep(2 * time.Second)
	}()
	out, err = runClient(t, 60*time.Second, pr, env, "ssh", append(args, "-tt", "admin@127.0.0.1")...)
	if err != nil {
		t.Fatalf("ssh -tt: %v\n%s", err, out)
	}
	at := 0
	for _, want := range []string{"no decompiling", "Lab switch, do not reboot\r\n", "Authorised users only\r\n", "<3Com>",
		" rule 0 permit source 127.0.0.1 0 (", " rule 5 deny source 127.0.0.2 0 (1 times matched)\r\n"} {
		i := strings.Index(out[at:], want)
		if i < 0 {
			t.Fatalf("interactive login: no %q after offset %d in\n%s", want, at, out)
		}
		at += i + len(want)
	}
	if !strings.Contains(e.out.String(), "acl inbound") {
		t.Errorf("the refusal is not in the emulator's log:\n%s", e.out.String())
	}
}

// netmikoBanners logs in with Netmiko's hp_comware driver, which answers
// the legal banner's question with the Enters of its session preparation,
// and runs one command.
const netmikoBanners = `
import sys
from netmiko import ConnectHandler
c = ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=int(sys.argv[1]),
                   username="admin", password="admin", fast_cli=True)
print(c.send_command("display acl 2000"))
c.disconnect()
print("NETMIKO OK")
`

// TestNetmikoBanners: with legal, motd and shell banners and an ACL on the
// VTY lines, Netmiko's hp_comware driver still logs in from a permitted
// address and reads a command's output, counted in display acl.
func TestNetmikoBanners(t *testing.T) {
	needTool(t, "Netmiko (Debian python3-netmiko)", "apt-get install -y python3-netmiko",
		"/usr/bin/python3", "-c", "import netmiko")
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	e := startEmulator(t, t.TempDir())
	args, env := sshArgs(t, e)
	config := strings.Join([]string{"system-view", "acl number 2000", "rule 0 permit source 127.0.0.1 0", "quit",
		"header legal %Authorised use only.%", "header motd %Lab switch%", "header shell %Welcome%",
		"user-interface vty 0 15", "acl 2000 inbound", "return", "quit", ""}, "\n")
	if out, err := runClient(t, 30*time.Second, strings.NewReader(config), env, "ssh", append(args, "-T", "admin@127.0.0.1")...); err != nil {
		t.Fatalf("configuring over ssh -T: %v\n%s", err, out)
	}
	out, err := runClient(t, 3*time.Minute, nil, nil, "/usr/bin/python3", "-c", netmikoBanners, e.Port)
	if err != nil || !strings.Contains(out, "NETMIKO OK") || !strings.Contains(out, " rule 0 permit source 127.0.0.1 0 (1 times matched)") {
		t.Fatalf("netmiko: %v\n%s\nemulator:\n%s", err, out, tail(e.Output(), 40))
	}
}
