package device

import "context"

// lifecycle is the device's boot and save state: whether the running
// configuration has changed since it was saved or booted, which file it
// booted from, and whether it is rebooting. Guarded by Device.mu.
type lifecycle struct {
	gen   uint64 // bumped by every committed change of the configuration
	saved struct {
		gen   uint64 // gen that the file holds
		file  string // the file it was saved to or booted from
		valid bool   // false after reset saved-configuration or delete
	}
	bootFile string // file of the last boot; "" = factory configuration
	bootApp  string // image of the last boot (bootapp.go); "" = the profile's

	rebooting bool
	request   chan struct{} // cap 1: a reboot was asked for
	up        chan struct{} // closed when the device is up
}

func newLifecycle() lifecycle {
	l := lifecycle{request: make(chan struct{}, 1), up: make(chan struct{})}
	close(l.up)
	return l
}

// changed counts a commit. A commit that changes nothing counts too:
// Unsaved may say yes where a comparison with the file says no, never the
// other way round.
func (l *lifecycle) changed() { l.gen++ }

// SnapshotForSave returns a copy of the running configuration and the
// version it is, for MarkSaved once it is on flash.
func (d *Device) SnapshotForSave() (Config, uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cfg.Clone(), d.life.gen
}

// MarkSaved records that version gen of the configuration is now in file.
func (d *Device) MarkSaved(gen uint64, file string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.life.saved.gen, d.life.saved.file, d.life.saved.valid = gen, file, true
}

// ForgetSaved records that file no longer holds the running configuration
// (after reset saved-configuration or delete); "" forgets whatever file.
func (d *Device) ForgetSaved(file string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if file == "" || file == d.life.saved.file {
		d.life.saved.valid = false
	}
}

// Unsaved reports whether a reboot may lose configuration: the running
// configuration changed since it was saved or booted, or the next startup
// file is not the one that holds it. It is cheap and errs on the side of
// yes; callers that render configuration compare with the file to be sure.
func (d *Device) Unsaved() bool {
	d.mu.Lock()
	gen, saved := d.life.gen, d.life.saved
	d.mu.Unlock()
	return !saved.valid || gen != saved.gen || saved.file != d.NextStartup()
}

// BootFile returns the configuration file the device booted from, "" if
// it booted with the factory configuration.
func (d *Device) BootFile() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.life.bootFile
}

// Booted records that the configuration of file (the next startup file,
// or "" for the factory configuration) has been replayed: the running
// configuration counts as saved and the device is up.
func (d *Device) Booted(file string) {
	saved := file
	if saved == "" {
		// Booting again would replay the factory configuration again as
		// long as the next startup file stays missing.
		saved = d.NextStartup()
	}
	app := d.bootAppAtBoot()
	d.mu.Lock()
	d.life.bootFile = file
	d.life.bootApp = app
	d.life.saved.gen, d.life.saved.file, d.life.saved.valid = d.life.gen, saved, true
	if d.life.rebooting {
		d.life.rebooting = false
		close(d.life.up)
	}
	d.mu.Unlock()
	d.notify()
}

// RequestReboot starts a reboot: the device goes down and whoever serves
// it (RebootRequests) disconnects its sessions, waits the boot time,
// resets it and boots it again. It reports false if a reboot is already
// under way.
func (d *Device) RequestReboot() bool {
	d.mu.Lock()
	if d.life.rebooting {
		d.mu.Unlock()
		return false
	}
	d.life.rebooting = true
	d.life.up = make(chan struct{})
	select {
	case d.life.request <- struct{}{}:
	default:
	}
	d.mu.Unlock()
	d.notify()
	return true
}

// RebootRequests delivers a value for each RequestReboot.
func (d *Device) RebootRequests() <-chan struct{} { return d.life.request }

// Rebooting reports whether the device is down for a reboot.
func (d *Device) Rebooting() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.life.rebooting
}

// WaitUp returns when the device is up (at once unless rebooting) or ctx
// ends.
func (d *Device) WaitUp(ctx context.Context) error {
	d.mu.Lock()
	up := d.life.up
	d.mu.Unlock()
	select {
	case <-up:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
