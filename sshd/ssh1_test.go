package sshd

import (
	"bufio"
	"bytes"
	"context"
	"crypto/cipher"
	"crypto/des"
	"crypto/rand"
	"crypto/rsa"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/blowfish"

	"switchemu/device"
	"switchemu/profiles"
)

// ssh1HostKey is one 2048-bit key for all the tests (making one per test
// costs more than the tests).
var ssh1HostKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// ssh1Clock is a settable device clock.
type ssh1Clock struct{ ns atomic.Int64 }

func (c *ssh1Clock) now() time.Time      { return time.Unix(0, c.ns.Load()) }
func (c *ssh1Clock) add(d time.Duration) { c.ns.Add(int64(d)) }

// ssh1Device is a device with the profile's keys and a local user
// admin/admin (service-type ssh, level 3).
func ssh1Device(t *testing.T, clock *ssh1Clock) *device.Device {
	t.Helper()
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	var opts device.Options
	if clock != nil {
		opts.Now = clock.now
	}
	dev := device.New(p, opts)
	dev.SetLoginDelays(time.Millisecond, 4*time.Millisecond) // TestLoginDelay sets its own
	if err := dev.SetHostKey(ssh1HostKey()); err != nil {
		t.Fatal(err)
	}
	err = dev.Update(func(c *device.Config) error {
		c.SSH.Enabled = true
		c.Users["admin"] = device.LocalUser{Name: "admin", Password: device.EncryptPassword("admin"), Services: []string{"ssh"}, Level: 3}
		c.Users["guest"] = device.LocalUser{Name: "guest", Password: device.EncryptPassword("guest"), Services: []string{"telnet"}}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dev
}

// ssh1Handler is the test's command line: exec "echo X" prints X, "big N"
// prints N bytes, "who" prints the session as the device sees it;
// interactive sessions echo lines until "quit".
func ssh1Handler(dev *device.Device) Handler {
	return func(ctx context.Context, s *Session) int {
		run := func(cmd string) int {
			switch {
			case strings.HasPrefix(cmd, "echo "):
				fmt.Fprintf(s.RW, "%s\r\n", cmd[5:])
			case strings.HasPrefix(cmd, "big "):
				var n int
				fmt.Sscan(cmd[4:], &n)
				buf := make([]byte, n)
				for i := range buf {
					buf[i] = byte('a' + i%26)
				}
				s.RW.Write(buf)
			case cmd == "who":
				w, h := s.Window()
				fmt.Fprintf(s.RW, "user=%s level=%d version=%s cipher=%s term=%s window=%dx%d line=%d\r\n",
					s.User, s.Level, s.Version, s.Cipher, s.Term, w, h, s.Line)
				for _, l := range dev.Logins() {
					fmt.Fprintf(s.RW, "login line=%d user=%s version=%s cipher=%s\r\n", l.Line, l.User, l.Version, l.Cipher)
				}
			case cmd == "fail":
				return 7
			default:
				fmt.Fprintf(s.RW, "unknown %q\r\n", cmd)
				return 1
			}
			return 0
		}
		if s.Command != "" {
			return run(s.Command)
		}
		br := bufio.NewReader(s.RW)
		for {
			fmt.Fprint(s.RW, "<3Com>")
			line, err := br.ReadString('\r')
			if err != nil {
				return 2
			}
			line = strings.TrimSpace(line)
			if line == "quit" {
				return 0
			}
			run(line)
		}
	}
}

// ssh1Serve starts a server for dev on a loopback port; it is closed, and
// checked for leftover VTY lines, when the test ends.
func ssh1Serve(t *testing.T, dev *device.Device, setup ...func(*Server)) (*Server, string) {
	t.Helper()
	srv := &Server{Device: dev, Handler: ssh1Handler(dev)}
	for _, f := range setup {
		f(srv)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-done; !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve: %v", err)
		}
		if l := dev.Logins(); len(l) != 0 {
			t.Errorf("VTY lines still taken after Close: %+v", l)
		}
	})
	return srv, ln.Addr().String()
}

func TestSSH1CRC(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint32
	}{
		{"", 0},
		{"123456789", 0x2DFD2D88},
	} {
		if got := ssh1CRC([]byte(tc.in)); got != tc.want {
			t.Errorf("ssh1CRC(%q) = %08x, want %08x", tc.in, got, tc.want)
		}
	}
}

// TestSSH1PacketRoundTrip sends packets of every padding length through
// each cipher and back, so that the CBC state must carry over from one
// packet to the next.
func TestSSH1PacketRoundTrip(t *testing.T) {
	key := make([]byte, 32)
	rand.Read(key)
	for _, cipherNo := range []byte{0, ssh1CipherDES, ssh1CipherTripleDES, ssh1CipherBlowfish} {
		t.Run(fmt.Sprint(cipherNo), func(t *testing.T) {
			var enc, dec ssh1Cipher
			if cipherNo != 0 {
				_, out, err := ssh1NewCiphers(cipherNo, key)
				if err != nil {
					t.Fatal(err)
				}
				in, _, _ := ssh1NewCiphers(cipherNo, key)
				enc, dec = out, in
			}
			var wire bytes.Buffer
			var sent [][]byte
			for n := range 40 {
				data := make([]byte, n*7)
				rand.Read(data)
				sent = append(sent, data)
				pkt := ssh1EncodePacket(byte(n+1), data, enc)
				if len(pkt)%8 != 4 {
					t.Fatalf("packet of %d bytes is not length + 8k", len(pkt))
				}
				wire.Write(pkt)
			}
			for n, want := range sent {
				typ, data, err := ssh1ReadPacket(&wire, dec)
				if err != nil || typ != byte(n+1) || !bytes.Equal(data, want) {
					t.Fatalf("packet %d: type %d err %v, data equal %v", n, typ, err, bytes.Equal(data, want))
				}
			}
		})
	}
}

// TestSSH1CipherDefinitions checks the ciphers against their definitions
// built from the block ciphers directly.
func TestSSH1CipherDefinitions(t *testing.T) {
	plain := make([]byte, 64)
	rand.Read(plain)
	key := make([]byte, 32)
	rand.Read(key)

	// 3DES with three equal keys: E-CBC then D-CBC cancel, leaving one
	// DES-CBC pass. With distinct keys, block 1 is E3(D2(E1(p)))
	// (the first block of every pass sees the zero IV).
	same := append(append(append([]byte{}, key[:8]...), key[:8]...), key[:8]...)
	same = append(same, key[24:]...)
	_, tdes, _ := ssh1NewCiphers(ssh1CipherTripleDES, same)
	_, sdes, _ := ssh1NewCiphers(ssh1CipherDES, key)
	a, b := make([]byte, 64), make([]byte, 64)
	tdes.CryptBlocks(a, plain)
	sdes.CryptBlocks(b, plain)
	if !bytes.Equal(a, b) {
		t.Errorf("3DES with k1=k2=k3 differs from DES-CBC")
	}
	_, tdes, _ = ssh1NewCiphers(ssh1CipherTripleDES, key)
	tdes.CryptBlocks(a, plain)
	var blk [3]cipher.Block
	for i := range blk {
		blk[i], _ = des.NewCipher(key[8*i : 8*i+8])
	}
	want := make([]byte, 8)
	blk[0].Encrypt(want, plain[:8])
	blk[1].Decrypt(want, want)
	blk[2].Encrypt(want, want)
	if !bytes.Equal(a[:8], want) {
		t.Errorf("3DES block 1 = %x, want E3(D2(E1(p))) = %x", a[:8], want)
	}
	// Inner CBC: the second block's outer pass chains on the first
	// pass's ciphertext, not on the final output (outer CBC would).
	e1 := make([]byte, 16)
	for i := range 8 {
		e1[8+i] = plain[8+i]
	}
	blk[0].Encrypt(e1[:8], plain[:8])
	x := make([]byte, 8)
	for i := range 8 {
		x[i] = plain[8+i] ^ e1[i]
	}
	blk[0].Encrypt(e1[8:], x)
	d2 := make([]byte, 16)
	blk[1].Decrypt(d2[:8], e1[:8])
	blk[1].Decrypt(d2[8:], e1[8:])
	for i := range 8 {
		d2[8+i] ^= e1[i]
	}
	e3 := make([]byte, 16)
	blk[2].Encrypt(e3[:8], d2[:8])
	for i := range 8 {
		x[i] = d2[8+i] ^ e3[i]
	}
	blk[2].Encrypt(e3[8:], x)
	if !bytes.Equal(a[:16], e3) {
		t.Errorf("3DES blocks 1-2 = %x, want inner-CBC %x", a[:16], e3)
	}

	// Blowfish on little-endian words: the first block is the block
	// cipher applied to the byte-swapped words, swapped back.
	_, bf, _ := ssh1NewCiphers(ssh1CipherBlowfish, key)
	bf.CryptBlocks(a, plain)
	bc, _ := blowfish.NewCipher(key)
	var p8 [8]byte
	binary.BigEndian.PutUint32(p8[:4], binary.LittleEndian.Uint32(plain[:4]))
	binary.BigEndian.PutUint32(p8[4:], binary.LittleEndian.Uint32(plain[4:8]))
	bc.Encrypt(p8[:], p8[:])
	var w8 [8]byte
	binary.LittleEndian.PutUint32(w8[:4], binary.BigEndian.Uint32(p8[:4]))
	binary.LittleEndian.PutUint32(w8[4:], binary.BigEndian.Uint32(p8[4:]))
	if !bytes.Equal(a[:8], w8[:]) {
		t.Errorf("Blowfish block 1 = %x, want %x", a[:8], w8)
	}

	if _, _, err := ssh1NewCiphers(1, key); err == nil {
		t.Errorf("IDEA accepted")
	}
}

// TestSSH1PublicKey checks the public-key packet: server key distinct
// from the device's host key, 3DES|Blowfish|DES and password only.
func TestSSH1PublicKey(t *testing.T) {
	dev := ssh1Device(t, nil)
	_, addr := ssh1Serve(t, dev)
	c := ssh1Dial(t, addr)
	if c.banner != "SSH-1.99-Comware-5.20" {
		t.Errorf("banner %q", c.banner)
	}
	c.publicKey()
	hk, sk := dev.CurrentHostKey(), dev.CurrentServerKey()
	if c.host.N.Cmp(hk.Key.N) != 0 || c.host.E != hk.Key.E || c.hostBits != 2048 {
		t.Errorf("host key is not the device's (%d bits)", c.hostBits)
	}
	if c.server.N.Cmp(sk.Key.N) != 0 || c.srvBits != 1024 || c.server.N.Cmp(c.host.N) == 0 {
		t.Errorf("server key is not the device's distinct 1024-bit key (%d bits)", c.srvBits)
	}
	if c.cipherMask != 0x4C || c.authMask != 0x0C {
		t.Errorf("cipher mask %#x, auth mask %#x; want 0x4c, 0xc", c.cipherMask, c.authMask)
	}
}

// TestSSH1Exec logs in with each cipher and runs a command; the session
// is on a VTY line as version 1.5 with its cipher, and the log buffer
// records the login.
func TestSSH1Exec(t *testing.T) {
	dev := ssh1Device(t, nil)
	_, addr := ssh1Serve(t, dev)
	for _, tc := range []struct {
		cipher byte
		name   string
	}{{ssh1CipherTripleDES, "3DES"}, {ssh1CipherBlowfish, "BLOWFISH"}, {ssh1CipherDES, "DES"}} {
		t.Run(tc.name, func(t *testing.T) {
			c := ssh1Dial(t, addr)
			c.handshake(tc.cipher)
			if !c.login("admin", "admin") {
				t.Fatal("login refused")
			}
			if err := c.send(ssh1CmsgExecCmd, ssh1Builder(nil).string([]byte("who"))); err != nil {
				t.Fatal(err)
			}
			out, code := c.session()
			want := fmt.Sprintf("user=admin level=3 version=1.5 cipher=%s term= window=0x0 line=0\r\nlogin line=0 user=admin version=1.5 cipher=%s\r\n", tc.name, tc.name)
			if out != want || code != 0 {
				t.Errorf("exec who: status %d, output\n%q\nwant\n%q", code, out, want)
			}
			c.rawClosed()
		})
	}
	c := ssh1Dial(t, addr)
	c.handshake(ssh1CipherTripleDES)
	c.login("admin", "admin")
	c.send(ssh1CmsgExecCmd, ssh1Builder(nil).string([]byte("fail")))
	if _, code := c.session(); code != 7 {
		t.Errorf("exit status %d, want 7", code)
	}
	c.rawClosed()
	var logins, logouts, auths int
	for _, e := range dev.LogEntries() {
		switch {
		case e.Module == "SSH" && e.Digest == "LOGIN" && e.Text == "STEL user admin (IP:127.0.0.1) login succeeded!":
			logins++
		case e.Module == "SSH" && e.Digest == "LOGOUT":
			logouts++
		case e.Module == "SSH" && e.Digest == "AUTHSUCC":
			auths++
		}
	}
	if logins != 4 || auths != 4 || logouts != 4 {
		t.Errorf("log buffer: %d LOGIN, %d AUTHSUCC, %d LOGOUT; want 4 of each\n%v", logins, auths, logouts, dev.LogEntries())
	}
}

// TestSSH1Interactive runs a shell on a pty: window size from the pty
// request and from a later window change, stdin, large output, quit.
func TestSSH1Interactive(t *testing.T) {
	dev := ssh1Device(t, nil)
	_, addr := ssh1Serve(t, dev)
	c := ssh1Dial(t, addr)
	c.handshake(ssh1CipherBlowfish)
	if !c.login("admin", "admin") {
		t.Fatal("login refused")
	}
	// Requests the device does not support are refused, and the
	// session goes on.
	for _, typ := range []byte{ssh1CmsgRequestCompression, ssh1CmsgAgentRequestFwd} {
		b := ssh1Builder(nil)
		if typ == ssh1CmsgRequestCompression {
			b = b.uint32(6)
		}
		c.send(typ, b)
		c.expect(ssh1SmsgFailure)
	}
	c.send(ssh1CmsgMaxPacketSize, ssh1Builder(nil).uint32(32768))
	c.expect(ssh1SmsgSuccess)
	c.requestPty("xterm", 24, 80)
	c.send(ssh1MsgIgnore, ssh1Builder(nil).string([]byte("camouflage")))
	c.send(ssh1CmsgExecShell, nil)
	c.readUntil("<3Com>")
	c.stdin("who\r")
	if out := c.readUntil("<3Com>"); !strings.Contains(out, "term=xterm window=80x24") {
		t.Errorf("who: %q", out)
	}
	c.send(ssh1CmsgWindowSize, ssh1Builder(nil).uint32(50).uint32(132).uint32(0).uint32(0))
	c.stdin("w")
	c.stdin("ho\r")
	if out := c.readUntil("<3Com>"); !strings.Contains(out, "window=132x50") {
		t.Errorf("who after window change: %q", out)
	}
	c.stdin("big 300000\r")
	out := c.readUntil("<3Com>")
	if n := strings.Count(out, "abcdefghijklmnopqrstuvwxyz"); n != 300000/26 {
		t.Errorf("big output: %d alphabets in %d bytes", n, len(out))
	}
	c.stdin("quit\r")
	if _, code := c.session(); code != 0 {
		t.Errorf("exit status %d", code)
	}
	c.rawClosed()
}

// TestSSH1ClientEOF: a client that sends EOF ends the shell (its reads
// end), and the session is released.
func TestSSH1ClientEOF(t *testing.T) {
	dev := ssh1Device(t, nil)
	_, addr := ssh1Serve(t, dev)
	c := ssh1Dial(t, addr)
	c.handshake(ssh1CipherTripleDES)
	c.login("admin", "admin")
	c.send(ssh1CmsgExecShell, nil)
	c.readUntil("<3Com>")
	c.send(ssh1CmsgEOF, nil)
	if _, code := c.session(); code != 2 {
		t.Errorf("exit status %d, want 2 (read error)", code)
	}
	c.rawClosed()
}

// TestSSH1Disconnect: a client that disconnects mid-session ends it and
// frees its VTY line (checked when the server closes).
func TestSSH1Disconnect(t *testing.T) {
	dev := ssh1Device(t, nil)
	srv, addr := ssh1Serve(t, dev)
	c := ssh1Dial(t, addr)
	c.handshake(ssh1CipherTripleDES)
	c.login("admin", "admin")
	c.send(ssh1CmsgExecShell, nil)
	c.readUntil("<3Com>")
	if len(dev.Logins()) != 1 {
		t.Fatalf("logins %+v", dev.Logins())
	}
	c.send(ssh1MsgDisconnect, ssh1Builder(nil).string([]byte("bye")))
	c.rawClosed()
	srv.Close()
	if len(dev.Logins()) != 0 {
		t.Errorf("line not released: %+v", dev.Logins())
	}
}

// TestSSH1Auth checks wrong passwords, a user without service-type ssh,
// unsupported methods, and the retry limit.
func TestSSH1Auth(t *testing.T) {
	dev := ssh1Device(t, nil)
	_, addr := ssh1Serve(t, dev)

	c := ssh1Dial(t, addr)
	c.handshake(ssh1CipherTripleDES)
	if c.login("guest", "guest") {
		t.Error("user without service-type ssh logged in")
	}
	// RSA authentication is not offered: refused, not fatal.
	c.send(ssh1CmsgAuthRSA, ssh1Builder(nil).mpint(ssh1HostKey().N))
	c.expect(ssh1SmsgFailure)
	if reason := c.closedAfterPassword("nope"); reason != "" {
		t.Errorf("second failure (of 3) disconnected: %q", reason)
	}
	if reason := c.closedAfterPassword("guest"); reason != "Too many authentication failures for guest" {
		t.Errorf("third failure: disconnect reason %q", reason)
	}
	c.rawClosed()

	// authentication-retries 1: the first failure disconnects.
	dev.Update(func(cfg *device.Config) error { cfg.SSH.AuthRetries = 1; return nil })
	c = ssh1Dial(t, addr)
	c.handshake(ssh1CipherTripleDES)
	c.send(ssh1CmsgUser, ssh1Builder(nil).string([]byte("admin")))
	c.expect(ssh1SmsgFailure)
	c.send(ssh1CmsgAuthPassword, ssh1Builder(nil).string([]byte("wrong")))
	if reason := c.closed(); reason != "Too many authentication failures for admin" {
		t.Errorf("retries 1: disconnect reason %q", reason)
	}
	fails := 0
	for _, e := range dev.LogEntries() {
		if e.Digest == "AUTH_FAILURE" && strings.Contains(e.Text, "failed to process PASSWORD Authentication!") {
			fails++
		}
	}
	if fails != 4 {
		t.Errorf("%d AUTH_FAILURE log entries, want 4", fails)
	}
	if !ssh1Logged(dev, "LOGIN_FAILED", "SSH user guest (IP:127.0.0.1) login failed: authentication retries exceeded!") ||
		!ssh1Logged(dev, "LOGIN_FAILED", "SSH user admin (IP:127.0.0.1) login failed: authentication retries exceeded!") {
		t.Errorf("no LOGIN_FAILED entries: %v", dev.LogEntries())
	}
}

// TestSSH1RSAAuth logs in with RSA authentication: a key the user has
// (2048 and 768 bits), a key the user does not have (refused, not
// counted), and a wrong answer to the challenge (counted).
func TestSSH1RSAAuth(t *testing.T) {
	dev := ssh1Device(t, nil)
	small, err := device.GenerateRSAKey(768)
	if err != nil {
		t.Fatal(err)
	}
	other, err := device.GenerateRSAKey(1024)
	if err != nil {
		t.Fatal(err)
	}
	_, addr := ssh1Serve(t, dev, func(s *Server) {
		s.ssh1.userKey = func(user string, n *big.Int) (*rsa.PublicKey, int, bool) {
			for _, k := range []*rsa.PrivateKey{ssh1HostKey(), small} {
				if user == "admin" && n.Cmp(k.N) == 0 {
					return &k.PublicKey, 2, true
				}
			}
			return nil, 0, false
		}
	})
	for _, key := range []*rsa.PrivateKey{ssh1HostKey(), small} {
		c := ssh1Dial(t, addr)
		c.handshake(ssh1CipherTripleDES)
		c.send(ssh1CmsgUser, ssh1Builder(nil).string([]byte("admin")))
		c.expect(ssh1SmsgFailure)
		if ok, challenged := c.rsaAuth(other, false); ok || challenged {
			t.Fatalf("unknown key: accepted %v, challenged %v", ok, challenged)
		}
		if ok, _ := c.rsaAuth(key, true); ok {
			t.Fatal("wrong challenge answer accepted")
		}
		if ok, _ := c.rsaAuth(key, false); !ok {
			t.Fatalf("%d-bit key refused", key.N.BitLen())
		}
		c.send(ssh1CmsgExecCmd, ssh1Builder(nil).string([]byte("who")))
		if out, _ := c.session(); !strings.HasPrefix(out, "user=admin level=2 version=1.5") {
			t.Errorf("session after RSA authentication: %q", out)
		}
		c.rawClosed()
	}
	if !ssh1Logged(dev, "AUTHSUCC", "SSH user admin (IP:127.0.0.1) success to process PUBLICKEY Authentication!") ||
		!ssh1Logged(dev, "AUTH_FAILURE", "SSH user admin (IP:127.0.0.1) failed to process PUBLICKEY Authentication!") {
		t.Errorf("log buffer: %v", dev.LogEntries())
	}
	// Wrong answers count against authentication-retries (3).
	c := ssh1Dial(t, addr)
	c.handshake(ssh1CipherTripleDES)
	c.send(ssh1CmsgUser, ssh1Builder(nil).string([]byte("admin")))
	c.expect(ssh1SmsgFailure)
	c.rsaAuth(small, true)
	c.rsaAuth(small, true)
	c.send(ssh1CmsgAuthRSA, ssh1Builder(nil).mpint(small.N))
	r := ssh1Reader{b: c.expect(ssh1SmsgAuthRSAChallenge)}
	r.mpint()
	c.send(ssh1CmsgAuthRSAResponse, make([]byte, 16))
	if reason := c.closed(); reason != "Too many authentication failures for admin" {
		t.Errorf("third wrong answer: disconnect reason %q", reason)
	}
}

// closedAfterPassword sends a wrong password and returns the disconnect
// reason if the server disconnected, "" if it answered FAILURE.
func (c *ssh1Client) closedAfterPassword(pw string) string {
	c.t.Helper()
	c.send(ssh1CmsgAuthPassword, ssh1Builder(nil).string([]byte(pw)))
	typ, data, err := c.recv()
	if err != nil {
		c.t.Fatal(err)
	}
	switch typ {
	case ssh1SmsgFailure:
		return ""
	case ssh1MsgDisconnect:
		r := ssh1Reader{b: data}
		return r.string()
	}
	c.t.Fatalf("message %d", typ)
	return ""
}

// TestSSH1AuthTimeout: a client that does not log in within
// authentication-timeout is disconnected.
func TestSSH1AuthTimeout(t *testing.T) {
	dev := ssh1Device(t, nil)
	dev.Update(func(cfg *device.Config) error { cfg.SSH.AuthTimeout = 1; return nil })
	_, addr := ssh1Serve(t, dev)
	c := ssh1Dial(t, addr)
	c.handshake(ssh1CipherTripleDES)
	c.send(ssh1CmsgUser, ssh1Builder(nil).string([]byte("admin")))
	c.expect(ssh1SmsgFailure)
	c.rawClosed() // the server's deadline, not ours (60 s), ends it
	if !ssh1Logged(dev, "AUTH_TIMEOUT", "SSH user admin (IP:127.0.0.1) authentication timed out!") {
		t.Errorf("no AUTH_TIMEOUT entry: %v", dev.LogEntries())
	}
}

// ssh1Logged reports whether the log buffer has an SSH entry.
func ssh1Logged(dev *device.Device, digest, text string) bool {
	for _, e := range dev.LogEntries() {
		if e.Module == "SSH" && e.Digest == digest && e.Text == text {
			return true
		}
	}
	return false
}

// TestSSH1Refused: with compatible-ssh1x off the server announces 2.0
// and closes an SSH-1 client's connection at stage 1; turning it back on
// serves SSH-1 again.
func TestSSH1Refused(t *testing.T) {
	dev := ssh1Device(t, nil)
	_, addr := ssh1Serve(t, dev)
	dev.Update(func(cfg *device.Config) error { cfg.SSH.Compatible1x = false; return nil })
	c := ssh1Dial(t, addr)
	if c.banner != "SSH-2.0-Comware-5.20" {
		t.Errorf("banner %q", c.banner)
	}
	c.rawClosed()
	dev.Update(func(cfg *device.Config) error { cfg.SSH.Compatible1x = true; return nil })
	c = ssh1Dial(t, addr)
	c.publicKey()
}

// TestSSH1NoFreeLine: when every VTY line is busy the login is refused
// with a message: before the identification if the line is taken at
// accept, or as a DISCONNECT when the session would start.
func TestSSH1NoFreeLine(t *testing.T) {
	dev := ssh1Device(t, nil)
	_, addr := ssh1Serve(t, dev)
	for range device.MaxVTY {
		l, err := dev.AcquireVTY(device.Login{User: "x"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { dev.ReleaseVTY(l) })
	}
	nc, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(60 * time.Second))
	br := bufio.NewReader(nc)
	first, err := br.ReadString('\n')
	if err != nil {
		t.Fatalf("first line: %v", err)
	}
	if !strings.HasPrefix(first, "SSH-") {
		// Refused at accept: a message, then nothing.
		rest, err := br.ReadString('\n')
		if rest != "" || err == nil {
			t.Errorf("after %q the server sent %q, %v", first, rest, err)
		}
		return
	}
	nc.Write([]byte("SSH-1.5-switchemu_test\n"))
	c := &ssh1Client{t: t, nc: nc, r: br, banner: strings.TrimSpace(first)}
	c.handshake(ssh1CipherTripleDES)
	c.login("admin", "admin")
	c.send(ssh1CmsgExecCmd, ssh1Builder(nil).string([]byte("who")))
	if reason := c.closed(); reason == "" {
		t.Error("no disconnect reason")
	}
}

// TestSSH1Malformed: bad input at each phase ends the connection
// cleanly: a DISCONNECT where the client can still read one, then EOF,
// and no session left behind.
func TestSSH1Malformed(t *testing.T) {
	dev := ssh1Device(t, nil)
	_, addr := ssh1Serve(t, dev)
	raw := func(c *ssh1Client, b []byte) {
		if _, err := c.nc.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	lengthOnly := func(n uint32) []byte { return binary.BigEndian.AppendUint32(nil, n) }
	badCRC := func(c *ssh1Client) []byte {
		p := ssh1EncodePacket(ssh1MsgIgnore, ssh1Builder(nil).string([]byte("x")), nil)
		p[len(p)-1] ^= 1
		return p
	}
	tests := []struct {
		name   string
		phase  string // "kex": before the session key, "auth", "session"
		send   func(c *ssh1Client)
		reason string // "" = only EOF expected (or the client cannot decrypt)
	}{
		{"oversized length", "kex", func(c *ssh1Client) { raw(c, lengthOnly(ssh1MaxPacket+1)) }, "Bad packet length."},
		{"zero length", "kex", func(c *ssh1Client) { raw(c, lengthOnly(0)) }, "Bad packet length."},
		{"huge length", "auth", func(c *ssh1Client) { raw(c, lengthOnly(0xFFFFFFFF)) }, "Bad packet length."},
		{"bad CRC in clear", "kex", func(c *ssh1Client) { raw(c, badCRC(c)) }, "Corrupted check bytes on input."},
		{"truncated packet", "kex", func(c *ssh1Client) {
			raw(c, lengthOnly(100)[:4])
			raw(c, []byte{1, 2, 3})
			c.nc.(*net.TCPConn).CloseWrite()
		}, ""},
		{"wrong first message", "kex", func(c *ssh1Client) { c.send(ssh1CmsgUser, ssh1Builder(nil).string([]byte("admin"))) }, "Protocol error: unexpected message type 4"},
		{"wrong cookie", "kex", func(c *ssh1Client) {
			c.publicKey()
			c.send(ssh1CmsgSessionKey, c.sessionKeyPacket(ssh1CipherTripleDES, make([]byte, 32), make([]byte, 8)))
		}, "IP spoofing check bytes do not match."},
		{"unsupported cipher", "kex", func(c *ssh1Client) {
			c.publicKey()
			c.send(ssh1CmsgSessionKey, c.sessionKeyPacket(1, make([]byte, 32), c.cookie))
		}, "Warning: client selects unsupported cipher 1."},
		{"session key not encrypted", "kex", func(c *ssh1Client) {
			c.publicKey()
			b := ssh1Builder{ssh1CipherTripleDES}
			b = append(b, c.cookie...)
			c.send(ssh1CmsgSessionKey, b.mpint(big1).uint32(0))
		}, ""},
		{"truncated session key", "kex", func(c *ssh1Client) {
			c.publicKey()
			c.send(ssh1CmsgSessionKey, append(ssh1Builder{ssh1CipherTripleDES}, c.cookie[:3]...))
		}, ""},
		{"bad CRC encrypted", "auth", func(c *ssh1Client) {
			// Encrypt a packet whose CRC is wrong.
			p := ssh1EncodePacket(ssh1MsgIgnore, nil, nil)
			body := p[4:]
			body[len(body)-1] ^= 0xFF
			c.out.CryptBlocks(body, body)
			raw(c, p)
		}, "Corrupted check bytes on input."},
		{"unknown type in auth", "auth", func(c *ssh1Client) { c.send(200, nil) }, "Protocol error: unexpected message type 200"},
		{"password before user", "auth", func(c *ssh1Client) { c.send(ssh1CmsgAuthPassword, ssh1Builder(nil).string([]byte("admin"))) }, "Protocol error: unexpected message type 9"},
		{"user with trailing bytes", "auth", func(c *ssh1Client) { c.send(ssh1CmsgUser, append(ssh1Builder(nil).string([]byte("admin")), 0)) }, ""},
		{"string longer than packet", "auth", func(c *ssh1Client) { c.send(ssh1CmsgUser, ssh1Builder(nil).uint32(1000)) }, ""},
		{"unknown type in session", "session", func(c *ssh1Client) { c.send(99, nil) }, "Protocol error: unexpected message type 99"},
		{"short pty request", "session", func(c *ssh1Client) { c.send(ssh1CmsgRequestPty, ssh1Builder(nil).string([]byte("vt100")).uint32(24)) }, ""},
		{"exit confirmation too early", "shell", func(c *ssh1Client) { c.send(ssh1CmsgExitConfirmation, nil) }, "Protocol error: unexpected message type 33"},
		{"short window size", "shell", func(c *ssh1Client) { c.send(ssh1CmsgWindowSize, ssh1Builder(nil).uint32(24)) }, ""},
		{"bad length in shell", "shell", func(c *ssh1Client) { raw(c, lengthOnly(ssh1MaxPacket+8)) }, "Bad packet length."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := ssh1Dial(t, addr)
			switch tc.phase {
			case "auth":
				c.handshake(ssh1CipherTripleDES)
			case "session", "shell":
				c.handshake(ssh1CipherTripleDES)
				if !c.login("admin", "admin") {
					t.Fatal("login refused")
				}
			}
			if tc.phase == "shell" {
				c.send(ssh1CmsgExecShell, nil)
				c.readUntil("<3Com>")
			}
			if tc.phase == "kex" && !strings.HasPrefix(tc.name, "wrong cookie") && !strings.HasPrefix(tc.name, "unsupported") &&
				!strings.HasPrefix(tc.name, "session key") && !strings.HasPrefix(tc.name, "truncated session") {
				c.publicKey()
			}
			tc.send(c)
			var reason string
			if tc.phase == "shell" {
				// The shell's output may come first.
				for {
					typ, data, err := c.recv()
					if err != nil {
						break
					}
					if typ == ssh1MsgDisconnect {
						r := ssh1Reader{b: data}
						reason = r.string()
					}
				}
			} else {
				reason = c.closed()
			}
			if reason != tc.reason {
				t.Errorf("disconnect reason %q, want %q", reason, tc.reason)
			}
		})
	}
	// The server still serves after all that.
	c := ssh1Dial(t, addr)
	c.handshake(ssh1CipherTripleDES)
	if !c.login("admin", "admin") {
		t.Fatal("login refused after the malformed connections")
	}
}

var big1 = big.NewInt(1)

// TestSSH1ServerKeyRekey: the server regenerates the server key once it
// is rekey-interval hours old, never with interval 0, and its loop ends
// with Close.
func TestSSH1ServerKeyRekey(t *testing.T) {
	clock := &ssh1Clock{}
	clock.ns.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	dev := ssh1Device(t, clock)
	rekeyed := make(chan struct{}, 1)
	srv, addr := ssh1Serve(t, dev, func(s *Server) {
		s.ssh1.every = time.Millisecond
		s.ssh1.onRekey = func() { rekeyed <- struct{}{} }
	})
	first := dev.CurrentServerKey()
	clock.add(100 * time.Hour) // interval 0: never
	c := ssh1Dial(t, addr)
	c.publicKey()
	if c.server.N.Cmp(first.Key.N) != 0 {
		t.Fatal("server key changed with rekey-interval 0")
	}
	dev.Update(func(cfg *device.Config) error { cfg.SSH.RekeyInterval = 1; return nil })
	select {
	case <-rekeyed:
	case <-time.After(30 * time.Second):
		t.Fatal("server key not regenerated")
	}
	second := dev.CurrentServerKey()
	if second.Key.N.Cmp(first.Key.N) == 0 || !second.Created.Equal(clock.now()) {
		t.Fatalf("server key not new: created %v", second.Created)
	}
	c = ssh1Dial(t, addr)
	c.publicKey()
	if c.server.N.Cmp(second.Key.N) != 0 {
		t.Error("clients are not offered the new server key")
	}
	srv.Close() // returns only once the loop has ended
}
