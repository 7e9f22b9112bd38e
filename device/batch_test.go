package device

import (
	"errors"
	"testing"
)

// TestBatchLines: in a batch, changes are made in place; a failed,
// panicking or invalidating change marks its unit, and Restore goes back
// to the checkpoint.
func TestBatchLines(t *testing.T) {
	d, _ := newTestDevice(t)
	b := d.BeginBatch()
	if d.BeginBatch() != nil {
		t.Fatal("a second batch began")
	}
	b.StartLine()
	d.Update(func(c *Config) error { c.VLANs[2] = VLAN{ID: 2}; return nil })
	if b.LineFailed() || !b.LineChanged() {
		t.Fatal("a good change marked its line failed")
	}
	if _, ok := d.Snapshot().VLANs[2]; !ok {
		t.Fatal("the change is not seen in the batch")
	}
	b.Checkpoint()
	for _, bad := range []func(*Config) error{
		func(c *Config) error { c.VLANs[3] = VLAN{ID: 3}; return errors.New("refused") },
		func(c *Config) error { delete(c.VLANs, 1); return nil },
		func(c *Config) error { c.VLANs[3] = VLAN{ID: 3}; panic("bug") },
	} {
		b.StartLine()
		func() {
			defer func() { recover() }()
			if d.Update(bad) == nil {
				t.Error("a bad change succeeded")
			}
		}()
		if !b.LineFailed() {
			t.Fatal("a bad change did not mark its line")
		}
		b.Restore()
		cfg := d.Snapshot()
		if _, ok := cfg.VLANs[3]; ok || len(cfg.VLANs) != 2 {
			t.Fatalf("after Restore: %v", cfg.VLANs)
		}
	}
	b.Unbatched(func() {
		if d.Update(func(c *Config) error { c.VLANs[4] = VLAN{ID: 4}; return errors.New("refused") }) == nil {
			t.Fatal("refused change succeeded")
		}
	})
	if _, ok := d.Snapshot().VLANs[4]; ok {
		t.Fatal("an unbatched refused change stayed")
	}
	b.End()
	if len(d.Snapshot().VLANs) != 2 {
		t.Fatal("the batch's changes did not stay")
	}
}
