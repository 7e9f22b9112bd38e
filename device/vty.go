package device

import (
	"errors"
	"net"
	"time"
)

// MaxVTY is the number of VTY lines (user-interface vty 0 15).
const MaxVTY = 16

// ErrNoFreeLine is returned when every VTY line is in use.
var ErrNoFreeLine = errors.New("all VTY lines are in use")

// Login is one live session on a VTY line.
type Login struct {
	Line     int // VTY number
	User     string
	Remote   net.Addr
	Protocol string // "SSH"
	Version  string // SSH protocol version, "2.0" or "1.5"
	Cipher   string // negotiated cipher, for display ssh server session
	State    string // SSH session state: "Init", "Ver-exchange", "Keys-exchange", "Auth-request", "Established"
	Retry    int    // failed authentication attempts so far
	Service  string // "Stelnet" or "SFTP" once authenticated
	Level    int
	Since    time.Time
	// LastInput is updated by the CLI on every key; display users shows
	// the idle time from it.
	LastInput time.Time
}

// AcquireVTY takes the lowest free VTY line for l and returns its number.
func (d *Device) AcquireVTY(l Login) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.faults.vtyBusy.Load() {
		return -1, ErrNoFreeLine // a fault holds every line (faults.go)
	}
	for i, cur := range d.vty {
		if cur == nil {
			l.Line = i
			if l.Since.IsZero() {
				l.Since = d.now()
			}
			l.LastInput = l.Since
			d.touched[i].Store(0)
			d.resetRefusal(i)
			d.vty[i] = &l
			return i, nil
		}
	}
	return -1, ErrNoFreeLine
}

// ReleaseVTY frees a line taken by AcquireVTY.
func (d *Device) ReleaseVTY(line int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if line >= 0 && line < len(d.vty) {
		d.vty[line] = nil
		d.resetRefusal(line)
	}
}

// TouchVTY records input on a line now. It runs on every key a user
// types, so it takes no lock: the time goes into the line's atomic
// clock, which Logins reads.
func (d *Device) TouchVTY(line int) {
	if line >= 0 && line < MaxVTY {
		d.touched[line].Store(d.now().UnixNano())
	}
}

// lastInput is the later of the login's own record and the line's
// atomic clock. The caller holds d.mu.
func (d *Device) lastInput(l *Login) time.Time {
	if t := d.touched[l.Line].Load(); t > l.LastInput.UnixNano() {
		return time.Unix(0, t).In(l.LastInput.Location())
	}
	return l.LastInput
}

// SetVTYLevel records a session's new privilege level (after super).
func (d *Device) SetVTYLevel(line, level int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if line >= 0 && line < len(d.vty) && d.vty[line] != nil {
		d.vty[line].Level = level
	}
}

// Logins returns copies of the live sessions, by line.
func (d *Device) Logins() []Login {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []Login
	for _, l := range d.vty {
		if l != nil {
			c := *l
			c.LastInput = d.lastInput(l)
			out = append(out, c)
		}
	}
	return out
}

// UpdateVTY changes the login on a line in place (SSH state, user, cipher
// as the stages progress). It does nothing if the line is free.
func (d *Device) UpdateVTY(line int, fn func(l *Login)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if line >= 0 && line < len(d.vty) && d.vty[line] != nil {
		fn(d.vty[line])
	}
}
