package api

import (
	"crypto/subtle"
	"html"
	"net/http"
	"strings"

	"switchemu/fleet/console"
)

// The trainer's console (fleet/console) is served at GET / and under
// /console/. A browser cannot send the Authorization header the API
// wants, so with a token the console is opened once as /?token=TOKEN:
// that sets an HttpOnly, SameSite=Strict cookie holding the token, which
// the API then takes in place of the header, and sends the browser on to
// / (the token leaves the address bar and the history).

// TokenCookie is the cookie that carries the token for the console.
const TokenCookie = "switchemu_token"

// mountConsole routes the console's paths to it.
func (s *Server) mountConsole() {
	c := console.New(s.f)
	for _, p := range console.Patterns {
		s.mux.Handle(p, c)
	}
}

// tokenOK reports whether r carries the token, in the Authorization
// header or the console's cookie.
func (s *Server) tokenOK(r *http.Request) bool {
	if got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && s.sameToken(strings.TrimSpace(got)) {
		return true
	}
	c, err := r.Cookie(TokenCookie)
	return err == nil && s.sameToken(c.Value)
}

func (s *Server) sameToken(got string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.Token)) == 1
}

// consoleLogin answers GET /?token=...: the right token sets the cookie
// and a page that moves on to / (a redirect would not do: after a link
// from another site, a SameSite=Strict cookie is not sent along the
// redirect); a wrong one is refused. It reports whether it answered.
func (s *Server) consoleLogin(w http.ResponseWriter, r *http.Request) bool {
	if r.URL.Path != "/" || r.Method != http.MethodGet || !r.URL.Query().Has("token") {
		return false
	}
	if !s.sameToken(r.URL.Query().Get("token")) {
		consoleRefused(w, "That token is not this emulator's API token.")
		return true
	}
	http.SetCookie(w, &http.Cookie{Name: TokenCookie, Value: s.opts.Token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Write([]byte(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><title>switchemu</title><p><a href="/">Open the trainer's console</a>`))
	return true
}

// consoleRefused is the console's answer without the token: a page that
// says how to open it.
func consoleRefused(w http.ResponseWriter, why string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("WWW-Authenticate", `Bearer realm="switchemu"`)
	w.WriteHeader(http.StatusUnauthorized)
	w.Write([]byte(`<!doctype html><meta charset="utf-8"><title>switchemu: token needed</title>` +
		`<h1>switchemu trainer's console</h1><p>` + html.EscapeString(why) +
		` Open the console as <code>/?token=TOKEN</code>, with the token of <code>--api-token FILE</code>.</p>`))
}
