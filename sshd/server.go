package sshd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/device"
)

// ErrServerClosed is returned by Serve after Close or Shutdown.
var ErrServerClosed = errors.New("sshd: server closed")

// DefaultNegotiationTimeout bounds stage 1: a client that sends no
// identification in this time is disconnected.
const DefaultNegotiationTimeout = 10 * time.Second

// msgNoFreeLine is what a client reads when every VTY line is busy; the
// server sends it before its identification (RFC 4253 §4.2 allows other
// lines first) and closes the connection.
const msgNoFreeLine = "All user interfaces are used, please try later!"

// Server accepts SSH connections for one emulated device. Device and
// Handler are required; the zero value of the rest is usable.
//
// The SSH-2 stages run on golang.org/x/crypto/ssh directly. The
// gliderlabs/ssh frame was dropped: it forces NoClientAuth unless its own
// handlers are set, and those handlers cannot express Comware's
// password-publickey authentication type (x/crypto's PartialSuccessError)
// or per-connection state such as the VTY line taken at accept.
type Server struct {
	Device  *device.Device
	Handler Handler
	Logger  *slog.Logger // nil: discard
	// Algorithms names the profile's algorithm set to offer; the profile's
	// default if empty.
	Algorithms string
	// NegotiationTimeout bounds version negotiation;
	// DefaultNegotiationTimeout if zero.
	NegotiationTimeout time.Duration

	// OnEvent, if set, is told of refused logins, failed attempts and
	// handshakes (events.go); it must not block.
	OnEvent func(Event)

	// connClosed, if set, is called after each connection has ended and
	// logged why (tests wait on it).
	connClosed func()

	mu       sync.Mutex // guards the fields below
	lns      map[net.Listener]struct{}
	conns    map[net.Conn]struct{}
	closed   bool
	stop     chan struct{}  // closed by Close; made on first use
	sessions sync.WaitGroup // connection goroutines and their sessions

	// ssh1 is the SSH-1 server-key regeneration loop (ssh1_server.go).
	ssh1 ssh1State
}

// A Session is what a Handler sees of an SSH session; it holds no SSH
// library types.
type Session struct {
	User    string
	Level   int      // privilege level from the local user or the line
	Remote  net.Addr // client address
	Line    int      // VTY line
	Command string   // exec request; "" for an interactive shell
	Term    string   // from pty-req; "" without a pty
	Version string   // SSH protocol version, "2.0"
	Cipher  string   // negotiated client-to-server cipher

	// RW is the session's data stream. Closing it ends the session; if
	// the handler calls CloseWithStatus, that status is sent as
	// exit-status first.
	RW StatusCloser
	// Window returns the terminal size from pty-req and window-change.
	Window func() (width, height int)

	ends     func(code int) // what the server does when the session is over
	detached bool
}

// Detach lets the Handler return while the session goes on, served by a
// goroutine of the handler's own: the server then ends the session when
// finish is called, with the exit status, and ignores what the Handler
// returns. finish must be called; calls after the first do nothing. The
// goroutine that ran the Handler is gone meanwhile, so an idle session's
// stack holds only the frames of the goroutine that serves it
// (docs/performance.md).
func (s *Session) Detach() (finish func(code int)) {
	s.detached = true
	var once sync.Once
	return func(code int) { once.Do(func() { s.ends(code) }) }
}

// handle runs the Handler on sess and, unless it detached, ends the
// session with its exit status. ends reports the session over and
// releases what the connection holds for it.
func (srv *Server) handle(ctx context.Context, sess *Session, log *slog.Logger, ends func()) {
	host := hostOf(sess.Remote.String())
	srv.Device.Log("SSH", 4, "LOGIN", fmt.Sprintf("STEL user %s (IP:%s) login succeeded!", sess.User, host))
	log.Info("session started", "stage", "interaction", "line", sess.Line, "exec", sess.Command != "")
	sess.ends = func(code int) {
		sess.RW.CloseWithStatus(code)
		srv.Device.Log("SSH", 4, "LOGOUT", fmt.Sprintf("STEL user %s (IP:%s) logout because :SSH Client close the connection", sess.User, host))
		log.Info("session ended", "stage", "interaction", "line", sess.Line, "status", code)
		ends()
	}
	code := srv.Handler(ctx, sess)
	if !sess.detached {
		sess.ends(code)
	}
}

// StatusCloser is a session stream that can report an exit status as it
// closes.
type StatusCloser interface {
	io.ReadWriteCloser
	CloseWithStatus(code int) error
}

// A Handler serves one session and returns its exit status. Its context
// is not cancelled by the server: the session ends when its stream does
// (Session.RW's reads fail once the client or the connection is gone).
type Handler func(ctx context.Context, s *Session) int

func (srv *Server) logger() *slog.Logger {
	if srv.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return srv.Logger
}

// ListenAndServe listens on addr and serves until ctx is cancelled, then
// closes every connection and returns nil.
func (srv *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("sshd: listen %s: %w", addr, err)
	}
	return srv.ServeContext(ctx, ln)
}

// ServeContext serves ln until ctx is cancelled, then closes the server
// and returns nil.
func (srv *Server) ServeContext(ctx context.Context, ln net.Listener) error {
	stop := context.AfterFunc(ctx, func() { srv.Close() })
	defer stop()
	err := srv.Serve(ln)
	if errors.Is(err, ErrServerClosed) && ctx.Err() != nil {
		return nil
	}
	return err
}

// Serve accepts connections on ln until Close. It always returns a
// non-nil error, ErrServerClosed after Close.
func (srv *Server) Serve(ln net.Listener) error {
	srv.mu.Lock()
	if srv.closed {
		srv.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	}
	if srv.lns == nil {
		srv.lns = map[net.Listener]struct{}{}
		srv.conns = map[net.Conn]struct{}{}
	}
	srv.lns[ln] = struct{}{}
	srv.startSSH1Rekey()
	srv.mu.Unlock()
	defer func() {
		srv.mu.Lock()
		delete(srv.lns, ln)
		srv.mu.Unlock()
	}()
	for {
		nc, err := ln.Accept()
		if err != nil {
			srv.mu.Lock()
			closed := srv.closed
			srv.mu.Unlock()
			if closed {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return fmt.Errorf("sshd: accept: %w", err)
		}
		if err := srv.ServeConn(nc); err != nil {
			return err
		}
	}
}

// ServeConn serves one connection that the caller accepted (a fleet
// accepts for many devices and makes each device's server when its first
// client comes). It returns at once; the connection is served in a
// goroutine that Close waits for. After Close it closes nc and returns
// ErrServerClosed.
func (srv *Server) ServeConn(nc net.Conn) error {
	srv.mu.Lock()
	if srv.conns == nil {
		srv.lns = map[net.Listener]struct{}{}
		srv.conns = map[net.Conn]struct{}{}
	}
	if !srv.closed {
		srv.startSSH1Rekey()
	}
	srv.mu.Unlock()
	if !srv.track(nc) {
		nc.Close()
		return ErrServerClosed
	}
	go func() {
		c := srv.handshake(nc)
		if c == nil {
			srv.connEnded(nc)
			return
		}
		// The handshake grew this goroutine's stack (key exchange
		// callbacks, authentication, logging) and a stack shrinks only
		// at a garbage collection: the authenticated connection waits
		// in a fresh goroutine, whose stack is what that wait needs.
		go func() {
			c.serve() // conn.go
			srv.connEnded(nc)
		}()
	}()
	return nil
}

// connEnded is the end of a connection's goroutines: it closes the
// connection, forgets it and tells Close.
func (srv *Server) connEnded(nc net.Conn) {
	srv.untrack(nc)
	if srv.connClosed != nil {
		srv.connClosed()
	}
	srv.sessions.Done()
}

// track registers a connection; it reports false after Close.
func (srv *Server) track(nc net.Conn) bool {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.closed {
		return false
	}
	srv.conns[nc] = struct{}{}
	srv.sessions.Add(1)
	return true
}

func (srv *Server) untrack(nc net.Conn) {
	nc.Close()
	srv.mu.Lock()
	delete(srv.conns, nc)
	srv.mu.Unlock()
}

// Close stops the listeners, closes every connection and waits for their
// goroutines.
func (srv *Server) Close() error {
	srv.mu.Lock()
	if !srv.closed {
		close(srv.stopChan())
	}
	srv.closed = true
	srv.stopSSH1Rekey()
	for ln := range srv.lns {
		ln.Close()
	}
	for nc := range srv.conns {
		nc.Close()
	}
	srv.mu.Unlock()
	srv.sessions.Wait()
	return nil
}

// stopChan returns the channel Close closes. The caller holds srv.mu.
func (srv *Server) stopChan() chan struct{} {
	if srv.stop == nil {
		srv.stop = make(chan struct{})
	}
	return srv.stop
}

// pause waits d, or less if the server closes meanwhile (failed-login
// delays must not hold Close up).
func (srv *Server) pause(d time.Duration) {
	if d <= 0 {
		return
	}
	srv.mu.Lock()
	stop := srv.stopChan()
	srv.mu.Unlock()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-stop:
	}
}

// DisconnectAll closes every live connection and keeps listening (used by
// reboot).
func (srv *Server) DisconnectAll() {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	for nc := range srv.conns {
		nc.Close()
	}
}

// handshake runs stages 1 to 3 of one connection and returns it
// authenticated, or nil when it has ended (refused, failed, or an SSH-1
// session served to its end). The connection holds a VTY line from
// accept to close, as on the device (display ssh server session lists
// connections still negotiating); the returned connection's close
// releases it.
func (srv *Server) handshake(nc net.Conn) (c *sshConn) {
	remote := nc.RemoteAddr().String()
	log := srv.logger().With("remote", remote)
	sshCfg := srv.sshSettings()
	if !sshCfg.Enabled {
		log.Warn("connection refused", "stage", "accept", "reason", "SSH server disabled in the loaded configuration (ssh server enable)")
		srv.emit(Event{Kind: EventRefused, Remote: hostOf(remote), Line: -1, Reason: "ssh server disabled"})
		return nil
	}
	line, err := srv.Device.AcquireVTY(device.Login{Remote: nc.RemoteAddr(), Protocol: "SSH", State: "Init"})
	if err != nil {
		log.Warn("connection refused", "stage", "accept", "reason", "all VTY lines busy")
		srv.emit(Event{Kind: EventRefused, Remote: hostOf(remote), Line: -1, Reason: "all VTY lines busy"})
		nc.SetWriteDeadline(time.Now().Add(5 * time.Second))
		nc.Write([]byte(msgNoFreeLine + "\r\n"))
		return nil
	}
	stopFreed := srv.closeWhenFreed(nc, line)
	release := func() {
		stopFreed()
		srv.Device.ReleaseVTY(line)
	}
	defer func() {
		if c == nil {
			release()
		}
	}()
	log = log.With("line", line)
	if srv.lineProtocol(line) == "telnet" {
		log.Warn("connection refused", "stage", "accept", "reason", "the VTY line takes telnet only (protocol inbound telnet)")
		srv.emit(Event{Kind: EventRefused, Remote: hostOf(remote), Line: line, Reason: "protocol inbound telnet"})
		return nil
	}
	// The line's acl N inbound: a refused address gets its TCP
	// connection closed before the version exchange (device/vty_acl.go).
	if !srv.Device.LoginPermitted(line, "SSH", nc.RemoteAddr(), nc.LocalAddr()) {
		log.Warn("connection refused", "stage", "accept", "reason", "denied by the VTY line's acl inbound")
		srv.emit(Event{Kind: EventRefused, Remote: hostOf(remote), Line: line, Reason: "acl inbound"})
		closeRefused(nc)
		return nil
	}

	// Stage 1: version negotiation.
	srv.Device.UpdateVTY(line, func(l *device.Login) { l.State = "Ver-exchange" })
	server := "SSH-2.0-" + srv.Device.Profile().SSH.Software
	if sshCfg.Compatible1x {
		server = "SSH-1.99-" + srv.Device.Profile().SSH.Software
	}
	timeout := srv.NegotiationTimeout
	if timeout <= 0 {
		timeout = DefaultNegotiationTimeout
	}
	id, pc, err := negotiate(nc, server, timeout)
	if err != nil {
		log.Info("connection closed", "stage", "version", "reason", err)
		return nil
	}
	// A fleet device makes its host key for its first client, after the
	// identification: the port answers at once, the key exchange waits.
	if err := srv.Device.EnsureHostKey(); err != nil {
		log.Error("host key unusable", "err", err)
	}
	switch id.Protocol() {
	case ProtoSSH2:
	case ProtoSSH1:
		if !sshCfg.Compatible1x {
			log.Info("connection closed", "stage", "version", "reason", "SSH-1 client while compatible-ssh1x is disabled", "client", id.Line)
			return nil
		}
		srv.serveSSH1(pc, line, log) // ssh1_server.go
		return nil
	default:
		log.Info("connection closed", "stage", "version", "reason", "unsupported version", "client", id.Line)
		return nil
	}
	hk := srv.Device.CurrentHostKey()
	if hk == nil {
		// As on the device: no key pair, no key exchange.
		log.Info("connection closed", "stage", "version", "reason", "no host key")
		return nil
	}

	// Stages 2 and 3: key exchange and authentication, bounded by
	// authentication-timeout.
	srv.Device.UpdateVTY(line, func(l *device.Login) { l.State = "Keys-exchange" })
	st := &connState{srv: srv, line: line, host: hostOf(remote)}
	sc, err := srv.serverConfig(server, hk, st)
	if err != nil {
		log.Error("host key unusable", "err", err)
		return nil
	}
	authTimeout := time.Duration(sshCfg.AuthTimeout) * time.Second
	nc.SetDeadline(time.Now().Add(authTimeout))
	conn, chans, reqs, err := gossh.NewServerConn(pc, sc)
	if err != nil {
		srv.handshakeFailed(log, st, err)
		srv.emit(Event{Kind: EventHandshake, Remote: st.host, Line: line, User: st.userOrUnknown()})
		return nil
	}
	srv.emit(Event{Kind: EventHandshake, Remote: st.host, Line: line, User: conn.User(), Method: st.method, OK: true})
	nc.SetDeadline(time.Time{})
	srv.Device.LoginSucceeded(st.host)
	cipher := cipherName(conn)
	service := "Stelnet"
	if !st.login.Entry.AllowsStelnet() {
		service = "SFTP"
	}
	srv.Device.UpdateVTY(line, func(l *device.Login) {
		l.State, l.User, l.Version, l.Cipher, l.Level, l.Service = "Established", conn.User(), "2.0", cipher, st.level, service
		l.Since = srv.Device.Now()
		l.LastInput = l.Since
	})
	log = log.With("user", conn.User())
	log.Info("authenticated", "stage", "auth", "method", st.method, "cipher", cipher)
	return &sshConn{srv: srv, conn: conn, chans: chans, reqs: reqs, st: st, log: log,
		authTimeout: authTimeout, release: release}
}

// sshSettings returns the SSH server's settings; the whole configuration
// (7 KB) stays in this frame, not in the connection's, which is why it
// must not be inlined: every connection's handshake would then wait on a
// stack of 8 KB and more.
//
//go:noinline
func (srv *Server) sshSettings() device.SSHServer {
	cfg := srv.Device.View() // read only
	return cfg.SSH
}

// lineProtocol returns the VTY line's protocol inbound setting (not
// inlined, as sshSettings).
//
//go:noinline
func (srv *Server) lineProtocol(line int) string {
	cfg := srv.Device.View() // read only
	return cfg.VTY[line].Protocol
}

// handshakeFailed logs why stages 2 and 3 ended without a session.
func (srv *Server) handshakeFailed(log *slog.Logger, st *connState, err error) {
	var ne *gossh.AlgorithmNegotiationError
	var nerr net.Error
	switch {
	case errors.As(err, &ne):
		log.Info("connection closed", "stage", "kex", "reason", err)
		srv.Device.Log("SSH", 4, "NEGOTIATE_FAIL", fmt.Sprintf("SSH client (IP:%s) disconnected: no matching %s. Client offered: %s. Server offered: %s",
			st.host, ne.What, strings.Join(ne.RequestedAlgorithms, ","), strings.Join(ne.SupportedAlgorithms, ",")))
	case errors.As(err, &nerr) && nerr.Timeout():
		log.Info("connection closed", "stage", "auth", "reason", "authentication timeout")
		srv.Device.Log("SSH", 4, "AUTH_TIMEOUT", fmt.Sprintf("SSH user %s (IP:%s) authentication timed out!", st.userOrUnknown(), st.host))
	default:
		var ae *gossh.ServerAuthError
		if errors.As(err, &ae) {
			log.Warn("connection closed", "stage", "auth", "reason", "too many authentication failures")
			srv.Device.Log("SSH", 4, "LOGIN_FAILED", fmt.Sprintf("SSH user %s (IP:%s) login failed: authentication retries exceeded!", st.userOrUnknown(), st.host))
			return
		}
		log.Info("connection closed", "stage", "handshake", "reason", err)
	}
}

func hostOf(addr string) string {
	h, _, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	return h
}

// closeRefused ends a connection refused at accept with a FIN, not a
// reset: it reads what the client already sent (its version line) for a
// moment after shutting down the writing side, so that the client sees
// "Connection closed by remote host".
func closeRefused(nc net.Conn) {
	// Errors do not matter here: the connection is dropped either way.
	if tc, ok := nc.(*net.TCPConn); ok {
		tc.CloseWrite()
		tc.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		io.Copy(io.Discard, io.LimitReader(tc, 64<<10))
	}
}
