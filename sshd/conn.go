package sshd

import (
	"log/slog"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// sshConn is an authenticated SSH-2 connection (stages 4 and 5): one
// goroutine, serve, answers its channel opens, its global requests and
// its session channel's requests, so that an idle session costs no
// goroutine of its own for them, and it keeps its smallest stack by
// answering each on another (offStack). The session's handler runs
// beside it (session.go).
type sshConn struct {
	srv         *Server
	conn        *gossh.ServerConn
	chans       <-chan gossh.NewChannel
	reqs        <-chan *gossh.Request
	st          *connState
	log         *slog.Logger
	authTimeout time.Duration
	release     func() // gives the VTY line back
}

// sessionSlotWait bounds how long a second session channel waits for the
// first to end before it is refused.
const sessionSlotWait = closeGrace

// serve runs until the connection has ended and every goroutine of its
// session has returned; then it releases the VTY line.
//
// One connection carries one session at a time. A client that opens its
// next session as soon as it has closed the previous one (OpenSSH
// ControlMaster, paramiko reusing a transport) may be ahead of the
// handler that is still ending that session: the open waits for the
// slot up to sessionSlotWait rather than being refused. A connection
// with no session for authentication-timeout is closed, as one that
// never opened one; one whose command line ended is closed by the
// session.
func (c *sshConn) serve() {
	defer c.release()
	defer c.conn.Close()
	idle := time.AfterFunc(c.authTimeout, func() {
		c.log.Info("connection closed", "stage", "session", "reason", "no session channel within authentication-timeout")
		c.conn.Close()
	})
	defer idle.Stop()

	var (
		sess    *sessionChannel  // the session channel, nil if none
		waiting gossh.NewChannel // a session open waiting for the slot
		expire  <-chan time.Time // when waiting is refused
		timer   *time.Timer      // behind expire
		chans   = c.chans        // nil once the library closed it
		reqs    = c.reqs         // nil once the library closed it
		sreqs   <-chan *gossh.Request
		ended   <-chan struct{}
	)
	open := func(nc gossh.NewChannel) {
		idle.Stop()
		sess = c.srv.openSession(c.conn, nc, c.st, c.log) // session.go
		if sess == nil {
			idle.Reset(c.authTimeout)
		}
	}
	for chans != nil || reqs != nil || sess != nil || waiting != nil {
		sreqs, ended = nil, nil
		if sess != nil {
			sreqs, ended = sess.requests(), sess.ended()
		}
		select {
		case req, ok := <-reqs:
			if !ok {
				reqs = nil
			} else if req.WantReply {
				offStack(func() { req.Reply(false, nil) })
			}
		case nc, ok := <-chans:
			switch {
			case !ok:
				chans = nil
				if waiting != nil { // the connection is gone: nothing to wait for
					timer.Stop()
					waiting, expire = nil, nil
				}
			case nc.ChannelType() != "session":
				offStack(func() { nc.Reject(gossh.UnknownChannelType, "unsupported channel type") })
			case sess == nil:
				offStack(func() { open(nc) })
			case waiting != nil:
				offStack(func() { nc.Reject(gossh.ResourceShortage, "one session per connection") })
			default:
				waiting = nc
				timer = time.NewTimer(sessionSlotWait)
				expire = timer.C
			}
		case req, ok := <-sreqs:
			if !ok {
				offStack(sess.channelClosed)
				continue
			}
			offStack(func() { sess.handle(req) })
		case <-ended:
			sess = nil
			if waiting != nil {
				timer.Stop()
				offStack(func() { open(waiting) })
				waiting, expire = nil, nil
			} else {
				idle.Reset(c.authTimeout)
			}
		case <-expire:
			offStack(func() { waiting.Reject(gossh.ResourceShortage, "one session per connection") })
			waiting, expire = nil, nil
		}
	}
}

// offStack runs f on a goroutine of its own and waits for it. What serve
// does for a request — x/crypto's packet writes, 2 KB deep — would grow
// serve's stack to 4 KB for the connection's whole life (the runtime
// halves a stack only while less than a quarter of it, minus 800 bytes,
// is in use, and serve waits 768 bytes deep); on a goroutine of its own,
// that stack goes when f returns. Requests are few, so the goroutine
// costs next to nothing; docs/performance.md has the figures.
func offStack(f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	<-done
}
