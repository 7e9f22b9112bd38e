package fleet

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkStart starts fleets of 1,000 and 10,000 devices on free
// loopback ports and reports, per start: the seconds until every device's
// port answers with the SSH identification (a sample of 200 is dialled;
// the rest listen on the same loop), and the process's resident memory
// and live heap once the fleet is idle. Figures: docs/performance.md.
//
//	go test ./fleet -run '^$' -bench Start -benchtime 1x
func BenchmarkStart(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("devices=%d", n), func(b *testing.B) {
			for b.Loop() {
				// Consecutive ports, as --devices gives them: asking the kernel
				// for 10,000 free ports (port 0) alone takes many seconds.
				inv, err := Generated(n, "s7906e", "127.77.0.1:10000")
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				before := rss()
				start := time.Now()
				f, err := New(inv, Options{StateDir: b.TempDir(), Listen: "127.77.0.1:10000"})
				if err != nil {
					b.Fatal(err)
				}
				if err := f.Start(context.Background()); err != nil {
					b.Fatal(err)
				}
				ms := f.Members()
				for i := 0; i < len(ms); i += max(1, len(ms)/200) {
					if err := identification(ms[i].Addr().String()); err != nil {
						b.Fatalf("%s: %v", ms[i].Name(), err)
					}
				}
				ready := time.Since(start)
				runtime.GC()
				var st runtime.MemStats
				runtime.ReadMemStats(&st)
				b.ReportMetric(ready.Seconds(), "s-to-accept")
				b.ReportMetric(float64(rss()-before)/(1<<20), "MB-rss-added")
				b.ReportMetric(float64(rss())/(1<<20), "MB-rss")
				b.ReportMetric(float64(st.HeapInuse)/(1<<20), "MB-heap")
				b.ReportMetric(float64(runtime.NumGoroutine()), "goroutines")
				f.Close()
			}
		})
	}
}

// identification dials addr and reads the server's SSH identification
// line.
func identification(addr string) error {
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "SSH-") {
		return fmt.Errorf("identification %q", line)
	}
	return nil
}

// rss is the process's resident set size in bytes.
func rss() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
