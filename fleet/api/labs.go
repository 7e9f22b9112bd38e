package api

import (
	"fmt"
	"net/http"

	"switchemu/lab"
)

// listLabs lists the labs (none without Options.Labs).
func (s *Server) listLabs(w http.ResponseWriter, r *http.Request) {
	labs := []lab.Summary{}
	if s.opts.Labs != nil {
		labs = s.opts.Labs.Labs()
	}
	writeJSON(w, http.StatusOK, map[string]any{"labs": labs})
}

// labStatus is a lab's results on each of its devices, evaluated now.
func (s *Server) labStatus(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("lab")
	if s.opts.Labs == nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no lab %q", name))
		return
	}
	st, err := s.opts.Labs.Status(name)
	if err != nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no lab %q", name))
		return
	}
	writeJSON(w, http.StatusOK, st)
}
