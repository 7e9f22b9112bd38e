package sshd

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"math/big"
	"net"

	"switchemu/device"
)

// Where an SSH-1 connection meets the device's accounting: password
// checks and the VTY line. SSH-2 does the same in its own files; the
// messages in the log buffer are the same for both protocols.

// checkPassword checks a password as SSH-2 does: in scheme mode the
// user's ssh user entry must allow passwords (password-publickey cannot
// be done in SSH-1, which allows one method per login), then the line's
// authentication-mode decides.
func (c *ssh1Conn) checkPassword(pw string) bool {
	dev := c.srv.Device
	host := hostOf(c.nc.RemoteAddr().String())
	l := dev.SSHLoginFor(c.user, c.line)
	allowed := l.Mode != "scheme" || l.Entry.Auth == device.SSHAuthPassword || l.Entry.Auth == device.SSHAuthAny
	level, ok := 0, false
	if allowed {
		level, ok = dev.CheckSSHPassword(c.user, pw, c.line)
	}
	if !ok {
		c.srv.pause(dev.LoginFailed(host)) // as SSH-2 (auth.go)
		c.log.Info("authentication failed", "stage", "auth")
		dev.UpdateVTY(c.line, func(l *device.Login) { l.Retry++ })
		dev.Log("SSH", 5, "AUTH_FAILURE", fmt.Sprintf("SSH user %s (IP:%s) failed to process PASSWORD Authentication!", c.user, host))
		return false
	}
	c.level = level
	dev.LoginSucceeded(host)
	dev.Log("SSH", 4, "AUTHSUCC", fmt.Sprintf("SSH user %s (IP:%s) success to process PASSWORD Authentication!", c.user, host))
	return true
}

// userKey returns the user's RSA public key with modulus n (ssh user NAME
// assign publickey KEY, authentication-type publickey or any) and the
// level the session gets.
func (c *ssh1Conn) userKey(n *big.Int) (*rsa.PublicKey, int, bool) {
	if f := c.srv.ssh1.userKey; f != nil {
		return f(c.user, n)
	}
	dev := c.srv.Device
	l := dev.SSHLoginFor(c.user, c.line)
	if !l.HasUser || (l.Entry.Auth != device.SSHAuthPublicKey && l.Entry.Auth != device.SSHAuthAny) {
		return nil, 0, false
	}
	var key *rsa.PublicKey
	level, ok := dev.CheckSSHPublicKey(c.user, c.line, func(pub *rsa.PublicKey) bool {
		if pub.N.Cmp(n) != 0 {
			return false
		}
		key = pub
		return true
	})
	return key, level, ok
}

// keyChecked logs the outcome of RSA authentication and keeps the level.
func (c *ssh1Conn) keyChecked(ok bool, level int) {
	dev := c.srv.Device
	host := hostOf(c.nc.RemoteAddr().String())
	if !ok {
		c.log.Info("authentication failed", "stage", "auth", "method", "rsa")
		dev.UpdateVTY(c.line, func(l *device.Login) { l.Retry++ })
		dev.Log("SSH", 5, "AUTH_FAILURE", fmt.Sprintf("SSH user %s (IP:%s) failed to process PUBLICKEY Authentication!", c.user, host))
		return
	}
	c.level = level
	dev.Log("SSH", 4, "AUTHSUCC", fmt.Sprintf("SSH user %s (IP:%s) success to process PUBLICKEY Authentication!", c.user, host))
}

// setState shows the connection's stage in display ssh server session.
func (c *ssh1Conn) setState(state string) {
	c.srv.Device.UpdateVTY(c.line, func(l *device.Login) { l.State = state })
}

// startLine marks the connection's VTY line (taken at accept) as an
// established version 1.5 session with its cipher (display ssh server
// session, display users). serveConn frees the line.
func (c *ssh1Conn) startLine() (line int, release func(), err error) {
	dev := c.srv.Device
	dev.UpdateVTY(c.line, func(l *device.Login) {
		l.State, l.User, l.Version, l.Cipher, l.Level, l.Service = "Established", c.user, ssh1Version, c.cipher, c.level, "Stelnet"
		l.Since = dev.Now()
		l.LastInput = l.Since
	})
	return c.line, func() {}, nil
}

// authRetriesExceeded logs a login that used up authentication-retries.
func (c *ssh1Conn) authRetriesExceeded() {
	c.srv.Device.Log("SSH", 4, "LOGIN_FAILED", fmt.Sprintf("SSH user %s (IP:%s) login failed: authentication retries exceeded!",
		c.userOrUnknown(), hostOf(c.nc.RemoteAddr().String())))
}

// handshakeEnded logs a connection that ended before its login: the
// log buffer records authentication-timeout.
func (c *ssh1Conn) handshakeEnded(err error) {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		c.log.Info("authentication timeout", "stage", "auth")
		c.srv.Device.Log("SSH", 4, "AUTH_TIMEOUT", fmt.Sprintf("SSH user %s (IP:%s) authentication timed out!",
			c.userOrUnknown(), hostOf(c.nc.RemoteAddr().String())))
	}
}

func (c *ssh1Conn) userOrUnknown() string {
	if c.user == "" {
		return "unknown"
	}
	return c.user
}
