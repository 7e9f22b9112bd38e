package sshd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	gliderssh "github.com/gliderlabs/ssh"
	gossh "golang.org/x/crypto/ssh"

	"switchemu/device"
)

// ErrServerClosed is returned by Serve after Close or Shutdown.
var ErrServerClosed = errors.New("sshd: server closed")

// negotiationTimeout bounds stage 1: a client that sends no identification
// in this time is disconnected.
const negotiationTimeout = 10 * time.Second

// Server accepts SSH connections for one emulated device. Device and
// Handler are required; the zero value of the rest is usable.
type Server struct {
	Device  *device.Device
	Handler Handler
	Logger  *slog.Logger // nil: discard
	// Algorithms names the profile's algorithm set to offer; the profile's
	// default if empty.
	Algorithms string

	mu       sync.Mutex // guards the fields below
	lns      map[net.Listener]struct{}
	conns    map[net.Conn]struct{}
	closed   bool
	frame    *gliderssh.Server
	sessions sync.WaitGroup // connection goroutines and their sessions

	// ssh1 is the SSH-1 server-key regeneration loop (ssh1_server.go).
	ssh1 ssh1State
}

// A Session is what a Handler sees of an SSH session; it holds no SSH
// library types.
type Session struct {
	User    string
	Level   int      // privilege level from the local user
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
	if srv.frame == nil {
		srv.frame = srv.newFrame()
	}
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
		if !srv.track(nc) {
			nc.Close()
			return ErrServerClosed
		}
		go func() {
			defer srv.sessions.Done()
			defer srv.untrack(nc)
			srv.serveConn(nc)
		}()
	}
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

// DisconnectAll closes every live connection and keeps listening (used by
// reboot).
func (srv *Server) DisconnectAll() {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	for nc := range srv.conns {
		nc.Close()
	}
}

// serveConn runs the stages of one connection.
func (srv *Server) serveConn(nc net.Conn) {
	log := srv.logger().With("remote", nc.RemoteAddr().String())
	cfg := srv.Device.Snapshot()
	if !cfg.SSH.Enabled {
		log.Info("connection refused", "stage", "accept", "reason", "ssh server disabled")
		return
	}
	server := "SSH-2.0-" + srv.Device.Profile().SSH.Software
	if cfg.SSH.Compatible1x {
		server = "SSH-1.99-" + srv.Device.Profile().SSH.Software
	}
	id, pc, err := negotiate(nc, server, negotiationTimeout)
	if err != nil {
		log.Info("connection closed", "stage", "version", "reason", err)
		return
	}
	switch id.Protocol() {
	case ProtoSSH2:
	case ProtoSSH1:
		if cfg.SSH.Compatible1x {
			srv.serveSSH1(pc, log) // ssh1_server.go
			return
		}
		log.Info("connection closed", "stage", "version", "reason", "SSH-1 client", "client", id.Line)
		return
	default:
		log.Info("connection closed", "stage", "version", "reason", "unsupported version", "client", id.Line)
		return
	}
	if srv.Device.CurrentHostKey() == nil {
		log.Info("connection closed", "stage", "version", "reason", "no host key")
		return
	}
	srv.frame.HandleConn(&identConn{prefaceConn: pc, server: server, timeout: time.Duration(cfg.SSH.AuthTimeout) * time.Second})
}

// identConn carries what stage 1 decided into the SSH library's stages.
type identConn struct {
	*prefaceConn
	server  string        // the identification we sent
	timeout time.Duration // authentication-timeout
	timer   *time.Timer
}

type ctxKey int

const (
	keyIdent ctxKey = iota
	keyLevel
	keyTimer
)

// newFrame builds the gliderlabs server that runs stages 2 to 5.
func (srv *Server) newFrame() *gliderssh.Server {
	fs := &gliderssh.Server{
		ConnCallback: func(ctx gliderssh.Context, nc net.Conn) net.Conn {
			ic := nc.(*identConn)
			ctx.SetValue(keyIdent, ic.server)
			// authentication-timeout bounds the handshake; the timer
			// is stopped when authentication succeeds.
			ic.timer = time.AfterFunc(ic.timeout, func() { ic.Close() })
			ctx.SetValue(keyTimer, ic.timer)
			return nc
		},
		ServerConfigCallback: srv.serverConfig,
		PasswordHandler:      srv.checkPassword,
		ChannelHandlers:      map[string]gliderssh.ChannelHandler{"session": srv.handleSession},
		ConnectionFailedCallback: func(nc net.Conn, err error) {
			if ic, ok := nc.(*identConn); ok && ic.timer != nil {
				ic.timer.Stop()
			}
			srv.logger().Info("connection closed", "stage", "handshake", "remote", nc.RemoteAddr().String(), "reason", err)
		},
	}
	return fs
}

// serverConfig returns the x/crypto configuration for one connection: the
// profile's algorithm set, the device's host key and retry limit, and the
// identification string stage 1 sent (it is hashed into the exchange).
func (srv *Server) serverConfig(ctx gliderssh.Context) *gossh.ServerConfig {
	p := srv.Device.Profile()
	set := p.SSH.Sets[p.SSH.Algorithms]
	if s, ok := p.SSH.Sets[srv.Algorithms]; ok {
		set = s
	}
	cfg := srv.Device.Snapshot()
	sc := &gossh.ServerConfig{
		Config: gossh.Config{
			KeyExchanges: set.KeyExchanges,
			Ciphers:      set.Ciphers,
			MACs:         set.MACs,
		},
		MaxAuthTries:  cfg.SSH.AuthRetries,
		ServerVersion: ctx.Value(keyIdent).(string),
	}
	if hk := srv.Device.CurrentHostKey(); hk != nil {
		signer, err := gossh.NewSignerFromKey(hk.Key)
		if err == nil {
			signer, err = gossh.NewSignerWithAlgorithms(signer.(gossh.AlgorithmSigner), set.HostKeys)
		}
		if err != nil {
			srv.logger().Error("host key unusable", "err", err)
		} else {
			sc.AddHostKey(signer)
		}
	}
	return sc
}

// checkPassword authenticates against the device's local users with
// service-type ssh.
func (srv *Server) checkPassword(ctx gliderssh.Context, password string) bool {
	level, ok := srv.Device.Authenticate(ctx.User(), password, "ssh")
	remote := ctx.RemoteAddr().String()
	if !ok {
		srv.logger().Info("authentication failed", "stage", "auth", "user", ctx.User(), "remote", remote)
		srv.Device.Log("SSH", 5, "AUTH_FAILURE", fmt.Sprintf("SSH user %s (IP:%s) failed to process PASSWORD Authentication!", ctx.User(), hostOf(remote)))
		return false
	}
	if t, ok := ctx.Value(keyTimer).(*time.Timer); ok {
		t.Stop()
	}
	ctx.SetValue(keyLevel, level)
	srv.Device.Log("SSH", 4, "AUTHSUCC", fmt.Sprintf("SSH user %s (IP:%s) success to process PASSWORD Authentication!", ctx.User(), hostOf(remote)))
	return true
}

func hostOf(addr string) string {
	h, _, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	return h
}
