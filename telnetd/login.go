package telnetd

import (
	"errors"
	"net"
	"strings"

	"switchemu/device"
)

// The login dialog's words. The dialog itself (banner, two blank lines,
// "Login authentication", two blank lines, "Username:", "Password:") is
// the HP V5 telnet capture of reference §2.1; the lines marked [U] are not
// in the reference and are the likeliest V5 wording.
const (
	msgLoginAuth   = "Login authentication"
	msgUsername    = "Username:"
	msgPassword    = "Password:"
	msgBadLogin    = "% Username or password is invalid." // [U]
	msgBadPassword = "% Password is not correct."         // [U]
	msgNoPassword  = "Login password has not been set !"  // [U]
)

// maxAttempts is how many logins a connection may try before it is closed
// [U: the reference gives 3 for SSH authentication-retries' default].
const maxAttempts = 3

// maxField bounds what one answer of the dialog keeps (user names are at
// most 80 characters on V5; longer input is dropped, not stored).
const maxField = 256

var errLoginFailed = errors.New("telnetd: login failed")

type loginResult struct {
	user   string
	level  int
	banner bool // the banner was printed
}

// login runs the dialog of the line's authentication-mode.
func (srv *Server) login(c *conn, lg device.TelnetLogin, line int) (loginResult, error) {
	dev := srv.Device
	if lg.Mode == "none" {
		level, _ := dev.CheckTelnetLogin("", "", line)
		return loginResult{level: level}, nil
	}
	var b strings.Builder
	for _, l := range dev.Profile().Brand.Banner {
		b.WriteString(l + "\r\n")
	}
	// The banners the device shows before login (header legal, motd,
	// login; cli/cmd_header.go has the sources).
	if !srv.legal(c, &b) {
		return loginResult{}, errLoginFailed
	}
	for _, kind := range []string{"motd", "login"} {
		if text := dev.HeaderText(kind); text != "" {
			b.WriteString("\r\n" + crlf(text) + "\r\n")
		}
	}
	b.WriteString("\r\n\r\n" + msgLoginAuth + "\r\n\r\n\r\n")
	if lg.Mode == "password" && !lg.HasPassword {
		b.WriteString(msgNoPassword + "\r\n")
		c.Write([]byte(b.String()))
		return loginResult{}, errLoginFailed
	}
	if _, err := c.Write([]byte(b.String())); err != nil {
		return loginResult{}, err
	}
	for try := 1; ; try++ {
		var user string
		if lg.Mode == "scheme" {
			var err error
			if user, err = srv.ask(c, msgUsername, true); err != nil {
				return loginResult{}, err
			}
			for user == "" {
				// An empty name asks again, without counting.
				if user, err = srv.ask(c, msgUsername, true); err != nil {
					return loginResult{}, err
				}
			}
		}
		pw, err := srv.ask(c, msgPassword, false)
		if err != nil {
			return loginResult{}, err
		}
		if level, ok := dev.CheckTelnetLogin(user, pw, line); ok {
			return loginResult{user: user, level: level, banner: true}, nil
		}
		msg := msgBadLogin
		if lg.Mode == "password" {
			msg = msgBadPassword
		}
		remote := hostOnly(c.nc.RemoteAddr().String())
		srv.logger().Warn("login failed", "remote", remote, "protocol", "telnet", "line", line, "user", user, "reason", "wrong user name or password")
		srv.emit(Event{Kind: EventAuthFailure, Remote: remote, Line: line, User: user, Reason: "wrong user name or password"})
		if _, err := c.Write([]byte(msg + "\r\n")); err != nil {
			return loginResult{}, err
		}
		if try >= maxAttempts {
			return loginResult{}, errLoginFailed
		}
		if _, err := c.Write([]byte("\r\n")); err != nil {
			return loginResult{}, err
		}
	}
}

// ask prints prompt and reads one answer up to Enter, echoing it if echo
// is set. Backspace and DEL erase; other control keys and escape
// sequences (arrow keys) are ignored.
func (srv *Server) ask(c *conn, prompt string, echo bool) (string, error) {
	if _, err := c.Write([]byte(prompt)); err != nil {
		return "", err
	}
	var buf []byte
	esc := 0 // 1 after ESC, 2 inside ESC [ or ESC O
	for {
		b, err := c.readByte()
		if err != nil {
			return "", err
		}
		switch {
		case esc == 1:
			esc = 0
			if b == '[' || b == 'O' {
				esc = 2
			}
			continue
		case esc == 2:
			if b >= 0x40 && b <= 0x7e {
				esc = 0
			}
			continue
		}
		switch {
		case b == '\r' || b == '\n':
			if _, err := c.Write([]byte("\r\n")); err != nil {
				return "", err
			}
			return string(buf), nil
		case b == 0x1b:
			esc = 1
		case b == 0x08 || b == 0x7f:
			if len(buf) > 0 {
				buf = buf[:len(buf)-1]
				if echo {
					c.Write([]byte("\b \b"))
				}
			}
		case b < 0x20:
			// Ctrl keys do nothing in the dialog.
		default:
			if len(buf) >= maxField {
				continue
			}
			buf = append(buf, b)
			if echo {
				c.Write([]byte{b})
			}
		}
	}
}

// hostOnly is the host of a host:port address.
func hostOnly(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}

// msgLegalContinue is the legal banner's question [U: the Comware 7
// wording that Netmiko answers; the V5 guides describe the same choice:
// Y or Enter goes on, N quits].
const msgLegalContinue = " Press Y or ENTER to continue, N to exit."

// legal shows the header legal banner and asks whether to go on; b holds
// what has not been sent yet. It reports false when the user declines
// or the connection fails.
func (srv *Server) legal(c *conn, b *strings.Builder) bool {
	text := srv.Device.HeaderText("legal")
	if text == "" {
		return true
	}
	b.WriteString("\r\n" + crlf(text) + "\r\n")
	if _, err := c.Write([]byte(b.String())); err != nil {
		return false
	}
	b.Reset()
	answer, err := srv.ask(c, msgLegalContinue, true)
	b.WriteString("\r\n")
	return err == nil && !strings.EqualFold(strings.TrimSpace(answer), "n")
}

// crlf turns a banner's line breaks into the terminal's.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
