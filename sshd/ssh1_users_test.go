package sshd

import (
	"crypto/x509"
	"strings"
	"testing"

	"switchemu/device"
)

// TestSSH1DeviceUsers runs SSH-1 logins against the device's ssh user
// configuration: RSA authentication with the peer key assigned to the
// user, password refused for a publickey-only user, and the failed
// attempts counted on the line (display ssh server session's Retry).
func TestSSH1DeviceUsers(t *testing.T) {
	dev := ssh1Device(t, nil)
	key, err := device.GenerateRSAKey(1024)
	if err != nil {
		t.Fatal(err)
	}
	err = dev.Update(func(c *device.Config) error {
		c.PeerKeys["k1"] = device.PeerKey{Name: "k1", DER: x509.MarshalPKCS1PublicKey(&key.PublicKey)}
		c.SSHUsers["admin"] = device.SSHUser{Name: "admin", Service: device.SSHServiceStelnet, Auth: device.SSHAuthPublicKey, Key: "k1"}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, addr := ssh1Serve(t, dev)
	c := ssh1Dial(t, addr)
	c.handshake(ssh1CipherBlowfish)
	if c.login("admin", "admin") {
		t.Fatal("password accepted for a publickey-only ssh user")
	}
	if ok, challenged := c.rsaAuth(ssh1HostKey(), false); ok || challenged {
		t.Fatal("a key the user does not have was challenged")
	}
	if ok, _ := c.rsaAuth(key, false); !ok {
		t.Fatal("the assigned key was refused")
	}
	c.send(ssh1CmsgExecCmd, ssh1Builder(nil).string([]byte("who")))
	out, _ := c.session()
	if !strings.Contains(out, "login line=0 user=admin version=1.5 cipher=BLOWFISH") {
		t.Errorf("session: %q", out)
	}
	c.rawClosed()
	if !ssh1Logged(dev, "AUTHSUCC", "SSH user admin (IP:127.0.0.1) success to process PUBLICKEY Authentication!") {
		t.Errorf("log buffer: %v", dev.LogEntries())
	}
}
