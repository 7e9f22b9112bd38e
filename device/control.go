package device

import (
	"errors"
	"os"
)

// Control from outside the command line: a fleet's API and free
// user-interface. To end a session from outside it, the device only
// marks its line freed; whoever serves the session (the SSH and telnet
// servers, the fleet) watches the line and ends the session.

// vtyWatch is the watchers of one login's line: what to call when it is
// freed.
type vtyWatch struct {
	fns  map[int]func()
	next int
}

// WatchVTY arranges for fn to be called once when the session on line is
// freed (FreeVTY), until stop is called. fn runs on the goroutine that
// frees the line, after the device's lock is released: it must be quick
// and must not block (close a connection, cancel a context). Watching
// costs no goroutine. A line with no login is never freed.
func (d *Device) WatchVTY(line int, fn func()) (stop func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if line < 0 || line >= len(d.vty) || d.vty[line] == nil {
		return func() {}
	}
	l := d.vty[line]
	if d.freed == nil {
		d.freed = map[*Login]*vtyWatch{}
	}
	w := d.freed[l]
	if w == nil {
		w = &vtyWatch{fns: map[int]func(){}}
		d.freed[l] = w
	}
	id := w.next
	w.next++
	w.fns[id] = fn
	return func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.freed[l] != w {
			return // freed already, or never watched
		}
		delete(w.fns, id)
		if len(w.fns) == 0 {
			delete(d.freed, l)
		}
	}
}

// FreeVTY ends the session on a VTY line: its watchers are told, and the
// line is free once the session has ended. It reports whether the line
// was in use.
func (d *Device) FreeVTY(line int) bool {
	d.mu.Lock()
	if line < 0 || line >= len(d.vty) || d.vty[line] == nil {
		d.mu.Unlock()
		return false
	}
	l := d.vty[line]
	w := d.freed[l]
	delete(d.freed, l)
	d.mu.Unlock()
	if w != nil {
		for _, fn := range w.fns {
			fn()
		}
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
