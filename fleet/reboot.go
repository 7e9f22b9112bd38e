package fleet

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"
)

// rebooter serves a device's reboots: when a session (or anyone) asks
// for a reboot, every session ends, the device's SSH port closes (new
// connections are refused), and after the boot time the device comes
// back with its saved configuration and the port opens again.
type rebooter struct {
	m     *Member
	delay time.Duration

	mu       sync.Mutex // guards the fields below
	boot     context.Context
	end      context.CancelFunc // ends the sessions of this boot
	sessions *sync.WaitGroup    // sessions of this boot
}

func newRebooter(m *Member, delay time.Duration) *rebooter {
	r := &rebooter{m: m, delay: delay}
	r.boot, r.end = context.WithCancel(context.Background())
	r.sessions = &sync.WaitGroup{}
	return r
}

// session returns the context of a new session: it ends with parent, with
// the current boot, or when cancel is called. done must be called when the
// session ends. ok is false while the device is down: the session must
// end at once.
func (r *rebooter) session(parent context.Context) (ctx context.Context, cancel context.CancelFunc, done func(), ok bool) {
	if r.m.dev.Rebooting() {
		return parent, func() {}, func() {}, false
	}
	r.mu.Lock()
	boot, wg := r.boot, r.sessions
	wg.Add(1)
	r.mu.Unlock()
	ctx, cancel = context.WithCancel(parent)
	stop := context.AfterFunc(boot, cancel)
	return ctx, cancel, func() {
		stop()
		cancel()
		wg.Done()
	}, true
}

// serve runs reboots until ctx ends. It returns an error only if the
// device cannot come back.
func (r *rebooter) serve(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-r.m.dev.RebootRequests():
		}
		if err := r.reboot(ctx); err != nil || ctx.Err() != nil {
			return err
		}
	}
}

// endSessions ends the sessions of the current boot (a factory reset).
func (r *rebooter) endSessions() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.end()
	r.boot, r.end = context.WithCancel(context.Background())
	r.sessions = &sync.WaitGroup{}
}

func (r *rebooter) reboot(ctx context.Context) error {
	m := r.m
	m.gate.down()
	m.f.emit(Event{Type: EventReboot, Device: m.Spec.Name})
	m.f.say("%s rebooting, back in %v", m.label(), r.delay)
	r.mu.Lock()
	r.end()
	old := r.sessions
	r.boot, r.end = context.WithCancel(context.Background())
	r.sessions = &sync.WaitGroup{}
	r.mu.Unlock()
	// The sessions end their command lines and close their channels
	// themselves; then whatever is left (connections still logging in,
	// clients that do not read) is cut.
	ended := make(chan struct{})
	go func() {
		old.Wait()
		close(ended)
	}()
	grace := time.NewTimer(sessionGrace)
	defer grace.Stop()
	select {
	case <-ended:
	case <-grace.C:
	case <-ctx.Done():
		return nil // the sessions end with the server
	}
	m.srv.DisconnectAll()
	m.disconnectTelnet()
	select {
	case <-ended:
	case <-ctx.Done():
		return nil
	}
	t := time.NewTimer(r.delay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
		return nil
	}
	m.dev.Reset()
	bad := m.faults.takeBadStartup()
	if bad {
		m.mu.Lock()
		m.factoryNext = true // a fault: the startup file does not load (faults_run.go)
		m.mu.Unlock()
	}
	if err := m.boot(); err != nil {
		return fmt.Errorf("%s: reboot: %w", m.Spec.Name, err)
	}
	if err := m.gate.up(ctx); err != nil {
		return fmt.Errorf("%s: reboot: %w", m.Spec.Name, err)
	}
	if bad {
		m.badStartupReport()
	}
	m.f.say("%s rebooted, listening on %s", m.label(), m.gate.Addr())
	m.f.emit(Event{Type: EventBoot, Device: m.Spec.Name, Message: "rebooted"})
	return nil
}

// sessionGrace is how long sessions have to end by themselves before a
// reboot cuts their connections.
const sessionGrace = 2 * time.Second

// gate is the device's SSH port: a listener that closes while the device
// is down, so that connections are refused as by a switch that is off,
// and opens again on the same address when it is up. Accept waits
// through the down time.
type gate struct {
	addr net.Addr

	mu     sync.Mutex    // guards the fields below
	ln     net.Listener  // nil while down
	isUp   chan struct{} // closed when up
	closed bool
	done   chan struct{} // closed by Close
}

func newGate(ln net.Listener) *gate {
	g := &gate{addr: ln.Addr(), ln: ln, isUp: make(chan struct{}), done: make(chan struct{})}
	close(g.isUp)
	return g
}

// Accept returns the next connection, waiting while the device is down.
func (g *gate) Accept() (net.Conn, error) {
	for {
		g.mu.Lock()
		ln, up := g.ln, g.isUp
		g.mu.Unlock()
		if ln == nil {
			select {
			case <-up:
				continue
			case <-g.done:
				return nil, net.ErrClosed
			}
		}
		c, err := ln.Accept()
		if err == nil {
			return c, nil
		}
		g.mu.Lock()
		closed, downed := g.closed, g.ln != ln
		g.mu.Unlock()
		switch {
		case closed:
			return nil, net.ErrClosed
		case downed:
			continue
		}
		return nil, err
	}
}

// down closes the port.
func (g *gate) down() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ln != nil {
		g.ln.Close()
		g.ln = nil
		g.isUp = make(chan struct{})
	}
}

// up opens the port again on the same address. Binding may fail for a
// moment while the kernel lets go of the old socket; it is retried for a
// few seconds.
func (g *gate) up(ctx context.Context) error {
	var ln net.Listener
	var err error
	for try := 0; try < 50; try++ {
		if ln, err = net.Listen(g.addr.Network(), g.addr.String()); err == nil {
			break
		}
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
			return nil
		}
	}
	if err != nil {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		ln.Close()
		return nil
	}
	g.ln = ln
	close(g.isUp)
	return nil
}

// Close closes the port for good.
func (g *gate) Close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return nil
	}
	g.closed = true
	close(g.done)
	if g.ln != nil {
		return g.ln.Close()
	}
	return nil
}

// isDown reports whether the port is closed for a reboot.
func (g *gate) isDown() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.ln == nil && !g.closed
}

// Addr is the port's address.
func (g *gate) Addr() net.Addr { return g.addr }
