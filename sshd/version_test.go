package sshd

import (
	"bytes"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/device"
)

// TestIdentification checks stage 1's first line: SSH-1.99 while
// compatible-ssh1x is on (the default), SSH-2.0 after undo, the software
// string from the profile; and that x/crypto clients see the same line.
func TestIdentification(t *testing.T) {
	for _, tc := range []struct {
		compat bool
		want   string
	}{{true, "SSH-1.99-Comware-5.20"}, {false, "SSH-2.0-Comware-5.20"}} {
		d := loopDevice(t)
		d.Update(func(c *device.Config) error { c.SSH.Compatible1x = tc.compat; return nil })
		_, addr := loopServer(t, d, "")
		_, br := lbRaw(t, addr)
		line, err := br.ReadString('\n')
		if err != nil || line != tc.want+"\r\n" {
			t.Errorf("compatible %v: first line %q, %v; want %q", tc.compat, line, err, tc.want+"\r\n")
		}
		c := lbDial(t, addr, lbClientConfig("admin"))
		if got := string(c.ServerVersion()); got != tc.want {
			t.Errorf("compatible %v: client saw %q", tc.compat, got)
		}
	}
}

// TestVersionRefused sends what the server must refuse and checks that it
// closes the connection after its identification.
func TestVersionRefused(t *testing.T) {
	long := "SSH-2.0-" + strings.Repeat("x", 300) + "\r\n"
	for _, tc := range []struct {
		name   string
		compat bool
		send   string
	}{
		{"unsupported version", true, "SSH-3.0-Future\r\n"},
		{"version 1.0", true, "SSH-1.0-Old\r\n"},
		{"SSH-1 while compatible-ssh1x is off", false, "SSH-1.5-PuTTY_Release_0.78\r\n"},
		{"garbage", true, strings.Repeat("GET / HTTP/1.0\r\n", 20)},
		{"binary", true, "\x00\x01\x02\x03\n"},
		{"over-long line", true, long},
		{"no software version", true, "SSH-2.0\r\n"},
		{"control character", true, "SSH-2.0-a\x01b\r\n"},
		{"closed at once", true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := loopDevice(t)
			d.Update(func(c *device.Config) error { c.SSH.Compatible1x = tc.compat; return nil })
			_, addr := loopServer(t, d, "")
			nc, br := lbRaw(t, addr)
			if _, err := br.ReadString('\n'); err != nil {
				t.Fatal(err)
			}
			if tc.send == "" {
				nc.(*net.TCPConn).CloseWrite()
			} else {
				nc.Write([]byte(tc.send))
			}
			if !lbClosed(t, br) {
				t.Fatal("the server kept the connection open")
			}
		})
	}
}

// TestVersionTimeout: a client that sends nothing is disconnected after
// the negotiation timeout.
func TestVersionTimeout(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "", func(s *Server) { s.NegotiationTimeout = 100 * time.Millisecond })
	_, br := lbRaw(t, addr)
	if _, err := br.ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	if !lbClosed(t, br) {
		t.Fatal("the server kept a silent client")
	}
}

// lbPreambleConn prepends lines to the client's identification, as RFC 4253
// §4.2 lets a server do (and x/crypto tolerates from clients).
type lbPreambleConn struct {
	net.Conn
	pre  string
	sent bool
}

func (c *lbPreambleConn) Write(p []byte) (int, error) {
	if !c.sent {
		c.sent = true
		if _, err := c.Conn.Write(append([]byte(c.pre), p...)); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// TestVersionPreamble: lines before the identification are skipped and
// the login goes on (the exchange hash still verifies).
func TestVersionPreamble(t *testing.T) {
	d := loopDevice(t)
	_, addr := loopServer(t, d, "")
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	conn, chans, reqs, err := gossh.NewClientConn(&lbPreambleConn{Conn: nc, pre: "hello there\r\nsecond line\n"}, addr, lbClientConfig("admin"))
	if err != nil {
		t.Fatalf("login after preamble lines: %v", err)
	}
	c := gossh.NewClient(conn, chans, reqs)
	defer c.Close()
	sh := lbShell(t, c, nil)
	if l := sh.line(t); !strings.HasPrefix(l, "user=admin ") {
		t.Errorf("first line %q", l)
	}
}

// TestVersionPipelined: a client that sends its identification and its
// KEXINIT in one write, before reading the server's line, is understood:
// the KEXINIT (with only des-cbc) reaches key exchange, which fails on
// the cipher and logs why.
func TestVersionPipelined(t *testing.T) {
	d := loopDevice(t)
	srv, addr := loopServer(t, d, "")
	nc, br := lbRaw(t, addr)
	var buf bytes.Buffer
	buf.WriteString("SSH-2.0-Pipelined_1.0\r\n")
	buf.Write(lbKexinit([]string{"diffie-hellman-group14-sha1"}, []string{"des-cbc"}))
	if _, err := nc.Write(buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	if l, err := br.ReadString('\n'); err != nil || l != "SSH-1.99-Comware-5.20\r\n" {
		t.Fatalf("identification %q, %v", l, err)
	}
	if !lbClosed(t, br) {
		t.Fatal("connection not closed")
	}
	lbUntil(t, srv, "NEGOTIATE_FAIL log", func() bool { return lbLogHas(d, "NEGOTIATE_FAIL", "Client offered: des-cbc") })
}

// lbKexinit builds an unencrypted SSH_MSG_KEXINIT packet.
func lbKexinit(kex, ciphers []string) []byte {
	var p []byte
	p = append(p, 20)                  // SSH_MSG_KEXINIT
	p = append(p, make([]byte, 16)...) // cookie
	str := func(s string) {
		p = append(p, byte(len(s)>>24), byte(len(s)>>16), byte(len(s)>>8), byte(len(s)))
		p = append(p, s...)
	}
	str(strings.Join(kex, ","))
	str("ssh-rsa")
	str(strings.Join(ciphers, ","))
	str(strings.Join(ciphers, ","))
	str("hmac-sha1")
	str("hmac-sha1")
	str("none")
	str("none")
	str("")
	str("")
	p = append(p, 0, 0, 0, 0, 0) // first_kex_packet_follows, reserved
	pad := 8 - (len(p)+5)%8
	if pad < 4 {
		pad += 8
	}
	n := len(p) + pad + 1
	out := []byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n), byte(pad)}
	out = append(out, p...)
	return append(out, make([]byte, pad)...)
}

// FuzzParseIdent: the identification parser never panics, and what it
// accepts is a well-formed line whose protocol matches its numbers.
func FuzzParseIdent(f *testing.F) {
	for _, s := range []string{"SSH-2.0-OpenSSH_9.2p1 Debian-2", "SSH-1.99-Comware-5.20", "SSH-1.5-PuTTY_Release_0.78",
		"SSH-2.0-", "SSH-02.0-x", "SSH-2.0x-y", "SSH--x", "SSH-2.0-a\x00", "", "SSH-1.3-x", "SSH-9999999999999999999.0-x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		id, err := ParseIdent(line)
		if err != nil {
			if id.Protocol() != ProtoInvalid && id.Software != "" {
				t.Fatalf("%q: error %v but protocol %v", line, err, id.Protocol())
			}
			return
		}
		if !strings.HasPrefix(line, "SSH-") || id.Software == "" || id.Line != line {
			t.Fatalf("%q accepted as %+v", line, id)
		}
		for _, r := range line {
			if r < 0x20 || r > 0x7e {
				t.Fatalf("%q accepted with a control character", line)
			}
		}
		switch id.Protocol() {
		case ProtoSSH2:
			if !(id.Major == 2 && id.Minor == 0) && !(id.Major == 1 && id.Minor == 99) {
				t.Fatalf("%q: SSH-2 for %d.%d", line, id.Major, id.Minor)
			}
		case ProtoSSH1:
			if id.Major != 1 || id.Minor < 3 || id.Minor > 5 {
				t.Fatalf("%q: SSH-1 for %d.%d", line, id.Major, id.Minor)
			}
		}
	})
}

// FuzzNegotiate feeds arbitrary client bytes to stage 1 over an in-memory
// connection: it always returns (no hang, no panic), and when it accepts
// a client the replayed bytes are exactly what the client sent.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"SSH-2.0-OpenSSH_9.2\r\n", "junk\r\nSSH-2.0-x\r\n\x00\x00\x00\x0c", "SSH-1.5-PuTTY\n", "\n\n\n", strings.Repeat("a", 300)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		srvEnd, cliEnd := net.Pipe()
		defer srvEnd.Close()
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer cliEnd.Close()
			banner := make([]byte, len("SSH-2.0-Test\r\n"))
			if _, err := io.ReadFull(cliEnd, banner); err != nil {
				return
			}
			cliEnd.Write(data)
		}()
		id, pc, err := negotiate(srvEnd, "SSH-2.0-Test", 200*time.Millisecond)
		if err == nil {
			if !strings.HasPrefix(id.Line, "SSH-") {
				t.Fatalf("accepted %q", id.Line)
			}
			var got []byte
			buf := make([]byte, 512)
			for len(got) < len(data) {
				n, err := pc.Read(buf)
				got = append(got, buf[:n]...)
				if err != nil {
					break
				}
			}
			if !bytes.Equal(got, data) {
				t.Fatalf("replayed %q, client sent %q", got, data)
			}
		}
		srvEnd.Close()
		<-done
	})
}
