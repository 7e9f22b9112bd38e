package device

import "time"

// Failed logins cost the client time: after each failed password (SSH-2,
// SSH-1, super) the caller waits before it answers, and the wait grows
// with the failures from the same address, so that guessing runs at no
// more than a few tries per second per address however many connections
// it uses: the waits of one address queue behind each other. A success
// from the address forgets its failures, and so do LoginForget minutes
// without any. The table is fixed in size: when it is full, the address
// whose last failure is the oldest gives up its place.

const (
	// DefaultLoginDelay is the wait after the first failure; each
	// further failure doubles it, up to DefaultLoginDelayMax.
	DefaultLoginDelay    = 500 * time.Millisecond
	DefaultLoginDelayMax = 8 * time.Second
	// loginForget is how long an address's failures are remembered.
	loginForget = 10 * time.Minute
	// loginGuardSize bounds the addresses remembered.
	loginGuardSize = 256
)

type loginGuard struct {
	first, max time.Duration // 0 = the defaults
	entries    []loginEntry  // grows to loginGuardSize; nil until a failure
}

type loginEntry struct {
	addr     string
	failures int
	last     time.Time // of the last failure
	until    time.Time // the address's queue of waits ends then
}

// SetLoginDelays sets the wait after a first failed login and its cap
// (tests shorten them); zero values mean the defaults.
func (d *Device) SetLoginDelays(first, max time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.guard.first, d.guard.max = first, max
}

// LoginFailed records a failed login from addr (an IP address) and
// returns how long the caller waits before it answers.
func (d *Device) LoginFailed(addr string) time.Duration {
	now := time.Now() // real time: the device clock may be pinned or set
	d.mu.Lock()
	defer d.mu.Unlock()
	g := &d.guard
	first, maxWait := g.first, g.max
	if first <= 0 {
		first = DefaultLoginDelay
	}
	if maxWait <= 0 {
		maxWait = DefaultLoginDelayMax
	}
	e := g.entry(addr)
	if now.Sub(e.last) > loginForget {
		e.failures = 0
	}
	e.failures++
	e.last = now
	wait := first
	for i := 1; i < e.failures && wait < maxWait; i++ {
		wait *= 2
	}
	wait = min(wait, maxWait)
	start := now
	if e.until.After(now) {
		start = e.until
	}
	e.until = start.Add(wait)
	// A queue longer than a few waits means many connections guessing
	// at once: each still waits the longest wait, no more, so that none
	// outlives its authentication-timeout here.
	return min(e.until.Sub(now), 2*maxWait)
}

// LoginSucceeded forgets addr's failures.
func (d *Device) LoginSucceeded(addr string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for i := range d.guard.entries {
		if e := &d.guard.entries[i]; e.addr == addr {
			*e = loginEntry{}
		}
	}
}

// entry returns addr's entry: its own, a new one while the table has
// room, or the one whose last failure is the oldest.
func (g *loginGuard) entry(addr string) *loginEntry {
	var victim *loginEntry
	for i := range g.entries {
		e := &g.entries[i]
		switch {
		case e.addr == addr:
			return e
		case victim == nil, victim.addr != "" && (e.addr == "" || e.last.Before(victim.last)):
			victim = e
		}
	}
	if len(g.entries) < loginGuardSize && (victim == nil || victim.addr != "") {
		g.entries = append(g.entries, loginEntry{addr: addr})
		return &g.entries[len(g.entries)-1]
	}
	*victim = loginEntry{addr: addr}
	return victim
}
