package fleet

// pushLinks tells the far end of each of m's cables what m now shows at
// its port (administrative state, LLDP data, the BPDU of its spanning
// tree), and tells m what the far ends show. The device at each end then
// brings its port up or down, logs it, and recomputes its spanning tree.
// It is called after every change of m, outside any device lock;
// m.linkMu makes the last change win when several sessions change m at
// once.
//
// A device whose spanning tree adverts changed because of what it was
// told (its STPGen moved) is pushed in turn, one member at a time, until
// no advert changes: as BPDUs flood a real network. A recompute that
// changes nothing moves no STPGen, and message age ends stale
// information (device/stp.go), so the loop ends; maxSTPRounds is a
// backstop.
func (f *Fleet) pushLinks(m *Member) {
	queue := []*Member{m}
	queued := map[*Member]bool{m: true}
	for rounds := 0; len(queue) > 0; rounds++ {
		next := queue[0]
		queue = queue[1:]
		delete(queued, next)
		for _, far := range f.pushLinksOf(next) {
			if !queued[far] && rounds < maxSTPRounds*max(1, len(f.members)) {
				queue = append(queue, far)
				queued[far] = true
			}
		}
	}
}

// maxSTPRounds bounds the pushes one change causes, per member of the
// fleet.
const maxSTPRounds = 64

// pushLinksOf does pushLinks' work for one member and returns the
// members whose spanning tree adverts changed (m itself included) and
// must be pushed again.
func (f *Fleet) pushLinksOf(m *Member) []*Member {
	if len(m.links) == 0 {
		return nil
	}
	dev := m.ready.Load()
	if dev == nil {
		return nil // still booting: ensure pushes when it is done
	}
	m.linkMu.Lock()
	defer m.linkMu.Unlock()
	var again []*Member
	gen := dev.STPGen()
	for _, l := range m.links {
		far := l.far.ready.Load()
		if far == nil {
			continue // the far end pushes to us when it is made
		}
		if m.isPulled(l.port) || l.far.isPulled(l.farPort) {
			continue // the control API pulled the cable (ops.go)
		}
		farGen := far.STPGen()
		if adv, ok := dev.Advert(l.port); ok {
			far.SetPeer(l.farPort, &adv)
		}
		if adv, ok := far.Advert(l.farPort); ok {
			dev.SetPeer(l.port, &adv)
		}
		if far.STPGen() != farGen && l.far != m {
			again = append(again, l.far)
		}
	}
	if dev.STPGen() != gen {
		again = append(again, m)
	}
	return again
}
