package fleet

import (
	"runtime/pprof"
	"strings"
	"testing"
)

// TestIdleSessionStandsAlone: the goroutine an idle SSH session waits in
// runs the command line alone, not below the server's and the fleet's
// frames (cli.Shell.Start, sshd.Session.Detach): those frames would keep
// its stack at 8 KB for the session's life instead of 4
// (docs/performance.md).
func TestIdleSessionStandsAlone(t *testing.T) {
	inv, _ := Generated(1, "s7906e", "127.0.0.1:0")
	f := startInventory(t, inv, t.TempDir())
	sh := openShell(t, f.Member("SW0001"))
	sh.run("display version")

	var b strings.Builder
	pprof.Lookup("goroutine").WriteTo(&b, 2)
	waiting := 0
	for _, g := range strings.Split(b.String(), "\n\n") {
		if !strings.Contains(g, "cli.(*input).wait") {
			continue
		}
		waiting++
		for _, below := range []string{"switchemu/sshd.", "switchemu/fleet."} {
			if strings.Contains(g, below) {
				t.Errorf("the idle session waits below %s frames:\n%s", below, g)
			}
		}
	}
	if waiting != 1 {
		t.Fatalf("%d goroutines wait for input; want the session's one", waiting)
	}
}
