package device

import (
	"testing"
	"time"
)

func TestSummerTimeActive(t *testing.T) {
	z5 := time.FixedZone("Z5", 5*3600)
	at := func(y, m, d, h int) time.Time { return time.Date(y, time.Month(m), d, h, 0, 0, 0, z5) }
	pt := func(y, m, d, h int) SummerPoint {
		return SummerPoint{Year: y, Month: m, Day: d, Time: time.Duration(h) * time.Hour}
	}
	north := SummerTime{Name: "S", Repeating: true, Start: pt(0, 3, 27, 2), End: pt(0, 10, 30, 3), Add: time.Hour}
	south := SummerTime{Name: "S", Repeating: true, Start: pt(0, 10, 1, 2), End: pt(0, 4, 1, 3), Add: time.Hour}
	from2012 := SummerTime{Name: "S", Repeating: true, Start: pt(2012, 3, 27, 2), End: pt(2012, 10, 30, 3), Add: time.Hour}
	once := SummerTime{Name: "S", Start: pt(2011, 1, 1, 0), End: pt(2011, 2, 1, 0), Add: 2 * time.Hour}
	for _, c := range []struct {
		name string
		st   SummerTime
		t    time.Time
		want bool
	}{
		{"none", SummerTime{}, at(2011, 7, 1, 0), false},
		{"north summer", north, at(2011, 7, 1, 0), true},
		{"north winter", north, at(2011, 1, 1, 0), false},
		{"north at the start", north, at(2011, 3, 27, 2), true},
		{"north just before the start", north, at(2011, 3, 27, 1), false},
		{"north at the end", north, at(2011, 10, 30, 3), false},
		{"south summer, after new year", south, at(2011, 1, 15, 0), true},
		{"south summer, before new year", south, at(2011, 12, 15, 0), true},
		{"south winter", south, at(2011, 7, 1, 0), false},
		{"repeating, before its first year", from2012, at(2011, 7, 1, 0), false},
		{"repeating, a later year", from2012, at(2015, 7, 1, 0), true},
		{"one-off, within", once, at(2011, 1, 12, 0), true},
		{"one-off, a year later", once, at(2012, 1, 12, 0), false},
	} {
		if got := c.st.Active(c.t, z5); got != c.want {
			t.Errorf("%s: active %v, want %v", c.name, got, c.want)
		}
	}
}

// While summer time is on the clock shows its zone, Add ahead; clock
// datetime takes the typed time as summer time.
func TestClockInSummerTime(t *testing.T) {
	d, clk := newTestDevice(t)
	clk.advance(time.Date(2011, 7, 1, 12, 0, 0, 0, time.UTC).Sub(clk.now()))
	now := clk.now()
	mustUpdate(t, d, func(c *Config) {
		c.SummerTime = SummerTime{Name: "CEST", Repeating: true, Start: SummerPoint{Month: 3, Day: 27}, End: SummerPoint{Month: 10, Day: 30}, Add: time.Hour}
	})
	c := d.Clock()
	if name, off := c.Zone(); name != "CEST" || off != 3600 || c.Hour() != 13 {
		t.Fatalf("clock %v (%s %d)", c, name, off)
	}
	d.SetClock(time.Date(2011, 7, 1, 15, 0, 0, 0, time.UTC))
	if c := d.Clock(); c.Hour() != 15 || c.Sub(now) != 2*time.Hour {
		t.Fatalf("after clock datetime 15:00: %v (%v from the host)", c, c.Sub(now))
	}
}
