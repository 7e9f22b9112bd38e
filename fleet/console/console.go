// Package console is the trainer's console: a web page, served by the
// control API at GET /, for a trainer with a class on a fleet. It shows
// the fleet at a glance (each device, who is logged in since when, their
// last command, their lab's checks), a live view of any session (the
// terminal as the student sees it, updating as they type), the replay of
// a recording, the running configuration with its difference from the
// saved or factory one, the log buffer, and buttons that reset or reboot
// a device, end a session or pull a cable.
//
// The page is plain HTML, CSS and JavaScript embedded in the binary
// (web/); it needs no network beyond the emulator. Its buttons call the
// control API (/api/v1/...). What the API has no route for is here,
// under /console/:
//
//	GET /                                             the page
//	GET /console/assets/{file}                        its script and style
//	GET /console/overview                             every device with its sessions (JSON)
//	GET /console/devices/{name}/ports                 physical ports and cables (JSON)
//	GET /console/devices/{name}/diff?against=saved    running vs saved (or factory) configuration (JSON)
//	GET /console/devices/{name}/sessions/{id}/screen  the session's screen, live (SSE)
//	GET /console/devices/{name}/recordings/{id}/replay[?speed=N]  a recording played (SSE)
//
// Screens are kept on the server (internal/vt): the emulator is the
// source of every byte a session shows and sends a small, known set of
// control sequences, so the page receives text — whole screen snapshots,
// at most one per FrameInterval — and draws it in a <pre>.
//
// Authentication is the API's (fleet/api): this package is mounted
// behind it.
package console

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"switchemu/fleet"
)

//go:embed web
var webFS embed.FS

// FrameInterval is the shortest time between two screens a stream sends:
// typing is coalesced into frames no faster than this.
const FrameInterval = 50 * time.Millisecond

// Console serves the trainer's console of a fleet.
type Console struct {
	f   *fleet.Fleet
	mux *http.ServeMux
}

// Patterns are the paths the console serves, as http.ServeMux patterns:
// the API routes them here.
var Patterns = []string{"GET /{$}", "GET /console/"}

// New returns the console of f.
func New(f *fleet.Fleet) *Console {
	f.KeepScreens() // the live view draws a session's screen from its start
	c := &Console{f: f, mux: http.NewServeMux()}
	assets, _ := fs.Sub(webFS, "web")
	c.mux.HandleFunc("GET /{$}", c.page)
	c.mux.Handle("GET /console/assets/", http.StripPrefix("/console/assets/", http.FileServerFS(assets)))
	c.mux.HandleFunc("GET /console/overview", c.overview)
	c.mux.HandleFunc("GET /console/devices/{name}/ports", c.ports)
	c.mux.HandleFunc("GET /console/devices/{name}/diff", c.diff)
	c.mux.HandleFunc("GET /console/devices/{name}/sessions/{id}/screen", c.live)
	c.mux.HandleFunc("GET /console/devices/{name}/recordings/{id}/replay", c.replay)
	c.mux.HandleFunc("/console/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such console path: "+r.URL.Path)
	})
	return c
}

// ServeHTTP serves the page, its assets and its streams.
func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	// Only the page's own script and style; nothing from elsewhere.
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	c.mux.ServeHTTP(w, r)
}

func (c *Console) page(w http.ResponseWriter, r *http.Request) {
	data, err := webFS.ReadFile("web/index.html")
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}

// DeviceOverview is one row of the overview.
type DeviceOverview struct {
	fleet.DeviceInfo
	Recording bool                   `json:"recording"`
	Live      []fleet.SessionSummary `json:"live"`
}

// overview lists every device with its interactive sessions; it makes no
// device that nobody has used.
func (c *Console) overview(w http.ResponseWriter, r *http.Request) {
	ms := c.f.Members()
	out := make([]DeviceOverview, 0, len(ms))
	for _, m := range ms {
		d := DeviceOverview{DeviceInfo: m.Info(false), Recording: m.Recording(), Live: []fleet.SessionSummary{}}
		for _, l := range m.LiveSessions() {
			d.Live = append(d.Live, l.Summary())
		}
		out = append(out, d)
	}
	writeJSON(w, http.StatusOK, map[string]any{"devices": out, "time": time.Now()})
}

func (c *Console) ports(w http.ResponseWriter, r *http.Request) {
	m := c.member(w, r)
	if m == nil {
		return
	}
	ports, err := m.Ports()
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"device": m.Name(), "ports": ports})
}

// diff compares the running configuration with the saved one
// (against=saved, the default) or the factory one (against=factory).
func (c *Console) diff(w http.ResponseWriter, r *http.Request) {
	m := c.member(w, r)
	if m == nil {
		return
	}
	against := r.URL.Query().Get("against")
	var base string
	var err error
	switch against {
	case "", "saved":
		against = "saved"
		base, err = m.SavedConfig()
	case "factory":
		base, err = m.FactoryConfig()
	default:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("against %q: want saved or factory", against))
		return
	}
	if errors.Is(err, fleet.ErrNoSavedConfig) {
		writeError(w, http.StatusNotFound, "no saved configuration: the device has not been saved; compare with the factory configuration")
		return
	}
	if err != nil {
		fail(w, err)
		return
	}
	running, err := m.Config()
	if err != nil {
		fail(w, err)
		return
	}
	lines := Diff(base, running, 3)
	writeJSON(w, http.StatusOK, map[string]any{"device": m.Name(), "against": against, "same": Same(lines), "lines": lines})
}

// member finds the {name} device, or answers 404.
func (c *Console) member(w http.ResponseWriter, r *http.Request) *fleet.Member {
	m := c.f.Member(r.PathValue("name"))
	if m == nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no device %q", r.PathValue("name")))
	}
	return m
}

// fail answers an operation's error.
func fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, fleet.ErrRebooting):
		writeError(w, http.StatusConflict, "the device is rebooting; try again when it is up")
	case errors.Is(err, fleet.ErrNoRecording), errors.Is(err, fleet.ErrNoSession):
		writeError(w, http.StatusNotFound, err.Error())
	default:
		writeError(w, http.StatusInternalServerError, err.Error())
	}
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"error": msg, "status": status})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.Encode(v)
}

// trimID keeps an ID printable in an error.
func trimID(s string) string {
	if len(s) > 80 {
		s = s[:80]
	}
	return strings.ToValidUTF8(s, "?")
}
