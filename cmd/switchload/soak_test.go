package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"switchemu/fleet/fleettest"
)

// TestSoakLeavesNothing runs the soak mode across a fleet in this
// process, then checks that once the sessions have closed the process
// holds as many goroutines and file descriptors as before them: every
// connection, session and VTY line let go.
//
// The default size keeps the test short; SWITCHEMU_SOAK=full runs the
// hardening issue's size, 10,000 sessions one after the other and 1,000
// at once over 64 devices (docs/performance.md).
func TestSoakLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("soak: not in -short")
	}
	devices, sequential, concurrent := 8, 200, 100
	if os.Getenv("SWITCHEMU_SOAK") == "full" {
		devices, sequential, concurrent = 64, 10000, 1000
	}
	f := fleettest.Start(t, fleettest.Options{Devices: devices})
	var csv strings.Builder
	csv.WriteString("name,host,port,username,password,platform\n")
	for _, d := range f.Devices() {
		host, port, _ := strings.Cut(d.Addr(), ":")
		user, pass := d.Credentials()
		fmt.Fprintf(&csv, "%s,%s,%s,%s,%s,hp_comware\n", d.Name(), host, port, user, pass)
	}
	file := filepath.Join(t.TempDir(), "fleet.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// One session on each device first: a device is made, with its
	// goroutines, when its first client comes.
	out, rep, err := load(t, "--targets", file, "--mode", "soak", "--sequential", strconv.Itoa(devices), "--concurrent", "0",
		"--commands", "display version")
	checkFigures(t, out, rep, err)
	goroutines, fds := settled(t, -1, -1)

	out, rep, err = load(t, "--targets", file, "--mode", "soak",
		"--sequential", strconv.Itoa(sequential), "--concurrent", strconv.Itoa(concurrent),
		"--commands", "display version,display interface brief")
	checkFigures(t, out, rep, err)
	if want := int64(sequential + concurrent); rep.Handshakes != want {
		t.Errorf("%d sessions, want %d", rep.Handshakes, want)
	}
	if g, n := settled(t, goroutines, fds); g != goroutines || n != fds {
		t.Errorf("after %d sessions: %d goroutines (before: %d), %d file descriptors (before: %d)\n%s",
			sequential+concurrent, g, goroutines, n, fds, goroutineDump())
	}
}

// settled waits for the process's goroutines and file descriptors to
// stop changing, or to reach the wanted counts (-1: any), for up to 30 s,
// and returns them.
func settled(t *testing.T, wantG, wantFDs int) (goroutines, fds int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	prevG, prevFDs, same := -1, -1, 0
	for {
		runtime.GC()
		goroutines, fds = runtime.NumGoroutine(), openFDs(t)
		if goroutines == wantG && fds == wantFDs {
			return goroutines, fds
		}
		if goroutines == prevG && fds == prevFDs {
			same++
		} else {
			same = 0
		}
		// Unchanged for a second and a half: that is where it rests.
		if (wantG < 0 && same >= 15) || time.Now().After(deadline) {
			return goroutines, fds
		}
		prevG, prevFDs = goroutines, fds
		time.Sleep(100 * time.Millisecond)
	}
}

func openFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	return len(ents)
}

func goroutineDump() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}
