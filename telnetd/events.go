package telnetd

import "net"

// Event is what the server tells whoever serves it (a fleet's events and
// metrics): a connection refused at accept, or a failed login attempt.
type Event struct {
	Kind   EventKind
	Remote string // client host
	Line   int    // VTY line; -1 if none was taken
	User   string // the name typed; "" in password mode
	Reason string
}

// EventKind says what an Event is.
type EventKind string

const (
	EventRefused     EventKind = "refused"      // connection refused at accept
	EventAuthFailure EventKind = "auth-failure" // one failed login attempt
)

// emit calls OnEvent, if set.
func (srv *Server) emit(e Event) {
	if srv.OnEvent != nil {
		srv.OnEvent(e)
	}
}

// closeWhenFreed closes the connection when its VTY line is freed (free
// user-interface, a fleet's control API), at any stage; the returned
// func stops watching.
func (srv *Server) closeWhenFreed(nc net.Conn, line int) (stop func()) {
	return srv.Device.WatchVTY(line, func() { nc.Close() })
}
