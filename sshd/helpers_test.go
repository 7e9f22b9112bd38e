package sshd

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/device"
	"switchemu/profiles"
)

// Helpers of the loopback tests: a device configured as the factory
// configuration leaves it (admin/admin, service-type ssh, scheme on every
// VTY line), a server on 127.0.0.1, and x/crypto clients.

var (
	loopKeyOnce sync.Once
	loopKey     *rsa.PrivateKey
	loopKey2    *rsa.PrivateKey
)

// loopKeys returns two RSA keys made once per test binary.
func loopKeys(t testing.TB) (*rsa.PrivateKey, *rsa.PrivateKey) {
	loopKeyOnce.Do(func() {
		var err error
		if loopKey, err = rsa.GenerateKey(rand.Reader, 1024); err != nil {
			panic(err)
		}
		if loopKey2, err = rsa.GenerateKey(rand.Reader, 1024); err != nil {
			panic(err)
		}
	})
	return loopKey, loopKey2
}

func loopDevice(t testing.TB) *device.Device {
	t.Helper()
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	d := device.New(p, device.Options{})
	d.SetLoginDelays(time.Millisecond, 4*time.Millisecond) // TestLoginDelay sets its own
	hk, _ := loopKeys(t)
	if err := d.SetHostKey(hk); err != nil {
		t.Fatal(err)
	}
	err = d.Update(func(c *device.Config) error {
		c.Users["admin"] = device.LocalUser{Name: "admin", Password: device.EncryptPassword("admin"), Services: []string{"ssh", "telnet", "terminal"}, Level: 3}
		c.SSH.Enabled = true
		for i := range c.VTY {
			c.VTY[i].AuthMode = "scheme"
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// loopServer serves d on a loopback port until the test ends and returns
// its address. The handler prints the session's facts, then echoes lines
// until "quit" or EOF.
func loopServer(t testing.TB, d *device.Device, algos string, opts ...func(*Server)) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &Server{Device: d, Handler: loopHandler, Algorithms: algos, NegotiationTimeout: 2 * time.Second}
	closed := make(chan struct{}, 1024)
	srv.connClosed = func() { closed <- struct{}{} }
	lbClosedConns.Store(srv, closed)
	for _, o := range opts {
		o(srv)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-done; err != ErrServerClosed {
			t.Errorf("Serve: %v", err)
		}
	})
	return srv, ln.Addr().String()
}

func loopHandler(ctx context.Context, s *Session) int {
	w, h := s.Window()
	fmt.Fprintf(s.RW, "user=%s level=%d line=%d version=%s cipher=%s term=%s window=%dx%d\r\n", s.User, s.Level, s.Line, s.Version, s.Cipher, s.Term, w, h)
	if s.Command != "" {
		fmt.Fprintf(s.RW, "exec %s\r\n", s.Command)
		return 3
	}
	sc := bufio.NewScanner(s.RW)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "quit" {
			return 0
		}
		if line == "flood" { // write until the stream fails
			for {
				if _, err := fmt.Fprintf(s.RW, "flood\r\n"); err != nil {
					return 0
				}
			}
		}
		if line == "window" {
			w, h := s.Window()
			fmt.Fprintf(s.RW, "window=%dx%d\r\n", w, h)
			continue
		}
		fmt.Fprintf(s.RW, "echo %s\r\n", line)
	}
	return 0
}

// lbClientConfig is an x/crypto client that logs in as user (with password
// admin unless auth says otherwise) and offers its default algorithms.
func lbClientConfig(user string, auth ...gossh.AuthMethod) *gossh.ClientConfig {
	if len(auth) == 0 {
		auth = []gossh.AuthMethod{gossh.Password("admin")}
	}
	return &gossh.ClientConfig{
		User:            user,
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	}
}

// lbLegacy restricts a client to what a 2010-era client speaks.
func lbLegacy(c *gossh.ClientConfig) *gossh.ClientConfig {
	c.KeyExchanges = []string{"diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1"}
	c.Ciphers = []string{"aes128-cbc", "3des-cbc"}
	c.MACs = []string{"hmac-sha1", "hmac-sha1-96"}
	c.HostKeyAlgorithms = []string{gossh.KeyAlgoRSA}
	return c
}

// lbDial logs in; the client is closed when the test ends.
func lbDial(t testing.TB, addr string, cfg *gossh.ClientConfig) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		t.Fatalf("lbDial %s: %v", addr, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// shell opens an interactive session and returns its first line.
type lbShellConn struct {
	sess *gossh.Session
	in   io.WriteCloser
	out  *bufio.Reader
}

func lbShell(t testing.TB, c *gossh.Client, beforeShell func(*gossh.Session)) *lbShellConn {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	in, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("vt100", 24, 80, gossh.TerminalModes{gossh.ECHO: 1}); err != nil {
		t.Fatal(err)
	}
	if beforeShell != nil {
		beforeShell(s)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	return &lbShellConn{sess: s, in: in, out: bufio.NewReader(out)}
}

func (sc *lbShellConn) line(t testing.TB) string {
	t.Helper()
	l, err := sc.out.ReadString('\n')
	if err != nil {
		t.Fatalf("read: %v (got %q)", err, l)
	}
	return strings.TrimRight(l, "\r\n")
}

// lbRaw dials without SSH and reads the server's first line.
func lbRaw(t testing.TB, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	nc.SetDeadline(time.Now().Add(20 * time.Second))
	return nc, bufio.NewReader(nc)
}

// lbClosed reports whether the server closed the connection: a
// read returns EOF (or a reset) and no more data.
func lbClosed(t testing.TB, br *bufio.Reader) bool {
	t.Helper()
	_, err := io.ReadAll(br)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return true
}

// lbLogHas reports whether the device's log buffer has a message with
// digest whose text contains want.
func lbLogHas(d *device.Device, digest, want string) bool {
	for _, e := range d.LogEntries() {
		if e.Digest == digest && strings.Contains(e.Text, want) {
			return true
		}
	}
	return false
}

func lbLogDump(d *device.Device) string {
	var b strings.Builder
	for _, e := range d.LogEntries() {
		b.WriteString(e.Format("3Com") + "\n")
	}
	return b.String()
}

func lbMarshalPKIX(k *rsa.PublicKey) ([]byte, error) { return x509.MarshalPKIXPublicKey(k) }

// lbClosedConns maps each test server to the channel its connClosed hook
// signals.
var lbClosedConns sync.Map

// lbUntil waits until cond holds, checking again each time a connection
// of srv ends (the server logs before it signals); it fails the test if
// no connection ends for 20 seconds.
func lbUntil(t testing.TB, srv *Server, what string, cond func() bool) {
	t.Helper()
	v, _ := lbClosedConns.Load(srv)
	ch := v.(chan struct{})
	for !cond() {
		select {
		case <-ch:
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: gave up waiting", what)
		}
	}
}
