package fleet

import (
	"io"
	"net"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

// telnetDevice is a fleet of one device, a, with SSH and telnet.
const telnetDevice = `
devices:
  - name: a
    telnet: 127.0.0.1:0
    config: |
      telnet server enable
`

// TestIdleSessionStandsAlone: the goroutine an idle SSH or telnet
// session waits in runs the command line alone, not below the server's
// and the fleet's frames (cli.Shell.Start, sshd's and telnetd's
// Session.Detach): those frames would keep its stack at 8 KB for the
// session's life instead of 4 (docs/performance.md).
func TestIdleSessionStandsAlone(t *testing.T) {
	f := startFleet(t, telnetDevice)
	a := f.Member("a")
	// The SSH session stays while the telnet one logs in: then two wait.
	sh := openShell(t, a)
	t.Run("ssh", func(t *testing.T) {
		sh.run("display version")
		checkWaitingAlone(t, 1)
	})
	t.Run("telnet", func(t *testing.T) {
		nc, err := net.DialTimeout("tcp", a.TelnetAddr().String(), 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer nc.Close()
		nc.SetDeadline(time.Now().Add(20 * time.Second))
		user, pw := a.Login()
		var seen strings.Builder
		until := func(want string) {
			b := make([]byte, 512)
			for !strings.Contains(seen.String(), want) {
				n, err := nc.Read(b)
				seen.Write(b[:n])
				if err != nil {
					t.Fatalf("waiting for %q: %v\n%s", want, err, seen.String())
				}
			}
		}
		until("Username:")
		io.WriteString(nc, user+"\r\n")
		until("Password:")
		io.WriteString(nc, pw+"\r\n")
		until("<a>")
		checkWaitingAlone(t, 2)
	})
}

// checkWaitingAlone checks that n goroutines wait for sessions' input,
// with no server or fleet frames below the command line's, and that no
// goroutine of the servers' waits for a session to end.
func checkWaitingAlone(t *testing.T, n int) {
	t.Helper()
	var b strings.Builder
	waiting := 0
	// A session reaches its wait a moment after its prompt is out.
	for range 100 {
		b.Reset()
		pprof.Lookup("goroutine").WriteTo(&b, 2)
		if waiting = strings.Count(b.String(), "cli.(*input).wait"); waiting >= n {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if waiting != n {
		t.Fatalf("%d goroutines wait for input; want %d, one a session", waiting, n)
	}
	for _, g := range strings.Split(b.String(), "\n\n") {
		if !strings.Contains(g, "cli.(*input).wait") {
			continue
		}
		for _, below := range []string{"switchemu/sshd.", "switchemu/telnetd.", "switchemu/fleet."} {
			if strings.Contains(g, below) {
				t.Errorf("the idle session waits below %s frames:\n%s", below, g)
			}
		}
	}
	for _, handler := range []string{"switchemu/sshd.(*Server).handle(", "switchemu/telnetd.(*Server).serveConn("} {
		if strings.Contains(b.String(), handler) {
			t.Errorf("a goroutine in %s waits while a session is idle:\n%s", handler, b.String())
		}
	}
}
