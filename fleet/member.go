package fleet

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"switchemu/cli"
	"switchemu/device"
	"switchemu/profiles"
	"switchemu/sshd"
)

// Member is one device of the fleet. Until something uses it (a client
// connects, a link or a saved configuration needs it at start) it is
// only its inventory entry and its listening port: no device model, no
// host key, no state folder.
type Member struct {
	f     *Fleet
	Spec  Spec
	index int               // position in the whole inventory: identity
	base  *profiles.Profile // the model's profile, shared
	gate  *gate
	links []linkEnd // ports of this device that are cabled

	mu      sync.Mutex // guards the fields below and their making
	dev     *device.Device
	shell   *cli.Shell
	srv     *sshd.Server
	reboots *rebooter
	err     error // why the device could not be made; it stays down

	// ready is dev once it is made and booted; read without mu (the
	// device's change hook runs while ensure holds mu).
	ready atomic.Pointer[device.Device]

	linkMu sync.Mutex // serialises pushing this device's adverts (links.go)

	// twin, if set, is the real configuration the device was made from
	// (Spec.FromConfig).
	twin *Twin

	// factoryNext boots the device once with its factory configuration
	// whatever its startup file holds (--factory); guarded by mu.
	factoryNext bool

	telnet   *telnetPort // nil without a telnet address (telnet.go)
	telnetMu sync.Mutex  // serialises opening and closing it

	// Events (events.go): the configuration last seen, for diffs; quiet
	// while a factory reset runs.
	cfgMu   sync.Mutex
	lastCfg string
	quiet   atomic.Bool

	// Interactive sessions (live.go) and whether they are recorded
	// (record.go).
	liveMu sync.Mutex
	live   map[int]*LiveSession // by VTY line
	record atomic.Bool

	pullMu sync.Mutex      // guards pulled
	pulled map[string]bool // ports whose cable the API pulled (ops.go)

	faults     *faultSet     // injected faults (faults_run.go)
	initFaults []parsedFault // the inventory's, set at Start
}

// linkEnd is one cabled port: the local port and the far end.
type linkEnd struct {
	port    string
	far     *Member
	farPort string
}

// Name is the device's inventory name.
func (m *Member) Name() string { return m.Spec.Name }

// Addr is the device's SSH address.
func (m *Member) Addr() net.Addr { return m.gate.Addr() }

// Profile is the model's profile (without the device's own identity).
func (m *Member) Profile() *profiles.Profile { return m.base }

// Twin is the real configuration the device is the twin of, nil if none.
func (m *Member) Twin() *Twin { return m.twin }

// Sysname is the factory sysname the inventory gives the device; the
// profile's when the inventory gives none.
func (m *Member) Sysname() string { return cmpOr(m.Spec.Sysname, m.base.Factory.Sysname) }

// Login is the factory user and password.
func (m *Member) Login() (user, password string) {
	if m.Spec.Username != "" {
		return m.Spec.Username, m.Spec.Password
	}
	return m.base.Factory.User, m.base.Factory.Password
}

// Used reports whether the device has been made (booted) yet.
func (m *Member) Used() bool { return m.ready.Load() != nil }

func (m *Member) label() string { return m.Spec.Name }

// stateDir is the device's state folder.
func (m *Member) stateDir() string { return filepath.Join(m.f.opts.StateDir, m.Spec.Name) }

// hasStartup reports whether the device has a saved configuration to
// boot from (a stat, without making the device).
func (m *Member) hasStartup() bool {
	dir := m.stateDir()
	if _, err := os.Stat(filepath.Join(dir, m.base.Files.Startup)); err == nil {
		return true
	}
	// startup saved-configuration may have chosen other files.
	_, err := os.Stat(filepath.Join(dir, ".next-startup"))
	return err == nil
}

// Device returns the device, making and booting it on first use.
func (m *Member) Device() (*device.Device, error) {
	if err := m.ensure(); err != nil {
		return nil, err
	}
	return m.dev, nil
}

// Shell returns the device's command line, making the device on first
// use.
func (m *Member) Shell() (*cli.Shell, error) {
	if err := m.ensure(); err != nil {
		return nil, err
	}
	return m.shell, nil
}

// ensure makes the device the first time it is needed: its state folder,
// its model with the device's identity, its boot (saved configuration,
// or the shared factory state), its SSH server and its reboot loop.
func (m *Member) ensure() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dev != nil || m.err != nil {
		return m.err
	}
	if err := m.make(); err != nil {
		m.err = fmt.Errorf("fleet: device %s: %w", m.Spec.Name, err)
		m.f.log.Error("device cannot start", "device", m.Spec.Name, "err", err)
		return m.err
	}
	m.ready.Store(m.dev)
	m.faults.applyNow()
	m.trackConfig(false)
	m.f.pushLinks(m)
	m.syncTelnet()
	return nil
}

// make does ensure's work; the caller holds m.mu.
func (m *Member) make() error {
	p, err := identity(m.base, &m.Spec, m.index)
	if err != nil {
		return err
	}
	store, err := device.OpenStore(m.stateDir())
	if err != nil {
		return err
	}
	store.SetCapacity(int64(p.Files.SizeKB) * 1024)
	if m.twin != nil && !m.hasStartup() {
		// A twin's startup configuration is its file until it saves
		// its own.
		if err := store.WriteFile(p.Files.Startup, []byte(m.twin.Startup)); err != nil {
			return err
		}
	}
	dev := device.New(p, device.Options{Store: store, Booted: m.f.started, Changed: func() { m.f.changed(m) }, OnLog: m.onLog})
	log := m.f.log.With("device", m.Spec.Name)
	m.dev, m.shell = dev, cli.New(dev, log)
	m.shell.OnCommand(m.onCommand)
	m.shell.SetFaults(m.faults)
	if err := m.boot(); err != nil {
		m.dev, m.shell = nil, nil
		return err
	}
	m.srv = &sshd.Server{Device: dev, Logger: log, Algorithms: m.f.opts.Algorithms, OnEvent: m.sshEvent}
	m.reboots = newRebooter(m, m.f.opts.RebootDelay)
	m.srv.Handler = m.sessionHandler()
	m.f.goroutine(func(ctx context.Context) {
		if err := m.reboots.serve(ctx); err != nil {
			m.f.log.Error("device stays down", "device", m.Spec.Name, "err", err)
			m.f.say("%s: %v", m.Spec.Name, err)
		}
	})
	return nil
}

// boot replays the saved configuration, or installs the shared factory
// state with the device's sysname. Lines that do not apply are reported
// with their line numbers and skipped, as the device does.
func (m *Member) boot() error {
	dev := m.dev
	factory := m.factoryNext
	m.factoryNext = false
	if _, _, ok, err := dev.StartupConfig(); err != nil {
		return err
	} else if ok && !factory {
		r, err := m.shell.BootReport()
		if err != nil {
			return err
		}
		m.f.bootReport(m, r)
		m.f.replayErrorCount(len(r.Refused))
		return nil
	}
	tpl, err := m.f.templates.get(m.base, m.dev.Profile(), factoryText(m.base, &m.Spec))
	if err != nil {
		return err
	}
	m.f.replayErrors(m, "factory configuration", tpl.errs)
	cfg := tpl.cfg // shares the template's maps until the first change
	cfg.Sysname = m.Sysname()
	if err := dev.Install(cfg); err != nil {
		return err
	}
	dev.Booted("")
	return nil
}

// serve accepts the device's connections until the fleet closes.
func (m *Member) serve(ctx context.Context) {
	for {
		nc, err := m.gate.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) && ctx.Err() == nil {
				m.f.log.Error("accept failed", "device", m.Spec.Name, "err", err)
			}
			return
		}
		if err := m.ensure(); err != nil {
			nc.Close()
			continue
		}
		if err := m.srv.ServeConn(nc); err != nil {
			return
		}
	}
}

// close stops the device's server: its connections end and their
// goroutines are waited for.
func (m *Member) close() {
	m.mu.Lock()
	srv := m.srv
	m.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
	if m.telnet != nil && m.telnet.srv != nil {
		m.telnet.srv.Close()
	}
}

// Uptime is how long the device has been up, 0 if it has not been used
// (it counts from the fleet's start then).
func (m *Member) Uptime() time.Duration {
	dev := m.ready.Load()
	if dev == nil {
		return time.Since(m.f.started)
	}
	return dev.Uptime()
}
