package telnetd

import (
	"context"
	"fmt"
	"testing"
)

// TestDetachedSession: a Handler that detaches returns at once; the
// session goes on, its VTY line held, until finish, which ends the
// connection and frees the line.
func TestDetachedSession(t *testing.T) {
	d := testDevice(t)
	returned := make(chan struct{})
	finishNow := make(chan struct{})
	served := make(chan struct{})
	_, addr := testServer(t, d, func(srv *Server) {
		srv.Handler = func(ctx context.Context, s *Session) int {
			finish := s.Detach()
			go func() {
				defer close(served)
				<-returned
				fmt.Fprintf(s.RW, "after the handler\r\n")
				<-finishNow
				finish(0)
				finish(0)
			}()
			defer close(returned)
			return 1
		}
	})
	c := dial(t, addr)
	c.expect("Username:")
	c.send("admin\r\n")
	c.expect("Password:")
	c.send("admin\r\n")
	c.expect("after the handler\r\n")
	if n := len(d.Logins()); n != 1 {
		t.Errorf("%d VTY lines in use while the detached session runs; want 1", n)
	}
	close(finishNow)
	<-served
	c.expectClose()
	if n := len(d.Logins()); n != 0 {
		t.Errorf("%d VTY lines in use after finish; want 0", n)
	}
}
