package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkExec measures one non-interactive command, from line to output,
// on a factory-configured device.
func BenchmarkExec(b *testing.B) {
	for _, line := range []string{"display version", "display interface brief", "display current-configuration"} {
		b.Run(strings.ReplaceAll(line, " ", "_"), func(b *testing.B) {
			sh := New(testDevice(b), nil)
			info := SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.1", Line: -1}
			b.ReportAllocs()
			for b.Loop() {
				if code := sh.Exec(context.Background(), rw{strings.NewReader(""), io.Discard}, line, info); code != 0 {
					b.Fatalf("%s: exit %d", line, code)
				}
			}
		})
	}
}

// BenchmarkReplay measures booting: replaying the factory configuration
// and a configuration with 100 VLANs and configured ports.
func BenchmarkReplay(b *testing.B) {
	d := testDevice(b)
	var block strings.Builder
	for i := 2; i <= 101; i++ {
		block.WriteString("vlan " + itoa(i) + "\n name v" + itoa(i) + "\n#\n")
	}
	if errs := New(d, nil).Replay(block.String()); len(errs) > 0 {
		b.Fatal(errs)
	}
	big := renderConfig(d.Snapshot(), d.Profile())
	for name, text := range map[string]string{"factory": d.Profile().Factory.Config, "100vlans": big} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if errs := New(testDevice(b), nil).Replay(text); len(errs) > 0 {
					b.Fatal(errs)
				}
			}
		})
	}
}

// BenchmarkIdleSessions measures what an idle logged-in session costs:
// heap and stack bytes and goroutines per session, with 100 sessions at
// the prompt after a command.
func BenchmarkIdleSessions(b *testing.B) {
	for b.Loop() {
		c := idleSessions(b, 100, "display current-configuration")
		b.ReportMetric(c.heap, "heapB/session")
		b.ReportMetric(c.stack, "stackB/session")
		b.ReportMetric(c.goroutines, "goroutines/session")
	}
}

// TestIdleSessionStack: an idle session's goroutines give back the stack
// its last command grew. Its command line waits a little over 1 KB deep
// (engine_serve.go), so two collections bring its stack back to 4 KB, and
// its input reader's stays at 2 KB: 6 KB a session, 7 to 7.5 KB measured
// with the stack spans' slack. A command line waiting below 1.2 KB more
// of its caller's frames, as it did under the SSH server's and the
// fleet's, keeps 8 KB: 10 to 11 KB measured.
//
// The runtime starts goroutines at the average stack size of its last
// collection, which makes the reader's 2 or 4 KB; the test runs itself
// again with that turned off, so that the figure is the session's alone.
// The race detector's bigger frames and guard keep stacks bigger.
func TestIdleSessionStack(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's stacks are bigger")
	}
	const env = "adaptivestackstart=0"
	if os.Getenv("GODEBUG") != env {
		cmd := exec.Command(os.Args[0], "-test.run=^TestIdleSessionStack$", "-test.v")
		cmd.Env = append(os.Environ(), "GODEBUG="+env)
		out, err := cmd.CombinedOutput()
		t.Logf("with GODEBUG=%s:\n%s", env, out)
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	c := idleSessions(t, 100, "display current-configuration")
	t.Logf("per idle session: %.0f B of stack, %.0f B of heap, %.1f goroutines", c.stack, c.heap, c.goroutines)
	if c.goroutines > 2.05 {
		t.Errorf("%.2f goroutines per idle session; want 2 (the command line and its input reader)", c.goroutines)
	}
	if c.stack > 9<<10 {
		t.Errorf("%.0f B of stack per idle session; want about 7 KB (4 KB, the reader's 2 KB and some slack)", c.stack)
	}
}

type idleCost struct{ heap, stack, goroutines float64 }

// idleSessions starts n sessions, runs line in each, and measures them
// waiting at the prompt after two garbage collections (a collection
// halves a stack at most once); then it ends them.
func idleSessions(tb testing.TB, n int, line string) idleCost {
	tb.Helper()
	d := testDevice(tb)
	sh := New(d, nil)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	g0 := runtime.NumGoroutine()
	ins := make([]*io.PipeWriter, n)
	outs := make([]*bufio.Reader, n)
	done := make(chan error, n)
	for i := range ins {
		inR, inW := io.Pipe()
		outR, outW := io.Pipe()
		ins[i] = inW
		sh.Start(context.Background(), rw{inR, outW}, func() Window { return Window{80, 24} },
			SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.9", Line: -1}, func(err error) {
				outW.Close()
				done <- err
			})
		r := bufio.NewReader(outR)
		waitPrompt := func() {
			var tail []byte
			for !bytes.HasSuffix(tail, []byte("<3Com>")) {
				c, err := r.ReadByte()
				if err != nil {
					tb.Fatal(err)
				}
				tail = append(tail, c)
			}
		}
		waitPrompt()
		io.WriteString(inW, "screen-length disable\r"+line+"\r")
		waitPrompt()
		waitPrompt()
		outs[i] = r
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	c := idleCost{
		heap:       float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(n),
		stack:      float64(int64(after.StackInuse)-int64(before.StackInuse)) / float64(n),
		goroutines: float64(runtime.NumGoroutine()-g0) / float64(n),
	}
	for i, in := range ins {
		go io.Copy(io.Discard, outs[i]) // what the session says as it ends
		in.Close()
	}
	for range ins {
		if err := <-done; err != nil {
			tb.Fatal(err)
		}
	}
	return c
}

// BenchmarkSessionCommand measures one command typed in a logged-in
// session, as a script runs them back to back: the line, the command,
// its output through the pager and the next prompt (screen-length
// disable, as automation sets it).
func BenchmarkSessionCommand(b *testing.B) {
	for _, line := range []string{"display version", "display interface brief"} {
		b.Run(strings.ReplaceAll(line, " ", "_"), func(b *testing.B) {
			sh := New(testDevice(b), nil)
			inR, inW := io.Pipe()
			outR, outW := io.Pipe()
			done := make(chan error, 1)
			go func() {
				done <- sh.Run(context.Background(), rw{inR, outW}, func() Window { return Window{80, 24} },
					SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.9", Line: -1})
				outW.Close()
			}()
			r := bufio.NewReaderSize(outR, 64<<10)
			prompt := func() {
				// The prompt is the last thing written before the session
				// waits: read until the output ends with it.
				const want = "\r\n<3Com>"
				var tail [len(want)]byte
				for string(tail[:]) != want {
					c, err := r.ReadByte()
					if err != nil {
						b.Fatal(err)
					}
					copy(tail[:], tail[1:])
					tail[len(tail)-1] = c
				}
			}
			io.WriteString(inW, "screen-length disable\r")
			prompt()
			b.ReportAllocs()
			for b.Loop() {
				io.WriteString(inW, line+"\r")
				prompt()
			}
			inW.Close()
			go io.Copy(io.Discard, r) // what the session says as it ends
			if err := <-done; err != nil {
				b.Fatal(err)
			}
		})
	}
}
