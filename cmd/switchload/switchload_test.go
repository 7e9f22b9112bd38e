package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"switchemu/cli"
	"switchemu/device"
	"switchemu/profiles"
	"switchemu/sshd"
)

// startDevice serves one emulated device of the embedded profile on
// 127.0.0.1 (a free port) until the test ends, as cmd/switchemu does
// without reboots, and returns its address.
func startDevice(t *testing.T, profile string) string {
	t.Helper()
	p, err := profiles.Open(profile)
	if err != nil {
		t.Fatal(err)
	}
	store, err := device.OpenStore(filepath.Join(t.TempDir(), p.Name))
	if err != nil {
		t.Fatal(err)
	}
	dev := device.New(p, device.Options{Store: store})
	if err := dev.InitHostKey(); err != nil {
		t.Fatal(err)
	}
	shell := cli.New(dev, nil)
	if _, errs, err := shell.Boot(); err != nil || len(errs) > 0 {
		t.Fatalf("boot: %v %v", err, errs)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &sshd.Server{Device: dev, Handler: func(ctx context.Context, s *sshd.Session) int {
		info := cli.SessionInfo{User: s.User, Level: s.Level, Remote: "127.0.0.1", Line: s.Line}
		if s.Command != "" {
			return shell.Exec(ctx, s.RW, s.Command, info)
		}
		win := func() cli.Window {
			w, h := s.Window()
			return cli.Window{Width: w, Height: h}
		}
		if err := shell.Run(ctx, s.RW, win, info); err != nil {
			return 1
		}
		return 0
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.ServeContext(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
	return ln.Addr().String()
}

// load runs the tool with -json and returns the text, the parsed figures
// and run's error.
func load(t *testing.T, args ...string) (string, report, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	err := run(ctx, append(args, "-json", "--timeout", "60s"), &stdout, &stderr)
	out := stdout.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var rep report
	if jerr := json.Unmarshal([]byte(lines[len(lines)-1]), &rep); jerr != nil {
		t.Fatalf("last line is not the JSON report: %v\n%s%s", jerr, out, stderr.String())
	}
	return out, rep, err
}

// checkFigures asserts what any successful run shows: counts, ordered
// percentiles, no errors. Never timings.
func checkFigures(t *testing.T, out string, rep report, err error) {
	t.Helper()
	if err != nil {
		t.Errorf("run: %v\n%s", err, out)
	}
	l := rep.Latency
	switch {
	case rep.Handshakes <= 0 || rep.Commands <= 0 || rep.HandshakesPerS <= 0 || rep.CommandsPerS <= 0:
		t.Errorf("no work done: %+v\n%s", rep, out)
	case l.Samples <= 0 || !(0 < l.P50 && l.P50 <= l.P90 && l.P90 <= l.P99 && l.P99 <= l.Max):
		t.Errorf("percentiles not ordered: %+v\n%s", l, out)
	case len(rep.Errors) > 0:
		t.Errorf("errors: %v\n%s", rep.Errors, out)
	}
	for _, want := range []string{"handshakes", "commands", "p50", "p90", "p99", "max", "errors      none"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestHandshakeMode(t *testing.T) {
	addr := startDevice(t, profiles.Default)
	out, rep, err := load(t, "--target", addr, "--mode", "handshake", "-n", "3", "--count", "12")
	checkFigures(t, out, rep, err)
	if rep.Handshakes != 12 || rep.Commands != 12 || rep.Latency.Samples != 12 {
		t.Errorf("--count 12: %d handshakes, %d commands, %d samples", rep.Handshakes, rep.Commands, rep.Latency.Samples)
	}
}

// TestInteractiveAcrossInventory spreads persistent sessions over two
// devices (a chassis and a box) listed in a CSV inventory.
func TestInteractiveAcrossInventory(t *testing.T) {
	a, b := startDevice(t, "s7906e"), startDevice(t, "s5120ei")
	var csv strings.Builder
	csv.WriteString("name,host,port,username,password,platform\n")
	for i, addr := range []string{a, b} {
		host, port, _ := net.SplitHostPort(addr)
		fmt.Fprintf(&csv, "SW%04d,%s,%s,admin,admin,hp_comware\n", i+1, host, port)
	}
	file := filepath.Join(t.TempDir(), "fleet.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, rep, err := load(t, "--targets", file, "--mode", "interactive", "-n", "4", "--count", "40",
		"--commands", "display version,display interface brief,display clock")
	checkFigures(t, out, rep, err)
	if rep.Targets != 2 || rep.Handshakes != 4 || rep.Commands != 40 {
		t.Errorf("want 2 targets, 4 sessions, 40 commands: %+v", rep)
	}
	total := 0
	for _, cmd := range []string{"display version", "display interface brief", "display clock"} {
		l := rep.ByCommand[cmd]
		total += l.Samples
		if l.Samples == 0 || l.P50 > l.Max {
			t.Errorf("%s: %+v", cmd, l)
		}
	}
	if total != 40 {
		t.Errorf("by command: %d samples, want 40", total)
	}
}

func TestSoakMode(t *testing.T) {
	addr := startDevice(t, "s4800g")
	out, rep, err := load(t, "--target", addr, "--mode", "soak", "--sequential", "3", "--concurrent", "4",
		"--commands", "display version,display clock")
	checkFigures(t, out, rep, err)
	if rep.Handshakes != 7 || rep.Commands != 14 {
		t.Errorf("3 sequential + 4 concurrent sessions of 2 commands: %d handshakes, %d commands", rep.Handshakes, rep.Commands)
	}
}

// TestDurationStops: a run bounded by --duration alone ends by itself.
func TestDurationStops(t *testing.T) {
	addr := startDevice(t, profiles.Default)
	out, rep, err := load(t, "--target", addr, "--mode", "interactive", "-n", "2", "--duration", "5s", "--commands", "display clock")
	checkFigures(t, out, rep, err)
}

// TestErrorsByKind: failures are counted by kind and make run fail.
func TestErrorsByKind(t *testing.T) {
	addr := startDevice(t, profiles.Default)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	for _, tc := range []struct {
		name string
		args []string
		kind string
	}{
		{"wrong password", []string{"--target", addr, "--password", "wrong", "--count", "2", "-n", "1"}, "auth"},
		{"nothing listening", []string{"--target", closed, "--count", "2", "-n", "1"}, "connect"},
		{"refused command", []string{"--target", addr, "--mode", "interactive", "-n", "1", "--count", "2", "--commands", "display bogus"}, "cli-error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, rep, err := load(t, tc.args...)
			if !errors.Is(err, errFailures) {
				t.Errorf("run: %v, want errFailures", err)
			}
			if rep.Errors[tc.kind] != 2 || len(rep.Errors) != 1 {
				t.Errorf("errors %v, want %s 2\n%s", rep.Errors, tc.kind, out)
			}
		})
	}
}

func TestParseInventory(t *testing.T) {
	got, err := parseInventory(strings.NewReader("name,host,port,username,password,platform\n" +
		"SW0001,127.0.0.1,2222,admin,admin,hp_comware\nSW0002,127.0.1.2,22,ops,\"p,w\",hp_comware\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []target{{"SW0001", "127.0.0.1:2222", "admin", "admin"}, {"SW0002", "127.0.1.2:22", "ops", "p,w"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("parsed %v, want %v", got, want)
	}
	reordered, err := parseInventory(strings.NewReader("host,port,name,platform,username,password\n127.0.0.1,2222,A,hp_comware,u,p\n"))
	if err != nil || len(reordered) != 1 || reordered[0].Addr != "127.0.0.1:2222" || reordered[0].User != "u" {
		t.Errorf("reordered columns: %v %v", reordered, err)
	}
	for _, tc := range []struct{ text, want string }{
		{"", "empty inventory"},
		{"name,host,port,user,password,platform\n", "line 1: unknown column \"user\""},
		{"name,host,port,username,password,platform\nA,127.0.0.1,99999,admin,admin,hp_comware\n", "line 2: port \"99999\""},
		{"name,host,port,username,password,platform\nA,127.0.0.1,22,admin,admin\n", "line 2"},
		{"name,host,port,username,password,platform\nA,h,22,u,p,x\nA,h,23,u,p,x\n", "line 3: device \"A\" already on line 2"},
		{"name,host,port,username,password,platform\n", "no devices"},
	} {
		if _, err := parseInventory(strings.NewReader(tc.text)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one containing %q", tc.text, err, tc.want)
		}
	}
}

func TestParseTargets(t *testing.T) {
	got, err := parseTargets("127.0.0.1:2222-2224", "admin", "pw")
	if err != nil || len(got) != 3 || got[0].Addr != "127.0.0.1:2222" || got[2].Addr != "127.0.0.1:2224" || got[1].Password != "pw" {
		t.Errorf("range: %v %v", got, err)
	}
	for _, bad := range []string{"127.0.0.1", "127.0.0.1:2224-2222", "127.0.0.1:0", "h:x"} {
		if _, err := parseTargets(bad, "u", "p"); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--target", "127.0.0.1:1", "--mode", "flood"},
		{"--target", "127.0.0.1:1", "-n", "0"},
		{"--target", "127.0.0.1:1", "--algorithms", "weak"},
		{"--target", "127.0.0.1:1", "--commands", " , "},
	} {
		var out bytes.Buffer
		if err := run(context.Background(), args, &out, &out); err == nil || errors.Is(err, errFailures) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
}

func TestPercentiles(t *testing.T) {
	var s []time.Duration
	for i := 100; i >= 1; i-- {
		s = append(s, time.Duration(i)*time.Millisecond)
	}
	l := percentiles(s)
	if l.P50 != 50 || l.P90 != 90 || l.P99 != 99 || l.Max != 100 || l.Samples != 100 {
		t.Errorf("1..100 ms: %+v", l)
	}
	if l := percentiles(nil); l != (latency{}) {
		t.Errorf("no samples: %+v", l)
	}
}

// TestNoFreeLine: persistent sessions beyond the device's 16 VTY lines
// are refused with the device's message, counted as no-free-line, while
// the 16 hold their lines for the whole run.
func TestNoFreeLine(t *testing.T) {
	addr := startDevice(t, profiles.Default)
	out, rep, err := load(t, "--target", addr, "--mode", "interactive", "-n", "18", "--count", "32", "--duration", "2m", "--commands", "display clock")
	if !errors.Is(err, errFailures) || rep.Errors["no-free-line"] == 0 || rep.Handshakes == 0 {
		t.Errorf("18 sessions on 16 lines: %v %+v\n%s", err, rep, out)
	}
}

// TestIdleMode: the idle mode holds its sessions for the run and reads
// the server's memory (here the test process's own).
func TestIdleMode(t *testing.T) {
	addr := startDevice(t, profiles.Default)
	out, rep, err := load(t, "--target", addr, "--mode", "idle", "-n", "3", "--duration", "4s",
		"--commands", "display clock", "--server-pid", strconv.Itoa(os.Getpid()))
	if err != nil || rep.IdleSessions != 3 || rep.Commands != 3 || rep.ServerRSSIdle <= 0 {
		t.Errorf("idle mode: %v %+v\n%s", err, rep, out)
	}
}
