package device

import (
	"cmp"
	"hash/fnv"
	"slices"
	"time"
)

// Counters are an interface's traffic totals.
type Counters struct {
	InPackets, InBytes, InUnicast, InBroadcast, InMulticast      uint64
	OutPackets, OutBytes, OutUnicast, OutBroadcast, OutMulticast uint64
}

// Rates are an interface's traffic per second while its link is up.
type Rates struct {
	InPackets, InBytes, OutPackets, OutBytes uint64
}

// ifStats keeps one interface's counters across link changes: the totals
// reached when the link last went down, and since when it is up.
type ifStats struct {
	base    Counters
	upAt    time.Time // zero while down
	cleared time.Time // reset counters; zero = never
}

// ratesOf is the steady traffic of an up interface: a deterministic
// function of its name, so that tests with a pinned clock see fixed
// numbers and every port differs from the next.
func ratesOf(ifc Interface) Rates {
	switch ifc.Kind {
	case KindNull, KindLoopBack:
		return Rates{}
	}
	h := fnv.New32a()
	h.Write([]byte(ifc.Name))
	v := uint64(h.Sum32())
	r := Rates{InPackets: 20 + v%480, OutPackets: 10 + (v>>9)%300}
	r.InBytes = r.InPackets * (180 + (v>>3)%700)
	r.OutBytes = r.OutPackets * (120 + (v>>13)%800)
	if ifc.Kind == KindVlanIf || ifc.Kind == KindMEth {
		r = Rates{InPackets: r.InPackets / 10, OutPackets: r.OutPackets / 10, InBytes: r.InBytes / 10, OutBytes: r.OutBytes / 10}
	}
	return r
}

// grow adds secs seconds of traffic at rate r to c: 2% broadcasts and
// 10% multicasts in, 1% and 5% out.
func grow(c Counters, r Rates, secs uint64) Counters {
	in, out := r.InPackets*secs, r.OutPackets*secs
	c.InPackets += in
	c.InBytes += r.InBytes * secs
	c.InBroadcast += in / 50
	c.InMulticast += in / 10
	c.InUnicast += in - in/50 - in/10
	c.OutPackets += out
	c.OutBytes += r.OutBytes * secs
	c.OutBroadcast += out / 100
	c.OutMulticast += out / 20
	c.OutUnicast += out - out/100 - out/20
	return c
}

// InterfaceStats returns the counters of interface name, its rates (zero
// while down) and since when its link is up (zero while down).
func (d *Device) InterfaceStats(name string) (Counters, Rates, time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st, ok := d.stats[name]
	ifc, found := d.cfg.Interfaces[name]
	if !ok || !found {
		return Counters{}, Rates{}, time.Time{}
	}
	if st.upAt.IsZero() {
		return st.base, Rates{}, time.Time{}
	}
	r := ratesOf(ifc)
	secs := uint64(max(0, d.now().Sub(st.upAt)/time.Second))
	return grow(st.base, r, secs), r, st.upAt.Add(d.clockOffset)
}

// ClearCounters zeroes the counters of the named interfaces, or of every
// interface when names is empty (reset counters interface).
func (d *Device) ClearCounters(names ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	for name, st := range d.stats {
		if len(names) > 0 && !slices.Contains(names, name) {
			continue
		}
		st.base = Counters{}
		if !st.upAt.IsZero() {
			st.upAt = now
		}
		st.cleared = now
	}
}

// CountersCleared returns when reset counters last cleared an
// interface's counters, on the device clock; ok is false if never.
func (d *Device) CountersCleared(name string) (t time.Time, ok bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	st := d.stats[name]
	if st == nil || st.cleared.IsZero() {
		return time.Time{}, false
	}
	return st.cleared.Add(d.clockOffset).In(d.cfg.TimeZone.Location()), true
}

// resetStats zeroes every counter; interfaces whose link is up start
// counting now (boot).
func (d *Device) resetStats() {
	d.stats = map[string]*ifStats{}
	now := d.now()
	for name, up := range d.linkStates(&d.cfg) {
		st := &ifStats{}
		if up {
			st.upAt = now
		}
		d.stats[name] = st
	}
}

// linkStates returns whether each interface's link is up.
func (d *Device) linkStates(cfg *Config) map[string]bool {
	m := make(map[string]bool, len(cfg.Interfaces))
	var upPorts []string // bridged ports that are up, when a VLAN interface needs them
	vlanIfs := 0
	for name, ifc := range cfg.Interfaces {
		if ifc.Kind == KindVlanIf {
			vlanIfs++
			continue
		}
		up := d.LinkUp(cfg, ifc)
		m[name] = up
		if up && ifc.Kind.Bridged() {
			upPorts = append(upPorts, name)
		}
	}
	if vlanIfs == 0 {
		return m
	}
	for name, ifc := range cfg.Interfaces {
		if ifc.Kind == KindVlanIf {
			m[name] = vlanIfUp(cfg, ifc, upPorts)
		}
	}
	return m
}

// LinkStatesOf returns whether the link of each of names is up in cfg, in
// the order of names: what linkStates says, without a map, for displays
// that list the interfaces in order.
func (d *Device) LinkStatesOf(cfg *Config, names []string) []bool {
	up := make([]bool, len(names))
	var upPorts []string
	vlanIfs := false
	for i, name := range names {
		ifc := cfg.Interfaces[name]
		if ifc.Kind == KindVlanIf {
			vlanIfs = true
			continue
		}
		up[i] = d.LinkUp(cfg, ifc)
		if up[i] && ifc.Kind.Bridged() {
			upPorts = append(upPorts, name)
		}
	}
	if vlanIfs {
		for i, name := range names {
			if ifc := cfg.Interfaces[name]; ifc.Kind == KindVlanIf {
				up[i] = vlanIfUp(cfg, ifc, upPorts)
			}
		}
	}
	return up
}

// vlanIfUp reports whether a VLAN interface is up: not shut down, and one
// of upPorts (the bridged ports whose links are up) carries its VLAN.
func vlanIfUp(cfg *Config, ifc Interface, upPorts []string) bool {
	return !ifc.Shutdown && slices.ContainsFunc(upPorts, func(p string) bool { return cfg.Interfaces[p].InVLAN(ifc.Number) })
}

// linkChanged brings counters up to date after a configuration change
// and logs every link that went up or down, ports before logical
// interfaces, as the device does.
func (d *Device) linkChanged(before, after map[string]bool) {
	now := d.now()
	var changed []Interface
	for name, up := range after {
		was, existed := before[name]
		st := d.stats[name]
		if st == nil {
			st = &ifStats{}
			d.stats[name] = st
		}
		if existed && was == up {
			continue
		}
		ifc := d.cfg.Interfaces[name]
		if up {
			st.upAt = now
		} else if !st.upAt.IsZero() {
			st.base = grow(st.base, ratesOf(ifc), uint64(max(0, now.Sub(st.upAt)/time.Second)))
			st.upAt = time.Time{}
		}
		if existed || up {
			changed = append(changed, ifc)
		}
	}
	for name := range d.stats {
		if _, ok := after[name]; !ok {
			delete(d.stats, name)
		}
	}
	slices.SortFunc(changed, func(a, b Interface) int {
		return cmp.Or(cmp.Compare(logOrder(a.Kind), logOrder(b.Kind)), compareInterfaces(a, b))
	})
	for _, ifc := range changed {
		state := "DOWN"
		if after[ifc.Name] {
			state = "UP"
		}
		d.logLocked("IFNET", 3, "LINK_UPDOWN", " "+ifc.Name+" link status is "+state+".")
		if !ifc.Kind.Physical() {
			d.logLocked("IFNET", 5, "LINEPROTO_UPDOWN", " Line protocol on the interface "+ifc.Name+" is "+state+".")
		}
	}
	d.stpChanged() // stp.go
}

func logOrder(k IfKind) int {
	if k.Physical() {
		return 0
	}
	return 1
}
