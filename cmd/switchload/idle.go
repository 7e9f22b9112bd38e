package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// idle is the idle mode: n interactive sessions spread over the targets
// log in, run the commands once and then sit idle for --duration, as
// operators' forgotten terminals do. With --server-pid it reads the
// emulator's resident memory before the sessions open and once they are
// all idle, and reports the cost of one idle session.
func (l *loader) idle(ctx context.Context) {
	before := rssOf(l.opts.serverPID)
	var (
		mu     sync.Mutex
		shells []*shell
		wg     sync.WaitGroup
	)
	for i := range l.opts.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sh, kind, err := l.openShell(ctx, l.targets[i%len(l.targets)])
			if err != nil {
				l.fail(ctx, kind, err)
				return
			}
			if err := l.commandLoop(ctx, sh, 1); err != nil {
				l.fail(ctx, "command", err)
				sh.close()
				return
			}
			mu.Lock()
			shells = append(shells, sh)
			mu.Unlock()
		}()
	}
	wg.Wait()
	// Let the server settle (its goroutines park, buffers shrink) before
	// it is measured.
	sleepCtx(ctx, l.opts.settle)
	l.idleSessions = len(shells)
	if before > 0 && len(shells) > 0 {
		l.rssBefore, l.rssIdle = before, rssOf(l.opts.serverPID)
	}
	sleepCtx(ctx, l.opts.duration) // hold the sessions
	for _, sh := range shells {
		sh.quit(l.opts.timeout)
		sh.close()
	}
}

// rssOf reads a process's resident set size in bytes; 0 if unknown.
func rssOf(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// idleSettle is how long the idle mode waits before it measures.
const idleSettle = 2 * time.Second
