package telnetd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"switchemu/device"
)

// ErrServerClosed is returned by Serve after Close.
var ErrServerClosed = errors.New("telnetd: server closed")

// DefaultLoginTimeout bounds the login dialog [U: the device's value is
// not in the reference; SSH's authentication-timeout default is 60 s].
const DefaultLoginTimeout = 60 * time.Second

// msgNoFreeLine is what a client reads when every VTY line is busy (the
// same words as over SSH).
const msgNoFreeLine = "All user interfaces are used, please try later!"

// Server accepts telnet connections for one emulated device. Device and
// Handler are required; the zero value of the rest is usable.
type Server struct {
	Device  *device.Device
	Handler Handler
	Logger  *slog.Logger // nil: discard
	// LoginTimeout bounds the login dialog; DefaultLoginTimeout if zero.
	LoginTimeout time.Duration

	// OnEvent, if set, is told of refused connections and failed login
	// attempts (events.go); it must not block.
	OnEvent func(Event)

	// connClosed, if set, is called after each connection has ended
	// (tests wait on it).
	connClosed func()

	mu     sync.Mutex // guards the fields below
	lns    map[net.Listener]struct{}
	conns  map[*conn]struct{}
	closed bool
	wg     sync.WaitGroup // connection goroutines
}

// A Session is what a Handler sees of a logged-in telnet user.
type Session struct {
	User   string   // the user name in scheme mode; "" in password and none modes
	Level  int      // privilege level from the local user or the line
	Remote net.Addr // client address
	Line   int      // VTY line
	Term   string   // from TERMINAL-TYPE; "" if the client sent none
	// BannerShown says the copyright banner went out before the login
	// dialog; the command line must not print it again.
	BannerShown bool

	// RW is the session's data stream, telnet commands removed. Closing
	// it ends the connection.
	RW io.ReadWriteCloser
	// Window returns the terminal size from NAWS (80×24 until the client
	// sends one).
	Window func() (width, height int)

	ends     func(code int)
	detached bool
}

// Detach lets the Handler return while the session goes on, served by a
// goroutine of the handler's own: the connection then ends when finish is
// called, with the exit status to log, and what the Handler returns is
// ignored. finish must be called (calls after the first do nothing); it
// closes the connection. The goroutine that ran the login dialog and the
// Handler is gone meanwhile, so an idle session's stack holds only the
// frames of the one serving it.
func (s *Session) Detach() (finish func(code int)) {
	s.detached = true
	var once sync.Once
	return func(code int) { once.Do(func() { s.ends(code) }) }
}

// A Handler serves one session and returns its exit status (telnet has
// nowhere to send it; it is logged).
type Handler func(ctx context.Context, s *Session) int

func (srv *Server) logger() *slog.Logger {
	if srv.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return srv.Logger
}

// ListenAndServe listens on addr and serves until ctx is cancelled.
func (srv *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("telnetd: listen %s: %w", addr, err)
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
		srv.conns = map[*conn]struct{}{}
	}
	srv.lns[ln] = struct{}{}
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
			return fmt.Errorf("telnetd: accept: %w", err)
		}
		c := newConn(nc)
		if !srv.track(c) {
			nc.Close()
			return ErrServerClosed
		}
		go srv.serveConn(c, func() {
			srv.untrack(c)
			if srv.connClosed != nil {
				srv.connClosed()
			}
			srv.wg.Done()
		})
	}
}

func (srv *Server) track(c *conn) bool {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.closed {
		return false
	}
	srv.conns[c] = struct{}{}
	srv.wg.Add(1)
	return true
}

func (srv *Server) untrack(c *conn) {
	c.Close()
	srv.mu.Lock()
	delete(srv.conns, c)
	srv.mu.Unlock()
}

// Close stops the listeners, closes every connection and waits for their
// goroutines.
func (srv *Server) Close() error {
	srv.mu.Lock()
	srv.closed = true
	for ln := range srv.lns {
		ln.Close()
	}
	for c := range srv.conns {
		c.Close()
	}
	srv.mu.Unlock()
	srv.wg.Wait()
	return nil
}

// DisconnectAll closes every live connection and keeps listening (used by
// reboot).
func (srv *Server) DisconnectAll() {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	for c := range srv.conns {
		c.Close()
	}
}

// serveConn runs one connection: a VTY line, option negotiation, the
// login dialog, then the Handler. ended is called once the connection is
// over: when serveConn returns, or, if the Handler detached its session,
// when the session is finished.
func (srv *Server) serveConn(c *conn, ended func()) {
	// What the connection holds, given back when it is over.
	var release, stopFreed func()
	over := func() {
		for _, f := range []func(){stopFreed, release} {
			if f != nil {
				f()
			}
		}
		ended()
	}
	detached := false
	defer func() {
		if !detached {
			over()
		}
	}()
	remote := c.nc.RemoteAddr()
	log := srv.logger().With("remote", remote.String(), "protocol", "telnet")
	dev := srv.Device
	if !dev.TelnetEnabled() || dev.Rebooting() {
		log.Info("connection refused", "stage", "accept", "reason", "telnet server disabled")
		return
	}
	line, err := dev.AcquireVTY(device.Login{Remote: remote, Protocol: "TEL"})
	if err != nil {
		log.Warn("connection refused", "stage", "accept", "reason", "all VTY lines busy")
		srv.emit(Event{Kind: EventRefused, Remote: hostOnly(remote.String()), Line: -1, Reason: "all VTY lines busy"})
		c.Write([]byte(msgNoFreeLine + "\r\n"))
		return
	}
	release = func() { dev.ReleaseVTY(line) }
	stopFreed = srv.closeWhenFreed(c.nc, line)
	log = log.With("line", line)
	lg := dev.TelnetLoginFor(line)
	if lg.Refused {
		// protocol inbound ssh: the line takes no telnet [U: what the
		// device prints, if anything, is not in the reference].
		log.Warn("connection refused", "stage", "accept", "reason", "the VTY line takes SSH only (protocol inbound ssh)")
		srv.emit(Event{Kind: EventRefused, Remote: hostOnly(remote.String()), Line: line, Reason: "protocol inbound ssh"})
		return
	}
	// The line's acl N inbound: a refused address gets its TCP
	// connection closed before any option (device/vty_acl.go).
	if !dev.LoginPermitted(line, "TELNET", remote, c.nc.LocalAddr()) {
		log.Warn("connection refused", "stage", "accept", "reason", "denied by the VTY line's acl inbound")
		srv.emit(Event{Kind: EventRefused, Remote: hostOnly(remote.String()), Line: line, Reason: "acl inbound"})
		closeRefused(c.nc)
		return
	}
	if err := c.negotiate(); err != nil {
		return
	}

	timeout := srv.LoginTimeout
	if timeout <= 0 {
		timeout = DefaultLoginTimeout
	}
	c.nc.SetReadDeadline(time.Now().Add(timeout))
	res, err := srv.login(c, lg, line)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			log.Info("connection closed", "stage", "login", "reason", "login timeout")
		} else {
			log.Info("connection closed", "stage", "login", "reason", err)
		}
		return
	}
	c.nc.SetReadDeadline(time.Time{})
	dev.UpdateVTY(line, func(l *device.Login) {
		l.User, l.Level = res.user, res.level
		l.Since = dev.Now()
		l.LastInput = l.Since
	})
	log = log.With("user", res.user)
	log.Info("session started", "stage", "interaction", "mode", lg.Mode)

	sess := &Session{
		User: res.user, Level: res.level, Remote: remote, Line: line,
		Term: c.term(), BannerShown: res.banner,
		RW: c, Window: c.window,
	}
	sess.ends = func(code int) {
		log.Info("session ended", "stage", "interaction", "status", code)
		over()
	}
	// The handler's context is never cancelled here: the session ends
	// when its stream does.
	code := srv.Handler(context.Background(), sess)
	if sess.detached {
		detached = true
		return
	}
	log.Info("session ended", "stage", "interaction", "status", code)
}

// closeRefused ends a connection refused at accept with a FIN, not a
// reset: it reads what the client already sent (its options) for a
// moment after shutting down the writing side, so that the client sees
// the connection closed by the remote host.
func closeRefused(nc net.Conn) {
	// Errors do not matter here: the connection is dropped either way.
	if tc, ok := nc.(*net.TCPConn); ok {
		tc.CloseWrite()
		tc.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
		io.Copy(io.Discard, io.LimitReader(tc, 64<<10))
	}
}
