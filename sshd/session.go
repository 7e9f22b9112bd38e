package sshd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// handleSession owns one "session" channel (stage 4): it answers pty-req,
// window-change, env, shell and exec itself, so that no request can wait
// behind another, and runs the Handler (stage 5) on the connection's VTY
// line.
func (srv *Server) handleSession(conn *gossh.ServerConn, nc gossh.NewChannel, st *connState, log *slog.Logger) {
	ch, reqs, err := nc.Accept()
	if err != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		width, height atomic.Int32
		term          string
		started       bool
		wg            sync.WaitGroup
	)
	stream := &channelStream{ch: ch}
	loopDone := make(chan struct{}) // closed when the client closed the channel
	for req := range reqs {
		switch req.Type {
		case "pty-req":
			var p struct {
				Term          string
				Cols, Rows    uint32
				Width, Height uint32
				Modes         string
			}
			if err := gossh.Unmarshal(req.Payload, &p); err != nil || started {
				req.Reply(false, nil)
				continue
			}
			term = p.Term
			width.Store(int32(p.Cols))
			height.Store(int32(p.Rows))
			req.Reply(true, nil)
		case "window-change":
			var w struct{ Cols, Rows, Width, Height uint32 }
			if err := gossh.Unmarshal(req.Payload, &w); err != nil {
				req.Reply(false, nil)
				continue
			}
			width.Store(int32(w.Cols))
			height.Store(int32(w.Rows))
			req.Reply(true, nil)
		case "env":
			req.Reply(true, nil)
		case "shell", "exec":
			var cmd struct{ Command string }
			if started || (req.Type == "exec" && gossh.Unmarshal(req.Payload, &cmd) != nil) {
				req.Reply(false, nil)
				continue
			}
			if req.Type == "exec" && isSCP(cmd.Command) { // scp.go
				ok, why := srv.transferAllowed(st)
				req.Reply(ok, nil)
				if !ok {
					log.Info("session refused", "stage", "session", "reason", why, "exec", "scp")
					continue
				}
				started = true
				command := cmd.Command
				srv.startTransfer(conn, stream, st, log, &wg, loopDone, "SCP", func(f *fileSession) int { return f.serveSCP(stream, command) })
				continue
			}
			st.mu.Lock()
			level, entry := st.level, st.login.Entry
			st.mu.Unlock()
			if !entry.AllowsStelnet() {
				// service-type sftp: no shell, no commands.
				log.Info("session refused", "stage", "session", "reason", "service-type sftp")
				req.Reply(false, nil)
				continue
			}
			sess := &Session{
				User: conn.User(), Level: level, Remote: conn.RemoteAddr(),
				Command: cmd.Command, Term: term, Version: "2.0",
				Cipher: cipherName(conn),
				RW:     stream,
				Window: func() (int, int) { return int(width.Load()), int(height.Load()) },
				Line:   st.line,
			}
			started = true
			req.Reply(true, nil)
			wg.Add(1)
			go func() {
				defer wg.Done()
				srv.runSession(ctx, sess, log)
				// A client that does not answer our channel close
				// would keep the session's reader waiting: drop the
				// connection after a grace period.
				grace := time.NewTimer(closeGrace)
				defer grace.Stop()
				select {
				case <-loopDone:
				case <-grace.C:
					conn.Close()
				}
				if sess.Command == "" && !stream.inputEnded.Load() {
					// The command line ended on the server's side
					// (quit, idle-timeout, reboot, ended from
					// elsewhere): on the device the connection is
					// the VTY line, and both end with it. The
					// client has answered the channel close, so it
					// has read everything. A client that ended the
					// input itself keeps its connection for its
					// next session.
					log.Info("connection closed", "stage", "interaction", "reason", "command line ended")
					conn.Close()
				}
			}()
		case "subsystem": // sftp.go
			var sub struct{ Name string }
			ok, why := false, "unknown subsystem"
			if !started && gossh.Unmarshal(req.Payload, &sub) == nil && sub.Name == "sftp" {
				ok, why = srv.transferAllowed(st)
			}
			req.Reply(ok, nil)
			if !ok {
				log.Info("session refused", "stage", "session", "reason", why, "subsystem", sub.Name)
				continue
			}
			started = true
			srv.startTransfer(conn, stream, st, log, &wg, loopDone, "SFTP", func(f *fileSession) int { return f.serveSFTP(stream) })
		default:
			// signal, break, keepalives, simple@putty.projects.tartarus.org ...
			if req.WantReply {
				req.Reply(false, nil)
			}
		}
	}
	// The client closed the channel or the connection ended: make the
	// handler's reads fail, then wait for it.
	close(loopDone)
	stream.Close()
	wg.Wait()
}

// closeGrace is how long a client has to answer the server's channel
// close before the connection is dropped.
const closeGrace = 5 * time.Second

// runSession runs the Handler for one session.
func (srv *Server) runSession(ctx context.Context, sess *Session, log *slog.Logger) {
	host := hostOf(sess.Remote.String())
	srv.Device.Log("SSH", 4, "LOGIN", fmt.Sprintf("STEL user %s (IP:%s) login succeeded!", sess.User, host))
	log.Info("session started", "stage", "interaction", "line", sess.Line, "exec", sess.Command != "")
	code := srv.Handler(ctx, sess)
	sess.RW.CloseWithStatus(code)
	srv.Device.Log("SSH", 4, "LOGOUT", fmt.Sprintf("STEL user %s (IP:%s) logout because :SSH Client close the connection", sess.User, host))
	log.Info("session ended", "stage", "interaction", "line", sess.Line, "status", code)
}

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
	closing    atomic.Bool
}

func (c *channelStream) Read(p []byte) (int, error) {
	n, err := c.ch.Read(p)
	if errors.Is(err, io.EOF) && !c.closing.Load() {
		c.inputEnded.Store(true)
	}
	return n, err
}

func (c *channelStream) Write(p []byte) (int, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.ch.Write(p)
}

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
