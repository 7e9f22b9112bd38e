package cli

import (
	"fmt"
	"strings"
	"time"

	"switchemu/device"
)

// clock summer-time (user and system view, level 3, beside clock
// timezone). Syntax: H3C/HP Comware 5.20 Fundamentals Command Reference,
// "Device management commands": clock summer-time zone-name { one-off |
// repeating } start-time start-date end-time end-date add-time; times
// HH:MM:SS, dates MM/DD/YYYY or YYYY/MM/DD (a repeating date may leave
// the year out: MM/DD), add-time HH:MM:SS. display clock then prints
// "Summer Time : PDT 06:00:00 08/01 06:00:00 09/01 01:00:00" (reference
// §5.9, a capture of a repeating setting; the one-off form with the
// years [I]), and while summer time is on the clock shows its zone name
// and runs add-time ahead [I].
var clockSummerCommands = []Command{
	{Syntax: "clock summer-time {name:STRING<1-32>} one-off " + summerArgs, Priv: 3, Run: cmdClockSummer},
	{Syntax: "clock summer-time {name:STRING<1-32>} repeating " + summerArgs, Priv: 3, Run: cmdClockSummer},
	{Syntax: "undo clock summer-time", Priv: 3, Run: cmdClockSummer},
}

const summerArgs = "{stime:STRING<1-8>} {sdate:STRING<1-10>} {etime:STRING<1-8>} {edate:STRING<1-10>} {add:STRING<1-8>}"

var helpClockSummer = func() map[string]string {
	h := map[string]string{
		"clock":                                 "Specify the system clock",
		"clock summer-time":                     "Configure summer time",
		"undo clock":                            "Specify the system clock",
		"undo clock summer-time":                "Configure summer time",
		"clock summer-time {name:STRING<1-32>}": "Name of the summer time zone",
	}
	texts := []string{"Start time of summer time (HH:MM:SS)", "Start date of summer time (MM/DD/YYYY or YYYY/MM/DD)",
		"End time of summer time (HH:MM:SS)", "End date of summer time (MM/DD/YYYY or YYYY/MM/DD)",
		"Time added to the standard time (HH:MM:SS)"} // [U]
	for _, mode := range []string{"one-off", "repeating"} {
		k := "clock summer-time {name:STRING<1-32>} " + mode
		h[k] = map[string]string{"one-off": "Adopt summer time only once", "repeating": "Adopt summer time every year"}[mode] // [U]
		for i, w := range strings.Fields(summerArgs) {
			k += " " + w
			h[k] = texts[i]
		}
	}
	return h
}()

// parseSummerDate reads a summer-time date: MM/DD/YYYY or YYYY/MM/DD,
// or, for a repeating setting, MM/DD.
func parseSummerDate(s string, repeating bool) (device.SummerPoint, bool) {
	if parts := strings.Split(s, "/"); repeating && len(parts) == 2 {
		t, ok := parseClockDate(s + "/2000") // 2000 is a leap year: 02/29 passes
		return device.SummerPoint{Month: int(t.Month()), Day: t.Day()}, ok
	}
	t, ok := parseClockDate(s)
	return device.SummerPoint{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, ok
}

func cmdClockSummer(s *Session, a Args) error {
	var st device.SummerTime
	if !a.Has("undo") {
		st = device.SummerTime{Name: a.Str("name"), Repeating: a.Has("repeating")}
		for _, p := range []struct {
			name string
			to   *time.Duration
		}{{"stime", &st.Start.Time}, {"etime", &st.End.Time}, {"add", &st.Add}} {
			d, ok := parseClockTime(a.Str(p.name), 23)
			if !ok {
				return &ParseError{Kind: WrongParam, Pos: a.Position(p.name)}
			}
			*p.to = d
		}
		for _, p := range []struct {
			name string
			to   *device.SummerPoint
		}{{"sdate", &st.Start}, {"edate", &st.End}} {
			pt, ok := parseSummerDate(a.Str(p.name), st.Repeating)
			if !ok {
				return &ParseError{Kind: WrongParam, Pos: a.Position(p.name)}
			}
			pt.Time = p.to.Time
			*p.to = pt
		}
	}
	return s.dev.Update(func(c *device.Config) error {
		c.SummerTime = st
		return nil
	})
}

// hms prints a duration as HH:MM:SS.
func hms(d time.Duration) string {
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// summerDate prints a summer-time date: MM/DD/YYYY, or MM/DD without a
// year (short: as display clock prints a repeating setting).
func summerDate(p device.SummerPoint, short bool) string {
	if p.Year == 0 || short {
		return fmt.Sprintf("%02d/%02d", p.Month, p.Day)
	}
	return fmt.Sprintf("%02d/%02d/%04d", p.Month, p.Day, p.Year)
}

// renderSummerTime is the clock summer-time configuration line.
func renderSummerTime(st device.SummerTime) string {
	if st.Name == "" {
		return ""
	}
	mode := "one-off"
	if st.Repeating {
		mode = "repeating"
	}
	return fmt.Sprintf(" clock summer-time %s %s %s %s %s %s %s\n", st.Name, mode,
		hms(st.Start.Time), summerDate(st.Start, false), hms(st.End.Time), summerDate(st.End, false), hms(st.Add))
}

// summerTimeLine is display clock's "Summer Time" line.
func summerTimeLine(st device.SummerTime) string {
	return fmt.Sprintf("Summer Time : %s %s %s %s %s %s\n", st.Name,
		hms(st.Start.Time), summerDate(st.Start, st.Repeating), hms(st.End.Time), summerDate(st.End, st.Repeating), hms(st.Add))
}

var clockSummerGroup = group{clockSummerCommands, helpClockSummer}
