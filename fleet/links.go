package fleet

// pushLinks tells the far end of each of m's cables what m now shows at
// its port (administrative state, LLDP data), and tells m what the far
// ends show. The device at each end then brings its port up or down and
// logs it. It is called after every change of m, outside any device
// lock; m.linkMu makes the last change win when several sessions change
// m at once.
func (f *Fleet) pushLinks(m *Member) {
	if len(m.links) == 0 {
		return
	}
	dev := m.ready.Load()
	if dev == nil {
		return // still booting: ensure pushes when it is done
	}
	m.linkMu.Lock()
	defer m.linkMu.Unlock()
	for _, l := range m.links {
		far := l.far.ready.Load()
		if far == nil {
			continue // the far end pushes to us when it is made
		}
		if m.isPulled(l.port) || l.far.isPulled(l.farPort) {
			continue // the control API pulled the cable (ops.go)
		}
		if adv, ok := dev.Advert(l.port); ok {
			far.SetPeer(l.farPort, &adv)
		}
		if adv, ok := far.Advert(l.farPort); ok {
			dev.SetPeer(l.port, &adv)
		}
	}
}
