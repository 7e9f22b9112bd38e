package telnetd

import (
	"strings"
	"testing"

	"switchemu/device"
)

// TestLoginHeaders: the legal banner follows the copyright banner and asks
// to go on; motd and login follow it, before the login dialog; N at the
// question closes the connection.
func TestLoginHeaders(t *testing.T) {
	d := testDevice(t)
	if err := d.Update(func(c *device.Config) error {
		c.SetHeader("motd", "%\nmotd line 1\nmotd line 2%")
		c.SetHeader("login", "#login banner#")
		c.SetHeader("legal", "%legal banner%")
		c.SetHeader("shell", "%shell banner%") // the shell's, not telnetd's
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	_, addr := testServer(t, d)
	c := dial(t, addr)
	out := c.expect(msgLegalContinue)
	if !strings.Contains(out, "*\r\n\r\nlegal banner\r\n"+msgLegalContinue) {
		t.Errorf("legal banner: %q", out)
	}
	c.send("\r")
	out = c.expect("Username:")
	i, j, k := strings.Index(out, "motd line 1\r\nmotd line 2\r\n"), strings.Index(out, "login banner\r\n"), strings.Index(out, msgLoginAuth)
	if i < 0 || j < i || k < j || strings.Contains(out, "shell banner") {
		t.Errorf("banners before login out of order: %q", out)
	}

	c = dial(t, addr)
	c.expect(msgLegalContinue)
	c.send("N\r")
	if out := c.expectClose(); strings.Contains(out, "Username:") {
		t.Errorf("declined legal banner went on: %q", out)
	}
}
