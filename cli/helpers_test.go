package cli

import (
	"strings"
	"testing"

	"switchemu/device"
)

// console runs command lines in one session of a shell without a
// terminal and returns what each printed, with "\r\n" made "\n".
type console struct {
	t   testing.TB
	s   *Session
	out *strings.Builder
}

func newConsole(t testing.TB, d *device.Device) *console {
	out := &strings.Builder{}
	sh := New(d, nil)
	s := sh.newSession(SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.1", Line: -1}, &term{w: out}, nil, nil)
	return &console{t: t, s: s, out: out}
}

// run types each line and returns the output of the last one.
func (c *console) run(lines ...string) string {
	c.t.Helper()
	var last string
	for _, l := range lines {
		c.out.Reset()
		c.s.execute(l, len(c.s.prompt()))
		last = strings.ReplaceAll(c.out.String(), "\r\n", "\n")
	}
	return last
}

// must runs configuration lines and fails the test if any printed an
// error.
func (c *console) must(lines ...string) {
	c.t.Helper()
	for _, l := range lines {
		if out := c.run(l); strings.Contains(out, "%") || strings.Contains(out, "Error") {
			c.t.Fatalf("%q: %s", l, out)
		}
	}
}
