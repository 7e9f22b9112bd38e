package cli

import (
	"strconv"
	"strings"
	"time"

	"switchemu/device"
)

// clock datetime (user view) and clock timezone (user and system view,
// reference §6.1).
var clockUserCommands = append([]Command{
	{Syntax: "clock datetime {time:STRING<1-8>} {date:STRING<1-10>}", Priv: 3, Run: cmdClockDatetime},
}, clockTimezoneCommands...)

var clockTimezoneCommands = []Command{
	{Syntax: "clock timezone {zone:STRING<1-32>} add {offset:STRING<1-8>}", Priv: 3, Run: cmdClockTimezone},
	{Syntax: "clock timezone {zone:STRING<1-32>} minus {offset:STRING<1-8>}", Priv: 3, Run: cmdClockTimezone},
	{Syntax: "undo clock timezone", Priv: 3, Run: cmdClockTimezone},
}

var helpClock = map[string]string{
	"clock":                             "Specify the system clock",
	"clock datetime":                    "Specify the time and date",
	"clock datetime {time:STRING<1-8>}": "Specify the time (HH:MM:SS)",
	"clock datetime {time:STRING<1-8>} {date:STRING<1-10>}": "Specify the date from 2000 to 2035 (MM/DD/YYYY or YYYY/MM/DD)",
	"clock timezone":                                                "Configure the name of the time zone",
	"clock timezone {zone:STRING<1-32>}":                            "Name of the time zone",
	"clock timezone {zone:STRING<1-32>} add":                        "Add time zone offset",
	"clock timezone {zone:STRING<1-32>} add {offset:STRING<1-8>}":   "Time zone offset (HH:MM:SS)",
	"clock timezone {zone:STRING<1-32>} minus":                      "Minus time zone offset",
	"clock timezone {zone:STRING<1-32>} minus {offset:STRING<1-8>}": "Time zone offset (HH:MM:SS)",
	"undo clock":          "Specify the system clock",
	"undo clock timezone": "Configure the name of the time zone",
}

// parseClockTime reads "HH:MM:SS" (or "HH:MM"), each field in range.
func parseClockTime(s string, maxHour int) (time.Duration, bool) {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var v [3]int
	limits := [3]int{maxHour, 59, 59}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || !isDigits(p) || len(p) > 2 || n > limits[i] {
			return 0, false
		}
		v[i] = n
	}
	return time.Duration(v[0])*time.Hour + time.Duration(v[1])*time.Minute + time.Duration(v[2])*time.Second, true
}

// parseClockDate reads "YYYY/MM/DD" or "MM/DD/YYYY", years 2000-2035.
func parseClockDate(s string) (time.Time, bool) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return time.Time{}, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || !isDigits(p) {
			return time.Time{}, false
		}
		n[i] = v
	}
	y, m, d := n[0], n[1], n[2]
	if len(parts[2]) == 4 {
		y, m, d = n[2], n[0], n[1]
	}
	if y < 2000 || y > 2035 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

func cmdClockDatetime(s *Session, a Args) error {
	tod, ok := parseClockTime(a.Str("time"), 23)
	if !ok {
		return &ParseError{Kind: WrongParam, Pos: a.Position("time")}
	}
	day, ok := parseClockDate(a.Str("date"))
	if !ok {
		return &ParseError{Kind: WrongParam, Pos: a.Position("date")}
	}
	s.dev.SetClock(day.Add(tod))
	return nil
}

func cmdClockTimezone(s *Session, a Args) error {
	var z device.TimeZone
	if !a.Has("undo") {
		off, ok := parseClockTime(a.Str("offset"), 23)
		if !ok {
			return &ParseError{Kind: WrongParam, Pos: a.Position("offset")}
		}
		if a.Has("minus") {
			off = -off
		}
		z = device.TimeZone{Name: a.Str("zone"), Offset: off}
	}
	return s.dev.Update(func(c *device.Config) error {
		c.TimeZone = z
		return nil
	})
}

var clockUserGroup = group{clockUserCommands, helpClock}

var clockSystemGroup = group{clockTimezoneCommands, helpClock}
