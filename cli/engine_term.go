package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	"switchemu/device"
)

// Window is the client's terminal size in character cells. Zero means
// unknown.
type Window struct{ Width, Height int }

// errIdle ends a session whose user typed nothing for the idle timeout.
var errIdle = errors.New("cli: idle timeout")

// input delivers a session's bytes one at a time. One goroutine, started
// by newInput and waited for by stop, reads the stream into a channel, so
// that reads can give up on idle timeout or cancellation and keys typed
// ahead while a command runs wait in order.
type input struct {
	ctx     context.Context
	ch      chan []byte // closed by the reader when the stream ends
	done    chan struct{}
	wg      sync.WaitGroup
	pending []byte
	readErr error // set by the reader before it closes ch
	ended   bool
	skipLF  bool // the last byte was CR: a following LF is the same Enter

	idle    time.Duration // 0 = no idle timeout
	onInput func()        // called on every byte delivered
	// keys, if set, sees every byte delivered while secret is false
	// (SessionInfo.Keys); the editor sets secret at password prompts.
	keys   func(byte)
	secret bool
	// beforeWait, if set, is called when a read is about to wait for
	// the client (the session flushes its output).
	beforeWait func()

	// notify, while not nil, delivers log entries to onNotify as they
	// arrive while waiting for input (terminal monitor).
	notify   <-chan device.LogEntry
	onNotify func(device.LogEntry)
}

func newInput(ctx context.Context, r io.Reader) *input {
	// A few chunks of typeahead wait here; more wait in the stream.
	in := &input{ctx: ctx, ch: make(chan []byte, 4), done: make(chan struct{})}
	in.wg.Add(1)
	go func() {
		defer in.wg.Done()
		defer close(in.ch)
		// Small: an idle session holds it while it waits; keys come a
		// few bytes at a time, and a paste takes several reads. What
		// was read goes on as a copy of its own size.
		buf := make([]byte, inputChunk)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				select {
				case in.ch <- bytes.Clone(buf[:n]):
				case <-in.done:
					return
				}
			}
			if err != nil {
				in.readErr = err
				return
			}
		}
	}()
	return in
}

// stop ends the reader. The caller must have made the pending Read return
// (by closing the stream) for this not to block.
func (in *input) stop() {
	close(in.done)
	in.wg.Wait()
}

// next returns the next input byte. A CR LF pair counts as one CR.
func (in *input) next() (byte, error) {
	for {
		b, err := in.nextRaw()
		if err != nil {
			return 0, err
		}
		if in.skipLF && b == '\n' {
			in.skipLF = false
			continue
		}
		in.skipLF = b == '\r'
		if in.onInput != nil {
			in.onInput()
		}
		if in.keys != nil && !in.secret {
			in.keys(b)
		}
		return b, nil
	}
}

func (in *input) nextRaw() (byte, error) {
	if len(in.pending) == 0 {
		if err := in.fill(); err != nil {
			return 0, err
		}
	}
	b := in.pending[0]
	in.pending = in.pending[1:]
	return b, nil
}

// fill waits for the next chunk of input, within the idle timeout.
func (in *input) fill() error {
	var timeout <-chan time.Time // set once: log lines do not count as input
	if in.idle > 0 {
		t := time.NewTimer(in.idle)
		defer t.Stop()
		timeout = t.C
	}
	for len(in.pending) == 0 {
		if in.ended {
			return io.EOF
		}
		if in.beforeWait != nil {
			in.beforeWait()
		}
		if err := in.wait(timeout); err != nil {
			return err
		}
	}
	return nil
}

// wait is where an idle session waits (engine_serve.go: its frame is on
// every idle session's stack, and a log entry received in it would take
// more than a hundred bytes of that frame).
func (in *input) wait(timeout <-chan time.Time) error {
	if in.notify != nil {
		return in.waitNotify(timeout)
	}
	select {
	case buf, ok := <-in.ch:
		return in.got(buf, ok)
	case <-timeout:
		return errIdle
	case <-in.ctx.Done():
		return context.Cause(in.ctx)
	}
}

// waitNotify is wait with terminal monitor on: log entries are shown as
// they come. It repeats wait's three cases on purpose: one select with
// the fourth would put the entry in the frame of every idle session.
func (in *input) waitNotify(timeout <-chan time.Time) error {
	select {
	case buf, ok := <-in.ch:
		return in.got(buf, ok)
	case <-timeout:
		return errIdle
	case <-in.ctx.Done():
		return context.Cause(in.ctx)
	case e := <-in.notify:
		in.onNotify(e)
	}
	return nil
}

// got takes a chunk from the reader; !ok if the stream has ended.
func (in *input) got(buf []byte, ok bool) error {
	if !ok {
		in.ended = true
		return io.EOF
	}
	in.pending = buf
	return nil
}

// closed reports whether err, returned by next, means that no more
// input will come: the stream ended, the idle timeout passed, or the
// session was cancelled.
func (in *input) closed(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, errIdle) ||
		(in.ctx.Err() != nil && errors.Is(err, context.Cause(in.ctx)))
}

// term writes to the client's terminal. Text written with text has its
// line ends turned into CRLF; raw bytes go out as they are. A write error
// sticks: later writes do nothing.
//
// A buffered term keeps what is written until flush, which the session
// calls whenever it is about to wait for the client (a prompt, a More
// prompt, a dialog) and when it ends: over SSH every write is a packet
// and a system call, and a command's output is then one write instead of
// one per line.
type term struct {
	w        io.Writer
	err      error
	buffered bool
	buf      []byte
	// sent, if set, sees every byte written, after the write
	// (SessionInfo.Output).
	sent func([]byte)
}

// termFlushAt is how much a buffered term holds before it writes anyway.
const termFlushAt = 16 << 10

func (t *term) raw(s string) {
	if t.err != nil || s == "" {
		return
	}
	if !t.buffered {
		var n int
		n, t.err = io.WriteString(t.w, s)
		if t.sent != nil && n > 0 {
			t.sent([]byte(s[:n]))
		}
		return
	}
	t.buf = append(t.buf, s...)
	if len(t.buf) >= termFlushAt {
		t.flush()
	}
}

// rawLine writes b and a CRLF.
func (t *term) rawLine(b []byte) {
	if t.err != nil {
		return
	}
	if !t.buffered { // replay and API commands: in-memory writers
		t.write(b)
		if t.err == nil {
			t.write(crlf)
		}
		return
	}
	t.buf = append(append(t.buf, b...), '\r', '\n')
	if len(t.buf) >= termFlushAt {
		t.flush()
	}
}

var crlf = []byte("\r\n")

// write writes b at once (an unbuffered term).
func (t *term) write(b []byte) {
	var n int
	n, t.err = t.w.Write(b)
	if t.sent != nil && n > 0 {
		t.sent(b[:n])
	}
}

// reserve makes room in a buffered term for n more bytes, up to what it
// holds before it writes anyway, so that a command's output grows the
// buffer once.
func (t *term) reserve(n int) {
	if !t.buffered || t.err != nil {
		return
	}
	n = min(n, termFlushAt+termFlushAt/8)
	if cap(t.buf)-len(t.buf) < n {
		t.buf = append(make([]byte, 0, len(t.buf)+n), t.buf...)
	}
}

// flush writes what a buffered term holds.
func (t *term) flush() {
	if len(t.buf) == 0 {
		return
	}
	if t.err == nil {
		var n int
		n, t.err = t.w.Write(t.buf)
		if t.sent != nil && n > 0 {
			t.sent(t.buf[:n])
		}
	}
	// The buffer goes with each flush: a session that waits for its
	// user (most of its life) keeps none.
	t.buf = nil
}

// inputChunk is the most a session's reader takes in one read.
const inputChunk = 256

func (t *term) text(s string) {
	t.raw(strings.ReplaceAll(s, "\n", "\r\n"))
}
