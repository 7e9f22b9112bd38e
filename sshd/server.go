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
}

// StatusCloser is a session stream that can report an exit status as it
// closes.
type StatusCloser interface {
	io.ReadWriteCloser
	CloseWithStatus(code int) error
}

// A Handler serves one session and returns its exit status.
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
		defer srv.sessions.Done()
		srv.serveConn(nc)
		srv.untrack(nc)
		if srv.connClosed != nil {
			srv.connClosed()
		}
	}()
	return nil
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

// serveConn runs the stages of one connection. The connection holds a VTY
// line from accept to close, as on the device (display ssh server session
// lists connections still negotiating).
func (srv *Server) serveConn(nc net.Conn) {
	remote := nc.RemoteAddr().String()
	log := srv.logger().With("remote", remote)
	cfg := srv.Device.View() // read only
	if !cfg.SSH.Enabled {
		log.Warn("connection refused", "stage", "accept", "reason", "SSH server disabled in the loaded configuration (ssh server enable)")
		srv.emit(Event{Kind: EventRefused, Remote: hostOf(remote), Line: -1, Reason: "ssh server disabled"})
		return
	}
	line, err := srv.Device.AcquireVTY(device.Login{Remote: nc.RemoteAddr(), Protocol: "SSH", State: "Init"})
	if err != nil {
		log.Warn("connection refused", "stage", "accept", "reason", "all VTY lines busy")
		srv.emit(Event{Kind: EventRefused, Remote: hostOf(remote), Line: -1, Reason: "all VTY lines busy"})
		nc.SetWriteDeadline(time.Now().Add(5 * time.Second))
		nc.Write([]byte(msgNoFreeLine + "\r\n"))
		return
	}
	defer srv.Device.ReleaseVTY(line)
	defer srv.closeWhenFreed(nc, line)()
	log = log.With("line", line)
	if p := cfg.VTY[line].Protocol; p == "telnet" {
		log.Warn("connection refused", "stage", "accept", "reason", "the VTY line takes telnet only (protocol inbound telnet)")
		srv.emit(Event{Kind: EventRefused, Remote: hostOf(remote), Line: line, Reason: "protocol inbound telnet"})
		return
	}
	// The line's acl N inbound: a refused address gets its TCP
	// connection closed before the version exchange (device/vty_acl.go).
	if !srv.Device.LoginPermitted(line, "SSH", nc.RemoteAddr(), nc.LocalAddr()) {
		log.Warn("connection refused", "stage", "accept", "reason", "denied by the VTY line's acl inbound")
		srv.emit(Event{Kind: EventRefused, Remote: hostOf(remote), Line: line, Reason: "acl inbound"})
		closeRefused(nc)
		return
	}

	// Stage 1: version negotiation.
	srv.Device.UpdateVTY(line, func(l *device.Login) { l.State = "Ver-exchange" })
	server := "SSH-2.0-" + srv.Device.Profile().SSH.Software
	if cfg.SSH.Compatible1x {
		server = "SSH-1.99-" + srv.Device.Profile().SSH.Software
	}
	timeout := srv.NegotiationTimeout
	if timeout <= 0 {
		timeout = DefaultNegotiationTimeout
	}
	id, pc, err := negotiate(nc, server, timeout)
	if err != nil {
		log.Info("connection closed", "stage", "version", "reason", err)
		return
	}
	// A fleet device makes its host key for its first client, after the
	// identification: the port answers at once, the key exchange waits.
	if err := srv.Device.EnsureHostKey(); err != nil {
		log.Error("host key unusable", "err", err)
	}
	switch id.Protocol() {
	case ProtoSSH2:
	case ProtoSSH1:
		if !cfg.SSH.Compatible1x {
			log.Info("connection closed", "stage", "version", "reason", "SSH-1 client while compatible-ssh1x is disabled", "client", id.Line)
			return
		}
		srv.serveSSH1(pc, line, log) // ssh1_server.go
		return
	default:
		log.Info("connection closed", "stage", "version", "reason", "unsupported version", "client", id.Line)
		return
	}
	hk := srv.Device.CurrentHostKey()
	if hk == nil {
		// As on the device: no key pair, no key exchange.
		log.Info("connection closed", "stage", "version", "reason", "no host key")
		return
	}

	// Stages 2 and 3: key exchange and authentication, bounded by
	// authentication-timeout.
	srv.Device.UpdateVTY(line, func(l *device.Login) { l.State = "Keys-exchange" })
	st := &connState{srv: srv, line: line, host: hostOf(remote)}
	sc, err := srv.serverConfig(server, hk, st)
	if err != nil {
		log.Error("host key unusable", "err", err)
		return
	}
	nc.SetDeadline(time.Now().Add(time.Duration(cfg.SSH.AuthTimeout) * time.Second))
	conn, chans, reqs, err := gossh.NewServerConn(pc, sc)
	if err != nil {
		srv.handshakeFailed(log, st, err)
		srv.emit(Event{Kind: EventHandshake, Remote: st.host, Line: line, User: st.userOrUnknown()})
		return
	}
	srv.emit(Event{Kind: EventHandshake, Remote: st.host, Line: line, User: conn.User(), Method: st.method, OK: true})
	nc.SetDeadline(time.Time{})
	defer conn.Close()
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

	// Stages 4 and 5: one session channel at a time. A connection with
	// no session for authentication-timeout is closed, as one that never
	// opened one; one whose command line ended is closed by the session.
	authTimeout := time.Duration(cfg.SSH.AuthTimeout) * time.Second
	idle := time.AfterFunc(authTimeout, func() {
		log.Info("connection closed", "stage", "session", "reason", "no session channel within authentication-timeout")
		conn.Close()
	})
	defer idle.Stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	busy := make(chan struct{}, 1)
	// One goroutine serves the connection's channel opens and its global
	// requests (keepalives, refused), until the connection ends and the
	// library closes both: an idle session costs no goroutine for them.
	for chans != nil || reqs != nil {
		var ch gossh.NewChannel
		select {
		case req, ok := <-reqs:
			if !ok {
				reqs = nil
			} else if req.WantReply {
				req.Reply(false, nil)
			}
			continue
		case c, ok := <-chans:
			if !ok {
				chans = nil
				continue
			}
			ch = c
		}
		if ch.ChannelType() != "session" {
			ch.Reject(gossh.UnknownChannelType, "unsupported channel type")
			continue
		}
		if !srv.takeSessionSlot(busy) {
			ch.Reject(gossh.ResourceShortage, "one session per connection")
			continue
		}
		idle.Stop()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				idle.Reset(authTimeout)
				<-busy
			}()
			srv.handleSession(conn, ch, st, log)
		}()
	}
}

// takeSessionSlot takes the connection's one session slot. A client that
// opens its next session as soon as it has closed the previous one
// (OpenSSH ControlMaster, paramiko reusing a transport) may be ahead of
// the goroutine that is still ending that session: it waits for the slot
// up to sessionSlotWait rather than being refused.
func (srv *Server) takeSessionSlot(busy chan struct{}) bool {
	select {
	case busy <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(sessionSlotWait)
	defer t.Stop()
	select {
	case busy <- struct{}{}:
		return true
	case <-t.C:
		return false
	}
}

// sessionSlotWait bounds how long a second session channel waits for the
// first to end before it is refused.
const sessionSlotWait = closeGrace

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
