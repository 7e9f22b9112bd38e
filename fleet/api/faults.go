package api

import (
	"errors"
	"net/http"

	"switchemu/fleet"
)

// faultsBody is the body of PUT .../faults and of the answers that list
// faults.
type faultsBody struct {
	Faults []fleet.FaultSpec `json:"faults"`
}

// faultsAnswer lists a device's faults.
type faultsAnswer struct {
	Faults []fleet.Fault `json:"faults"`
}

func (s *Server) getFaults(w http.ResponseWriter, r *http.Request) {
	if m := s.member(w, r); m != nil {
		writeJSON(w, http.StatusOK, faultsAnswer{Faults: m.Faults()})
	}
}

// putFaults sets faults: each replaces the device's fault of the same
// kind (and interface); the others stay. Setting the same faults twice
// leaves the device as once.
func (s *Server) putFaults(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	var body faultsBody
	if !s.decodeJSON(w, r, &body) {
		return
	}
	if len(body.Faults) == 0 {
		writeError(w, http.StatusBadRequest, `no faults: send {"faults": [{"kind": "latency", "latency": "200ms"}]}`)
		return
	}
	list, err := m.SetFaults(body.Faults)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, faultsAnswer{Faults: list})
}

func (s *Server) clearFaults(w http.ResponseWriter, r *http.Request) {
	if m := s.member(w, r); m != nil {
		writeJSON(w, http.StatusOK, map[string]int{"cleared": m.ClearFaults()})
	}
}

func (s *Server) clearFault(w http.ResponseWriter, r *http.Request) {
	m := s.member(w, r)
	if m == nil {
		return
	}
	if err := m.ClearFault(r.PathValue("id")); err != nil {
		if errors.Is(err, fleet.ErrNoFault) {
			writeError(w, http.StatusNotFound, err.Error())
			return
		}
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
