package sshd

import (
	"net"

	"switchemu/device"
)

// Event is what the server tells whoever serves it (a fleet's events and
// metrics) about a connection: a login refused before authentication, a
// failed authentication attempt, or the end of stages 2 and 3.
type Event struct {
	Kind   EventKind
	Remote string // client host
	Line   int    // VTY line; -1 if none was taken
	User   string // "" before the client named one
	Method string // authentication method of an attempt
	OK     bool   // handshake: key exchange and authentication succeeded
	Reason string // why a login was refused or failed
}

// EventKind says what an Event is.
type EventKind string

const (
	EventRefused     EventKind = "refused"      // connection refused at accept
	EventAuthFailure EventKind = "auth-failure" // one failed attempt
	EventHandshake   EventKind = "handshake"    // stages 2 and 3 ended
)

// emit calls OnEvent, if set.
func (srv *Server) emit(e Event) {
	if srv.OnEvent != nil {
		srv.OnEvent(e)
	}
}

// failReason says why an authentication attempt failed, in the words an
// operator needs: the login's refusal reasons are logged at the default
// level.
func (st *connState) failReason(method, user string) string {
	l := st.loginFor(user)
	if method == "publickey" {
		if !l.HasUser {
			return "no SSH user"
		}
		return "public key not accepted"
	}
	if l.Mode == "scheme" {
		if _, ok := st.srv.Device.Snapshot().Users[user]; !ok {
			return "no such local user"
		}
		if l.HasUser && l.Entry.Auth == device.SSHAuthPublicKey {
			return "SSH user takes public keys only"
		}
	}
	return "wrong password"
}

// closeWhenFreed closes the connection when its VTY line is freed (free
// user-interface, a fleet's control API), at any stage; the returned
// func stops watching.
func (srv *Server) closeWhenFreed(nc net.Conn, line int) (stop func()) {
	return srv.Device.WatchVTY(line, func() { nc.Close() })
}
