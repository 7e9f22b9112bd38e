package fleet

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"switchemu/cli"
)

// ErrNoFault: the device has no fault of that id.
var ErrNoFault = errors.New("no such fault")

// Fault is a fault set on a device, as GET .../faults lists it.
type Fault struct {
	ID string `json:"id"`
	FaultSpec
	Source string    `json:"source"`    // inventory or api
	State  string    `json:"state"`     // scheduled, active, done
	SetAt  time.Time `json:"set_at"`    // when it was set
	Starts time.Time `json:"starts_at"` // when it takes (or took) effect
	// Left is what a counted fault has still to do: logins to refuse
	// (refuse-login), flaps to make (flap with a count).
	Left *int `json:"left,omitempty"`
}

// Fault states.
const (
	faultScheduled = "scheduled"
	faultActive    = "active"
	faultDone      = "done" // a counted fault that has done it all, a bad-startup spent by its reboot
)

// activeFault is one fault of a device; its fields are guarded by the
// set's mu.
type activeFault struct {
	id           string
	pf           parsedFault
	source       string
	setAt, start time.Time
	state        string
	removed      bool

	refuseApplied bool // refuse-login: the device counts the logins
	refuseLeft    int  // refuse-login: what the device had left when last seen

	flap flapState // faults_flap.go
}

// faultSet is a device's faults. The sessions' hooks read it under mu,
// which is never held while waiting or calling a device; applyMu
// serialises what is done to the device (flags, flaps) so that a fault
// cleared is never applied again by a timer that fired at the same time.
// One goroutine per device with faults, owned by the fleet, runs the
// schedule (run).
type faultSet struct {
	m *Member

	mu      sync.Mutex
	seq     int
	list    []*activeFault
	n       atomic.Int32 // len(list), read without mu: most devices have no faults
	running bool
	wake    chan struct{}

	applyMu sync.Mutex
}

func newFaultSet(m *Member) *faultSet {
	return &faultSet{m: m, wake: make(chan struct{}, 1)}
}

// view is what the API shows of a fault; the caller holds fs.mu.
func (fs *faultSet) view(a *activeFault) Fault {
	f := Fault{ID: a.id, FaultSpec: a.pf.spec, Source: a.source, State: a.state, SetAt: a.setAt, Starts: a.start}
	switch a.pf.spec.Kind {
	case FaultRefuseLogin:
		left := a.pf.spec.Count
		if a.refuseApplied {
			left = a.refuseLeft
		}
		f.Left = &left
	case FaultFlap:
		if a.pf.spec.Count > 0 {
			left := max(0, a.pf.spec.Count-a.flap.flaps)
			f.Left = &left
		}
	}
	return f
}

// Faults lists the device's faults, in the order they were set.
func (m *Member) Faults() []Fault {
	fs := m.faults
	fs.refreshCounts()
	fs.mu.Lock()
	defer fs.mu.Unlock()
	out := make([]Fault, 0, len(fs.list))
	for _, a := range fs.list {
		out = append(out, fs.view(a))
	}
	return out
}

// SetFaults sets faults on the device, each replacing the device's fault
// of the same kind (and interface), and returns all its faults. Every
// spec is checked first: if one is wrong, none is set. A flap's
// interface may be written in any case.
func (m *Member) SetFaults(specs []FaultSpec) ([]Fault, error) {
	pfs, err := parseFaults(specs, m.portNamed)
	if err != nil {
		return nil, err
	}
	m.faults.add(pfs, "api", time.Now())
	return m.Faults(), nil
}

// portNamed finds a physical port in any case: the profile's name, or
// the device's own interface list.
func (m *Member) portNamed(name string) (string, bool) {
	if m.base.HasPort(name) {
		return name, true
	}
	dev, err := m.Device()
	if err != nil {
		return "", false
	}
	for n, ifc := range dev.Snapshot().Interfaces {
		if strings.EqualFold(n, name) && ifc.Kind.Physical() {
			return n, true
		}
	}
	return "", false
}

// ClearFaults clears every fault of the device and returns how many
// there were.
func (m *Member) ClearFaults() int { return m.faults.remove(func(*activeFault) bool { return true }) }

// ClearFault clears one fault; ErrNoFault if the device has none of that
// id.
func (m *Member) ClearFault(id string) error {
	if m.faults.remove(func(a *activeFault) bool { return a.id == id }) == 0 {
		return fmt.Errorf("fault %q: %w", id, ErrNoFault)
	}
	return nil
}

// add sets faults whose delays count from base.
func (fs *faultSet) add(pfs []parsedFault, source string, base time.Time) {
	if len(pfs) == 0 {
		return
	}
	now := time.Now()
	fs.applyMu.Lock()
	fs.mu.Lock()
	var replaced, added []*activeFault
	for _, pf := range pfs {
		keep := fs.list[:0]
		for _, a := range fs.list {
			if a.pf.spec.key() == pf.spec.key() {
				a.removed = true
				replaced = append(replaced, a)
				continue
			}
			keep = append(keep, a)
		}
		fs.list = keep
		fs.seq++
		a := &activeFault{id: strconv.Itoa(fs.seq), pf: pf, source: source, setAt: now, start: base.Add(pf.after), state: faultScheduled}
		fs.list = append(fs.list, a)
		added = append(added, a)
	}
	fs.n.Store(int32(len(fs.list)))
	start := !fs.running
	fs.running = true
	fs.mu.Unlock()
	for _, a := range replaced {
		fs.undo(a)
	}
	fs.applyFlags()
	fs.applyMu.Unlock()
	for _, a := range replaced {
		fs.event(a, "cleared")
	}
	for _, a := range added {
		fs.event(a, "set")
	}
	if start {
		fs.m.f.goroutine(fs.run)
	} else {
		fs.poke()
	}
}

// remove clears the faults that match and returns how many.
func (fs *faultSet) remove(match func(*activeFault) bool) int {
	fs.applyMu.Lock()
	fs.mu.Lock()
	var gone []*activeFault
	keep := fs.list[:0]
	for _, a := range fs.list {
		if match(a) {
			a.removed = true
			gone = append(gone, a)
			continue
		}
		keep = append(keep, a)
	}
	fs.list = keep
	fs.n.Store(int32(len(fs.list)))
	fs.mu.Unlock()
	for _, a := range gone {
		fs.undo(a)
	}
	fs.applyFlags()
	fs.applyMu.Unlock()
	for _, a := range gone {
		fs.event(a, "cleared")
	}
	fs.poke()
	return len(gone)
}

// poke wakes the schedule.
func (fs *faultSet) poke() {
	select {
	case fs.wake <- struct{}{}:
	default:
	}
}

// event reports a fault's change on the fleet's event stream.
func (fs *faultSet) event(a *activeFault, what string) {
	fs.mu.Lock()
	v := fs.view(a)
	fs.mu.Unlock()
	msg := "fault " + v.ID + " (" + v.Kind + ") " + what
	if v.Interface != "" {
		msg = "fault " + v.ID + " (" + v.Kind + " on " + v.Interface + ") " + what
	}
	fs.m.f.emit(Event{Type: EventFault, Device: fs.m.Spec.Name, Interface: v.Interface, Fault: &v, Message: msg})
}

// run is the device's fault schedule: it activates faults when their
// time comes and steps flaps, until the fleet closes.
func (fs *faultSet) run(ctx context.Context) {
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	defer fs.stop()
	for {
		next := fs.step(time.Now())
		wait := time.Hour
		if !next.IsZero() {
			wait = max(0, time.Until(next))
		}
		t.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-fs.wake:
		case <-t.C:
		}
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
	}
}

// stop undoes the flaps when the fleet closes: no timer is left behind.
func (fs *faultSet) stop() {
	fs.mu.Lock()
	fs.running = false
	fs.mu.Unlock()
}

// step does what is due at now and returns when something is due next
// (zero if nothing is).
func (fs *faultSet) step(now time.Time) time.Time {
	if fs.flapNeedsDevice(now) {
		fs.m.Device() // an error is logged by ensure; the flap then waits
	}
	fs.applyMu.Lock()
	defer fs.applyMu.Unlock()
	fs.mu.Lock()
	var activated []*activeFault
	var flaps []*activeFault
	for _, a := range fs.list {
		if a.state == faultScheduled && !a.start.After(now) {
			a.state = faultActive
			activated = append(activated, a)
			if a.pf.spec.Kind == FaultFlap {
				a.flap.next = now
			}
		}
		if a.state == faultActive && a.pf.spec.Kind == FaultFlap && !a.flap.next.After(now) {
			flaps = append(flaps, a)
		}
	}
	fs.mu.Unlock()
	fs.applyFlags()
	for _, a := range activated {
		fs.event(a, "active")
	}
	for _, a := range flaps {
		if fs.flapStep(a, now) {
			fs.event(a, "done")
		}
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var next time.Time
	for _, a := range fs.list {
		var due time.Time
		switch {
		case a.state == faultScheduled:
			due = a.start
		case a.state == faultActive && a.pf.spec.Kind == FaultFlap:
			due = a.flap.next
		}
		if !due.IsZero() && (next.IsZero() || due.Before(next)) {
			next = due
		}
	}
	return next
}

// applyFlags puts the device's fault flags where the active faults say:
// CPU figure, VTY lines busy, flash full, logins refused. A device not
// made yet gets them when it is (ensure). The caller holds applyMu.
func (fs *faultSet) applyFlags() {
	dev := fs.m.ready.Load()
	if dev == nil {
		return
	}
	fs.mu.Lock()
	cpu, busy, full := 0, false, false
	refuse := -1
	for _, a := range fs.list {
		if a.state != faultActive {
			continue
		}
		switch a.pf.spec.Kind {
		case FaultCPU:
			cpu = max(cpu, a.pf.spec.Percent)
		case FaultVTYBusy:
			busy = true
		case FaultFlashFull:
			full = true
		case FaultRefuseLogin:
			if !a.refuseApplied {
				a.refuseApplied = true
				a.refuseLeft = a.pf.spec.Count
				refuse = a.pf.spec.Count
			}
		}
	}
	fs.mu.Unlock()
	dev.SetCPUFault(cpu)
	dev.SetVTYBusy(busy)
	if st := dev.Store(); st != nil {
		st.SetFull(full)
	}
	if refuse >= 0 {
		dev.RefuseLogins(refuse)
	}
}

// undo takes back what a cleared fault did that applyFlags does not
// recompute: logins still to refuse, a port left down by a flap. The
// caller holds applyMu.
func (fs *faultSet) undo(a *activeFault) {
	dev := fs.m.ready.Load()
	if dev == nil {
		return
	}
	switch a.pf.spec.Kind {
	case FaultRefuseLogin:
		if a.refuseApplied {
			dev.RefuseLogins(0)
		}
	case FaultFlap:
		fs.flapRestore(a)
	}
}

// refreshCounts reads what the device has left of counted faults, and
// marks those that are spent.
func (fs *faultSet) refreshCounts() {
	dev := fs.m.ready.Load()
	if dev == nil {
		return
	}
	left := dev.LoginsToRefuse()
	var spent []*activeFault
	fs.mu.Lock()
	for _, a := range fs.list {
		if a.pf.spec.Kind == FaultRefuseLogin && a.refuseApplied && a.state == faultActive {
			a.refuseLeft = left
			if left == 0 {
				a.state = faultDone
				spent = append(spent, a)
			}
		}
	}
	fs.mu.Unlock()
	for _, a := range spent {
		fs.event(a, "done")
	}
}

// takeBadStartup spends an active bad-startup fault: true if the reboot
// under way must fail to load its startup file.
func (fs *faultSet) takeBadStartup() bool {
	fs.mu.Lock()
	var spent *activeFault
	for _, a := range fs.list {
		if a.pf.spec.Kind == FaultBadStartup && a.state == faultActive {
			a.state = faultDone
			spent = a
			break
		}
	}
	fs.mu.Unlock()
	if spent == nil {
		return false
	}
	fs.event(spent, "done")
	return true
}

// applyNow applies the fault flags to a device just made.
func (fs *faultSet) applyNow() {
	fs.applyMu.Lock()
	defer fs.applyMu.Unlock()
	fs.applyFlags()
}

// badStartupReport tells the operator that a reboot could not load its
// startup file because of a bad-startup fault: the device booted with
// its factory configuration (as a real one does with a corrupt file:
// the factory defaults are what lets it start), and display startup
// shows no current startup file. The file itself is unchanged.
func (m *Member) badStartupReport() {
	name := m.dev.NextStartup()
	if name == "" {
		return
	}
	src := m.dev.Profile().Files.Storage + "/" + name
	m.f.bootReport(m, &cli.BootReport{Source: src, Warnings: []string{
		src + " could not be loaded (fault bad-startup): the device booted with its factory configuration; the file is unchanged and loads at the next reboot.",
	}})
}
