package lab

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"switchemu/fleet"
)

// Board is a fleet's labs: each lab's status on its devices, recomputed
// when a device's configuration changes, when it saves or boots, and an
// EventLab event on the fleet's stream when a device's result changes.
type Board struct {
	f    *fleet.Fleet
	labs []*bound

	// byDevice is the labs each device is in: NewBoard fills it before
	// it observes the fleet, and nothing changes it after (read without
	// mu).
	byDevice map[string][]*bound

	mu      sync.Mutex
	dirty   map[string]bool      // devices to recompute
	last    map[resultKey]Result // the results last reported
	wake    chan struct{}        // cap 1: dirty has devices
	stop    chan struct{}        // closed by Close
	done    chan struct{}        // closed when the loop returns
	started bool
	closed  bool
}

// bound is a lab and its devices in the fleet.
type bound struct {
	lab     *Lab
	members []boundMember
	// files: the lab has a saved check, which any command may change
	// (reset saved-configuration, startup saved-configuration, delete).
	files bool
}

type boundMember struct {
	m      *fleet.Member
	checks []Check
}

type resultKey struct{ lab, device string }

// NewBoard binds labs to the devices of f: every device a lab names
// must be one f serves. It watches f's events from now on; Start
// computes the first results and reports changes from then on.
func NewBoard(f *fleet.Fleet, labs []*Lab) (*Board, error) {
	b := &Board{f: f, dirty: map[string]bool{}, last: map[resultKey]Result{}, byDevice: map[string][]*bound{},
		wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	var names []string
	for _, m := range f.Members() {
		names = append(names, m.Name())
	}
	seen := map[string]string{}
	for _, l := range labs {
		where := cmpOr(l.File, l.Name)
		if prev, dup := seen[l.Name]; dup {
			return nil, fmt.Errorf("lab: %s: a lab named %s is in %s too", where, l.Name, prev)
		}
		seen[l.Name] = where
		ms, err := l.resolve(names)
		if err != nil {
			return nil, fmt.Errorf("lab: %s: %w", where, err)
		}
		bl := &bound{lab: l}
		for _, e := range l.checks {
			bl.files = bl.files || e.kind == "saved"
		}
		for _, m := range ms {
			bl.members = append(bl.members, boundMember{m: f.Member(m.name), checks: l.checksFor(m)})
			b.byDevice[m.name] = append(b.byDevice[m.name], bl)
		}
		b.labs = append(b.labs, bl)
	}
	if len(labs) > 0 {
		f.Observe(b.observe)
	}
	return b, nil
}

// observe is the fleet's observer: it marks the device whose
// configuration, saved file or boot changed, for the loop; and, for labs
// that check the saved configuration, any device that ran a command
// (the file commands change it without a configuration change). It runs
// in the goroutine of the change, sometimes with the device's lock held,
// so it only marks.
func (b *Board) observe(e fleet.Event) {
	var ok bool
	switch e.Type {
	case fleet.EventConfig, fleet.EventSave, fleet.EventBoot, fleet.EventTransfer:
		_, ok = b.byDevice[e.Device] // read-only once NewBoard returns
	case fleet.EventCommand:
		for _, bl := range b.byDevice[e.Device] {
			ok = ok || bl.files
		}
	}
	if !ok {
		return
	}
	b.mu.Lock()
	b.dirty[e.Device] = true
	b.mu.Unlock()
	if ok {
		select {
		case b.wake <- struct{}{}:
		default:
		}
	}
}

// Start computes every lab's results on every device (a device nobody
// used yet against its factory state, booting none) and then, in a
// goroutine that Close stops and waits for, recomputes those of a
// device after each of its changes.
func (b *Board) Start() {
	b.mu.Lock()
	if b.started || b.closed {
		b.mu.Unlock()
		return
	}
	b.started = true
	b.mu.Unlock()
	for _, bl := range b.labs {
		for _, bm := range bl.members {
			r := b.evaluate(bl, bm)
			b.mu.Lock()
			b.last[resultKey{bl.lab.Name, r.Device}] = r
			b.mu.Unlock()
		}
	}
	go b.loop()
}

// Close stops the loop and waits for it; a nil Board does nothing.
func (b *Board) Close() {
	if b == nil {
		return
	}
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return
	}
	b.closed = true
	started := b.started
	close(b.stop)
	b.mu.Unlock()
	if started {
		<-b.done
	}
}

func (b *Board) loop() {
	defer close(b.done)
	for {
		select {
		case <-b.stop:
			return
		case <-b.wake:
		}
		b.mu.Lock()
		devices := b.dirty
		b.dirty = map[string]bool{}
		b.mu.Unlock()
		for name := range devices {
			b.recompute(name)
		}
	}
}

// recompute evaluates the labs of one device and reports each result
// that changed: a check that passes now and failed before, or the other
// way round. A rebooting device is skipped (its configuration is half
// replayed); its boot marks it again.
func (b *Board) recompute(name string) {
	for _, bl := range b.byDevice[name] {
		for _, bm := range bl.members {
			if bm.m.Name() != name {
				continue
			}
			r := b.evaluate(bl, bm)
			if r.State == "rebooting" || bm.m.Info(false).State == "rebooting" {
				continue // a reboot that began while the checks ran: keep the last results
			}
			k := resultKey{bl.lab.Name, name}
			b.mu.Lock()
			prev, had := b.last[k]
			b.last[k] = r
			b.mu.Unlock()
			if !had || !samePasses(prev, r) {
				b.f.PublishLab(name, bl.lab.Name, r.Passed, r.Total)
			}
		}
	}
}

func samePasses(a, b Result) bool {
	if len(a.Checks) != len(b.Checks) {
		return false
	}
	for i := range a.Checks {
		if a.Checks[i].Pass != b.Checks[i].Pass {
			return false
		}
	}
	return true
}

// evaluate is a lab's result on one device now. A device nobody has used
// is checked against its factory state without being made; a rebooting
// device has the results it had before the reboot.
func (b *Board) evaluate(bl *bound, bm boundMember) Result {
	m, l := bm.m, bl.lab
	name := m.Name()
	if !m.Used() {
		if m.Info(false).State == "down" {
			return newResult(name, "down", l.failAll(bm.checks, "the device could not start"))
		}
		cfg, p, err := m.FactoryState()
		if err != nil {
			return newResult(name, "down", l.failAll(bm.checks, "the device could not start: "+err.Error()))
		}
		return newResult(name, "not-started", l.evaluate(bm.checks, NewTarget(cfg, p, nil)))
	}
	dev, err := m.Device()
	if err != nil {
		return newResult(name, "down", l.failAll(bm.checks, "the device could not start"))
	}
	if dev.Rebooting() {
		b.mu.Lock()
		prev, ok := b.last[resultKey{l.Name, name}]
		b.mu.Unlock()
		if !ok {
			prev = newResult(name, "", l.failAll(bm.checks, "the device is rebooting"))
		}
		prev.Checks = slices.Clone(prev.Checks)
		prev.State = "rebooting"
		return prev
	}
	saved := func() (string, bool, error) {
		text, err := m.SavedConfig()
		switch {
		case errors.Is(err, fleet.ErrNoSavedConfig):
			return "", false, nil
		case err != nil:
			return "", false, err
		}
		return text, true, nil
	}
	return newResult(name, "up", l.evaluate(bm.checks, NewTarget(dev.View(), dev.Profile(), saved)))
}

// Summary describes a lab for lists.
type Summary struct {
	Name        string   `json:"name"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Devices     []string `json:"devices"`
	Checks      int      `json:"checks"`
}

// Labs lists the labs in the order they were given.
func (b *Board) Labs() []Summary {
	out := make([]Summary, 0, len(b.labs))
	for _, bl := range b.labs {
		s := Summary{Name: bl.lab.Name, Title: bl.lab.Title, Description: bl.lab.Description, Devices: []string{}, Checks: bl.lab.Checks()}
		for _, bm := range bl.members {
			s.Devices = append(s.Devices, bm.m.Name())
		}
		out = append(out, s)
	}
	return out
}

// Status is a lab's results on each of its devices.
type Status struct {
	Lab     string   `json:"lab"`
	Title   string   `json:"title"`
	Devices []Result `json:"devices"`
}

// ErrNoLab is Status's error for a lab the board does not have.
var ErrNoLab = errors.New("no such lab")

// Status evaluates a lab on each of its devices now.
func (b *Board) Status(lab string) (Status, error) {
	for _, bl := range b.labs {
		if bl.lab.Name != lab {
			continue
		}
		st := Status{Lab: lab, Title: bl.lab.Title, Devices: make([]Result, 0, len(bl.members))}
		for _, bm := range bl.members {
			st.Devices = append(st.Devices, b.evaluate(bl, bm))
		}
		return st, nil
	}
	return Status{}, fmt.Errorf("%w: %q", ErrNoLab, lab)
}
