package api

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"time"
)

// keepAlive is how often an idle event stream gets a comment line, so
// that proxies and clients see it is alive.
const keepAlive = 15 * time.Second

// events streams the fleet's events as Server-Sent Events: "id" is the
// event's sequence number, "event" its type, "data" its JSON. The stream
// opens with a comment line once the subscription is made. A client
// slower than the fleet loses events; a "dropped" event then says how
// many so far.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("device")
	if name != "" && s.f.Member(name) == nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no device %q", name))
		return
	}
	fl, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, "streaming not supported")
		return
	}
	sub := s.f.Subscribe(name, s.opts.EventQueue)
	defer sub.Close()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": subscribed\n\n")
	fl.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	var dropped uint64
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
			fl.Flush()
		case e, ok := <-sub.C:
			if !ok {
				return
			}
			if d := sub.Dropped(); d != dropped {
				dropped = d
				fmt.Fprintf(w, "event: dropped\ndata: {\"dropped\":%d}\n\n", d)
			}
			data, _ := json.Marshal(e)
			if _, err := fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", e.Seq, e.Type, data); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

func splitHost(addr string) (string, string, error) { return net.SplitHostPort(addr) }
