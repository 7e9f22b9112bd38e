package console

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"switchemu/internal/vt"
)

// keepAlive is how often an idle stream gets a comment line.
const keepAlive = 15 * time.Second

// Frame is one screen a stream sends: an SSE "screen" event whose data
// is this in JSON.
type Frame struct {
	vt.Snapshot
	// Live: the session's user and line; replay: the recording's title.
	Title string `json:"title,omitempty"`
	// Time is the replay's position in seconds (of Duration); for a live
	// session, when the frame was taken.
	Time     float64 `json:"time"`
	Duration float64 `json:"duration,omitempty"`
	// Dropped counts output bytes the stream could not keep up with and
	// left out (the screen may then differ from the student's).
	Dropped int `json:"dropped,omitempty"`
}

// sse is an open event stream.
type sse struct {
	w  http.ResponseWriter
	fl http.Flusher
}

// startSSE answers r with an event stream; false (and an error answered)
// if w cannot stream.
func startSSE(w http.ResponseWriter) (*sse, bool) {
	fl, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, "streaming not supported")
		return nil, false
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": stream\n\n")
	fl.Flush()
	return &sse{w: w, fl: fl}, true
}

// send writes one event; an error means the client is gone.
func (s *sse) send(event string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("console: event %s: %w", event, err)
	}
	if _, err := fmt.Fprintf(s.w, "event: %s\ndata: %s\n\n", event, data); err != nil {
		return err
	}
	s.fl.Flush()
	return nil
}

// comment writes a keep-alive line.
func (s *sse) comment() error {
	if _, err := fmt.Fprint(s.w, ": keep-alive\n\n"); err != nil {
		return err
	}
	s.fl.Flush()
	return nil
}
