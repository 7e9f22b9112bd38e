package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"switchemu/device"
	"switchemu/fleet"
)

func (s *Server) listDevices(w http.ResponseWriter, r *http.Request) {
	ms := s.f.Members()
	out := make([]fleet.DeviceInfo, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.Info(false))
	}
	writeJSON(w, http.StatusOK, map[string]any{"devices": out})
}

func (s *Server) getDevice(w http.ResponseWriter, r *http.Request) {
	if m := s.member(w, r); m != nil {
		writeJSON(w, http.StatusOK, m.Info(true))
	}
}

func (s *Server) getConfig(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	text, err := m.Config()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeText(w, text)
}

func (s *Server) putConfig(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	var merge bool
	switch mode := r.URL.Query().Get("mode"); mode {
	case "", "replace":
	case "merge":
		merge = true
	default:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("mode %q: want replace (the default) or merge", mode))
		return
	}
	// Any text will do; curl --data-binary sends a form's type.
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "text/") &&
		!strings.HasPrefix(ct, "application/octet-stream") && !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Content-Type %q: send the configuration as text/plain", ct))
		return
	}
	body, err := s.readBody(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := m.PutConfig(string(body), merge)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) getSavedConfig(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	text, err := m.SavedConfig()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeText(w, text)
}

func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	file, err := m.Save(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"device": m.Name(), "file": file})
}

func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	if err := m.FactoryReset(); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, m.Info(true))
}

func (s *Server) reboot(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	if err := m.Reboot(); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"device": m.Name(), "state": "rebooting"})
}

// maxCommands bounds one commands request.
const maxCommands = 1000

func (s *Server) commands(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	var req struct {
		Commands []string `json:"commands"`
	}
	if !s.decodeJSON(w, r, &req) {
		return
	}
	switch {
	case len(req.Commands) == 0:
		writeError(w, http.StatusBadRequest, `no commands: send {"commands": ["display version", ...]}`)
		return
	case len(req.Commands) > maxCommands:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%d commands: at most %d per request", len(req.Commands), maxCommands))
		return
	}
	for i, c := range req.Commands {
		if strings.ContainsAny(c, "\r\n\x00") {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("command %d has a line break: one command line per string", i))
			return
		}
	}
	host := r.RemoteAddr
	if h, _, err := splitHost(host); err == nil {
		host = h
	}
	res, err := m.Run(r.Context(), req.Commands, host)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"device": m.Name(), "results": res})
}

// logEntry is a log buffer message in JSON.
type logEntry struct {
	Time    time.Time `json:"time"`
	Module  string    `json:"module"`
	Level   int       `json:"level"`
	Digest  string    `json:"digest"`
	Text    string    `json:"text"`
	Trap    bool      `json:"trap,omitempty"`
	Message string    `json:"message"` // as display logbuffer prints it
}

func (s *Server) logBuffer(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	entries, err := m.LogBuffer()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]logEntry, 0, len(entries))
	for _, e := range entries {
		out = append(out, toLogEntry(e))
	}
	writeJSON(w, http.StatusOK, map[string]any{"device": m.Name(), "entries": out})
}

func toLogEntry(e device.LogEntry) logEntry {
	return logEntry{Time: e.Time, Module: e.Module, Level: e.Level, Digest: e.Digest, Text: strings.TrimSpace(e.Text), Trap: e.Trap, Message: e.Format(e.Sysname)}
}

func (s *Server) endSession(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	line, err := strconv.Atoi(r.PathValue("line"))
	if err != nil || line < 0 || line >= device.MaxVTY {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("line %q: want a VTY line number, 0 to %d", r.PathValue("line"), device.MaxVTY-1))
		return
	}
	if err := m.EndSession(line); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) setLink(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	var req struct {
		Up *bool `json:"up"`
	}
	if !s.decodeJSON(w, r, &req) {
		return
	}
	if req.Up == nil {
		writeError(w, http.StatusBadRequest, `no "up": send {"up": false} to pull the cable, {"up": true} to plug it back`)
		return
	}
	port, err := m.SetLink(r.PathValue("ifname"), *req.Up)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"device": m.Name(), "interface": port, "up": *req.Up})
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDoc)
}

func (s *Server) getFactoryConfig(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	text, err := m.FactoryConfig()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeText(w, text)
}
