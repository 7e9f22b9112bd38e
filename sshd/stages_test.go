package sshd

import (
	"bytes"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/device"
)

// TestAlgorithmSets: each set serves what it lists; a client with no
// common algorithm in one category is torn down and the log buffer says
// which category.
func TestAlgorithmSets(t *testing.T) {
	d := loopDevice(t)
	strictSrv, strict := loopServer(t, d, "strict")
	_, compat := loopServer(t, d, "compatible")

	// A legacy-only client gets in under both sets.
	for _, addr := range []string{strict, compat} {
		c := lbDial(t, addr, lbLegacy(lbClientConfig("admin")))
		sh := lbShell(t, c, nil)
		if l := sh.line(t); !strings.Contains(l, "cipher=aes128-cbc") {
			t.Errorf("%s: %q", addr, l)
		}
	}
	// A modern-only client gets in under compatible only.
	modern := func() *gossh.ClientConfig {
		c := lbClientConfig("admin")
		c.Ciphers = []string{"aes128-ctr", "aes128-gcm@openssh.com"}
		return c
	}
	c := lbDial(t, compat, modern())
	if l := lbShell(t, c, nil).line(t); !strings.Contains(l, "cipher=aes128") {
		t.Errorf("compatible: %q", l)
	}

	for _, tc := range []struct {
		name string
		cfg  func(*gossh.ClientConfig)
	}{
		{"cipher", func(c *gossh.ClientConfig) { c.Ciphers = []string{"aes128-ctr"} }},
		{"kex", func(c *gossh.ClientConfig) { c.KeyExchanges = []string{"curve25519-sha256"} }},
		{"mac", func(c *gossh.ClientConfig) {
			c.Ciphers = []string{"aes128-cbc"}
			c.MACs = []string{"hmac-sha2-256"}
		}},
		{"host key", func(c *gossh.ClientConfig) { c.HostKeyAlgorithms = []string{gossh.KeyAlgoRSASHA256} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := lbLegacy(lbClientConfig("admin"))
			tc.cfg(cfg)
			_, err := gossh.Dial("tcp", strict, cfg)
			if err == nil || !strings.Contains(err.Error(), "no common algorithm") {
				t.Fatalf("strict set accepted a client without a common %s: %v", tc.name, err)
			}
		})
	}
	// The server side logs why (one NEGOTIATE_FAIL per refused client).
	for _, what := range []string{"client to server cipher", "key exchange", "client to server MAC", "host key"} {
		lbUntil(t, strictSrv, "NEGOTIATE_FAIL "+what, func() bool { return lbLogHas(d, "NEGOTIATE_FAIL", "no matching "+what) })
	}
}

// TestHostKeyChange: the server's host key is the device's key, a new key
// shows to clients, and without a key clients are cut off right after
// version exchange.
func TestHostKeyChange(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "")
	k1, k2 := loopKeys(t)
	seen := func() gossh.PublicKey {
		var got gossh.PublicKey
		cfg := lbClientConfig("admin")
		cfg.HostKeyCallback = func(_ string, _ net.Addr, k gossh.PublicKey) error { got = k; return nil }
		c := lbDial(t, addr, cfg)
		c.Close()
		return got
	}
	want1, _ := gossh.NewPublicKey(&k1.PublicKey)
	want2, _ := gossh.NewPublicKey(&k2.PublicKey)
	if got := seen(); !bytes.Equal(got.Marshal(), want1.Marshal()) {
		t.Fatalf("host key %s, want %s", gossh.FingerprintSHA256(got), gossh.FingerprintSHA256(want1))
	}
	d.SetHostKey(k2)
	if got := seen(); !bytes.Equal(got.Marshal(), want2.Marshal()) {
		t.Fatalf("after create: host key %s, want %s", gossh.FingerprintSHA256(got), gossh.FingerprintSHA256(want2))
	}
	d.SetHostKey(nil)
	nc, br := lbRaw(t, addr)
	if l, err := br.ReadString('\n'); err != nil || l != "SSH-1.99-Comware-5.20\r\n" {
		t.Fatalf("identification %q, %v", l, err)
	}
	nc.Write([]byte("SSH-2.0-Test\r\n"))
	if !lbClosed(t, br) {
		t.Fatal("no host key: connection kept")
	}
	if _, err := gossh.Dial("tcp", addr, lbClientConfig("admin")); err == nil {
		t.Fatal("no host key: login succeeded")
	}
}

// TestPasswordAuth covers the password checks: right and wrong password,
// unknown user, a local user without service-type ssh, and the log
// buffer messages.
func TestPasswordAuth(t *testing.T) {
	d := loopDevice(t)
	d.Update(func(c *device.Config) error {
		c.Users["ops"] = device.LocalUser{Name: "ops", Password: device.EncryptPassword("ops"), Services: []string{"telnet"}, Level: 1}
		c.Users["mon"] = device.LocalUser{Name: "mon", Password: device.EncryptPassword("mon"), Services: []string{"ssh"}, Level: 1}
		return nil
	})
	srv, addr := loopServer(t, d, "")
	c := lbDial(t, addr, lbClientConfig("admin"))
	if l := lbShell(t, c, nil).line(t); !strings.HasPrefix(l, "user=admin level=3 line=0 version=2.0") {
		t.Errorf("admin: %q", l)
	}
	c2 := lbDial(t, addr, lbClientConfig("mon", gossh.Password("mon")))
	if l := lbShell(t, c2, nil).line(t); !strings.HasPrefix(l, "user=mon level=1 line=1 ") {
		t.Errorf("mon: %q", l)
	}
	for _, tc := range []struct{ user, pw string }{{"admin", "wrong"}, {"nobody", "admin"}, {"ops", "ops"}} {
		if _, err := gossh.Dial("tcp", addr, lbClientConfig(tc.user, gossh.Password(tc.pw))); err == nil {
			t.Errorf("%s/%s logged in", tc.user, tc.pw)
		}
	}
	c.Close()
	c2.Close()
	lbUntil(t, srv, "LOGOUT of admin and mon", func() bool {
		return lbLogHasAny(d, "STEL user admin (IP:127.0.0.1) logout because") && lbLogHasAny(d, "STEL user mon (IP:127.0.0.1) logout because")
	})
	for _, want := range []string{
		"SSH/4/AUTHSUCC:SSH user admin (IP:127.0.0.1) success to process PASSWORD Authentication!",
		"SSH/5/AUTH_FAILURE:SSH user admin (IP:127.0.0.1) failed to process PASSWORD Authentication!",
		"SSH/5/AUTH_FAILURE:SSH user ops (IP:127.0.0.1) failed to process PASSWORD Authentication!",
		"SSH/4/LOGIN:STEL user admin (IP:127.0.0.1) login succeeded!",
		"SSH/4/LOGOUT:STEL user admin (IP:127.0.0.1) logout because :SSH Client close the connection",
	} {
		if !strings.Contains(lbLogDump(d), want) {
			t.Errorf("log buffer lacks %q:\n%s", want, lbLogDump(d))
		}
	}
}

func lbLogHasAny(d *device.Device, want string) bool {
	for _, e := range d.LogEntries() {
		if strings.Contains(e.Text, want) {
			return true
		}
	}
	return false
}

// TestAuthRetries: ssh server authentication-retries N disconnects after
// N failed attempts.
func TestAuthRetries(t *testing.T) {
	for _, n := range []int{1, 2, 5} {
		d := loopDevice(t)
		d.Update(func(c *device.Config) error { c.SSH.AuthRetries = n; return nil })
		srv, addr := loopServer(t, d, "")
		tries := 0
		cb := gossh.RetryableAuthMethod(gossh.PasswordCallback(func() (string, error) {
			tries++
			return "wrong", nil
		}), 20)
		_, err := gossh.Dial("tcp", addr, lbClientConfig("admin", cb))
		if err == nil {
			t.Fatal("logged in with a wrong password")
		}
		if tries != n {
			t.Errorf("authentication-retries %d: the client had %d tries", n, tries)
		}
		lbUntil(t, srv, "LOGIN_FAILED log", func() bool { return lbLogHas(d, "LOGIN_FAILED", "authentication retries exceeded") })
		// A right password on the last try still gets in, and the
		// session shows the failed tries (display ssh server session).
		tries = 0
		cb = gossh.RetryableAuthMethod(gossh.PasswordCallback(func() (string, error) {
			tries++
			if tries == n {
				return "admin", nil
			}
			return "wrong", nil
		}), 20)
		c := lbDial(t, addr, lbClientConfig("admin", cb))
		lbShell(t, c, nil).line(t)
		var logins []device.Login
		for _, l := range d.Logins() {
			if l.User != "" { // the refused connection may still be closing
				logins = append(logins, l)
			}
		}
		if len(logins) != 1 || logins[0].Retry != n-1 || logins[0].State != "Established" || logins[0].User != "admin" ||
			logins[0].Version != "2.0" || logins[0].Cipher == "" || logins[0].Service != "Stelnet" {
			t.Errorf("authentication-retries %d: logins %+v", n, logins)
		}
		c.Close()
	}
}

// TestAuthTimeout: ssh server authentication-timeout S closes a client
// that has not authenticated S seconds after version exchange.
func TestAuthTimeout(t *testing.T) {
	d := loopDevice(t)
	d.Update(func(c *device.Config) error { c.SSH.AuthTimeout = 1; return nil })
	srv, addr := loopServer(t, d, "")
	nc, br := lbRaw(t, addr)
	br.ReadString('\n')
	nc.Write([]byte("SSH-2.0-Slow\r\n")) // then nothing: no KEXINIT, no auth
	if !lbClosed(t, br) {
		t.Fatal("connection kept past authentication-timeout")
	}
	lbUntil(t, srv, "AUTH_TIMEOUT log", func() bool { return lbLogHas(d, "AUTH_TIMEOUT", "authentication timed out") })
	// An authenticated session outlives the timeout.
	c := lbDial(t, addr, lbClientConfig("admin"))
	sh := lbShell(t, c, nil)
	sh.line(t)
	time.Sleep(1500 * time.Millisecond) // longer than the 1 s timeout
	sh.in.Write([]byte("still here\n"))
	if l := sh.line(t); l != "echo still here" {
		t.Errorf("after the timeout: %q", l)
	}
}

// TestServerEnable: undo ssh server enable refuses new connections and
// keeps existing ones; ssh server enable lets them in again.
func TestServerEnable(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "")
	c := lbDial(t, addr, lbClientConfig("admin"))
	sh := lbShell(t, c, nil)
	sh.line(t)
	d.Update(func(c *device.Config) error { c.SSH.Enabled = false; return nil })
	_, br := lbRaw(t, addr)
	if l, _ := br.ReadString('\n'); l != "" || !lbClosed(t, br) {
		t.Fatalf("disabled server answered %q", l)
	}
	sh.in.Write([]byte("hello\n"))
	if l := sh.line(t); l != "echo hello" {
		t.Errorf("existing session after undo ssh server enable: %q", l)
	}
	d.Update(func(c *device.Config) error { c.SSH.Enabled = true; return nil })
	lbDial(t, addr, lbClientConfig("admin")).Close()
}

// TestPublicKeyAuth covers ssh user authentication types with a peer key.
func TestPublicKeyAuth(t *testing.T) {
	k1, k2 := loopKeys(t)
	s1, _ := gossh.NewSignerFromKey(k1)
	s2, _ := gossh.NewSignerFromKey(k2)
	der, _ := lbMarshalPKIX(&k1.PublicKey)
	for _, tc := range []struct {
		authType string
		auth     []gossh.AuthMethod
		ok       bool
	}{
		{"publickey", []gossh.AuthMethod{gossh.PublicKeys(s1)}, true},
		{"publickey", []gossh.AuthMethod{gossh.PublicKeys(s2)}, false},
		{"publickey", []gossh.AuthMethod{gossh.Password("admin")}, false},
		{"password", []gossh.AuthMethod{gossh.PublicKeys(s1)}, false},
		{"password", []gossh.AuthMethod{gossh.Password("admin")}, true},
		{"any", []gossh.AuthMethod{gossh.PublicKeys(s1)}, true},
		{"any", []gossh.AuthMethod{gossh.Password("admin")}, true},
		{"password-publickey", []gossh.AuthMethod{gossh.PublicKeys(s1)}, false},
		{"password-publickey", []gossh.AuthMethod{gossh.Password("admin")}, false},
		{"password-publickey", []gossh.AuthMethod{gossh.PublicKeys(s1), gossh.Password("admin")}, true},
		{"password-publickey", []gossh.AuthMethod{gossh.Password("admin"), gossh.PublicKeys(s1)}, true},
		{"password-publickey", []gossh.AuthMethod{gossh.PublicKeys(s2), gossh.Password("admin")}, false},
	} {
		d := loopDevice(t)
		d.Update(func(c *device.Config) error {
			c.PeerKeys["key1"] = device.PeerKey{Name: "key1", DER: der}
			c.SSHUsers["admin"] = device.SSHUser{Name: "admin", Service: "stelnet", Auth: tc.authType, Key: "key1"}
			return nil
		})
		_, addr := loopServer(t, d, "")
		c, err := gossh.Dial("tcp", addr, lbClientConfig("admin", tc.auth...))
		if (err == nil) != tc.ok {
			t.Errorf("authentication-type %s with %d methods: err %v, want ok %v", tc.authType, len(tc.auth), err, tc.ok)
		}
		if err == nil {
			if l := lbShell(t, c, nil).line(t); !strings.HasPrefix(l, "user=admin level=3") {
				t.Errorf("%s: %q", tc.authType, l)
			}
			c.Close()
		}
	}
}

// TestPublicKeyWithoutLocalUser: a publickey ssh user needs no local
// user; its level is the line's user privilege level.
func TestPublicKeyWithoutLocalUser(t *testing.T) {
	k1, _ := loopKeys(t)
	s1, _ := gossh.NewSignerFromKey(k1)
	der, _ := lbMarshalPKIX(&k1.PublicKey)
	d := loopDevice(t)
	d.Update(func(c *device.Config) error {
		c.PeerKeys["k"] = device.PeerKey{Name: "k", DER: der}
		c.SSHUsers["robot"] = device.SSHUser{Name: "robot", Service: "all", Auth: "publickey", Key: "k"}
		c.VTY[0].Level = 2
		return nil
	})
	_, addr := loopServer(t, d, "")
	c := lbDial(t, addr, lbClientConfig("robot", gossh.PublicKeys(s1)))
	if l := lbShell(t, c, nil).line(t); !strings.HasPrefix(l, "user=robot level=2 line=0") {
		t.Errorf("%q", l)
	}
}

// TestServiceTypeSFTP: an ssh user with service-type sftp gets no shell.
func TestServiceTypeSFTP(t *testing.T) {
	d := loopDevice(t)
	d.Update(func(c *device.Config) error {
		c.SSHUsers["admin"] = device.SSHUser{Name: "admin", Service: "sftp", Auth: "password"}
		return nil
	})
	_, addr := loopServer(t, d, "")
	c := lbDial(t, addr, lbClientConfig("admin"))
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err == nil {
		t.Fatal("service-type sftp: shell accepted")
	}
}

// TestVTYLines: every connection holds a VTY line; with all 16 busy the
// next client reads the device's refusal and is disconnected; a freed
// line is reused.
func TestVTYLines(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "")
	var held []int
	for i := 0; i < device.MaxVTY-1; i++ {
		l, err := d.AcquireVTY(device.Login{Protocol: "SSH", User: "x"})
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, l)
	}
	c := lbDial(t, addr, lbClientConfig("admin"))
	if l := lbShell(t, c, nil).line(t); !strings.Contains(l, "line=15") {
		t.Errorf("last free line: %q", l)
	}
	nc, br := lbRaw(t, addr)
	_ = nc
	if l, _ := br.ReadString('\n'); l != "All user interfaces are used, please try later!\r\n" {
		t.Errorf("17th client read %q", l)
	}
	if !lbClosed(t, br) {
		t.Error("17th client kept")
	}
	d.ReleaseVTY(held[3])
	c2 := lbDial(t, addr, lbClientConfig("admin"))
	if l := lbShell(t, c2, nil).line(t); !strings.Contains(l, "line=3") {
		t.Errorf("freed line: %q", l)
	}
}

// TestLineSettings: protocol inbound telnet refuses SSH; authentication-mode
// password checks the line's password; none lets anyone in at the line's
// level.
func TestLineSettings(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "")
	d.Update(func(c *device.Config) error { c.VTY[0].Protocol = "telnet"; return nil })
	_, br := lbRaw(t, addr)
	if l, _ := br.ReadString('\n'); l != "" || !lbClosed(t, br) {
		t.Errorf("protocol inbound telnet: server sent %q", l)
	}

	d.Update(func(c *device.Config) error {
		for i := range c.VTY {
			c.VTY[i].Protocol = "all"
			c.VTY[i].AuthMode = "password"
			c.VTY[i].Password = device.EncryptPassword("linepw")
			c.VTY[i].Level = 1
		}
		return nil
	})
	if _, err := gossh.Dial("tcp", addr, lbClientConfig("anyone", gossh.Password("admin"))); err == nil {
		t.Error("password mode: the local user's password was accepted")
	}
	c := lbDial(t, addr, lbClientConfig("anyone", gossh.Password("linepw")))
	if l := lbShell(t, c, nil).line(t); !strings.HasPrefix(l, "user=anyone level=1 ") {
		t.Errorf("password mode: %q", l)
	}
	c.Close()

	d.Update(func(c *device.Config) error {
		for i := range c.VTY {
			c.VTY[i].AuthMode = "none"
			c.VTY[i].Level = -1
		}
		return nil
	})
	c = lbDial(t, addr, lbClientConfig("guest", gossh.Password("whatever")))
	if l := lbShell(t, c, nil).line(t); !strings.HasPrefix(l, "user=guest level=0") {
		t.Errorf("none mode: %q", l)
	}
}

// TestWindowChangeBeforeShell: a window-change between pty-req and shell
// neither hangs the session nor gets lost.
func TestWindowChangeBeforeShell(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "")
	c := lbDial(t, addr, lbClientConfig("admin"))
	sh := lbShell(t, c, func(s *gossh.Session) {
		for i := 0; i < 5; i++ {
			if err := s.WindowChange(40+i, 100+i); err != nil {
				t.Fatal(err)
			}
		}
	})
	if l := sh.line(t); !strings.HasSuffix(l, "term=vt100 window=104x44") {
		t.Errorf("first line %q", l)
	}
	sh.sess.WindowChange(30, 132)
	// Requests are handled in order: once this one is answered, the
	// window-change before it has been applied.
	sh.sess.SendRequest("keepalive@openssh.com", true, nil)
	sh.in.Write([]byte("window\n"))
	if l := sh.line(t); l != "window=132x30" {
		t.Errorf("after resize: %q", l)
	}
}

// TestExecStatus: exec runs the handler with the command and the handler's
// status reaches the client.
func TestExecStatus(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "")
	c := lbDial(t, addr, lbClientConfig("admin"))
	s, _ := c.NewSession()
	out, err := s.Output("display version")
	var ee *gossh.ExitError
	if !errors.As(err, &ee) || ee.ExitStatus() != 3 || !strings.Contains(string(out), "exec display version") {
		t.Errorf("exec: %v %q", err, out)
	}
}

// TestCloseWhileWriting: the client closes the channel while the handler
// is writing; the handler's write fails, nothing races (run with -race)
// and the server goes on.
func TestCloseWhileWriting(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "")
	for i := 0; i < 5; i++ {
		c := lbDial(t, addr, lbClientConfig("admin"))
		sh := lbShell(t, c, nil)
		sh.line(t)
		sh.in.Write([]byte("flood\n"))
		if l := sh.line(t); l != "flood" {
			t.Fatalf("flood: %q", l)
		}
		sh.sess.Close()
	}
}
