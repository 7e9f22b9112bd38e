package main

import (
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startupWith writes a startup configuration into dir for the default
// profile: the factory configuration with the extra global lines, local
// users and VTY lines given.
func startupWith(t *testing.T, dir, global, users, vty string) {
	t.Helper()
	cfg := "#\n sysname 3Com\n#\n" + global + "#\nvlan 1\n#\n" +
		"local-user admin\n password simple admin\n authorization-attribute level 3\n service-type ssh telnet terminal\n#\n" +
		users + " ssh server enable\n#\nuser-interface aux 0\nuser-interface vty 0 15\n authentication-mode scheme\n" + vty + "#\nreturn\n"
	folder := filepath.Join(dir, "s7906e")
	if err := os.MkdirAll(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(folder, "startup.cfg"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
}

var telnetRE = regexp.MustCompile(`telnet on (127\.0\.0\.1:(\d+))`)

// startTelnet runs the emulator with a telnet port and returns it with
// the telnet address.
func startTelnet(t *testing.T, dir string, extra ...string) (*emulator, string) {
	t.Helper()
	e := startEmulator(t, dir, append([]string{"--telnet", "127.0.0.1:0"}, extra...)...)
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := telnetRE.FindStringSubmatch(e.Output()); m != nil {
			return e, m[1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no telnet address in the output:\n%s", tail(e.Output(), 40))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// rawTelnet is a telnet client that negotiates nothing and collects what
// the server sends, telnet commands removed.
type rawTelnet struct {
	t   *testing.T
	nc  net.Conn
	buf bytes.Buffer
	eof bool
}

func dialTelnet(t *testing.T, addr string) *rawTelnet {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("telnet %s: %v", addr, err)
	}
	t.Cleanup(func() { nc.Close() })
	return &rawTelnet{t: t, nc: nc}
}

func (c *rawTelnet) send(s string) {
	c.t.Helper()
	if _, err := c.nc.Write([]byte(s)); err != nil {
		c.t.Fatal(err)
	}
}

// read reads for up to d or until want shows (want "" reads to EOF).
func (c *rawTelnet) read(want string, d time.Duration) string {
	c.t.Helper()
	deadline := time.Now().Add(d)
	b := make([]byte, 4096)
	for !c.eof && (want == "" || !strings.Contains(c.buf.String(), want)) && time.Now().Before(deadline) {
		c.nc.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
		n, err := c.nc.Read(b)
		c.buf.Write(stripIAC(b[:n]))
		var ne net.Error
		if err != nil && !(errors.As(err, &ne) && ne.Timeout()) {
			c.eof = true
		}
	}
	return c.buf.String()
}

func (c *rawTelnet) expect(want string) string {
	c.t.Helper()
	out := c.read(want, 10*time.Second)
	if !strings.Contains(out, want) {
		c.t.Fatalf("telnet: no %q in:\n%q", want, out)
	}
	return out
}

// stripIAC drops the 3-byte option commands the server sends (it sends
// no subnegotiation to a client that agreed to nothing).
func stripIAC(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == 255 && i+2 < len(b) && b[i+1] >= 251 {
			i += 2
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// refused reports whether a TCP connection to addr is refused.
func refused(addr string) bool {
	nc, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err == nil {
		nc.Close()
		return false
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

// TestTelnetInteractive logs in with Debian's telnet in a real terminal
// (tmux): the V5 login dialog, Tab, ?, the pager, display users showing a
// TEL line, quit.
func TestTelnetInteractive(t *testing.T) {
	needTool(t, "telnet (Debian's)", "apt-get install -y telnet", "sh", "-c", "command -v telnet")
	needTool(t, "tmux", "apt-get install -y tmux", "tmux", "-V")
	dir := t.TempDir()
	startupWith(t, dir, " telnet server enable\n", "", "")
	e, addr := startTelnet(t, dir, "--record")
	host, port, _ := net.SplitHostPort(addr)
	tdir := t.TempDir()
	m := &tmuxTerm{t: t, sock: filepath.Join(tdir, "tmux.sock")}
	m.tmux("-f", "/dev/null", "new-session", "-d", "-s", "sw", "-x", "80", "-y", "24", "telnet "+host+" "+port)
	t.Cleanup(func() { exec.Command("tmux", "-S", m.sock, "kill-server").Run() })
	m.tmux("set-option", "-t", "sw", "remain-on-exit", "on")

	s := m.lastLine("Username:")
	if !strings.Contains(s, "no decompiling or reverse-engineering shall be allowed.") ||
		!strings.Contains(s, "*******\n\n\nLogin authentication\n\n\nUsername:") {
		t.Errorf("login dialog:\n%s", s)
	}
	m.text("admin")
	m.keys("Enter")
	m.lastLine("Password:")
	m.text("admin")
	m.keys("Enter")
	s = m.lastLine("<3Com>")
	if strings.Contains(s, "Password:admin") || !strings.Contains(s, "Username:admin\nPassword:\n<3Com>") {
		t.Errorf("after login (the password must not echo):\n%s", s)
	}
	m.text("sys")
	m.keys("Tab")
	m.lastLine("<3Com>system-view")
	m.keys("Enter")
	m.lastLine("[3Com]")
	m.text("display users")
	m.keys("Enter")
	s = m.waitFor("display users", func(s string) bool {
		return strings.Contains(s, "Current operation user work in async mode.\n[3Com]")
	})
	if !regexp.MustCompile(`\+ \d+ +VTY 0   \d\d:\d\d:\d\d TEL  3`).MatchString(s) || !strings.Contains(s, "User name: admin") {
		t.Errorf("display users:\n%s", s)
	}
	m.text("qu?")
	s = m.lastLine("[3Com]qu")
	if !strings.Contains(s, "[3Com]qu?\n  quit  Exit from current command view\n[3Com]qu") {
		t.Errorf("qu?:\n%s", s)
	}
	m.keys("C-z")
	m.lastLine("<3Com>")
	m.text("display current-configuration")
	m.keys("Enter")
	m.lastLine("  ---- More ----")
	m.keys("q")
	m.lastLine("<3Com>")
	m.text("quit")
	m.keys("Enter")
	m.waitFor("telnet's goodbye", func(s string) bool { return strings.Contains(s, "Connection closed by foreign host.") })
	// The telnet session is recorded: from the first prompt (the login
	// dialog is the telnet server's, before the session).
	cast := waitRecording(t, e, "[3Com]display users")
	if !strings.HasSuffix(cast.Header.Title, "(telnet)") || !strings.Contains(cast.Input(), "sys\t\r") {
		t.Errorf("telnet recording: title %q, input %q", cast.Header.Title, cast.Input())
	}
}

// TestTelnetNetmiko runs Netmiko's hp_comware_telnet driver at its
// default timing: login, commands, a configuration, save.
func TestTelnetNetmiko(t *testing.T) {
	needTool(t, "Netmiko (Debian python3-netmiko)", "apt-get install -y python3-netmiko",
		"/usr/bin/python3", "-c", "import netmiko")
	if testing.Short() {
		t.Skip("Netmiko at default timing takes about half a minute; skipped with -short")
	}
	dir := t.TempDir()
	startupWith(t, dir, " telnet server enable\n", "", "")
	e, addr := startTelnet(t, dir)
	_, port, _ := net.SplitHostPort(addr)
	script, err := filepath.Abs("testdata/netmiko_telnet_probe.py")
	if err != nil {
		t.Fatal(err)
	}
	out, err := runClient(t, 3*time.Minute, nil, nil, "/usr/bin/python3", script, port)
	if err != nil || !strings.Contains(out, "NETMIKO TELNET OK") {
		t.Fatalf("netmiko telnet: %v\n%s\nemulator:\n%s", err, out, tail(e.Output(), 40))
	}
	saved, err := os.ReadFile(filepath.Join(dir, "s7906e", "startup.cfg"))
	if err != nil || !bytes.Contains(saved, []byte(" sysname TelnetSW\n")) || !bytes.Contains(saved, []byte(" telnet server enable\n")) {
		t.Errorf("saved configuration (%v):\n%s", err, saved)
	}
}

// TestTelnetRefusals: the port is closed while telnet server enable is
// not configured and opens and closes with it; protocol inbound ssh
// refuses telnet; a user without service-type telnet cannot log in.
func TestTelnetRefusals(t *testing.T) {
	t.Run("factory configuration", func(t *testing.T) {
		_, addr := startTelnet(t, t.TempDir())
		if !refused(addr) {
			t.Errorf("telnet port open without telnet server enable")
		}
	})
	t.Run("undo telnet server enable", func(t *testing.T) {
		dir := t.TempDir()
		startupWith(t, dir, " telnet server enable\n", "", "")
		_, addr := startTelnet(t, dir)
		c := dialTelnet(t, addr)
		c.expect("Username:")
		c.send("admin\r\nadmin\r\n")
		c.expect("<3Com>")
		c.send("system-view\r\nundo telnet server enable\r\n")
		c.expect("undo telnet server enable\r\n % Close Telnet server\r\n[3Com]")
		deadline := time.Now().Add(5 * time.Second)
		for !refused(addr) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if !refused(addr) {
			t.Fatalf("telnet port still open after undo telnet server enable")
		}
		// The session in progress goes on, and can turn it back on.
		c.send("telnet server enable\r\n")
		c.expect("telnet server enable\r\n % Start Telnet server\r\n[3Com]")
		deadline = time.Now().Add(5 * time.Second)
		for refused(addr) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		dialTelnet(t, addr).expect("Username:")
	})
	t.Run("protocol inbound ssh", func(t *testing.T) {
		dir := t.TempDir()
		startupWith(t, dir, " telnet server enable\n", "", " protocol inbound ssh\n")
		_, addr := startTelnet(t, dir)
		c := dialTelnet(t, addr)
		if out := c.read("", 10*time.Second); !c.eof || strings.Contains(out, "Username:") {
			t.Errorf("protocol inbound ssh: eof=%v, read %q", c.eof, out)
		}
	})
	t.Run("no service-type telnet", func(t *testing.T) {
		dir := t.TempDir()
		startupWith(t, dir, " telnet server enable\n",
			"local-user ops\n password simple ops\n service-type ssh\n#\n", "")
		_, addr := startTelnet(t, dir)
		c := dialTelnet(t, addr)
		c.expect("Username:")
		c.send("ops\r\nops\r\n")
		c.expect("Password:\r\n% Username or password is invalid.\r\n\r\nUsername:")
		if strings.Contains(c.buf.String(), "<3Com>") {
			t.Errorf("ops logged in: %q", c.buf.String())
		}
	})
}

// TestTelnetReboot: reboot typed over telnet ends the telnet sessions
// (and one still at the login dialog), the telnet port is closed while
// the device is down, and the device comes back with telnet.
func TestTelnetReboot(t *testing.T) {
	dir := t.TempDir()
	startupWith(t, dir, " telnet server enable\n", "", "")
	e := startEmulator(t, dir, "--telnet", "127.0.0.1:0", "--reboot-delay", "3s")
	deadline := time.Now().Add(20 * time.Second)
	var addr string
	for addr == "" && time.Now().Before(deadline) {
		if m := telnetRE.FindStringSubmatch(e.Output()); m != nil {
			addr = m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	a, waiting := dialTelnet(t, addr), dialTelnet(t, addr)
	waiting.expect("Username:")
	a.expect("Username:")
	a.send("admin\r\nadmin\r\n")
	a.expect("<3Com>")
	a.send("reboot\r\n")
	a.expect("Continue? [Y/N]:")
	a.send("y\r\n")
	a.read("", 15*time.Second)
	if !a.eof || !strings.Contains(a.buf.String(), "Now rebooting, please wait...") {
		t.Errorf("telnet session at reboot (eof %v):\n%q", a.eof, a.buf.String())
	}
	if waiting.read("", 15*time.Second); !waiting.eof {
		t.Errorf("a connection at the login dialog outlived the reboot")
	}
	if !refused(addr) {
		t.Errorf("telnet port open while the device is down")
	}
	e.waitOutput(t, "rebooted, listening on")
	deadline = time.Now().Add(5 * time.Second)
	for refused(addr) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	dialTelnet(t, addr).expect("Username:")
}
