package fleet

import "time"

// A flap fault takes a port down and up again every period, as a bad
// cable or a failing transceiver does: the device logs each change
// (IFNET/3/LINK_UPDOWN), display interface follows (state, counters
// that stop while it is down), and on a fleet cable the far end goes
// down and up with it. It works as pulling the cable does (SetLink), so
// LLDP and the learnt tables follow too.

// flapState is where a flap is; guarded by the fault set's mu.
type flapState struct {
	down  bool      // the flap has the port down now
	flaps int       // down-and-up cycles done
	next  time.Time // the next change
}

// flapStep makes a flap's next change and reports whether the flap has
// now done its count. A device that is down for a reboot is left alone
// for this period. The caller holds applyMu.
func (fs *faultSet) flapStep(a *activeFault, now time.Time) (done bool) {
	fs.mu.Lock()
	if a.removed || a.state != faultActive {
		fs.mu.Unlock()
		return false
	}
	goDown := !a.flap.down
	port := a.pf.spec.Interface
	a.flap.next = now.Add(a.pf.period)
	fs.mu.Unlock()
	dev := fs.m.ready.Load()
	if dev == nil || dev.Rebooting() {
		return false
	}
	if _, err := fs.m.setLink(dev, port, !goDown); err != nil {
		fs.m.f.log.Warn("flap failed", "device", fs.m.Spec.Name, "interface", port, "err", err)
		return false
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	a.flap.down = goDown
	if goDown {
		return false
	}
	a.flap.flaps++
	if c := a.pf.spec.Count; c > 0 && a.flap.flaps >= c {
		a.state = faultDone
		return true
	}
	return false
}

// flapRestore brings a cleared flap's port back up if the flap left it
// down. The caller holds applyMu.
func (fs *faultSet) flapRestore(a *activeFault) {
	fs.mu.Lock()
	down := a.flap.down
	a.flap.down = false
	fs.mu.Unlock()
	dev := fs.m.ready.Load()
	if !down || dev == nil {
		return
	}
	fs.m.setLink(dev, a.pf.spec.Interface, true)
}

// flapNeedsDevice reports whether a flap is due on a device not made
// yet: the schedule makes it first (outside applyMu).
func (fs *faultSet) flapNeedsDevice(now time.Time) bool {
	if fs.m.ready.Load() != nil {
		return false
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, a := range fs.list {
		if a.pf.spec.Kind == FaultFlap && a.state != faultDone && !a.start.After(now) {
			return true
		}
	}
	return false
}
