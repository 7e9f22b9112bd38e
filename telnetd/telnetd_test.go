package telnetd

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"switchemu/device"
	"switchemu/profiles"
)

// testDevice is a device with admin/admin (service-type telnet), guest
// (ssh only), scheme on every line and the telnet server on.
func testDevice(t testing.TB) *device.Device {
	t.Helper()
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	d := device.New(p, device.Options{})
	err = d.Update(func(c *device.Config) error {
		c.Users["admin"] = device.LocalUser{Name: "admin", Password: device.EncryptPassword("admin"), Services: []string{"ssh", "telnet", "terminal"}, Level: 3}
		c.Users["guest"] = device.LocalUser{Name: "guest", Password: device.EncryptPassword("guest"), Services: []string{"ssh"}, Level: 1}
		c.Telnet.Enabled = true
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

// testServer serves d on a loopback port; the handler prints the
// session's facts and echoes lines until "quit".
func testServer(t testing.TB, d *device.Device, opts ...func(*Server)) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &Server{Device: d, Handler: echoHandler}
	for _, o := range opts {
		o(srv)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	t.Cleanup(func() {
		srv.Close()
		<-done
	})
	return srv, ln.Addr().String()
}

func echoHandler(ctx context.Context, s *Session) int {
	defer s.RW.Close()
	w, h := s.Window()
	fmt.Fprintf(s.RW, "user=%s level=%d line=%d banner=%v size=%dx%d\r\n<echo>", s.User, s.Level, s.Line, s.BannerShown, w, h)
	r := bufio.NewReader(s.RW)
	for {
		l, err := r.ReadString('\r')
		if err != nil {
			return 0
		}
		l = strings.TrimSuffix(l, "\r")
		if l == "quit" {
			return 0
		}
		if l == "size" {
			w, h := s.Window()
			fmt.Fprintf(s.RW, "size=%dx%d\r\n", w, h)
			continue
		}
		fmt.Fprintf(s.RW, "got %q\r\n<echo>", l)
	}
}

// client is a raw telnet client that records everything it reads.
type client struct {
	t   testing.TB
	nc  net.Conn
	buf bytes.Buffer
	ch  chan []byte
}

func dial(t testing.TB, addr string) *client {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, nc: nc, ch: make(chan []byte, 64)}
	go func() {
		defer close(c.ch)
		for {
			b := make([]byte, 4096)
			n, err := nc.Read(b)
			if n > 0 {
				c.ch <- b[:n]
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { nc.Close() })
	return c
}

func (c *client) send(s string) {
	c.t.Helper()
	if _, err := c.nc.Write([]byte(s)); err != nil {
		c.t.Fatal(err)
	}
}

// expect reads until the text read so far contains want; it returns
// everything read.
func (c *client) expect(want string) string {
	c.t.Helper()
	deadline := time.After(5 * time.Second)
	for !bytes.Contains(c.buf.Bytes(), []byte(want)) {
		select {
		case b, ok := <-c.ch:
			if !ok {
				c.t.Fatalf("connection closed before %q; read %q", want, c.buf.String())
			}
			c.buf.Write(b)
		case <-deadline:
			c.t.Fatalf("no %q; read %q", want, c.buf.String())
		}
	}
	return c.buf.String()
}

// expectClose reads until the server closes the connection.
func (c *client) expectClose() string {
	c.t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case b, ok := <-c.ch:
			if !ok {
				return c.buf.String()
			}
			c.buf.Write(b)
		case <-deadline:
			c.t.Fatalf("connection still open; read %q", c.buf.String())
		}
	}
}

var opening = string([]byte{cmdIAC, cmdWILL, optEcho, cmdIAC, cmdWILL, optSGA, cmdIAC, cmdDO, optNAWS, cmdIAC, cmdDO, optTType})

func TestLoginScheme(t *testing.T) {
	d := testDevice(t)
	_, addr := testServer(t, d)
	c := dial(t, addr)
	out := c.expect("Username:")
	if !strings.HasPrefix(out, opening) {
		t.Errorf("opening = %q, want %q first", out, opening)
	}
	text := strings.TrimPrefix(out, opening)
	var want strings.Builder
	for _, l := range d.Profile().Brand.Banner {
		want.WriteString(l + "\r\n")
	}
	want.WriteString("\r\n\r\nLogin authentication\r\n\r\n\r\nUsername:")
	if text != want.String() {
		t.Errorf("dialog = %q\nwant     %q", text, want.String())
	}
	c.buf.Reset()
	c.send("admin\r\n")
	if got := c.expect("Password:"); got != "admin\r\nPassword:" {
		t.Errorf("after user name: %q", got)
	}
	c.buf.Reset()
	c.send("admin\r\n")
	got := c.expect("<echo>")
	if got != "\r\nuser=admin level=3 line=0 banner=true size=80x24\r\n<echo>" {
		t.Errorf("after password: %q (the password must not echo)", got)
	}
	users := d.Logins()
	if len(users) != 1 || users[0].Protocol != "TEL" || users[0].User != "admin" {
		t.Errorf("logins = %+v", users)
	}
	c.send("quit\r\n")
	c.expectClose()
}

func TestLoginRetries(t *testing.T) {
	d := testDevice(t)
	_, addr := testServer(t, d)
	c := dial(t, addr)
	c.expect("Username:")
	c.send("admin\r\nwrong\r\n")
	c.expect("% Username or password is invalid.\r\n\r\nUsername:")
	// guest has no service-type telnet: the same refusal.
	c.send("guest\r\nguest\r\n")
	c.expect("invalid.\r\n\r\nUsername:")
	c.send("nobody\r\nx\r\n")
	out := c.expectClose()
	if n := strings.Count(out, "% Username or password is invalid."); n != 3 {
		t.Errorf("%d refusals, want 3: %q", n, out)
	}
	if len(d.Logins()) != 0 {
		t.Errorf("a line is still held: %+v", d.Logins())
	}
}

func TestLoginPasswordMode(t *testing.T) {
	d := testDevice(t)
	d.Update(func(c *device.Config) error {
		for i := range c.VTY {
			c.VTY[i].AuthMode = "password"
			c.VTY[i].Level = 2
		}
		return nil
	})
	_, addr := testServer(t, d)
	c := dial(t, addr)
	out := c.expectClose()
	if !strings.Contains(out, "Login authentication\r\n\r\n\r\nLogin password has not been set !\r\n") {
		t.Errorf("no password set: %q", out)
	}

	d.Update(func(c *device.Config) error {
		for i := range c.VTY {
			c.VTY[i].Password = device.EncryptPassword("secret")
		}
		return nil
	})
	c = dial(t, addr)
	out = c.expect("Password:")
	if strings.Contains(out, "Username:") {
		t.Errorf("password mode asks a user name: %q", out)
	}
	c.send("nope\r\n")
	c.expect("% Password is not correct.\r\n\r\nPassword:")
	c.buf.Reset()
	c.send("secret\r")
	c.send("\x00")
	if got := c.expect("<echo>"); !strings.Contains(got, "user= level=2 line=0 banner=true") {
		t.Errorf("password login: %q", got)
	}
}

func TestLoginNone(t *testing.T) {
	d := testDevice(t)
	d.Update(func(c *device.Config) error {
		c.VTY[0].AuthMode = "none"
		return nil
	})
	_, addr := testServer(t, d)
	c := dial(t, addr)
	out := c.expect("<echo>")
	if strings.Contains(out, "Login authentication") || !strings.Contains(out, "banner=false") {
		t.Errorf("none mode: %q", out)
	}
}

func TestRefusals(t *testing.T) {
	t.Run("disabled", func(t *testing.T) {
		d := testDevice(t)
		d.Update(func(c *device.Config) error { c.Telnet.Enabled = false; return nil })
		_, addr := testServer(t, d)
		if out := dial(t, addr).expectClose(); out != "" {
			t.Errorf("disabled server sent %q", out)
		}
	})
	t.Run("protocol inbound ssh", func(t *testing.T) {
		d := testDevice(t)
		d.Update(func(c *device.Config) error { c.VTY[0].Protocol = "ssh"; return nil })
		_, addr := testServer(t, d)
		if out := dial(t, addr).expectClose(); out != "" {
			t.Errorf("ssh-only line sent %q", out)
		}
		if len(d.Logins()) != 0 {
			t.Errorf("line still held")
		}
	})
	t.Run("all lines busy", func(t *testing.T) {
		d := testDevice(t)
		for range device.MaxVTY {
			if _, err := d.AcquireVTY(device.Login{Protocol: "SSH"}); err != nil {
				t.Fatal(err)
			}
		}
		_, addr := testServer(t, d)
		if out := dial(t, addr).expectClose(); out != "All user interfaces are used, please try later!\r\n" {
			t.Errorf("busy: %q", out)
		}
	})
	t.Run("login timeout", func(t *testing.T) {
		d := testDevice(t)
		_, addr := testServer(t, d, func(s *Server) { s.LoginTimeout = 200 * time.Millisecond })
		c := dial(t, addr)
		c.expect("Username:")
		c.expectClose()
	})
}

// TestNegotiation checks the answers to the client's options, NAWS and
// TERMINAL-TYPE, IAC inside a line and in a subnegotiation split across
// writes.
func TestNegotiation(t *testing.T) {
	d := testDevice(t)
	d.Update(func(c *device.Config) error { c.VTY[0].AuthMode = "none"; return nil })
	var sess chan *Session = make(chan *Session, 1)
	_, addr := testServer(t, d, func(s *Server) {
		s.Handler = func(ctx context.Context, se *Session) int {
			sess <- se
			return echoHandler(ctx, se)
		}
	})
	c := dial(t, addr)
	c.expect(opening)
	c.expect("<echo>")
	c.buf.Reset()
	// Agree to everything, ask for binary (refused), send a window size
	// with an escaped 255 split over two writes, and the terminal type.
	c.send(string([]byte{cmdIAC, cmdDO, optEcho, cmdIAC, cmdDO, optSGA, cmdIAC, cmdWILL, optNAWS, cmdIAC, cmdWILL, optTType, cmdIAC, cmdDO, 0}))
	c.expect(string([]byte{cmdIAC, cmdSB, optTType, ttypeSEND, cmdIAC, cmdSE}))
	c.expect(string([]byte{cmdIAC, cmdWONT, 0}))
	c.send(string([]byte{cmdIAC, cmdSB, optNAWS, 0, cmdIAC}))
	c.send(string([]byte{cmdIAC, 0, 50, cmdIAC, cmdSE}))
	c.send(string([]byte{cmdIAC, cmdSB, optTType, ttypeIS}) + "XTERM" + string([]byte{cmdIAC, cmdSE}))
	s := <-sess
	c.buf.Reset()
	c.send("si" + string([]byte{cmdIAC, cmdNOP}) + "ze\r\n")
	c.expect("size=255x50\r\n")
	if s.Term != "" && s.Term != "XTERM" {
		t.Errorf("term = %q", s.Term)
	}
	// A 0xFF data byte arrives doubled (the handler shows it quoted).
	c.buf.Reset()
	c.send("a" + string([]byte{cmdIAC, cmdIAC}) + "b\r\n")
	c.expect(`got "a\xffb"`)
	// DONT ECHO is answered WONT ECHO, once.
	c.buf.Reset()
	c.send(string([]byte{cmdIAC, cmdDONT, optEcho, cmdIAC, cmdDONT, optEcho}) + "x\r\n")
	out := c.expect(`got "x"`)
	if n := strings.Count(out, string([]byte{cmdIAC, cmdWONT, optEcho})); n != 1 {
		t.Errorf("%d WONT ECHO in %q", n, out)
	}
}

// TestNoNegotiation: a client that sends plain text (nc) logs in.
func TestNoNegotiation(t *testing.T) {
	d := testDevice(t)
	_, addr := testServer(t, d)
	c := dial(t, addr)
	c.expect("Username:")
	c.send("adm\x7fmin\n")
	c.expect("Password:")
	c.send("admin\n")
	c.expect("user=admin")
}

func TestDisconnectAllAndClose(t *testing.T) {
	d := testDevice(t)
	srv, addr := testServer(t, d)
	a, b := dial(t, addr), dial(t, addr)
	a.expect("Username:")
	b.expect("Username:")
	b.send("admin\r\nadmin\r\n")
	b.expect("<echo>")
	srv.DisconnectAll()
	a.expectClose()
	b.expectClose()
	// Still listening.
	dial(t, addr).expect("Username:")
	srv.Close()
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Errorf("still listening after Close")
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(d.Logins()) != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if len(d.Logins()) != 0 {
		t.Errorf("lines held after Close: %+v", d.Logins())
	}
}

func TestParserSplits(t *testing.T) {
	in := []byte("ab\r\ncd\r\x00e\xff\xfff\xff\xfb\x01g\xff\xfa\x1f\x00\x50\x00\x18\xff\xf0h\xff\xf4\r")
	var whole []command
	want := (&parser{}).feed(in, nil, func(c command) { whole = append(whole, c) })
	if string(want) != "ab\rcd\re\xfffgh\x03\r" {
		t.Errorf("data = %q", want)
	}
	if len(whole) != 2 || whole[0].verb != cmdWILL || whole[1].verb != cmdSB || len(whole[1].data) != 4 {
		t.Errorf("commands = %+v", whole)
	}
	for i := range in {
		p := &parser{}
		var got []byte
		var cmds []command
		got = p.feed(in[:i], got, func(c command) { cmds = append(cmds, c) })
		got = p.feed(in[i:], got, func(c command) { cmds = append(cmds, c) })
		if !bytes.Equal(got, want) || len(cmds) != len(whole) {
			t.Errorf("split at %d: %q, %d commands", i, got, len(cmds))
		}
	}
}

func TestEscape(t *testing.T) {
	got := escape(nil, []byte("a\xffb\r\nc\rd\r"))
	if string(got) != "a\xff\xffb\r\nc\r\x00d\r\x00" {
		t.Errorf("escape = %q", got)
	}
}

var _ io.ReadWriteCloser = (*conn)(nil)
