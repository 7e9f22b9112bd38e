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
// datetime, in the configured time zone, or its summer time while that
// is on.
func (d *Device) Clock() time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.clockLocked()
}

func (d *Device) clockLocked() time.Time {
	t := d.now().Add(d.clockOffset)
	return t.In(d.cfg.location(t))
}

// SetClock sets the wall clock (clock datetime). wall holds the date and
// time the user typed, read in the configured time zone; only its fields
// matter, not its location.
func (d *Device) SetClock(wall time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	loc := d.cfg.TimeZone.Location()
	t := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, loc)
	if d.cfg.SummerTime.Active(t, loc) {
		// the typed time is summer time: the standard clock is behind it
		t = t.Add(-d.cfg.SummerTime.Add)
	}
	d.clockOffset = t.Sub(d.now())
}

// SummerTime is the clock summer-time setting: a zone name, when it
// starts and ends, and how much it adds. The zero value is none.
type SummerTime struct {
	Name string // "" = not configured
	// Repeating: every year (from Start's year, if one was given);
	// otherwise once, from Start to End (one-off).
	Repeating  bool
	Start, End SummerPoint
	Add        time.Duration
}

// SummerPoint is a start or end of summer time: a date and a time of day
// on the standard-time clock. Year is 0 for a repeating date typed
// without one.
type SummerPoint struct {
	Year, Month, Day int
	Time             time.Duration
}

// at is the point in the year y.
func (p SummerPoint) at(y int, loc *time.Location) time.Time {
	if p.Year != 0 && y == 0 {
		y = p.Year
	}
	return time.Date(y, time.Month(p.Month), p.Day, 0, 0, 0, 0, loc).Add(p.Time)
}

// Active reports whether summer time is on at t (read on the
// standard-time clock of loc).
func (s SummerTime) Active(t time.Time, loc *time.Location) bool {
	if s.Name == "" {
		return false
	}
	t = t.In(loc)
	if !s.Repeating {
		return !t.Before(s.Start.at(0, loc)) && t.Before(s.End.at(0, loc))
	}
	y := t.Year()
	if s.Start.Year != 0 && y < s.Start.Year {
		return false
	}
	start, end := s.Start.at(y, loc), s.End.at(y, loc)
	if end.Before(start) { // a southern summer: across the new year
		return !t.Before(start) || t.Before(end)
	}
	return !t.Before(start) && t.Before(end)
}

// location is the zone the device's clock shows at t: the time zone, or
// the summer-time zone (its name, the offset plus Add) while it is on.
func (c *Config) location(t time.Time) *time.Location {
	std := c.TimeZone.Location()
	if !c.SummerTime.Active(t, std) {
		return std
	}
	_, off := t.In(std).Zone()
	return time.FixedZone(c.SummerTime.Name, off+int(c.SummerTime.Add/time.Second))
}
