// Package device is one emulated switch: its typed configuration, its
// runtime state (link status, counters, VTY lines in use, uptime) and its
// persistence (saved configuration files, host keys). It knows no command
// syntax and no SSH.
//
// A Device is safe for concurrent use by many sessions. One lock guards it;
// readers get copies (Snapshot), and every change goes through Update,
// which commits whole or not at all.
package device

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"switchemu/profiles"
)

// Device is the shared state of one emulated switch.
type Device struct {
	profile *profiles.Profile
	store   *Store // nil: nothing persists
	now     func() time.Time

	mu     sync.Mutex // guards everything below
	cfg    Config
	booted time.Time
	vty    []*Login // index = VTY line number; nil = free
	// touched is each VTY line's last input (UnixNano), kept apart from
	// mu: every key sets it.
	touched [MaxVTY]atomic.Int64
	logs    logBuffer
	hostKey *HostKey
	// clockOffset is what clock datetime added to the host clock.
	clockOffset time.Duration
	// stats are the traffic counters of interfaces, by name.
	stats map[string]*ifStats
	// monitors receive new log entries (terminal monitor).
	monitors map[chan LogEntry]struct{}
	// serverKey is the SSH-1 server key, made with the host key
	// (serverkey.go).
	serverKey *ServerKey
	life      lifecycle  // saved state and reboots (lifecycle.go)
	batch     *Batch     // the batch of changes running; nil = none (batch.go)
	guard     loginGuard // failed logins per address (loginguard.go)
	// aclHits are the ACL rules' match counters (acl.go).
	aclHits map[aclHitKey]uint64
	// stp is the last spanning tree computed (stp.go).
	stp stpState

	// keyMu serialises making and loading keys (hostkey.go), which takes
	// too long to hold mu for; keyInit is guarded by it.
	keyMu   sync.Mutex
	keyInit bool

	// peers are the far ends of fleet links (peer.go); read without mu.
	peers peersPointer
	// peerUp is each peer's Up, stored with peers.
	peerUp atomic.Pointer[map[string]bool]
	// ifOrder is the last interface order InterfaceOrder sorted.
	ifOrder atomic.Pointer[[]string]
	// cabled is the profile's cabled ports as a set, made when a link
	// state is first asked for (peer.go).
	cabled atomic.Pointer[map[string]bool]
	// changed, if set, is called after every committed change of the
	// configuration or of the device's state, outside the lock.
	changed func()
	// onLog, if set, sees every log entry (free.go).
	onLog func(LogEntry)
	// freed are the sessions watching their VTY line (control.go).
	freed map[*Login]*vtyWatch
	// faults are the fleet's injected faults (faults.go).
	faults faultState
}

// Options configure New. The zero value is usable.
type Options struct {
	// Store keeps saved configuration and host keys. Nil means a device
	// whose saves fail and whose host key lives only in memory.
	Store *Store
	// Now is the clock; time.Now if nil. Tests pin it.
	Now func() time.Time
	// Changed, if set, is called after every committed configuration
	// change, boot, reset and reboot request, outside the device's lock
	// (a fleet refreshes what the device's cables show of it).
	Changed func()
	// Booted is when the device came up (its uptime counts from it); now
	// if zero. A fleet's devices count from the fleet's start even when
	// they are made on first use.
	Booted time.Time
	// OnLog, if set, is called with every message the device logs, even
	// while the information center is off, with the device's lock held:
	// it must not call the device and must not block (a fleet turns the
	// messages into events).
	OnLog func(LogEntry)
}

// New returns a device of the given profile with the empty configuration
// the hardware starts from: every port present, VLAN 1, nothing else.
// The caller replays the startup or factory configuration into it.
func New(p *profiles.Profile, opts Options) *Device {
	d := &Device{profile: p, store: opts.Store, now: opts.Now, changed: opts.Changed, onLog: opts.OnLog}
	if d.now == nil {
		d.now = time.Now
	}
	d.cfg = emptyConfig(p)
	d.booted = opts.Booted
	if d.booted.IsZero() {
		d.booted = d.now()
	}
	d.vty = make([]*Login, MaxVTY)
	d.logs = newLogBuffer(logBufferSize)
	d.monitors = map[chan LogEntry]struct{}{}
	d.resetStats()
	d.life = newLifecycle()
	if d.store != nil {
		d.store.now = d.now
	}
	return d
}

// Profile returns the profile the device was built from.
func (d *Device) Profile() *profiles.Profile { return d.profile }

// Store returns the device's persistent store; it may be nil.
func (d *Device) Store() *Store { return d.store }

// Now returns the device clock's current time.
func (d *Device) Now() time.Time { return d.now() }

// Snapshot returns a deep copy of the running configuration, which the
// caller may read without locks while other sessions keep changing it.
func (d *Device) Snapshot() Config {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cfg.Clone()
}

// View returns the running configuration without copying it, for
// readers that only read: every committed configuration is immutable
// (Update changes a copy, Install takes a value nobody changes), so the
// maps of the returned value stay as they are, but the caller must never
// write to them. Use Snapshot for a copy of one's own.
func (d *Device) View() Config {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.batch != nil {
		return d.cfg.Clone() // a batch changes the configuration in place
	}
	return d.cfg
}

// InterfaceOrder returns cfg's interface names in configuration order,
// as Config.SortedInterfaceNames does, without sorting again while the
// set of interfaces stays the same (the order follows from the names).
// The slice is shared: the caller must not change it.
func (d *Device) InterfaceOrder(cfg *Config) []string {
	if p := d.ifOrder.Load(); p != nil && len(*p) == len(cfg.Interfaces) {
		same := true
		for _, name := range *p {
			if _, ok := cfg.Interfaces[name]; !ok {
				same = false
				break
			}
		}
		if same {
			return *p
		}
	}
	names := cfg.SortedInterfaceNames()
	d.ifOrder.Store(&names)
	return names
}

// LinkStates returns whether each interface's link is up in cfg.
func (d *Device) LinkStates(cfg *Config) map[string]bool { return d.linkStates(cfg) }

// Update applies fn to a copy of the running configuration and commits the
// copy only if fn and Validate both succeed: no session ever sees half of
// a change, and a failed command leaves nothing behind.
func (d *Device) Update(fn func(*Config) error) error {
	if err := d.update(fn); err != nil {
		return err
	}
	d.notify()
	return nil
}

func (d *Device) update(fn func(*Config) error) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.batch != nil {
		return d.updateInPlace(fn)
	}
	next := d.cfg.Clone()
	if err := fn(&next); err != nil {
		return err
	}
	next.dropStale()
	if err := next.Validate(); err != nil {
		return fmt.Errorf("device: invalid configuration: %w", err)
	}
	before := d.linkStates(&d.cfg)
	d.life.changed()
	d.cfg = next
	d.forgetACLHits() // acl.go
	d.linkChanged(before, d.linkStates(&d.cfg))
	return nil
}

// Reset puts the running configuration back to the empty hardware state
// and restarts the uptime, as a reboot does. Sessions are the caller's
// business.
func (d *Device) Reset() {
	d.mu.Lock()
	d.cfg = emptyConfig(d.profile)
	d.booted = d.now()
	d.clockOffset = 0
	d.resetStats()
	d.life.gen++
	d.stp.last = nil
	d.mu.Unlock()
	d.notify()
}

// Install makes cfg the running configuration as it is, without a copy:
// a fleet boots many untouched devices from one replay of their factory
// configuration, and they share its maps until their first change
// (Update always changes a copy). Nobody may modify cfg afterwards. Links
// that go up or down are logged as for any change.
func (d *Device) Install(cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("device: invalid configuration: %w", err)
	}
	d.mu.Lock()
	before := d.linkStates(&d.cfg)
	d.life.changed()
	d.cfg = cfg
	d.linkChanged(before, d.linkStates(&d.cfg))
	d.mu.Unlock()
	d.notify()
	return nil
}

// notify calls the Changed hook; the caller holds no lock.
func (d *Device) notify() {
	if d.changed != nil {
		d.changed()
	}
}

// Uptime returns how long the device has been up.
func (d *Device) Uptime() time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.now().Sub(d.booted)
}

// Sysname returns the device's name without copying the configuration:
// every prompt asks for it.
func (d *Device) Sysname() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cfg.Sysname
}

// LineSettings returns the user-interface settings of VTY line (aux 0
// for a line outside 0-15) without copying the whole configuration.
func (d *Device) LineSettings(line int) UserInterface {
	d.mu.Lock()
	defer d.mu.Unlock()
	if line >= 0 && line < MaxVTY {
		return d.cfg.VTY[line]
	}
	return d.cfg.AUX
}
