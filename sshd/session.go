package sshd

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// sessionChannel is one "session" channel (stage 4). Its requests —
// pty-req, window-change, env, shell, exec, subsystem — are answered by
// the connection's goroutine (conn.go), so that no request waits behind
// another, and the Handler (stage 5) runs on the connection's VTY line in
// a goroutine of its own.
type sessionChannel struct {
	srv  *Server
	conn *gossh.ServerConn
	st   *connState
	log  *slog.Logger

	reqs   <-chan *gossh.Request // nil once the client closed the channel
	stream *channelStream

	width, height atomic.Int32
	term          string
	started       bool          // shell, exec or subsystem accepted
	done          chan struct{} // closed when the started handler returned
	// loopDone is closed when the client closed the channel (or the
	// connection ended).
	loopDone chan struct{}
}

// openSession accepts a session channel; nil if the client went away.
func (srv *Server) openSession(conn *gossh.ServerConn, nc gossh.NewChannel, st *connState, log *slog.Logger) *sessionChannel {
	ch, reqs, err := nc.Accept()
	if err != nil {
		return nil
	}
	s := &sessionChannel{srv: srv, conn: conn, st: st, log: log, reqs: reqs,
		stream: &channelStream{ch: ch}, done: make(chan struct{}), loopDone: make(chan struct{})}
	return s
}

// requests is the channel's request stream, nil once it has closed.
func (s *sessionChannel) requests() <-chan *gossh.Request { return s.reqs }

// ended is closed when the channel has closed and its handler, if one
// started, has returned; nil before the channel closed.
func (s *sessionChannel) ended() <-chan struct{} {
	if s.reqs != nil {
		return nil
	}
	return s.done
}

// channelClosed ends the session after the client closed the channel or
// the connection ended: the handler's reads fail, and ended is closed
// once it has returned.
func (s *sessionChannel) channelClosed() {
	s.reqs = nil
	close(s.loopDone)
	s.stream.Close()
	if !s.started {
		close(s.done)
	}
}

// handle answers one request on the channel.
func (s *sessionChannel) handle(req *gossh.Request) {
	switch req.Type {
	case "pty-req":
		var p struct {
			Term          string
			Cols, Rows    uint32
			Width, Height uint32
			Modes         string
		}
		if err := gossh.Unmarshal(req.Payload, &p); err != nil || s.started {
			req.Reply(false, nil)
			return
		}
		s.term = p.Term
		s.width.Store(int32(p.Cols))
		s.height.Store(int32(p.Rows))
		req.Reply(true, nil)
	case "window-change":
		var w struct{ Cols, Rows, Width, Height uint32 }
		if err := gossh.Unmarshal(req.Payload, &w); err != nil {
			req.Reply(false, nil)
			return
		}
		s.width.Store(int32(w.Cols))
		s.height.Store(int32(w.Rows))
		req.Reply(true, nil)
	case "env":
		req.Reply(true, nil)
	case "shell", "exec":
		s.start(req)
	case "subsystem": // sftp.go
		var sub struct{ Name string }
		ok, why := false, "unknown subsystem"
		if !s.started && gossh.Unmarshal(req.Payload, &sub) == nil && sub.Name == "sftp" {
			ok, why = s.srv.transferAllowed(s.st)
		}
		req.Reply(ok, nil)
		if !ok {
			s.log.Info("session refused", "stage", "session", "reason", why, "subsystem", sub.Name)
			return
		}
		s.started = true
		s.srv.startTransfer(s.conn, s.stream, s.st, s.log, s.done, s.loopDone, "SFTP", func(f *fileSession) int { return f.serveSFTP(s.stream) })
	default:
		// signal, break, keepalives, simple@putty.projects.tartarus.org ...
		if req.WantReply {
			req.Reply(false, nil)
		}
	}
}

// start answers shell and exec: an scp command becomes a file transfer,
// anything else runs the Handler.
func (s *sessionChannel) start(req *gossh.Request) {
	var cmd struct{ Command string }
	if s.started || (req.Type == "exec" && gossh.Unmarshal(req.Payload, &cmd) != nil) {
		req.Reply(false, nil)
		return
	}
	if req.Type == "exec" && isSCP(cmd.Command) { // scp.go
		ok, why := s.srv.transferAllowed(s.st)
		req.Reply(ok, nil)
		if !ok {
			s.log.Info("session refused", "stage", "session", "reason", why, "exec", "scp")
			return
		}
		s.started = true
		command := cmd.Command
		s.srv.startTransfer(s.conn, s.stream, s.st, s.log, s.done, s.loopDone, "SCP", func(f *fileSession) int { return f.serveSCP(s.stream, command) })
		return
	}
	s.st.mu.Lock()
	level, entry := s.st.level, s.st.login.Entry
	s.st.mu.Unlock()
	if !entry.AllowsStelnet() {
		// service-type sftp: no shell, no commands.
		s.log.Info("session refused", "stage", "session", "reason", "service-type sftp")
		req.Reply(false, nil)
		return
	}
	sess := &Session{
		User: s.conn.User(), Level: level, Remote: s.conn.RemoteAddr(),
		Command: cmd.Command, Term: s.term, Version: "2.0",
		Cipher: cipherName(s.conn),
		RW:     s.stream,
		Window: func() (int, int) { return int(s.width.Load()), int(s.height.Load()) },
		Line:   s.st.line,
	}
	s.started = true
	s.stream.chunk = cliPacket
	req.Reply(true, nil)
	go s.run(sess)
}

// run runs the Handler; the session ends when it returns, or when a
// Handler that detached says so.
func (s *sessionChannel) run(sess *Session) {
	// The handler's context is never cancelled here: the session ends
	// when its stream does (a cancellable one would cost every idle
	// session a context and its parent's bookkeeping).
	s.srv.handle(context.Background(), sess, s.log, func() { s.finish(sess) })
}

// finish ends the session's side of the connection once its handler is
// done with it.
func (s *sessionChannel) finish(sess *Session) {
	defer close(s.done)
	// A client that does not answer our channel close would keep the
	// session's reader waiting: drop the connection after a grace period.
	grace := time.NewTimer(closeGrace)
	defer grace.Stop()
	select {
	case <-s.loopDone:
	case <-grace.C:
		s.conn.Close()
	}
	if sess.Command == "" && !s.stream.inputEnded.Load() {
		// The command line ended on the server's side (quit,
		// idle-timeout, reboot, ended from elsewhere): on the device the
		// connection is the VTY line, and both end with it. The client
		// has answered the channel close, so it has read everything. A
		// client that ended the input itself keeps its connection for
		// its next session.
		s.log.Info("connection closed", "stage", "interaction", "reason", "command line ended")
		s.conn.Close()
	}
}

// closeGrace is how long a client has to answer the server's channel
// close before the connection is dropped.
const closeGrace = 5 * time.Second

// cipherName is the negotiated client-to-server cipher, as x/crypto names
// it ("aes128-cbc"); display ssh server session shortens it.
func cipherName(conn *gossh.ServerConn) string {
	am, ok := any(conn.Conn).(gossh.AlgorithmsConnMetadata)
	if !ok {
		return ""
	}
	return am.Algorithms().Read.Cipher
}

// channelStream is the session's data stream. Close sends exit-status (0
// unless CloseWithStatus said otherwise) and closes the channel, once.
//
// x/crypto's channel is not safe for a Write concurrent with CloseWrite
// (both touch its sentEOF flag unlocked), and the handler writes while
// the request loop may close the stream: wmu serializes the two. A Write
// blocked on a full window returns once the client closes the channel.
type channelStream struct {
	ch   gossh.Channel
	once sync.Once
	wmu  sync.Mutex
	// inputEnded is set once a read has seen the client's EOF before
	// the server closed the stream.
	inputEnded atomic.Bool
	chunk      int // the most a packet carries; 0 = x/crypto's limit
	closing    atomic.Bool
}

func (c *channelStream) Read(p []byte) (int, error) {
	n, err := c.ch.Read(p)
	if errors.Is(err, io.EOF) && !c.closing.Load() {
		c.inputEnded.Store(true)
	}
	return n, err
}

// Write sends p in packets of at most chunk bytes, if chunk is set (see
// cliPacket).
func (c *channelStream) Write(p []byte) (int, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.chunk == 0 {
		return c.ch.Write(p)
	}
	n := 0
	for len(p) > 0 {
		m, err := c.ch.Write(p[:min(len(p), c.chunk)])
		n += m
		if err != nil {
			return n, err
		}
		p = p[m:]
	}
	return n, nil
}

// cliPacket is the most data a packet of the command line's carries:
// x/crypto keeps the buffer of a channel's largest packet for the
// channel's life, and a session that once printed its configuration in
// one 16 KB write would hold 16 KB while it then sits idle. 4 KB is as
// much as x/crypto's write buffer takes in one go; the output of most
// commands fits in one packet, and a smaller one cost display interface
// brief a fifth more CPU (docs/performance.md). File transfers keep
// x/crypto's packets.
const cliPacket = 4096

func (c *channelStream) Close() error { return c.CloseWithStatus(0) }

func (c *channelStream) CloseWithStatus(code int) error {
	var err error
	c.once.Do(func() {
		c.closing.Store(true)
		status := struct{ Status uint32 }{uint32(code)}
		// The client may already be gone; then there is nobody to tell.
		c.ch.SendRequest("exit-status", false, gossh.Marshal(&status))
		c.wmu.Lock()
		c.ch.CloseWrite()
		c.wmu.Unlock()
		err = c.ch.Close()
		if errors.Is(err, io.EOF) {
			err = nil
		}
	})
	return err
}
