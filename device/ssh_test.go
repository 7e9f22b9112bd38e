package device

import (
	"crypto/x509"
	"encoding/hex"
	"strings"
	"testing"
)

const sshTestPub = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC78dZACloNg9KEif5FLT/Si7Z1hnB7UHMnGpdjTIxq4t4g/PEwEmLRTwqQ41u2DnVq2AKOHlJZRyOjCB7i5qGE2QldQCfExe4IUQaDMD5UKEboqvAkbfTWg+X+DQ+BEVSHChKdB1v9+PQBm7Y+09cfjTSuzD5YrFytbmVyW6hEiw== user@host"

const sshTestHex = "30819F300D06092A864886F70D010101050003818D0030818902818100BBF1D6" +
	"400A5A0D83D28489FE452D3FD28BB67586707B5073271A97634C8C6AE2DE20FC" +
	"F1301262D14F0A90E35BB60E756AD8028E1E52594723A3081EE2E6A184D9095D" +
	"4027C4C5EE08510683303E542846E8AAF0246DF4D683E5FE0D0F811154870A12" +
	"9D075BFDF8F4019BB63ED3D71F8D34AECC3E58AC5CAD6E65725BA8448B020301" +
	"0001"

// TestImportSSHKey: the three file formats import sshkey takes give the
// same key; anything else is refused.
func TestImportSSHKey(t *testing.T) {
	b64 := strings.Fields(sshTestPub)[1]
	var rfc strings.Builder
	rfc.WriteString("---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"a long \\\n comment\"\n")
	for i := 0; i < len(b64); i += 70 {
		rfc.WriteString(b64[i:min(i+70, len(b64))] + "\n")
	}
	rfc.WriteString("---- END SSH2 PUBLIC KEY ----\n")
	want, _ := hex.DecodeString(sshTestHex)
	for name, in := range map[string]string{"openssh": sshTestPub + "\n", "rfc4716": rfc.String(), "hex": strings.ToLower(sshTestHex)} {
		der, err := ImportSSHKey([]byte(in))
		if err != nil || string(der) != string(want) {
			t.Errorf("%s: %v %X", name, err, der)
		}
	}
	for _, bad := range []string{"", "ssh-rsa", "ssh-rsa !!!", "ssh-dss AAAAB3NzaC1kc3MAAACBAP==", "3081", "zz", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHZ1"} {
		if _, err := ImportSSHKey([]byte(bad)); err == nil {
			t.Errorf("%q imported", bad)
		}
	}
}

// TestKeyCode: typed key code with spaces and line breaks parses, in both
// DER forms, and formats back as the configuration shows it.
func TestKeyCode(t *testing.T) {
	spaced := strings.Join(KeyCodeLines(mustHex(t, sshTestHex)), "\n  ")
	der, pub, err := ParseKeyCode(spaced)
	if err != nil || pub.N.BitLen() != 1024 || hex.EncodeToString(der) != strings.ToLower(sshTestHex) {
		t.Fatalf("%v %X", err, der)
	}
	pkcs1 := x509.MarshalPKCS1PublicKey(pub)
	if _, pub2, err := ParseKeyCode(hex.EncodeToString(pkcs1)); err != nil || !SameKey(pub, pub2) {
		t.Errorf("PKCS#1 form: %v", err)
	}
	lines := KeyCodeLines(der)
	if len(lines) != 6 || lines[0] != "30819F30 0D06092A 864886F7 0D010101 05000381 8D003081 89028181 00BBF1D6" || lines[5] != "0001" {
		t.Errorf("lines %q", lines)
	}
}

func mustHex(t *testing.T, s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzImportSSHKey: no input makes the key readers panic, and whatever
// they accept is an RSA key.
func FuzzImportSSHKey(f *testing.F) {
	f.Add([]byte(sshTestPub))
	f.Add([]byte(sshTestHex))
	f.Add([]byte("---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----"))
	f.Fuzz(func(t *testing.T, data []byte) {
		der, err := ImportSSHKey(data)
		if err == nil {
			if _, err := ParseKeyDER(der); err != nil {
				t.Fatalf("accepted %q as %X", data, der)
			}
		}
	})
}
