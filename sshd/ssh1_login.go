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

// checkPassword authenticates against the device's local users with
// service-type ssh, and logs the outcome.
func (c *ssh1Conn) checkPassword(pw string) bool {
	dev := c.srv.Device
	host := hostOf(c.nc.RemoteAddr().String())
	level, ok := dev.Authenticate(c.user, pw, "ssh")
	if !ok {
		c.log.Info("authentication failed", "stage", "auth")
		dev.Log("SSH", 5, "AUTH_FAILURE", fmt.Sprintf("SSH user %s (IP:%s) failed to process PASSWORD Authentication!", c.user, host))
		return false
	}
	c.level = level
	dev.Log("SSH", 4, "AUTHSUCC", fmt.Sprintf("SSH user %s (IP:%s) success to process PASSWORD Authentication!", c.user, host))
	return true
}

// userKey returns the user's RSA public key with modulus n (ssh user NAME
// assign publickey KEY) and the level the session gets. The device model
// of this build has no client keys yet, so only the test hook finds one.
func (c *ssh1Conn) userKey(n *big.Int) (*rsa.PublicKey, int, bool) {
	if f := c.srv.ssh1.userKey; f != nil {
		return f(c.user, n)
	}
	return nil, 0, false
}

// keyChecked logs the outcome of RSA authentication and keeps the level.
func (c *ssh1Conn) keyChecked(ok bool, level int) {
	dev := c.srv.Device
	host := hostOf(c.nc.RemoteAddr().String())
	if !ok {
		c.log.Info("authentication failed", "stage", "auth", "method", "rsa")
		dev.Log("SSH", 5, "AUTH_FAILURE", fmt.Sprintf("SSH user %s (IP:%s) failed to process PUBLICKEY Authentication!", c.user, host))
		return
	}
	c.level = level
	dev.Log("SSH", 4, "AUTHSUCC", fmt.Sprintf("SSH user %s (IP:%s) success to process PUBLICKEY Authentication!", c.user, host))
}

// startLine puts the authenticated session on a VTY line as version 1.5
// with its cipher (display ssh server session, display users); release
// frees it.
func (c *ssh1Conn) startLine() (line int, release func(), err error) {
	dev := c.srv.Device
	line, err = dev.AcquireVTY(device.Login{
		User: c.user, Remote: c.nc.RemoteAddr(), Protocol: "SSH", Version: ssh1Version, Cipher: c.cipher, Level: c.level,
	})
	if err != nil {
		return -1, nil, err
	}
	return line, func() { dev.ReleaseVTY(line) }, nil
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
