package sshd

import (
	"bufio"
	"context"
	"errors"
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

// testDevice returns a device of the default profile with a host key, SSH
// enabled and one local user admin/admin with service-type ssh, level 3.
func testDevice(t testing.TB) *device.Device {
	t.Helper()
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	d := device.New(p, device.Options{})
	if err := d.InitHostKey(); err != nil {
		t.Fatal(err)
	}
	err = d.Update(func(c *device.Config) error {
		c.SSH.Enabled = true
		c.Users["admin"] = device.LocalUser{Name: "admin", Password: device.EncryptPassword("admin"), Services: []string{"ssh"}, Level: 3}
		c.Users["web"] = device.LocalUser{Name: "web", Password: device.EncryptPassword("web"), Services: []string{"web"}, Level: 3}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// seen is what the test handler observed of a session.
type seen struct {
	sess   Session
	width  int
	height int
	input  string
}

// startServer serves dev on a loopback port until the test ends. The
// handler echoes the first line it reads (or the exec command) back as
// "got: ..." with the window size, then returns status 7 for exec.
func startServer(t testing.TB, dev *device.Device, algorithms string) (string, <-chan seen) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan seen, 16)
	srv := &Server{Device: dev, Algorithms: algorithms, Handler: func(ctx context.Context, s *Session) int {
		w, h := s.Window()
		if s.Command != "" {
			fmt.Fprintf(s.RW, "got: %s %dx%d\r\n", s.Command, w, h)
			got <- seen{sess: *s, width: w, height: h}
			return 7
		}
		line, _ := bufio.NewReader(s.RW).ReadString('\r')
		w, h = s.Window() // after the line: resizes sent before it apply
		fmt.Fprintf(s.RW, "got: %s %dx%d\r\n", strings.TrimSpace(line), w, h)
		got <- seen{sess: *s, width: w, height: h, input: line}
		return 0
	}}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-errc; !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String(), got
}

func clientConfig(user, password string) *gossh.ClientConfig {
	return &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.Password(password)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	}
}

// TestVersionExchange: the server speaks first with the profile's
// identification, and the SSH-2 handshake hashes exactly that line.
func TestVersionExchange(t *testing.T) {
	addr, _ := startServer(t, testDevice(t), "")
	c, err := gossh.Dial("tcp", addr, clientConfig("admin", "admin"))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer c.Close()
	if got, want := string(c.ServerVersion()), "SSH-1.99-Comware-5.20"; got != want {
		t.Errorf("server version %q, want %q", got, want)
	}

	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	line, err := bufio.NewReader(nc).ReadString('\n')
	if err != nil || line != "SSH-1.99-Comware-5.20\r\n" {
		t.Errorf("first bytes %q (%v), want the identification line before the client speaks", line, err)
	}
}

// TestVersionRefused: anything but SSH 2.0/1.99 gets its TCP connection
// closed after the server's identification (SSH-1 clients: ssh1_test.go).
func TestVersionRefusedBasic(t *testing.T) {
	addr, _ := startServer(t, testDevice(t), "")
	for _, client := range []string{"SSH-3.0-future", "SSH-2.0", "SSH-x.y-bad"} {
		t.Run(client, func(t *testing.T) {
			nc, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer nc.Close()
			nc.SetDeadline(time.Now().Add(10 * time.Second))
			if _, err := nc.Write([]byte(client + "\r\n")); err != nil {
				t.Fatal(err)
			}
			rest, err := io.ReadAll(nc)
			if err != nil {
				t.Fatalf("read: %v (want a clean close)", err)
			}
			if string(rest) != "SSH-1.99-Comware-5.20\r\n" {
				t.Errorf("server sent %q, want only its identification and a close", rest)
			}
		})
	}
}

// TestAlgorithms: the default (compatible) set takes a client with modern
// algorithms only and one with the Comware V5 legacy set; the strict set
// refuses a modern-only client.
func TestAlgorithms(t *testing.T) {
	legacy := clientConfig("admin", "admin")
	legacy.KeyExchanges = []string{"diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1"}
	legacy.Ciphers = []string{"aes128-cbc", "3des-cbc"}
	legacy.MACs = []string{"hmac-sha1", "hmac-sha1-96"}
	legacy.HostKeyAlgorithms = []string{gossh.KeyAlgoRSA}
	modern := clientConfig("admin", "admin")
	modern.KeyExchanges = []string{"curve25519-sha256"}
	modern.Ciphers = []string{"aes128-gcm@openssh.com"}
	modern.HostKeyAlgorithms = []string{gossh.KeyAlgoRSASHA256}
	tests := []struct {
		name, set string
		cfg       *gossh.ClientConfig
		ok        bool
	}{
		{"compatible/modern", "", modern, true},
		{"compatible/legacy", "", legacy, true},
		{"strict/legacy", "strict", legacy, true},
		{"strict/modern", "strict", modern, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, _ := startServer(t, testDevice(t), tt.set)
			c, err := gossh.Dial("tcp", addr, tt.cfg)
			if c != nil {
				c.Close()
			}
			if (err == nil) != tt.ok {
				t.Errorf("dial: err %v, want success %v", err, tt.ok)
			}
		})
	}
}

// TestPasswordAuth: local users with service-type ssh log in; a wrong
// password, an unknown user and a user without ssh service are refused.
func TestPasswordAuthBasic(t *testing.T) {
	addr, got := startServer(t, testDevice(t), "")
	tests := []struct {
		user, password string
		ok             bool
	}{
		{"admin", "admin", true},
		{"admin", "wrong", false},
		{"nobody", "admin", false},
		{"web", "web", false},
	}
	for _, tt := range tests {
		t.Run(tt.user+"/"+tt.password, func(t *testing.T) {
			c, err := gossh.Dial("tcp", addr, clientConfig(tt.user, tt.password))
			if (err == nil) != tt.ok {
				t.Fatalf("dial: err %v, want success %v", err, tt.ok)
			}
			if err != nil {
				return
			}
			defer c.Close()
			s, err := c.NewSession()
			if err != nil {
				t.Fatal(err)
			}
			out, err := s.Output("display version")
			var exit *gossh.ExitError
			if !errors.As(err, &exit) || exit.ExitStatus() != 7 {
				t.Errorf("exec: err %v, want exit status 7", err)
			}
			if string(out) != "got: display version 0x0\r\n" {
				t.Errorf("exec output %q", out)
			}
			if sn := <-got; sn.sess.User != "admin" || sn.sess.Level != 3 || sn.sess.Version != "2.0" {
				t.Errorf("handler saw %+v", sn.sess)
			}
		})
	}
}

// TestShellWindow: pty-req sets the window, a window-change sent before
// shell is applied without wedging the session, and the session gets a
// VTY line that is released afterwards.
func TestShellWindow(t *testing.T) {
	dev := testDevice(t)
	addr, got := startServer(t, dev, "")
	c, err := gossh.Dial("tcp", addr, clientConfig("admin", "admin"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("vt100", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.WindowChange(30, 100); err != nil {
		t.Fatal(err)
	}
	in, _ := s.StdinPipe()
	out, _ := s.StdoutPipe()
	if err := s.Shell(); err != nil {
		t.Fatalf("shell after window-change: %v", err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	var text string
	go func() {
		defer wg.Done()
		b, _ := io.ReadAll(out)
		text = string(b)
	}()
	if _, err := in.Write([]byte("hello\r")); err != nil {
		t.Fatal(err)
	}
	sn := <-got
	if err := s.Wait(); err != nil {
		t.Errorf("wait: %v", err)
	}
	wg.Wait()
	if sn.sess.Term != "vt100" || sn.sess.Line != 0 {
		t.Errorf("session %+v", sn.sess)
	}
	if text != "got: hello 100x30\r\n" {
		t.Errorf("output %q, want the window of the resize sent before shell", text)
	}
	c.Close() // the connection holds its VTY line until it closes
	for i := 0; i < 200 && len(dev.Logins()) > 0; i++ {
		time.Sleep(10 * time.Millisecond) // released when the server sees the close
	}
	if n := len(dev.Logins()); n != 0 {
		t.Errorf("%d VTY lines still in use after the session ended", n)
	}
}
