// Package api is the HTTP face of a fleet: the control API that tests and
// trainers use to put devices in a known state, read their state, run
// commands, pull cables and watch what happens (Server-Sent Events), its
// OpenAPI description, and Prometheus metrics. Every operation is a
// method of fleet.Member; this package only speaks HTTP.
//
// Routes (the OpenAPI document, openapi.json, describes each):
//
//	GET    /api/v1/devices
//	GET    /api/v1/devices/{name}
//	GET    /api/v1/devices/{name}/config
//	PUT    /api/v1/devices/{name}/config[?mode=merge]
//	GET    /api/v1/devices/{name}/saved-config
//	GET    /api/v1/devices/{name}/factory-config
//	POST   /api/v1/devices/{name}/save
//	POST   /api/v1/devices/{name}/reset
//	POST   /api/v1/devices/{name}/reboot
//	POST   /api/v1/devices/{name}/commands
//	GET    /api/v1/devices/{name}/logbuffer
//	GET    /api/v1/devices/{name}/sessions
//	DELETE /api/v1/devices/{name}/sessions/{line}
//	GET    /api/v1/devices/{name}/recordings
//	GET    /api/v1/devices/{name}/recordings/{id}
//	PUT    /api/v1/devices/{name}/recording
//	PUT    /api/v1/devices/{name}/interfaces/{ifname}/link
//	GET    /api/v1/devices/{name}/faults
//	PUT    /api/v1/devices/{name}/faults
//	DELETE /api/v1/devices/{name}/faults
//	DELETE /api/v1/devices/{name}/faults/{id}
//	GET    /api/v1/events[?device=NAME]
//	GET    /api/v1/labs
//	GET    /api/v1/labs/{lab}/status
//	GET    /api/v1/openapi.json
//	GET    /metrics
//	GET    /healthz
//	GET    /            the trainer's console (fleet/console), and /console/...
//
// Errors are JSON, {"error": "...", "status": N}: 400 for a bad request
// (or a configuration refused as a whole), 401 without the token, 404
// for an unknown device, line, interface, lab, fault or route, 405 for a
// known route with another method, 409 while the device reboots, 413 for
// a body over the limit. The lab routes serve a lab.Board (Options.Labs).
package api

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"

	"switchemu/fleet"
	"switchemu/lab"
)

// Options configure a Server; the zero value is usable.
type Options struct {
	// Token, if not "", must come with every request as
	// "Authorization: Bearer <token>".
	Token string
	// Logger logs requests that fail on the server's side; nil discards.
	Logger *slog.Logger
	// MaxBody bounds request bodies; fleet.MaxConfig if zero.
	MaxBody int64
	// EventQueue is each event stream's buffer; fleet.DefaultQueue if
	// zero. A client that reads slower loses events (counted).
	EventQueue int
	// Labs, if set, are the trainer's lab checks (/api/v1/labs).
	Labs *lab.Board
}

// Server serves a fleet's control API. Make it with New before the
// fleet starts (its metrics observe the fleet's events from then on).
type Server struct {
	f       *fleet.Fleet
	opts    Options
	log     *slog.Logger
	mux     *http.ServeMux
	reg     *prometheus.Registry
	methods map[string][]string // path pattern → methods served
}

// route is one route of the API.
type route struct {
	method, path string
	h            func(*Server, http.ResponseWriter, *http.Request)
}

// routes is the API; the OpenAPI document must describe exactly these.
var routes = []route{
	{"GET", "/api/v1/devices", (*Server).listDevices},
	{"GET", "/api/v1/devices/{name}", (*Server).getDevice},
	{"GET", "/api/v1/devices/{name}/config", (*Server).getConfig},
	{"PUT", "/api/v1/devices/{name}/config", (*Server).putConfig},
	{"GET", "/api/v1/devices/{name}/saved-config", (*Server).getSavedConfig},
	{"GET", "/api/v1/devices/{name}/factory-config", (*Server).getFactoryConfig},
	{"POST", "/api/v1/devices/{name}/save", (*Server).save},
	{"POST", "/api/v1/devices/{name}/reset", (*Server).reset},
	{"POST", "/api/v1/devices/{name}/reboot", (*Server).reboot},
	{"POST", "/api/v1/devices/{name}/commands", (*Server).commands},
	{"GET", "/api/v1/devices/{name}/logbuffer", (*Server).logBuffer},
	{"GET", "/api/v1/devices/{name}/sessions", (*Server).listSessions},
	{"DELETE", "/api/v1/devices/{name}/sessions/{line}", (*Server).endSession},
	{"GET", "/api/v1/devices/{name}/recordings", (*Server).listRecordings},
	{"GET", "/api/v1/devices/{name}/recordings/{id}", (*Server).getRecording},
	{"PUT", "/api/v1/devices/{name}/recording", (*Server).setRecording},
	{"PUT", "/api/v1/devices/{name}/interfaces/{ifname}/link", (*Server).setLink},
	{"GET", "/api/v1/devices/{name}/faults", (*Server).getFaults},
	{"PUT", "/api/v1/devices/{name}/faults", (*Server).putFaults},
	{"DELETE", "/api/v1/devices/{name}/faults", (*Server).clearFaults},
	{"DELETE", "/api/v1/devices/{name}/faults/{id}", (*Server).clearFault},
	{"GET", "/api/v1/events", (*Server).events},
	{"GET", "/api/v1/labs", (*Server).listLabs},
	{"GET", "/api/v1/labs/{lab}/status", (*Server).labStatus},
	{"GET", "/api/v1/openapi.json", (*Server).openAPI},
	{"GET", "/metrics", (*Server).metrics},
	{"GET", "/healthz", (*Server).health},
}

// publicPaths answer without the token: a container's readiness probe
// has none.
var publicPaths = map[string]bool{"/healthz": true}

// Routes lists the API's routes as "METHOD /path" patterns.
func Routes() []string {
	out := make([]string, len(routes))
	for i, r := range routes {
		out[i] = r.method + " " + r.path
	}
	return out
}

//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI is the API's OpenAPI 3.1 document.
func OpenAPI() []byte { return openAPIDoc }

// New returns the API of f. Call it before f.Start.
func New(f *fleet.Fleet, opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = fleet.MaxConfig
	}
	s := &Server{f: f, opts: opts, log: opts.Logger, mux: http.NewServeMux(), methods: map[string][]string{}}
	for _, r := range routes {
		h := r.h
		s.mux.HandleFunc(r.method+" "+r.path, func(w http.ResponseWriter, req *http.Request) { h(s, w, req) })
		s.methods[r.path] = append(s.methods[r.path], r.method)
	}
	s.mountConsole()
	s.mux.HandleFunc("/", s.notFound)
	s.reg = newMetrics(f)
	return s
}

// ServeHTTP checks the token (the header, or the console's cookie:
// console.go), then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.opts.Token != "" && !publicPaths[r.URL.Path] {
		if s.consoleLogin(w, r) {
			return
		}
		if !s.tokenOK(r) {
			if r.URL.Path == "/" {
				consoleRefused(w, "This emulator's API has a token.")
				return
			}
			w.Header().Set("WWW-Authenticate", `Bearer realm="switchemu"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong token: send Authorization: Bearer <token> (a browser: open /?token=<token>)")
			return
		}
	}
	if r.Method == http.MethodGet {
		s.mux.ServeHTTP(w, r)
		return
	}
	// Changes are logged (with -v): who did what to which device.
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	s.mux.ServeHTTP(rec, r)
	s.log.Info("api request", "device", r.PathValue("name"), "method", r.Method, "path", r.URL.Path, "status", rec.status, "remote", r.RemoteAddr)
}

// statusRecorder keeps the status a handler answered.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Pattern is the route pattern that serves r ("" if none): tests check
// the OpenAPI document against it.
func (s *Server) Pattern(r *http.Request) string {
	_, p := s.mux.Handler(r)
	if p == "/" {
		return ""
	}
	return p
}

// notFound answers what no route serves: 405 if the path is a route's
// with another method, else 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{"GET", "PUT", "POST", "DELETE"} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if s.Pattern(probe) != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s is not served on %s; use %s", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		return
	}
	writeError(w, http.StatusNotFound, "no such route: "+r.URL.Path+" (see /api/v1/openapi.json)")
}

// apiError is the body of every error answer.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
	// Refused lists the lines of a configuration refused as a whole.
	Refused any `json:"refused,omitempty"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg, Status: status})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func writeText(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write([]byte(text))
}

// member finds the {name} device, or answers 404.
func (s *Server) member(w http.ResponseWriter, r *http.Request) *fleet.Member {
	name := r.PathValue("name")
	m := s.f.Member(name)
	if m == nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no device %q", name))
	}
	return m
}

// fail answers an operation's error with its status.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ce *fleet.ConfigError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", mbe.Limit))
	case errors.As(err, &ce):
		status := http.StatusBadRequest
		if strings.HasPrefix(ce.Reason, "larger than") {
			status = http.StatusRequestEntityTooLarge
		}
		e := apiError{Error: ce.Error(), Status: status}
		if len(ce.Refused) > 0 {
			e.Refused = ce.Refused
		}
		writeJSON(w, status, e)
	case errors.Is(err, fleet.ErrRebooting):
		writeError(w, http.StatusConflict, "device "+r.PathValue("name")+" is rebooting; try again when it is up")
	case errors.Is(err, fleet.ErrNoSavedConfig), errors.Is(err, fleet.ErrNoSession), errors.Is(err, fleet.ErrNoInterface),
		errors.Is(err, fleet.ErrNoRecording):
		writeError(w, http.StatusNotFound, err.Error())
	default:
		s.log.Error("api request failed", "device", r.PathValue("name"), "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, err.Error())
	}
}

// readBody reads a request body up to the limit.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	return io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBody))
}

// decodeJSON reads a JSON body into v: unknown fields and trailing data
// are refused.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := s.readBody(w, r)
	if err != nil {
		s.fail(w, r, err)
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "bad JSON body: "+err.Error())
		return false
	}
	if dec.More() {
		writeError(w, http.StatusBadRequest, "bad JSON body: data after the object")
		return false
	}
	return true
}
