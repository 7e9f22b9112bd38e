package fleet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"switchemu/cli"
	"switchemu/profiles"
)

// Options configure a fleet. StateDir is required.
type Options struct {
	// StateDir holds one folder per device, named after it.
	StateDir string
	// Listen is where the first device without an address of its own
	// listens; the next ones take the next ports. Port 0 gives every such
	// device a free port.
	Listen string
	// Telnet, if set, is the telnet address of the first device without
	// one of its own; the next ones take the next ports.
	Telnet string
	// Algorithms names the SSH algorithm set; the profile's if empty.
	Algorithms string
	// RebootDelay is how long reboot keeps a device down.
	RebootDelay time.Duration
	// Factory boots every device with its factory configuration the
	// first time, whatever its startup file holds (--factory); the file
	// stays until the next save.
	Factory bool
	// Shard serves only one slice of the inventory; the zero value serves
	// it all.
	Shard Shard
	// Record records every interactive session of every device
	// (--record), whatever the inventory says.
	Record bool
	// Logger logs connections and sessions (with the device's name);
	// nil discards.
	Logger *slog.Logger
	// Out receives what an operator watching the process reads: replay
	// errors at boot, reboots. nil discards.
	Out io.Writer
}

// Fleet is the devices one process serves and the cables between them.
type Fleet struct {
	opts      Options
	log       *slog.Logger
	started   time.Time
	members   []*Member
	byName    map[string]*Member
	templates templates
	warnings  []string

	outMu sync.Mutex // serialises writes to opts.Out

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup // every goroutine of the fleet

	// onChange, if set, is called after every committed change of a
	// device (tests inject faults with it).
	onChange func(*Member)

	bus bus // events (events.go)

	// keepScreens: sessions keep their last screenful of output for
	// watchers that join late (live.go); set by KeepScreens.
	keepScreens atomic.Bool

	// activity counts session starts and ends (ReturnMemory, trim.go).
	activity atomic.Uint64
}

// New prepares the fleet of an inventory: profiles loaded, shard chosen,
// links checked. Nothing listens and no device is made until Start.
func New(inv *Inventory, opts Options) (*Fleet, error) {
	if opts.StateDir == "" {
		return nil, errors.New("fleet: no state folder")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	f := &Fleet{opts: opts, log: opts.Logger, byName: map[string]*Member{}, started: time.Now()}
	f.ctx, f.cancel = context.WithCancel(context.Background())
	specs, first := opts.Shard.slice(inv.Devices)
	loaded := map[string]*profiles.Profile{}
	next, err := newAllocator(opts.Listen)
	if err != nil {
		return nil, err
	}
	var telnet *allocator
	if opts.Telnet != "" {
		if telnet, err = newAllocator(opts.Telnet); err != nil {
			return nil, err
		}
	}
	// Devices without an address of their own take consecutive ports in
	// inventory order, whichever shard serves them.
	for i := range inv.Devices[:first] {
		if inv.Devices[i].Listen == "" {
			next.skip()
		}
		if telnet != nil && inv.Devices[i].Telnet == "" {
			telnet.skip()
		}
	}
	for i := range specs {
		s := specs[i]
		if s.Profile == "" {
			s.Profile = profiles.Default
		}
		var twin *Twin
		if s.FromConfig != "" {
			if twin, err = LoadTwin(s.FromConfig); err != nil {
				return nil, fmt.Errorf("fleet: device %s: %w", s.Name, err)
			}
		}
		p, ok := loaded[s.Profile]
		switch {
		case twin != nil:
			p = twin.Profile
		case !ok:
			if p, err = profiles.Open(s.Profile); err != nil {
				return nil, fmt.Errorf("fleet: device %s: %w", s.Name, err)
			}
			loaded[s.Profile] = p
		}
		if s.Listen == "" {
			s.Listen = next.take()
		}
		if s.Telnet == "" && telnet != nil {
			s.Telnet = telnet.take()
		}
		m := &Member{f: f, Spec: s, index: first + i, base: p, factoryNext: opts.Factory, twin: twin}
		m.record.Store(opts.Record || s.Record)
		m.faults = newFaultSet(m)
		if m.initFaults, err = parseFaults(s.Faults, profilePorts(p)); err != nil {
			return nil, fmt.Errorf("fleet: device %s (line %d): %w", s.Name, s.Line, err)
		}
		f.members = append(f.members, m)
		f.byName[s.Name] = m
	}
	for _, l := range inv.Links {
		a, b := f.byName[l.A.Device], f.byName[l.B.Device]
		switch {
		case a == nil && b == nil:
			continue // another shard's cable
		case a == nil || b == nil:
			f.warnings = append(f.warnings, fmt.Sprintf("link %s -- %s (line %d) joins two shards: its ports stay down", l.A, l.B, l.Line))
			continue
		}
		a.links = append(a.links, linkEnd{port: l.A.Interface, far: b, farPort: l.B.Interface})
		b.links = append(b.links, linkEnd{port: l.B.Interface, far: a, farPort: l.A.Interface})
	}
	return f, nil
}

// allocator hands out consecutive ports from a base address.
type allocator struct {
	base netip.AddrPort
	n    int
}

func newAllocator(listen string) (*allocator, error) {
	if listen == "" {
		listen = "127.0.0.1:2222"
	}
	ap, err := netip.ParseAddrPort(listen)
	if err != nil {
		return nil, fmt.Errorf("fleet: --listen %q: want host:port with an IP address", listen)
	}
	return &allocator{base: ap}, nil
}

func (a *allocator) skip() { a.n++ }

func (a *allocator) take() string {
	port := int(a.base.Port())
	if port != 0 {
		port += a.n
	}
	a.n++
	return netip.AddrPortFrom(a.base.Addr(), uint16(min(port, 65535))).String()
}

// Members returns the devices this process serves, in inventory order.
func (f *Fleet) Members() []*Member { return f.members }

// Member returns the device called name, or nil.
func (f *Fleet) Member(name string) *Member { return f.byName[name] }

// Warnings are what New noticed but did not refuse (links to other
// shards).
func (f *Fleet) Warnings() []string { return f.warnings }

// Start opens every device's port and boots the devices that need it
// now: those with a saved configuration, and those with cables (their
// neighbours see them at once). Every other device is made when its
// first client connects. If a port cannot be opened, every port opened
// so far is closed again and the error says which device.
func (f *Fleet) Start(ctx context.Context) error {
	f.started = time.Now()
	stop := context.AfterFunc(ctx, f.cancel)
	f.goroutine(func(fctx context.Context) {
		<-fctx.Done()
		stop()
	})
	for i, m := range f.members {
		ln, err := net.Listen("tcp", m.Spec.Listen)
		if err != nil {
			for _, prev := range f.members[:i] {
				prev.gate.Close()
				prev.closeTelnet()
			}
			f.cancel()
			return fmt.Errorf("fleet: device %s: listen: %w", m.Spec.Name, err)
		}
		m.gate = newGate(ln)
		if err := m.openTelnetAddr(); err != nil {
			for _, prev := range f.members[:i+1] {
				prev.gate.Close()
				prev.closeTelnet()
			}
			f.cancel()
			return err
		}
		if m.telnet != nil {
			m.telnet.gate.down()
			m.telnet.open = false
		}
	}
	for _, m := range f.members {
		if len(m.links) > 0 || m.twin != nil || m.hasStartup() {
			if err := m.ensure(); err != nil {
				f.say("%v", err)
			}
		}
	}
	for _, m := range f.members {
		f.goroutine(m.serve)
	}
	for _, m := range f.members {
		// The inventory's faults count their delays from the start.
		m.faults.add(m.initFaults, "inventory", f.started)
	}
	return nil
}

// goroutine runs fn in a goroutine that Close waits for; fn must return
// when ctx ends.
func (f *Fleet) goroutine(fn func(ctx context.Context)) {
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		fn(f.ctx)
	}()
}

// Close stops the fleet: every port closes, every session ends, and it
// returns when every goroutine has. Saves are atomic, so none is left
// half-written.
func (f *Fleet) Close() error {
	f.cancel()
	for _, m := range f.members {
		if m.gate != nil {
			m.gate.Close()
		}
		m.closeTelnet()
	}
	var wg sync.WaitGroup
	for _, m := range f.members {
		if m.Used() {
			wg.Add(1)
			go func() {
				defer wg.Done()
				m.close()
			}()
		}
	}
	wg.Wait()
	f.wg.Wait()
	return nil
}

// say writes one line for the operator.
func (f *Fleet) say(format string, a ...any) {
	f.outMu.Lock()
	defer f.outMu.Unlock()
	fmt.Fprintf(f.opts.Out, "switchemu: "+format+"\n", a...)
}

// replayErrors reports the lines of a boot that did not apply.
func (f *Fleet) replayErrors(m *Member, source string, errs []ReplayError) {
	f.bootReport(m, &cli.BootReport{Source: source, Refused: errs})
}

// bootReport reports a boot's refused lines and warnings, with the
// device's name when the fleet has more than one.
func (f *Fleet) bootReport(m *Member, r *cli.BootReport) {
	prefix := "switchemu: "
	if len(f.members) > 1 {
		prefix += m.Spec.Name + ": "
	}
	f.outMu.Lock()
	defer f.outMu.Unlock()
	r.Print(f.opts.Out, prefix)
}

// changed is every device's Changed hook.
func (f *Fleet) changed(m *Member) {
	if f.onChange != nil {
		f.onChange(m)
	}
	f.pushLinks(m)
	m.syncTelnet()
	if !m.quiet.Load() {
		m.trackConfig(true)
	}
}

// replayErrorCount counts configuration lines that did not apply, for
// metrics.
func (f *Fleet) replayErrorCount(n int) {
	if n > 0 {
		f.emit(Event{Type: eventReplayErrors, Count: n, internal: true})
	}
}
