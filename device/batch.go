package device

import "fmt"

// A Batch applies many changes (the lines of a configuration being
// replayed) without copying the configuration for each: while it runs,
// Update changes the running configuration in place. Its user keeps each
// unit of its work (a configuration line) all or nothing with
// checkpoints: StartLine before the unit, LineFailed after it tells
// whether an Update of the unit failed, panicked or left an invalid
// configuration (then the configuration is not to be trusted), Restore
// goes back to the last Checkpoint, and Unbatched runs a unit again with
// Update's copy-and-commit, so that its failed change leaves nothing.
//
// The consequences of the whole are deferred: link states, their counters
// and their log messages follow the configuration when the batch ends.
// A batch is meant for a device that nothing else changes meanwhile (the
// boot replay): other sessions would see a unit's changes as they are
// made, and a failed unit's until it is restored.
type Batch struct {
	d      *Device
	before map[string]bool // link states when the batch began
	base   Config          // checkpoint
	// failed and changed describe the unit since StartLine.
	failed, changed bool
}

// BeginBatch starts a batch of changes; End ends it. Nil if a batch is
// already running (its methods are no-ops on nil).
func (d *Device) BeginBatch() *Batch {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.batch != nil {
		return nil
	}
	b := &Batch{d: d, before: d.linkStates(&d.cfg), base: d.cfg.Clone()}
	// The batch changes the configuration in place: it must own its
	// maps, which may be shared (Install, View) until now.
	d.cfg = d.cfg.Clone()
	d.batch = b
	return b
}

// End ends the batch: the configuration stays as it is, and link states
// follow it.
func (b *Batch) End() {
	if b == nil {
		return
	}
	d := b.d
	d.mu.Lock()
	defer d.mu.Unlock()
	d.batch = nil
	d.linkChanged(b.before, d.linkStates(&d.cfg))
}

// StartLine begins a unit of work.
func (b *Batch) StartLine() {
	if b == nil {
		return
	}
	b.d.mu.Lock()
	defer b.d.mu.Unlock()
	b.failed, b.changed = false, false
}

// LineFailed reports whether an Update of the unit failed since StartLine.
func (b *Batch) LineFailed() bool {
	if b == nil {
		return false
	}
	b.d.mu.Lock()
	defer b.d.mu.Unlock()
	return b.failed
}

// LineChanged reports whether an Update of the unit succeeded.
func (b *Batch) LineChanged() bool {
	if b == nil {
		return false
	}
	b.d.mu.Lock()
	defer b.d.mu.Unlock()
	return b.changed
}

// Checkpoint records the configuration as it is now for Restore.
func (b *Batch) Checkpoint() {
	if b == nil {
		return
	}
	b.d.mu.Lock()
	defer b.d.mu.Unlock()
	b.base = b.d.cfg.Clone()
}

// Restore puts the configuration back to the last checkpoint.
func (b *Batch) Restore() {
	if b == nil {
		return
	}
	b.d.mu.Lock()
	defer b.d.mu.Unlock()
	b.d.cfg = b.base.Clone()
}

// Unbatched runs fn with Update back to copying and committing each
// change.
func (b *Batch) Unbatched(fn func()) {
	if b == nil {
		fn()
		return
	}
	d := b.d
	d.mu.Lock()
	d.linkChanged(b.before, d.linkStates(&d.cfg))
	d.batch = nil
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		d.batch = b
		b.before = d.linkStates(&d.cfg)
		d.mu.Unlock()
	}()
	fn()
}

// updateInPlace is Update within a batch. The caller holds d.mu.
func (d *Device) updateInPlace(fn func(*Config) error) (err error) {
	b := d.batch
	ok := false
	defer func() {
		if !ok {
			b.failed = true // failed, panicked or left an invalid configuration
		}
	}()
	if err := fn(&d.cfg); err != nil {
		return err
	}
	d.cfg.dropStale()
	if err := d.cfg.Validate(); err != nil {
		return fmt.Errorf("device: invalid configuration: %w", err)
	}
	ok = true
	b.changed = true
	d.life.changed()
	d.forgetACLHits() // acl.go
	return nil
}
