package device

import (
	"errors"
	"os"
)

// Control from outside the command line: a fleet's API and free
// user-interface. To end a session from outside it, the device only
// marks its line freed; whoever serves the session (the SSH and telnet
// servers, the fleet) watches the line and ends the session.

// vtyWatch is the freed signal of one login, shared by its watchers.
type vtyWatch struct {
	ch chan struct{}
	n  int // watchers
}

// WatchVTY returns a channel that is closed when the session on line is
// freed (FreeVTY). stop must be called when the watcher is done. A line
// with no login gives a channel that is never closed.
func (d *Device) WatchVTY(line int) (freed <-chan struct{}, stop func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if line < 0 || line >= len(d.vty) || d.vty[line] == nil {
		return make(chan struct{}), func() {}
	}
	l := d.vty[line]
	if d.freed == nil {
		d.freed = map[*Login]*vtyWatch{}
	}
	w := d.freed[l]
	if w == nil {
		w = &vtyWatch{ch: make(chan struct{})}
		d.freed[l] = w
	}
	w.n++
	var once bool
	return w.ch, func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if once {
			return
		}
		once = true
		if w.n--; w.n == 0 && d.freed[l] == w {
			delete(d.freed, l)
		}
	}
}

// FreeVTY ends the session on a VTY line: its watchers are told, and the
// line is free once the session has ended. It reports whether the line
// was in use.
func (d *Device) FreeVTY(line int) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if line < 0 || line >= len(d.vty) || d.vty[line] == nil {
		return false
	}
	l := d.vty[line]
	if w, ok := d.freed[l]; ok {
		close(w.ch)
		delete(d.freed, l)
	}
	return true
}

// VTYInUse reports whether a session holds the line.
func (d *Device) VTYInUse(line int) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return line >= 0 && line < len(d.vty) && d.vty[line] != nil
}

// FactoryReset puts the device back as it left the factory, but for its
// host keys (clients that know them keep trusting it): the next startup
// files and their record are removed from flash, the log buffer and the
// counters are emptied, and the running configuration is the empty
// hardware state; the caller then installs the factory configuration,
// as at a first boot.
func (d *Device) FactoryReset() error {
	if d.store != nil {
		main, backup := d.startupNames()
		for _, name := range []string{main, backup} {
			if name == "" {
				continue
			}
			if err := d.store.Remove(name); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
		if err := os.Remove(d.store.dir + "/" + nextStartupFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	d.mu.Lock()
	d.logs = newLogBuffer(logBufferSize)
	d.life.saved.valid = false
	d.mu.Unlock()
	d.Reset()
	return nil
}
