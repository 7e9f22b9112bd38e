package device

import (
	"fmt"
	"time"
)

// TimeZone is the clock timezone setting. The zero value is UTC.
type TimeZone struct {
	Name   string        // "" = not configured (UTC)
	Offset time.Duration // east of UTC; negative for "minus"
}

// Location returns the zone as a time.Location.
func (z TimeZone) Location() *time.Location {
	if z.Name == "" {
		return time.UTC
	}
	return time.FixedZone(z.Name, int(z.Offset/time.Second))
}

// ConfigString renders the zone as the configuration line's arguments:
// "Z5 add 05:00:00".
func (z TimeZone) ConfigString() string {
	sign, off := "add", z.Offset
	if off < 0 {
		sign, off = "minus", -off
	}
	s := int(off / time.Second)
	return fmt.Sprintf("%s %s %02d:%02d:%02d", z.Name, sign, s/3600, s/60%60, s%60)
}

// Clock returns the device's wall clock: the host clock moved by clock
// datetime, in the configured time zone.
func (d *Device) Clock() time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.clockLocked()
}

func (d *Device) clockLocked() time.Time {
	return d.now().Add(d.clockOffset).In(d.cfg.TimeZone.Location())
}

// SetClock sets the wall clock (clock datetime). wall holds the date and
// time the user typed, read in the configured time zone; only its fields
// matter, not its location.
func (d *Device) SetClock(wall time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	loc := d.cfg.TimeZone.Location()
	t := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, loc)
	d.clockOffset = t.Sub(d.now())
}
