package fleet

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"switchemu/profiles"
)

// Fault injection (failure drills): a device, or one of its ports, made
// to misbehave on purpose so that automation can be shown to survive a
// network that does. Faults come from the inventory (a device's faults
// key) or the control API (PUT /api/v1/devices/{name}/faults), take
// effect at once or after a delay, are listed and cleared through the
// API, and every change is an event. This file is the model: the specs
// and their checks; faults_run.go applies them, faults_flap.go flaps
// links.

// Fault kinds.
const (
	FaultLatency     = "latency"      // every command's output held back: latency
	FaultSlowLogin   = "slow-login"   // the banner and first prompt held back: delay
	FaultDisconnect  = "disconnect"   // sessions cut: after seconds, commands, or lines of one output
	FaultRefuseLogin = "refuse-login" // the next count logins fail as with a wrong password
	FaultVTYBusy     = "vty-busy"     // every VTY line taken: new logins refused
	FaultHang        = "hang"         // commands (those starting with command) never answer
	FaultFlap        = "flap"         // interface goes down and up every period, count times
	FaultFlashFull   = "flash-full"   // flash:/ has no room: saves fail
	FaultBadStartup  = "bad-startup"  // the next reboot cannot load the startup file
	FaultCPU         = "cpu"          // display cpu-usage shows percent
)

// FaultKinds lists the kinds, in the order the README describes them.
var FaultKinds = []string{FaultLatency, FaultSlowLogin, FaultDisconnect, FaultRefuseLogin, FaultVTYBusy,
	FaultHang, FaultFlap, FaultFlashFull, FaultBadStartup, FaultCPU}

// FaultSpec is one fault as the inventory or the API gives it. Kind says
// which fields apply; the others must be left out.
type FaultSpec struct {
	Kind string `json:"kind" yaml:"kind"`
	// After delays the fault: it takes effect this long after the fleet
	// starts (inventory) or after it is set (API), "30s"; at once if "".
	After string `json:"after,omitempty" yaml:"after"`
	// Interface is the port a flap works on (GigabitEthernet1/0/1).
	Interface string `json:"interface,omitempty" yaml:"interface"`
	// Latency (latency) is added to every command's output: "200ms", or
	// a range "100ms-500ms" drawn afresh for each command.
	Latency string `json:"latency,omitempty" yaml:"latency"`
	// Delay (slow-login) holds back the banner and first prompt, a
	// duration or a range like Latency.
	Delay string `json:"delay,omitempty" yaml:"delay"`
	// Seconds, Commands, Lines (disconnect, at least one): a session
	// is cut that many seconds after its login, after its Commands-th
	// command's output, or after Lines lines of a command's output.
	Seconds  int `json:"seconds,omitempty" yaml:"seconds"`
	Commands int `json:"commands,omitempty" yaml:"commands"`
	Lines    int `json:"lines,omitempty" yaml:"lines"`
	// Count is how many logins are refused (refuse-login, 1 if left
	// out), or how many times the port flaps (flap; until the fault is
	// cleared if left out).
	Count int `json:"count,omitempty" yaml:"count"`
	// Period (flap) is how long the port stays down, and then up, in
	// each flap: "2s".
	Period string `json:"period,omitempty" yaml:"period"`
	// Command (hang) limits the hang to command lines that start with
	// it ("display interface"), in any case; every line hangs if "".
	Command string `json:"command,omitempty" yaml:"command"`
	// Percent (cpu) is the CPU usage display cpu-usage shows, 1-100.
	Percent int `json:"percent,omitempty" yaml:"percent"`
}

// Bounds of the fault fields.
const (
	maxFaultAfter   = 24 * time.Hour
	maxFaultLatency = time.Minute
	maxFaultDelay   = 5 * time.Minute
	minFlapPeriod   = 100 * time.Millisecond
	maxFlapPeriod   = time.Hour
	maxFaultCount   = 1_000_000
	maxFaultSeconds = 86400
	maxFaultsPerDev = 64
)

// faultFields says which optional fields each kind takes (After applies
// to all).
var faultFields = map[string][]string{
	FaultLatency:     {"latency"},
	FaultSlowLogin:   {"delay"},
	FaultDisconnect:  {"seconds", "commands", "lines"},
	FaultRefuseLogin: {"count"},
	FaultVTYBusy:     {},
	FaultHang:        {"command"},
	FaultFlap:        {"interface", "period", "count"},
	FaultFlashFull:   {},
	FaultBadStartup:  {},
	FaultCPU:         {"percent"},
}

// span is a duration or a range of them.
type span struct{ lo, hi time.Duration }

// pick is a duration in the span.
func (s span) pick() time.Duration {
	if s.hi <= s.lo {
		return s.lo
	}
	return s.lo + rand.N(s.hi-s.lo+1)
}

// parseSpan reads "200ms" or "100ms-500ms".
func parseSpan(field, v string, limit time.Duration) (span, error) {
	lo, hi, isRange := strings.Cut(strings.TrimSpace(v), "-")
	a, err := time.ParseDuration(strings.TrimSpace(lo))
	if err != nil {
		return span{}, fmt.Errorf("%s %q: want a duration (200ms) or a range (100ms-500ms)", field, v)
	}
	b := a
	if isRange {
		if b, err = time.ParseDuration(strings.TrimSpace(hi)); err != nil {
			return span{}, fmt.Errorf("%s %q: want a duration (200ms) or a range (100ms-500ms)", field, v)
		}
	}
	switch {
	case a <= 0 || b <= 0:
		return span{}, fmt.Errorf("%s %q: must be more than 0", field, v)
	case b < a:
		return span{}, fmt.Errorf("%s %q: the range's end is before its start", field, v)
	case b > limit:
		return span{}, fmt.Errorf("%s %q: at most %v", field, v, limit)
	}
	return span{a, b}, nil
}

// parsedFault is a checked spec with its durations read.
type parsedFault struct {
	spec   FaultSpec
	after  time.Duration
	span   span          // latency, slow-login
	period time.Duration // flap
}

// key is what makes two faults the same: setting a fault replaces the
// one of the same kind (and interface).
func (s FaultSpec) key() string { return s.Kind + " " + s.Interface }

// portFunc gives the canonical name of a device's physical port, false
// if it has none of that name.
type portFunc func(name string) (string, bool)

// profilePorts knows the ports of a profile by their exact names.
func profilePorts(p *profiles.Profile) portFunc {
	return func(name string) (string, bool) { return name, p.HasPort(name) }
}

// parseFault checks a spec. port, if not nil, checks a flap's interface
// and gives its canonical name.
func parseFault(s FaultSpec, port portFunc) (parsedFault, error) {
	pf := parsedFault{spec: s}
	allowed, ok := faultFields[s.Kind]
	if !ok {
		return pf, fmt.Errorf("fault kind %q: want one of %s", s.Kind, strings.Join(FaultKinds, ", "))
	}
	set := map[string]bool{
		"interface": s.Interface != "", "latency": s.Latency != "", "delay": s.Delay != "",
		"seconds": s.Seconds != 0, "commands": s.Commands != 0, "lines": s.Lines != 0,
		"count": s.Count != 0, "period": s.Period != "", "command": s.Command != "", "percent": s.Percent != 0,
	}
	for _, f := range allowed {
		delete(set, f)
	}
	for _, f := range []string{"interface", "latency", "delay", "seconds", "commands", "lines", "count", "period", "command", "percent"} {
		if set[f] {
			return pf, fmt.Errorf("fault %s: %s does not apply (it takes %s)", s.Kind, f, fieldList(allowed))
		}
	}
	var err error
	if s.After != "" {
		if pf.after, err = time.ParseDuration(s.After); err != nil || pf.after < 0 || pf.after > maxFaultAfter {
			return pf, fmt.Errorf("fault %s: after %q: want a duration from 0s to %v (30s)", s.Kind, s.After, maxFaultAfter)
		}
	}
	count := func(what string, n, lo int) error {
		if n < lo || n > maxFaultCount {
			return fmt.Errorf("fault %s: %s %d: must be %d-%d", s.Kind, what, n, lo, maxFaultCount)
		}
		return nil
	}
	switch s.Kind {
	case FaultLatency:
		if s.Latency == "" {
			return pf, fmt.Errorf("fault latency: give latency (200ms, or 100ms-500ms)")
		}
		pf.span, err = parseSpan("fault latency: latency", s.Latency, maxFaultLatency)
	case FaultSlowLogin:
		if s.Delay == "" {
			return pf, fmt.Errorf("fault slow-login: give delay (5s, or 2s-10s)")
		}
		pf.span, err = parseSpan("fault slow-login: delay", s.Delay, maxFaultDelay)
	case FaultDisconnect:
		switch {
		case s.Seconds == 0 && s.Commands == 0 && s.Lines == 0:
			err = fmt.Errorf("fault disconnect: give seconds, commands or lines")
		case s.Seconds < 0 || s.Seconds > maxFaultSeconds:
			err = fmt.Errorf("fault disconnect: seconds %d: must be 1-%d", s.Seconds, maxFaultSeconds)
		case s.Commands != 0 && count("commands", s.Commands, 1) != nil:
			err = count("commands", s.Commands, 1)
		case s.Lines != 0:
			err = count("lines", s.Lines, 1)
		}
	case FaultRefuseLogin:
		if s.Count == 0 {
			pf.spec.Count = 1
		}
		err = count("count", pf.spec.Count, 1)
	case FaultHang:
		pf.spec.Command = strings.Join(strings.Fields(s.Command), " ")
	case FaultFlap:
		if s.Interface == "" || s.Period == "" {
			return pf, fmt.Errorf("fault flap: give interface and period (2s)")
		}
		if pf.period, err = time.ParseDuration(s.Period); err != nil || pf.period < minFlapPeriod || pf.period > maxFlapPeriod {
			return pf, fmt.Errorf("fault flap: period %q: want a duration from %v to %v", s.Period, minFlapPeriod, maxFlapPeriod)
		}
		if err = count("count", s.Count, 0); err != nil {
			return pf, err
		}
		if port != nil {
			name, ok := port(s.Interface)
			if !ok {
				return pf, fmt.Errorf("fault flap: the device has no port %q", s.Interface)
			}
			pf.spec.Interface = name
		}
	case FaultCPU:
		if s.Percent < 1 || s.Percent > 100 {
			err = fmt.Errorf("fault cpu: percent %d: must be 1-100", s.Percent)
		}
	}
	return pf, err
}

func fieldList(fs []string) string {
	if len(fs) == 0 {
		return "only after"
	}
	return strings.Join(fs, ", ") + " and after"
}

// parseFaults checks a list of specs for one device: each on its own,
// no two of the same kind and interface, not too many.
func parseFaults(specs []FaultSpec, port portFunc) ([]parsedFault, error) {
	if len(specs) > maxFaultsPerDev {
		return nil, fmt.Errorf("%d faults: at most %d per device", len(specs), maxFaultsPerDev)
	}
	out := make([]parsedFault, 0, len(specs))
	seen := map[string]int{}
	for i, s := range specs {
		pf, err := parseFault(s, port)
		if err != nil {
			return nil, fmt.Errorf("fault %d: %w", i+1, err)
		}
		if j, dup := seen[pf.spec.key()]; dup {
			return nil, fmt.Errorf("fault %d: the same %s as fault %d", i+1, strings.TrimSpace(pf.spec.key()), j+1)
		}
		seen[pf.spec.key()] = i
		out = append(out, pf)
	}
	return out, nil
}
