package console

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"time"

	"switchemu/internal/vt"
	"switchemu/record"
)

// maxIdle caps a pause of a replay: a student who thought for a minute
// replays in a few seconds.
const maxIdle = 2 * time.Second

// replay plays a recording into a screen and streams it: a "screen"
// event per frame, with the cast's timing divided by speed (1 if not
// given; 0 shows the last screen at once), pauses capped at maxIdle,
// then an "end" event.
func (c *Console) replay(w http.ResponseWriter, r *http.Request) {
	m := c.member(w, r)
	if m == nil {
		return
	}
	speed := 1.0
	if v := r.URL.Query().Get("speed"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > 1000 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("speed %q: want a number from 0 (at once) to 1000", v))
			return
		}
		speed = f
	}
	path, err := m.RecordingFile(r.PathValue("id"))
	if err != nil {
		fail(w, err)
		return
	}
	file, err := os.Open(path)
	if err != nil {
		fail(w, err)
		return
	}
	cast, err := record.Parse(file)
	file.Close()
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "the recording cannot be read: "+err.Error())
		return
	}
	s, ok := startSSE(w)
	if !ok {
		return
	}
	screen := vt.New(cast.Header.Width, cast.Header.Height)
	dur := cast.Duration()
	frame := func(at float64) error {
		return s.send("screen", Frame{Snapshot: screen.Snapshot(), Title: cast.Header.Title, Time: at, Duration: dur})
	}
	if frame(0) != nil {
		return
	}
	timer := time.NewTimer(0)
	defer timer.Stop()
	<-timer.C
	last, sent := 0.0, 0.0 // the cast's time of the last event applied, of the last frame
	var debt time.Duration // time the replay owes the cast, slept once it is a frame's worth
	for _, ev := range cast.Events {
		if speed > 0 && ev.Time > last {
			debt += min(time.Duration((ev.Time-last)/speed*float64(time.Second)), maxIdle)
		}
		if debt >= FrameInterval {
			// Show what came before the pause, then wait it out.
			if sent != last {
				if frame(last) != nil {
					return
				}
				sent = last
			}
			timer.Reset(debt)
			debt = 0
			select {
			case <-r.Context().Done():
				return
			case <-timer.C:
			}
		}
		last = max(last, ev.Time)
		switch ev.Code {
		case "o":
			screen.WriteString(ev.Data)
		case "r":
			var cw, ch int
			if _, err := fmt.Sscanf(ev.Data, "%dx%d", &cw, &ch); err == nil {
				screen.Resize(cw, ch)
			}
		}
	}
	if frame(last) != nil {
		return
	}
	s.send("end", map[string]any{"reason": "the recording ended", "duration": dur})
}
