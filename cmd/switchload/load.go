package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"sync"
	"sync/atomic"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/profiles"
)

// loader runs one load and collects its figures.
type loader struct {
	opts    options
	targets []target
	algos   profiles.AlgorithmSet

	handshakes atomic.Int64 // completed connections (logins)
	commands   atomic.Int64 // completed commands
	budget     atomic.Int64 // operations reserved against --count

	mu        sync.Mutex // guards the fields below
	latencies []time.Duration
	byCommand map[string][]time.Duration // interactive and soak
	errs      map[string]int
	firstErr  map[string]string // the first error of each kind

	// idle mode: sessions held, and the server's memory around them
	idleSessions       int
	rssBefore, rssIdle int64
}

// run runs the mode until it ends by itself, the duration passes or ctx
// is cancelled, and returns the report.
func (l *loader) run(ctx context.Context) *report {
	l.errs, l.firstErr, l.byCommand = map[string]int{}, map[string]string{}, map[string][]time.Duration{}
	if l.opts.duration > 0 && l.opts.mode != "idle" { // idle holds for the duration once its sessions are open
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, l.opts.duration)
		defer cancel()
	}
	start := time.Now()
	workers := l.opts.workers
	switch l.opts.mode {
	case "handshake":
		l.parallel(ctx, workers, l.handshakeWorker)
	case "interactive":
		l.parallel(ctx, workers, l.interactiveWorker)
	case "soak":
		workers = l.opts.concurrent
		l.soak(ctx)
	case "idle":
		l.idle(ctx)
	}
	return l.report(time.Since(start), workers)
}

// parallel runs n workers, worker i on target i modulo the targets, and
// waits for them.
func (l *loader) parallel(ctx context.Context, n int, worker func(context.Context, target)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			worker(ctx, l.targets[i%len(l.targets)])
		}()
	}
	wg.Wait()
}

// take reserves one operation against --count; false when the count is
// reached or the run is over.
func (l *loader) take(ctx context.Context) bool {
	if ended(ctx) {
		return false
	}
	return l.opts.count == 0 || l.budget.Add(1) <= l.opts.count
}

// sample records one operation's latency; cmd names the command of an
// interactive one ("" for a whole connection).
func (l *loader) sample(cmd string, d time.Duration) {
	l.mu.Lock()
	l.latencies = append(l.latencies, d)
	if cmd != "" {
		l.byCommand[cmd] = append(l.byCommand[cmd], d)
	}
	l.mu.Unlock()
}

// fail counts an error by kind, unless it is only the end of the run.
func (l *loader) fail(ctx context.Context, kind string, err error) {
	if ended(ctx) && !errors.Is(err, errTimeout) {
		return // the run ended under the operation
	}
	l.mu.Lock()
	l.errs[kind]++
	if _, ok := l.firstErr[kind]; !ok {
		l.firstErr[kind] = err.Error()
	}
	l.mu.Unlock()
}

var errTimeout = errors.New("timed out")

// ended reports whether the run is over: cancelled, or at its deadline
// (a dial bounded by the deadline fails a moment before ctx.Err says so).
func ended(ctx context.Context) bool {
	if ctx.Err() != nil {
		return true
	}
	dl, ok := ctx.Deadline()
	return ok && !time.Now().Before(dl)
}

// dial connects and logs in: TCP, version exchange, key exchange and
// password authentication, all within the timeout. The kind names the
// step that failed.
func (l *loader) dial(ctx context.Context, t target) (*gossh.Client, string, error) {
	d := net.Dialer{Timeout: l.opts.timeout}
	conn, err := d.DialContext(ctx, "tcp", t.Addr)
	if err != nil {
		if ended(ctx) {
			return nil, "connect", context.DeadlineExceeded
		}
		return nil, "connect", err
	}
	conn.SetDeadline(time.Now().Add(l.opts.timeout))
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	cfg := &gossh.ClientConfig{
		Config:            gossh.Config{KeyExchanges: l.algos.KeyExchanges, Ciphers: l.algos.Ciphers, MACs: l.algos.MACs},
		User:              t.User,
		Auth:              []gossh.AuthMethod{gossh.Password(t.Password)},
		HostKeyCallback:   gossh.InsecureIgnoreHostKey(), // a load tool measures; it does not authenticate the device
		HostKeyAlgorithms: l.algos.HostKeys,
		Timeout:           l.opts.timeout,
	}
	rec := &recordingConn{Conn: conn}
	c, chans, reqs, err := gossh.NewClientConn(rec, t.Addr, cfg)
	if err != nil {
		conn.Close()
		if ended(ctx) {
			return nil, "handshake", context.DeadlineExceeded // the run ended under it
		}
		kind := "handshake"
		var nerr net.Error
		switch {
		case errors.As(err, &nerr) && nerr.Timeout():
			kind, err = "timeout", errTimeout
		case bytes.Contains([]byte(err.Error()), []byte("unable to authenticate")):
			kind = "auth"
		case bytes.Contains(rec.head, []byte(msgNoFreeLine)):
			kind, err = "no-free-line", errors.New(msgNoFreeLine)
		}
		return nil, kind, err
	}
	if !stop() {
		c.Close()
		return nil, "handshake", ctx.Err()
	}
	conn.SetDeadline(time.Time{})
	return gossh.NewClient(c, chans, reqs), "", nil
}

// msgNoFreeLine is what the device sends instead of its identification
// when all its VTY lines are taken (the emulator's sshd.msgNoFreeLine).
const msgNoFreeLine = "All user interfaces are used, please try later!"

// recordingConn keeps the first bytes the server sent, so that a refusal
// sent before the SSH identification can be told from other failures.
type recordingConn struct {
	net.Conn
	head []byte
}

func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if room := 256 - len(c.head); room > 0 && n > 0 {
		c.head = append(c.head, p[:min(n, room)]...)
	}
	return n, err
}

// handshakeWorker connects, runs one exec and closes, again and again.
func (l *loader) handshakeWorker(ctx context.Context, t target) {
	for l.take(ctx) {
		start := time.Now()
		client, kind, err := l.dial(ctx, t)
		if err != nil {
			l.fail(ctx, kind, err)
			continue
		}
		kind, err = l.exec(ctx, client, l.opts.commands[0])
		client.Close()
		if err != nil {
			l.fail(ctx, kind, err)
			continue
		}
		l.sample("", time.Since(start))
		l.handshakes.Add(1)
		l.commands.Add(1)
	}
}

// exec runs one command by an exec request and checks its exit status.
func (l *loader) exec(ctx context.Context, client *gossh.Client, cmd string) (string, error) {
	sess, err := client.NewSession()
	if err != nil {
		return "session", err
	}
	defer sess.Close()
	timer := time.AfterFunc(l.opts.timeout, func() { client.Close() })
	defer timer.Stop()
	stop := context.AfterFunc(ctx, func() { client.Close() })
	defer stop()
	out, err := sess.CombinedOutput(cmd)
	switch {
	case !timer.Stop():
		return "timeout", errTimeout
	case err != nil:
		return "exec", err
	case findCLIError(out) != nil:
		return "cli-error", fmt.Errorf("%s: %s", cmd, bytes.TrimSpace(findCLIError(out)))
	}
	return "", nil
}

// cliError matches the command line's error lines (" % Unrecognized
// command found at '^' position.", "% Incomplete command ...", " Error: ...").
var cliError = regexp.MustCompile(`(?m)^ ?(% |Error: ).*$`)

// findCLIError returns the first error line in out, or nil. The regular
// expression runs only on output that has one of its markers in it.
func findCLIError(out []byte) []byte {
	if !bytes.Contains(out, []byte("% ")) && !bytes.Contains(out, []byte("Error: ")) {
		return nil
	}
	return cliError.Find(out)
}

// interactiveWorker keeps one shell open and runs the commands in a loop;
// when the shell fails it opens another.
func (l *loader) interactiveWorker(ctx context.Context, t target) {
	for !ended(ctx) && (l.opts.count == 0 || l.budget.Load() < l.opts.count) {
		sh, kind, err := l.openShell(ctx, t)
		if err != nil {
			l.fail(ctx, kind, err)
			if !sleepCtx(ctx, 100*time.Millisecond) {
				return
			}
			continue
		}
		err = l.commandLoop(ctx, sh, 0)
		sh.close()
		if err != nil {
			l.fail(ctx, "command", err)
		}
	}
}

// commandLoop runs the commands in order, rounds times (0: until the run
// ends), sampling each command's latency. A command the device refuses
// (an error line in its output) is counted as a cli-error and the loop
// goes on; a broken or silent session ends it.
func (l *loader) commandLoop(ctx context.Context, sh *shell, rounds int) error {
	for r := 0; rounds == 0 || r < rounds; r++ {
		for _, cmd := range l.opts.commands {
			if rounds == 0 && !l.take(ctx) {
				return nil
			}
			start := time.Now()
			out, err := sh.run(ctx, cmd, l.opts.timeout)
			if err != nil {
				if ended(ctx) && !errors.Is(err, errTimeout) {
					return nil
				}
				return fmt.Errorf("%s: %w", cmd, err)
			}
			if m := findCLIError(out); m != nil {
				l.fail(ctx, "cli-error", fmt.Errorf("%s: %s", cmd, bytes.TrimSpace(m)))
				continue
			}
			l.sample(cmd, time.Since(start))
			l.commands.Add(1)
		}
	}
	return nil
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// soak runs the sequential short sessions, then the concurrent ones.
func (l *loader) soak(ctx context.Context) {
	for i := 0; i < l.opts.sequential && ctx.Err() == nil; i++ {
		l.shortSession(ctx, l.targets[i%len(l.targets)])
	}
	l.parallel(ctx, l.opts.concurrent, l.shortSession)
}

// shortSession logs in, runs each command once in a pty shell and quits.
func (l *loader) shortSession(ctx context.Context, t target) {
	sh, kind, err := l.openShell(ctx, t)
	if err != nil {
		l.fail(ctx, kind, err)
		return
	}
	defer sh.close()
	if err := l.commandLoop(ctx, sh, 1); err != nil {
		l.fail(ctx, "command", err)
		return
	}
	if err := sh.quit(l.opts.timeout); err != nil {
		l.fail(ctx, "quit", err)
	}
}

// openShell logs in, opens a pty shell, waits for the first prompt and
// turns paging off. It counts as one handshake.
func (l *loader) openShell(ctx context.Context, t target) (*shell, string, error) {
	client, kind, err := l.dial(ctx, t)
	if err != nil {
		return nil, kind, err
	}
	sh, err := newShell(client)
	if err != nil {
		client.Close()
		return nil, "session", err
	}
	if _, err := sh.wait(ctx, l.opts.timeout); err != nil {
		sh.close()
		return nil, kindOf(err, "prompt"), err
	}
	if _, err := sh.run(ctx, "screen-length disable", l.opts.timeout); err != nil {
		sh.close()
		return nil, kindOf(err, "prompt"), err
	}
	l.handshakes.Add(1)
	return sh, "", nil
}

func kindOf(err error, kind string) string {
	if errors.Is(err, errTimeout) {
		return "timeout"
	}
	return kind
}

// shell is one pty shell session.
type shell struct {
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser
	chunks chan []byte // from the session's output; closed at EOF
	buf    []byte
}

func newShell(client *gossh.Client) (*shell, error) {
	sess, err := client.NewSession()
	if err != nil {
		return nil, err
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := sess.RequestPty("vt100", 24, 80, gossh.TerminalModes{gossh.ECHO: 1}); err != nil {
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	sh := &shell{client: client, sess: sess, stdin: stdin, chunks: make(chan []byte, 16)}
	go func() {
		defer close(sh.chunks)
		b := make([]byte, 32<<10)
		for {
			n, err := stdout.Read(b)
			if n > 0 {
				sh.chunks <- bytes.Clone(b[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	return sh, nil
}

// endsWithPrompt reports whether the output ends with a prompt:
// "<Sysname>" (1 to 64 characters, none of them <, >, CR or LF) at the
// start of a line; the device prints it last and waits after it. It
// looks at the last line only: the client's own cost is part of every
// latency it measures.
func endsWithPrompt(out []byte) bool {
	last := out[bytes.LastIndexByte(out, '\n')+1:]
	n := len(last)
	if n < 3 || n > 66 || last[0] != '<' || last[n-1] != '>' {
		return false
	}
	return !bytes.ContainsAny(last[1:n-1], "<>\r\n")
}

// wait reads until the output ends with a prompt and returns what came
// before it.
func (sh *shell) wait(ctx context.Context, timeout time.Duration) ([]byte, error) {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for !endsWithPrompt(sh.buf) {
		select {
		case b, ok := <-sh.chunks:
			if !ok {
				return nil, fmt.Errorf("session closed before the prompt: %w", io.ErrUnexpectedEOF)
			}
			sh.buf = append(sh.buf, b...)
		case <-timer.C:
			return nil, errTimeout
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	out := sh.buf
	sh.buf = nil
	return out, nil
}

// run sends one command line and waits for the next prompt.
func (sh *shell) run(ctx context.Context, cmd string, timeout time.Duration) ([]byte, error) {
	if _, err := io.WriteString(sh.stdin, cmd+"\r"); err != nil {
		return nil, err
	}
	return sh.wait(ctx, timeout)
}

// quit ends the session as automation does: "quit" in user view, then
// the device closes the channel.
func (sh *shell) quit(timeout time.Duration) error {
	if _, err := io.WriteString(sh.stdin, "quit\r"); err != nil {
		return err
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		select {
		case _, ok := <-sh.chunks:
			if !ok {
				return nil
			}
		case <-timer.C:
			return errTimeout
		}
	}
}

func (sh *shell) close() {
	sh.sess.Close()
	sh.client.Close()
	for range sh.chunks { // let the reader finish
	}
}
