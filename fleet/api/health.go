package api

import (
	"net/http"

	"switchemu/internal/version"
)

// health is the readiness endpoint: the API answers once the fleet has
// started (it is served after Start), with the version and how many
// devices this process serves. It needs no token.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"status":  "ok",
		"version": version.String(),
		"devices": len(s.f.Members()),
	})
}
