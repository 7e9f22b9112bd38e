package cli

import (
	"bufio"
	"context"
	"io"
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
// heap bytes and goroutines per session, with 100 sessions at the prompt.
func BenchmarkIdleSessions(b *testing.B) {
	const n = 100
	d := testDevice(b)
	sh := New(d, nil)
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		g0 := runtime.NumGoroutine()
		ins := make([]*io.PipeWriter, n)
		done := make(chan error, n)
		for i := range ins {
			inR, inW := io.Pipe()
			outR, outW := io.Pipe()
			ins[i] = inW
			go func() {
				done <- sh.Run(context.Background(), rw{inR, outW}, func() Window { return Window{80, 24} },
					SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.9", Line: -1})
				outW.Close()
			}()
			r := bufio.NewReader(outR)
			var seen strings.Builder
			for !strings.HasSuffix(seen.String(), "<3Com>") {
				c, err := r.ReadByte()
				if err != nil {
					b.Fatal(err)
				}
				seen.WriteByte(c)
			}
			go io.Copy(io.Discard, r)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "heapB/session")
		b.ReportMetric(float64(runtime.NumGoroutine()-g0)/n, "goroutines/session")
		for _, in := range ins {
			in.Close()
		}
		for range ins {
			if err := <-done; err != nil {
				b.Fatal(err)
			}
		}
	}
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
