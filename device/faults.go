package device

import "sync/atomic"

// Faults a fleet injects on purpose (failure drills, fleet/faults.go):
// the device misbehaves as a real one does when its CPU is busy, its VTY
// lines are taken or its logins fail. They are not configuration: a
// reboot keeps them, and only the fleet sets and clears them. Each is a
// lock-free flag, read on the paths it changes.
type faultState struct {
	cpu     atomic.Int32 // CPU usage percent forced; 0 = none
	vtyBusy atomic.Bool  // every VTY line looks taken
	refuse  atomic.Int32 // logins still to refuse
	// refusing marks the VTY lines whose login the fault refuses: the
	// first authentication attempt on a line decides for the whole
	// connection (0 undecided, 1 refused, 2 allowed); AcquireVTY and
	// ReleaseVTY reset it.
	refusing [MaxVTY]atomic.Int32
}

// SetCPUFault makes display cpu-usage show percent on every board (1-100),
// as a device whose CPU something keeps busy; 0 ends it.
func (d *Device) SetCPUFault(percent int) { d.faults.cpu.Store(int32(max(0, min(percent, 100)))) }

// SetVTYBusy makes every VTY line look taken (on) or frees them again:
// new SSH and telnet connections are refused as when all 16 lines are in
// use; sessions already logged in go on.
func (d *Device) SetVTYBusy(on bool) { d.faults.vtyBusy.Store(on) }

// RefuseLogins makes the next n logins fail their authentication, as with
// a wrong password, whatever the client sends; 0 ends it. A login is one
// connection: every attempt it makes fails.
func (d *Device) RefuseLogins(n int) { d.faults.refuse.Store(int32(max(0, n))) }

// LoginsToRefuse is how many logins RefuseLogins still refuses.
func (d *Device) LoginsToRefuse() int { return int(d.faults.refuse.Load()) }

// refused reports whether the fault refuses the login on line.
func (d *Device) refused(line int) bool {
	if line < 0 || line >= MaxVTY {
		return false
	}
	st := &d.faults.refusing[line]
	switch st.Load() {
	case 1:
		return true
	case 2:
		return false
	}
	if d.faults.refuse.Load() <= 0 {
		return false
	}
	d.mu.Lock()
	live := d.vty[line] != nil
	d.mu.Unlock()
	if !live {
		return false // a check with no connection (FactoryLoginWorks)
	}
	for {
		n := d.faults.refuse.Load()
		if n <= 0 {
			st.Store(2)
			return false
		}
		if d.faults.refuse.CompareAndSwap(n, n-1) {
			st.Store(1)
			return true
		}
	}
}

// resetRefusal forgets the decision for a line taken or freed.
func (d *Device) resetRefusal(line int) {
	if line >= 0 && line < MaxVTY {
		d.faults.refusing[line].Store(0)
	}
}

// SetFull makes flash:/ full (on) or gives its room back: every write
// (save, a file copied in) fails with ErrNoSpace, as when the flash has
// no room left, and the old files stay whole; Used is then the whole
// capacity (dir shows no free space).
func (s *Store) SetFull(on bool) { s.full.Store(on) }

// Full reports whether SetFull filled flash:/.
func (s *Store) Full() bool { return s.full.Load() }
