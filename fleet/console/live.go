package console

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"switchemu/fleet"
	"switchemu/internal/vt"
)

// maxPending bounds the output a live stream holds for its screen while
// it is busy sending; beyond it, output is dropped (and counted) rather
// than the session kept waiting.
const maxPending = 1 << 20

// feed is what a session's watcher hands a live stream: the session's
// goroutine only appends under mu and signals wake, never waits.
type feed struct {
	mu      sync.Mutex
	steps   []step // output and window changes, in order, coalesced
	size    int    // bytes held
	dropped int
	wake    chan struct{} // cap 1: something is pending
}

// step is output, or a window change to w x h (0: the terminal did not
// say; vt's default size).
type step struct {
	out    []byte
	resize bool
	w, h   int
}

// event is the session's watcher (fleet.LiveSession.WatchScreen): quick and
// never blocking.
func (fd *feed) event(ev fleet.TermEvent) {
	fd.mu.Lock()
	switch ev.Kind {
	case 'o':
		switch {
		case fd.size+len(ev.Data) > maxPending:
			fd.dropped += len(ev.Data)
		case len(fd.steps) > 0 && !fd.steps[len(fd.steps)-1].resize:
			last := &fd.steps[len(fd.steps)-1]
			last.out = append(last.out, ev.Data...)
			fd.size += len(ev.Data)
		default:
			fd.steps = append(fd.steps, step{out: append([]byte(nil), ev.Data...)})
			fd.size += len(ev.Data)
		}
	case 'r':
		ws, hs, _ := strings.Cut(string(ev.Data), "x")
		w, _ := strconv.Atoi(ws)
		h, _ := strconv.Atoi(hs)
		fd.steps = append(fd.steps, step{resize: true, w: w, h: h})
	default:
		fd.mu.Unlock()
		return // keys: their echo is in the output
	}
	fd.mu.Unlock()
	select {
	case fd.wake <- struct{}{}:
	default:
	}
}

// drain applies what is pending to screen and returns the bytes dropped
// so far.
func (fd *feed) drain(screen *vt.Screen) int {
	fd.mu.Lock()
	steps, dropped := fd.steps, fd.dropped
	fd.steps, fd.size = nil, 0
	fd.mu.Unlock()
	for _, s := range steps {
		if s.resize {
			screen.Resize(s.w, s.h)
		} else {
			screen.Write(s.out)
		}
	}
	return dropped
}

// live streams a session's screen: a "screen" event at once (the screen
// as the session's recent output draws it, fleet.LiveSession.WatchScreen)
// and after each change, at most one per FrameInterval, then an "end"
// event when the session ends.
func (c *Console) live(w http.ResponseWriter, r *http.Request) {
	m := c.member(w, r)
	if m == nil {
		return
	}
	id := r.PathValue("id")
	l, ok := m.LiveSession(id)
	if !ok {
		writeError(w, http.StatusNotFound, "no session "+strconv.Quote(trimID(id))+" on "+m.Name())
		return
	}
	s, ok := startSSE(w)
	if !ok {
		return
	}
	sum := l.Summary()
	title := cmpOr(sum.User, "(no user)") + " on vty" + strconv.Itoa(sum.Line) + " (" + sum.Protocol + " from " + sum.Remote + ")"
	screen := vt.New(sum.Width, sum.Height)
	fd := &feed{wake: make(chan struct{}, 1)}
	stop := l.WatchScreen(fd.event)
	defer stop()
	frame := func() error {
		dropped := fd.drain(screen)
		return s.send("screen", Frame{Snapshot: screen.Snapshot(), Title: title, Time: float64(time.Now().UnixMilli()) / 1000, Dropped: dropped})
	}
	if frame() != nil {
		return
	}
	check := time.NewTicker(500 * time.Millisecond)
	defer check.Stop()
	idle := time.NewTimer(keepAlive)
	defer idle.Stop()
	throttle := time.NewTimer(0)
	defer throttle.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-idle.C:
			if s.comment() != nil {
				return
			}
			idle.Reset(keepAlive)
			continue
		case <-check.C:
			if _, ok := m.LiveSession(id); !ok {
				frame()
				s.send("end", map[string]string{"reason": "the session ended"})
				return
			}
			continue
		case <-fd.wake:
		}
		// Coalesce: wait out the frame interval, then send what came.
		select {
		case <-r.Context().Done():
			return
		case <-throttle.C:
		}
		if frame() != nil {
			return
		}
		throttle.Reset(FrameInterval)
		idle.Reset(keepAlive)
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
