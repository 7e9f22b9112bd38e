//go:debug rsa1024min=0

package cli

import (
	"bytes"
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"switchemu/device"
)

// sshRunSession types lines into a shell on d (line 0, level 3) and returns
// the screen text.
func sshRunSession(t *testing.T, d *device.Device, line int, lines ...string) string {
	t.Helper()
	var in strings.Builder
	for _, l := range lines {
		in.WriteString(keys(l))
	}
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := New(d, nil).Run(ctx, rw{strings.NewReader(in.String()), &out},
		func() Window { return Window{80, 24} }, SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.1", Line: line})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return strings.ReplaceAll(out.String(), "\r\n", "\n")
}

const sshTestKeyPub = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC78dZACloNg9KEif5FLT/Si7Z1hnB7UHMnGpdjTIxq4t4g/PEwEmLRTwqQ41u2DnVq2AKOHlJZRyOjCB7i5qGE2QldQCfExe4IUQaDMD5UKEboqvAkbfTWg+X+DQ+BEVSHChKdB1v9+PQBm7Y+09cfjTSuzD5YrFytbmVyW6hEiw== user@host\n"

const sshTestKeyHex = "30819F300D06092A864886F70D010101050003818D0030818902818100BBF1D6" +
	"400A5A0D83D28489FE452D3FD28BB67586707B5073271A97634C8C6AE2DE20FC" +
	"F1301262D14F0A90E35BB60E756AD8028E1E52594723A3081EE2E6A184D9095D" +
	"4027C4C5EE08510683303E542846E8AAF0246DF4D683E5FE0D0F811154870A12" +
	"9D075BFDF8F4019BB63ED3D71F8D34AECC3E58AC5CAD6E65725BA8448B020301" +
	"0001"

// TestKeyCreateDisplay: public-key local create rsa with a 512-bit
// modulus makes a new host key of that size, and display public-key local
// rsa public prints it in the V5 layout (its key code decodes to the key).
func TestKeyCreateDisplay(t *testing.T) {
	d := testDevice(t)
	out := sshRunSession(t, d, 0, "screen-length disable", "system-view", "public-key local create rsa", "512", "display public-key local rsa public")
	hk := d.CurrentHostKey()
	if hk == nil || hk.Key.N.BitLen() != 512 {
		t.Fatalf("host key after create: %+v\n%s", hk, out)
	}
	i := strings.Index(out, "display public-key local rsa public\n")
	if i < 0 {
		t.Fatal(out)
	}
	disp := out[i+len("display public-key local rsa public\n"):]
	head := "\n=====================================================\nTime of Key pair created: 22:16:31 2011/01/11\nKey name: HOST_KEY\nKey type: RSA Encryption Key\n=====================================================\nKey code:\n"
	if !strings.HasPrefix(disp, head) {
		t.Fatalf("display header:\n%s", disp)
	}
	// The SSH-1 server key follows the host key, in the same layout.
	sk := d.CurrentServerKey()
	if sk == nil {
		t.Fatal("no server key after create")
	}
	serverHead := "\n=====================================================\nTime of Key pair created: 22:16:31 2011/01/11\nKey name: SERVER_KEY\nKey type: RSA Encryption Key\n=====================================================\nKey code:\n"
	hostPart, serverPart, ok := strings.Cut(strings.TrimPrefix(disp, head), serverHead)
	if !ok {
		t.Fatalf("no SERVER_KEY block:\n%s", disp)
	}
	keyCode := func(text string) *rsa.PublicKey {
		t.Helper()
		var hexText strings.Builder
		layout := regexp.MustCompile(`^(30[0-9A-F]{2,6}|  02[0-9A-F]{2,6}|    [0-9A-F]{2,16})$`)
		for _, l := range strings.Split(text, "\n") {
			if l == "" || strings.HasPrefix(l, "[3Com]") {
				break
			}
			if !layout.MatchString(l) {
				t.Errorf("key code line %q", l)
			}
			hexText.WriteString(strings.TrimSpace(l))
		}
		der, err := hex.DecodeString(hexText.String())
		if err != nil {
			t.Fatal(err)
		}
		pub, err := x509.ParsePKCS1PublicKey(der)
		if err != nil {
			t.Fatal(err)
		}
		return pub
	}
	if !device.SameKey(keyCode(hostPart), &hk.Key.PublicKey) {
		t.Error("key code does not decode to the host key")
	}
	if !device.SameKey(keyCode(serverPart), &sk.Key.PublicKey) {
		t.Error("SERVER_KEY key code does not decode to the server key")
	}
	// Ctrl+C at the modulus prompt keeps the old key.
	sshRunSession(t, d, 0, "system-view", "public-key local create rsa", "Y", "<CTRL-C>")
	if d.CurrentHostKey().Key != hk.Key {
		t.Error("an aborted create replaced the key")
	}
}

// TestPeerKeyImport: public-key peer NAME import sshkey FILE reads an
// OpenSSH public key from flash:/ and stores the same key as the hex form.
func TestPeerKeyImport(t *testing.T) {
	d := testDevice(t)
	if err := d.Store().WriteFile("id_rsa.pub", []byte(sshTestKeyPub)); err != nil {
		t.Fatal(err)
	}
	out := sshRunSession(t, d, 0, "system-view", "public-key peer k1 import sshkey id_rsa.pub", "public-key peer k2 import sshkey missing.pub",
		"public-key peer k3", "public-key-code begin", sshTestKeyHex[:100], sshTestKeyHex[100:], "public-key-code end", "peer-public-key end")
	if !strings.Contains(out, msgPKeyImportFail) {
		t.Errorf("missing file:\n%s", out)
	}
	cfg := d.Snapshot()
	k1, k3 := cfg.PeerKeys["k1"], cfg.PeerKeys["k3"]
	p1, err1 := k1.PublicKey()
	p3, err3 := k3.PublicKey()
	if err1 != nil || err3 != nil || !device.SameKey(p1, p3) {
		t.Errorf("imported key differs from the typed one: %v %v", err1, err3)
	}
	if _, ok := cfg.PeerKeys["k2"]; ok {
		t.Error("a failed import created a key")
	}
}

// TestSSHConfigRoundTrip: the SSH configuration renders, replays and
// renders again to the same text.
func TestSSHConfigRoundTrip(t *testing.T) {
	d := testDevice(t)
	sshRunSession(t, d, 0, "system-view", "public-key peer k3", "public-key-code begin", sshTestKeyHex, "public-key-code end", "peer-public-key end",
		"ssh user admin service-type all authentication-type password-publickey assign publickey k3",
		"ssh user bob authentication-type password", "ssh user bob assign publickey k3",
		"undo ssh server compatible-ssh1x enable", "ssh server authentication-retries 2", "ssh server authentication-timeout 9",
		"user-interface vty 5 9", "authentication-mode password", "set authentication password simple pw", "user privilege level 2")
	first := renderConfig(d.Snapshot(), d.Profile())
	d2 := testDevice(t)
	for _, e := range New(d2, nil).Replay(first) {
		if !strings.Contains(e.Text, "port link-mode") { // another feature's line
			t.Errorf("replay: %v", e)
		}
	}
	if second := renderConfig(d2.Snapshot(), d2.Profile()); second != first {
		t.Errorf("round trip differs:\n%s\n----\n%s", first, second)
	}
	for _, want := range []string{" ssh user bob service-type stelnet authentication-type password\n ssh user bob assign publickey k3\n",
		"user-interface vty 5 9\n authentication-mode password\n set authentication password cipher $c$3$", " public-key peer k3\n  public-key-code begin\n   30819F30 "} {
		if !strings.Contains(first, want) {
			t.Errorf("configuration lacks %q:\n%s", want, first)
		}
	}
}

// TestDisplaySessions: display ssh server session and display users list
// the live SSH sessions with their line, version, cipher, state and user.
func TestDisplaySessions(t *testing.T) {
	d := testDevice(t)
	addr := func(s string) net.Addr { a, _ := net.ResolveTCPAddr("tcp", s); return a }
	l0, _ := d.AcquireVTY(device.Login{User: "admin", Remote: addr("10.1.1.53:5000"), Protocol: "SSH", Version: "2.0", Cipher: "aes128-cbc", State: "Established", Service: "Stelnet", Level: 3})
	d.AcquireVTY(device.Login{Remote: addr("10.1.1.54:5001"), Protocol: "SSH", State: "Auth-request", Retry: 2})
	d.AcquireVTY(device.Login{User: "ops", Remote: addr("10.1.1.55:5002"), Protocol: "SSH", Version: "2.0", Cipher: "3des-cbc", State: "Established", Service: "Stelnet", Level: 1})
	out := sshRunSession(t, d, l0, "screen-length disable", "system-view", "user-interface vty 1", "authentication-mode password",
		"user privilege level 2", "return", "display ssh server session", "display users", "display users all", "display user-interface")
	for _, want := range []string{
		"<3Com>display ssh server session\n" +
			" Conn   Ver  Encry   State        Retry  SerType  Username\n" +
			" VTY 0  2.0  AES     Established  0      Stelnet  admin\n" +
			" VTY 1               Auth-request 2\n" +
			" VTY 2  2.0  3DES    Established  0      Stelnet  ops\n<3Com>",
		"<3Com>display users\n" +
			"The user application information of the user interface(s):\n" +
			"  Idx UI      Delay    Type Userlevel\n" +
			"+ 1   VTY 0   00:00:00 SSH  3\n" +
			"  3   VTY 2   00:00:00 SSH  1\n\n" +
			"Following are more details.\n" +
			"VTY 0   :\n        User name: admin\n        Location: 10.1.1.53\n" +
			"VTY 2   :\n        User name: ops\n        Location: 10.1.1.55\n" +
			" +    : Current operation user.\n F    : Current operation user work in async mode.\n<3Com>",
		"<3Com>display users all\n" +
			"The user application information of the user interface(s):\n" +
			"  Idx UI      Delay    Type Userlevel\n" +
			"  0   AUX 0\n" +
			"+ 1   VTY 0   00:00:00 SSH  3\n" +
			"  2   VTY 1\n" +
			"  3   VTY 2   00:00:00 SSH  1\n" +
			"  4   VTY 3\n",
		"<3Com>display user-interface\n" +
			"  Idx  Type     Tx/Rx      Modem Privi Auth  Int\n" +
			"  0    AUX 0    9600       -     3     N     -\n" +
			"+ 1    VTY 0               -     0     A     -\n" +
			"+ 2    VTY 1               -     2     P     -\n" +
			"+ 3    VTY 2               -     0     A     -\n" +
			"  4    VTY 3               -     0     A     -\n",
		// The legend verbatim from the V5 capture (reference §5.22).
		"  UI(s) not in async mode -or- with no modem control.\n" +
			"  + : Current user-interface is active.\n" +
			"  F : Current user-interface is active and work in async mode.\n" +
			"  Idx : Absolute index of user-interface.\n" +
			"  Type : Type and relative index of user-interface.\n" +
			"  Privi: The privilege of user-interface.\n" +
			"  Auth : The authentication mode of user-interface.\n" +
			"  Int : The physical location of UIs.\n" +
			"  A : Authentication use AAA.\n" +
			"  L : Authentication use local database.\n" +
			"  N : Current UI need not authentication.\n" +
			"  P : Authentication use current UI's password.\n<3Com>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks\n%s\n---- got:\n%s", want, out)
		}
	}
}

var _ = rsa.GenerateKey
