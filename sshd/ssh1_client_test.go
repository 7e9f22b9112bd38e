package sshd

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"
)

// ssh1Client is a small SSH-1.5 client for the tests: the framing and
// ciphers are the server's own (they are symmetric), the key exchange and
// the messages are the client's side of the protocol.
type ssh1Client struct {
	t      *testing.T
	nc     net.Conn
	r      *bufio.Reader
	in     ssh1Cipher
	out    ssh1Cipher
	banner string

	cookie            []byte
	sessionID         []byte
	host, server      *rsa.PublicKey
	hostBits, srvBits uint32
	cipherMask        uint32
	authMask          uint32
}

// ssh1Dial connects, reads the server's identification and sends
// "SSH-1.5-...".
func ssh1Dial(t *testing.T, addr string) *ssh1Client {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	// Bound every test exchange: a hung server fails the test instead
	// of the whole run.
	nc.SetDeadline(time.Now().Add(60 * time.Second))
	c := &ssh1Client{t: t, nc: nc, r: bufio.NewReader(nc)}
	line, err := c.r.ReadString('\n')
	if err != nil {
		t.Fatalf("server identification: %v", err)
	}
	c.banner = strings.TrimRight(line, "\r\n")
	if _, err := nc.Write([]byte("SSH-1.5-switchemu_test\n")); err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *ssh1Client) send(typ byte, data []byte) error {
	_, err := c.nc.Write(ssh1EncodePacket(typ, data, c.out))
	return err
}

func (c *ssh1Client) recv() (byte, []byte, error) {
	return ssh1ReadPacket(c.r, c.in)
}

// expect reads packets, skipping IGNORE and DEBUG, and fails the test
// unless the next one has type want.
func (c *ssh1Client) expect(want byte) []byte {
	c.t.Helper()
	for {
		typ, data, err := c.recv()
		if err != nil {
			c.t.Fatalf("waiting for message %d: %v", want, err)
		}
		if typ == ssh1MsgIgnore || typ == ssh1MsgDebug {
			continue
		}
		if typ != want {
			c.t.Fatalf("got message %d (%q), want %d", typ, data, want)
		}
		return data
	}
}

// publicKey reads SMSG_PUBLIC_KEY.
func (c *ssh1Client) publicKey() {
	c.t.Helper()
	r := ssh1Reader{b: c.expect(ssh1SmsgPublicKey)}
	c.cookie = r.bytes(8)
	c.srvBits = r.uint32()
	se, sn := r.mpint(), r.mpint()
	c.hostBits = r.uint32()
	he, hn := r.mpint(), r.mpint()
	r.uint32() // protocol flags
	c.cipherMask = r.uint32()
	c.authMask = r.uint32()
	if err := r.done(); err != nil {
		c.t.Fatalf("public key packet: %v", err)
	}
	c.server = &rsa.PublicKey{N: sn, E: int(se.Int64())}
	c.host = &rsa.PublicKey{N: hn, E: int(he.Int64())}
}

// sessionKeyPacket builds SMSG_SESSION_KEY for cipher with key, as PuTTY
// does: XOR with the session id, encrypt under the smaller key, then the
// larger.
func (c *ssh1Client) sessionKeyPacket(cipher byte, key []byte, cookie []byte) []byte {
	c.t.Helper()
	id := md5.Sum(append(append(c.host.N.Bytes(), c.server.N.Bytes()...), c.cookie...))
	c.sessionID = id[:]
	buf := append([]byte(nil), key...)
	for i := range id {
		buf[i] ^= id[i]
	}
	small, large := c.host, c.server
	if c.host.Size() > c.server.Size() {
		small, large = c.server, c.host
	}
	enc, err := rsa.EncryptPKCS1v15(rand.Reader, small, buf)
	if err != nil {
		c.t.Fatal(err)
	}
	enc, err = rsa.EncryptPKCS1v15(rand.Reader, large, enc)
	if err != nil {
		c.t.Fatal(err)
	}
	b := ssh1Builder{cipher}
	b = append(b, cookie...)
	return b.mpint(new(big.Int).SetBytes(enc)).uint32(0)
}

// handshake runs the key exchange with cipher and waits for SUCCESS.
func (c *ssh1Client) handshake(cipher byte) {
	c.t.Helper()
	c.publicKey()
	key := make([]byte, 32)
	rand.Read(key)
	if err := c.send(ssh1CmsgSessionKey, c.sessionKeyPacket(cipher, key, c.cookie)); err != nil {
		c.t.Fatal(err)
	}
	in, out, err := ssh1NewCiphers(cipher, key)
	if err != nil {
		c.t.Fatal(err)
	}
	c.in, c.out = in, out
	c.expect(ssh1SmsgSuccess)
}

// login sends the user name and a password and reports whether the
// server accepted it.
func (c *ssh1Client) login(user, password string) bool {
	c.t.Helper()
	if err := c.send(ssh1CmsgUser, ssh1Builder(nil).string([]byte(user))); err != nil {
		c.t.Fatal(err)
	}
	c.expect(ssh1SmsgFailure)
	return c.password(password)
}

func (c *ssh1Client) password(password string) bool {
	c.t.Helper()
	// As PuTTY: the password padded with a NUL and garbage.
	if err := c.send(ssh1CmsgAuthPassword, ssh1Builder(nil).string([]byte(password+"\x00junk"))); err != nil {
		c.t.Fatal(err)
	}
	typ, data, err := c.recv()
	if err != nil {
		c.t.Fatalf("password answer: %v", err)
	}
	switch typ {
	case ssh1SmsgSuccess:
		return true
	case ssh1SmsgFailure:
		return false
	}
	c.t.Fatalf("password answer: message %d %q", typ, data)
	return false
}

// rsaAuth proves the possession of key (SSH-1 RSA authentication) and
// reports whether the server accepted it; if the server does not know
// the key it reports false without a challenge. With wrong set the
// answer is spoiled.
func (c *ssh1Client) rsaAuth(key *rsa.PrivateKey, wrong bool) (accepted, challenged bool) {
	c.t.Helper()
	if err := c.send(ssh1CmsgAuthRSA, ssh1Builder(nil).mpint(key.N)); err != nil {
		c.t.Fatal(err)
	}
	typ, data, err := c.recv()
	if err != nil {
		c.t.Fatal(err)
	}
	if typ == ssh1SmsgFailure {
		return false, false
	}
	if typ != ssh1SmsgAuthRSAChallenge {
		c.t.Fatalf("message %d, want the RSA challenge", typ)
	}
	r := ssh1Reader{b: data}
	enc := r.mpint()
	if err := r.done(); err != nil {
		c.t.Fatal(err)
	}
	plain, err := ssh1Decrypt(key, enc)
	if err != nil {
		c.t.Fatalf("challenge: %v", err)
	}
	challenge := new(big.Int).SetBytes(plain).FillBytes(make([]byte, 32))
	resp := md5.Sum(append(challenge, c.sessionID...))
	if wrong {
		resp[0] ^= 1
	}
	if err := c.send(ssh1CmsgAuthRSAResponse, resp[:]); err != nil {
		c.t.Fatal(err)
	}
	typ, _, err = c.recv()
	if err != nil {
		c.t.Fatal(err)
	}
	return typ == ssh1SmsgSuccess, true
}

// requestPty asks for a terminal of cols x rows.
func (c *ssh1Client) requestPty(term string, rows, cols uint32) {
	c.t.Helper()
	b := ssh1Builder(nil).string([]byte(term)).uint32(rows).uint32(cols).uint32(0).uint32(0)
	b = append(b, 192, 0, 0, 0x96, 0, 0) // TTY_OP_ISPEED 38400, TTY_OP_END
	if err := c.send(ssh1CmsgRequestPty, b); err != nil {
		c.t.Fatal(err)
	}
	c.expect(ssh1SmsgSuccess)
}

// session reads STDOUT_DATA up to SMSG_EXITSTATUS, confirms the exit and
// returns the output and the status.
func (c *ssh1Client) session() (string, int) {
	c.t.Helper()
	var out bytes.Buffer
	for {
		typ, data, err := c.recv()
		if err != nil {
			c.t.Fatalf("session: %v after %q", err, out.String())
		}
		r := ssh1Reader{b: data}
		switch typ {
		case ssh1SmsgStdoutData, ssh1SmsgStderrData:
			out.WriteString(r.string())
		case ssh1SmsgExitStatus:
			code := r.uint32()
			if err := c.send(ssh1CmsgExitConfirmation, nil); err != nil {
				c.t.Fatal(err)
			}
			return out.String(), int(code)
		case ssh1MsgIgnore, ssh1MsgDebug:
		default:
			c.t.Fatalf("session: message %d %q", typ, data)
		}
	}
}

// readUntil reads STDOUT_DATA until the output contains want.
func (c *ssh1Client) readUntil(want string) string {
	c.t.Helper()
	var out strings.Builder
	for !strings.Contains(out.String(), want) {
		r := ssh1Reader{b: c.expect(ssh1SmsgStdoutData)}
		out.WriteString(r.string())
	}
	return out.String()
}

func (c *ssh1Client) stdin(s string) {
	c.t.Helper()
	if err := c.send(ssh1CmsgStdinData, ssh1Builder(nil).string([]byte(s))); err != nil {
		c.t.Fatal(err)
	}
}

// closed reads until the server ends the connection and returns the
// reason of its DISCONNECT, if it sent one. Anything else it sends
// first fails the test.
func (c *ssh1Client) closed() string {
	c.t.Helper()
	reason := ""
	for {
		typ, data, err := c.recv()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				c.t.Fatalf("server did not close the connection")
			}
			return reason
		}
		if typ != ssh1MsgDisconnect {
			c.t.Fatalf("message %d %q before the disconnect", typ, data)
		}
		r := ssh1Reader{b: data}
		reason = r.string()
	}
}

// rawClosed reads raw bytes until EOF (for a client that can no longer
// decrypt) and fails on a timeout.
func (c *ssh1Client) rawClosed() {
	c.t.Helper()
	_, err := io.Copy(io.Discard, c.r)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		c.t.Fatalf("server did not close the connection")
	}
}

func (c *ssh1Client) String() string { return fmt.Sprintf("ssh1 client %s", c.nc.LocalAddr()) }
