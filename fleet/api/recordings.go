package api

import (
	"errors"
	"net/http"
	"os"

	"switchemu/fleet"
)

// The device's interactive sessions and their recordings (fleet/live.go,
// fleet/record.go).

// listSessions is GET /api/v1/devices/{name}/sessions.
func (s *Server) listSessions(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	out := []fleet.SessionSummary{}
	for _, l := range m.LiveSessions() {
		out = append(out, l.Summary())
	}
	writeJSON(w, http.StatusOK, map[string]any{"device": m.Name(), "sessions": out})
}

// listRecordings is GET /api/v1/devices/{name}/recordings.
func (s *Server) listRecordings(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	recs, err := m.Recordings()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"device": m.Name(), "recording": m.Recording(), "recordings": recs})
}

// getRecording is GET /api/v1/devices/{name}/recordings/{id}: the cast
// file as it is (a session still running has its events so far).
func (s *Server) getRecording(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	path, err := m.RecordingFile(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		s.fail(w, r, fleet.ErrNoRecording)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-asciicast")
	http.ServeContent(w, r, r.PathValue("id")+".cast", fi.ModTime(), f)
}

// setRecording is PUT /api/v1/devices/{name}/recording, {"enabled": bool}:
// whether sessions that start from now on are recorded.
func (s *Server) setRecording(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	var req struct {
		Enabled *bool `json:"enabled"`
	}
	if !s.decodeJSON(w, r, &req) {
		return
	}
	if req.Enabled == nil {
		writeError(w, http.StatusBadRequest, `body: want {"enabled": true} or {"enabled": false}`)
		return
	}
	m.SetRecording(*req.Enabled)
	writeJSON(w, http.StatusOK, map[string]any{"device": m.Name(), "recording": m.Recording()})
}
