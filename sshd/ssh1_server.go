package sshd

import (
	"bufio"
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// SSH protocol 1.5, served while ssh server compatible-ssh1x is enabled
// (draft-ylonen-ssh-protocol-00). After stage 1 the server sends its
// public keys (the server key and the device's host key); the client
// answers with a session key encrypted under both, and everything after
// is encrypted with 3DES, Blowfish or DES. Authentication is by password
// against the device's local users, then the client prepares the session
// (pty, window size) and starts a shell or a command, which runs the same
// Handler as SSH-2.

// ssh1Version is the protocol version sessions report (display ssh server
// session).
const ssh1Version = "1.5"

// ssh1CloseGrace is how long a client has to confirm the exit status
// before the connection is dropped.
const ssh1CloseGrace = 5 * time.Second

// ssh1RekeyCheck is how often the server key's age is checked against ssh
// server rekey-interval.
const ssh1RekeyCheck = time.Minute

// ssh1State is the Server's SSH-1 housekeeping: the server-key
// regeneration loop it owns.
type ssh1State struct {
	stop    chan struct{} // closed by Close; nil before Serve
	every   time.Duration // check period; ssh1RekeyCheck if zero
	onRekey func()        // test hook: called after each regeneration
	// userKey, if set, replaces the device's lookup of users' RSA keys
	// (tests).
	userKey func(user string, n *big.Int) (pub *rsa.PublicKey, level int, ok bool)
}

// startSSH1Rekey starts the server-key regeneration loop. The caller holds
// srv.mu; the loop is counted in srv.sessions, so Close waits for it.
func (srv *Server) startSSH1Rekey() {
	if srv.ssh1.stop != nil {
		return
	}
	stop := make(chan struct{})
	srv.ssh1.stop = stop
	every := srv.ssh1.every
	if every <= 0 {
		every = ssh1RekeyCheck
	}
	onRekey := srv.ssh1.onRekey
	srv.sessions.Add(1)
	go func() {
		defer srv.sessions.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			done, err := srv.Device.RekeyServerKeyIfDue()
			if err != nil {
				srv.logger().Error("server key regeneration failed", "err", err)
				continue
			}
			if done {
				srv.logger().Info("server key regenerated")
				if onRekey != nil {
					onRekey()
				}
			}
		}
	}()
}

// stopSSH1Rekey ends the regeneration loop. The caller holds srv.mu.
func (srv *Server) stopSSH1Rekey() {
	select {
	case <-srv.ssh1.stop:
	default:
		if srv.ssh1.stop != nil {
			close(srv.ssh1.stop)
		}
	}
}

// ssh1Conn is one SSH-1 connection.
type ssh1Conn struct {
	srv  *Server
	line int      // the VTY line taken at accept
	nc   net.Conn // the TCP connection: writes, deadlines and Close
	r    io.Reader
	log  *slog.Logger

	in  ssh1Cipher // nil until the session key is set
	wmu sync.Mutex // guards out and writes to nc
	out ssh1Cipher

	sessionID     []byte
	user          string
	level         int
	cipher        string
	term          string
	width, height atomic.Int32
}

// errSSH1Closed ends a connection that the client closed or disconnected.
var errSSH1Closed = errors.New("sshd: ssh1: connection closed by client")

// serveSSH1 runs an SSH-1 connection after stage 1 chose it. pc replays
// the client's identification, which is skipped here.
func (srv *Server) serveSSH1(pc *prefaceConn, line int, log *slog.Logger) {
	br := bufio.NewReaderSize(pc, 4096)
	for i := 0; ; i++ {
		line, err := br.ReadSlice('\n')
		if err != nil || i > maxPreambleLines {
			return // cannot happen: negotiate read these lines
		}
		if bytes.HasPrefix(line, []byte("SSH-")) {
			break
		}
	}
	c := &ssh1Conn{srv: srv, nc: pc.Conn, r: br, line: line, log: log.With("version", ssh1Version)}
	err := c.serve()
	switch {
	case err == nil, errors.Is(err, errSSH1Closed):
		c.log.Info("connection closed", "stage", "ssh1", "reason", "closed")
	default:
		c.log.Info("connection closed", "stage", "ssh1", "reason", err)
	}
}

// serve runs the key exchange, authentication, preparation and
// interaction of one connection.
func (c *ssh1Conn) serve() error {
	dev := c.srv.Device
	cfg := dev.Snapshot()
	hk, sk := dev.CurrentHostKey(), dev.CurrentServerKey()
	if hk == nil || sk == nil {
		return errors.New("no host key")
	}
	// authentication-timeout bounds everything up to a successful login.
	c.nc.SetDeadline(time.Now().Add(time.Duration(cfg.SSH.AuthTimeout) * time.Second))
	c.setState("Keys-exchange")
	if err := c.keyExchange(hk.Key, sk.Key); err != nil {
		c.handshakeEnded(err)
		return err
	}
	c.setState("Auth-request")
	if err := c.authenticate(cfg.SSH.AuthRetries); err != nil {
		c.handshakeEnded(err)
		return err
	}
	c.nc.SetDeadline(time.Time{})
	return c.session()
}

// keyExchange sends the public keys and takes the session key.
func (c *ssh1Conn) keyExchange(host, server *rsa.PrivateKey) error {
	var cookie [8]byte
	rand.Read(cookie[:])
	b := ssh1Builder(append([]byte(nil), cookie[:]...))
	b = b.uint32(uint32(server.N.BitLen())).mpint(big.NewInt(int64(server.E))).mpint(server.N)
	b = b.uint32(uint32(host.N.BitLen())).mpint(big.NewInt(int64(host.E))).mpint(host.N)
	b = b.uint32(0).uint32(ssh1CipherMask).uint32(ssh1AuthMask)
	if err := c.send(ssh1SmsgPublicKey, b); err != nil {
		return err
	}

	typ, data, err := c.read()
	if err != nil {
		return err
	}
	if typ != ssh1CmsgSessionKey {
		return c.protocolError(typ)
	}
	r := ssh1Reader{b: data}
	cipherNo := r.byte1()
	gotCookie := r.bytes(8)
	enc := r.mpint()
	r.uint32() // protocol flags
	if err := r.done(); err != nil {
		return err
	}
	if !bytes.Equal(gotCookie, cookie[:]) {
		return c.disconnect("IP spoofing check bytes do not match.")
	}
	if cipherNo > 31 || ssh1CipherMask&(1<<cipherNo) == 0 {
		return c.disconnect(fmt.Sprintf("Warning: client selects unsupported cipher %d.", cipherNo))
	}

	sessionID := md5.New()
	sessionID.Write(host.N.Bytes())
	sessionID.Write(server.N.Bytes())
	sessionID.Write(cookie[:])
	id := sessionID.Sum(nil)
	c.sessionID = id

	key, err := ssh1SessionKey(enc, host, server)
	if err != nil {
		// Nothing can be sent that the client could decrypt.
		return err
	}
	for i := range id {
		key[i] ^= id[i]
	}
	in, out, err := ssh1NewCiphers(cipherNo, key)
	if err != nil {
		return err
	}
	c.in = in
	c.wmu.Lock()
	c.out = out
	c.wmu.Unlock()
	c.cipher = ssh1CipherName(cipherNo)
	c.log = c.log.With("cipher", c.cipher)
	return c.send(ssh1SmsgSuccess, nil)
}

// ssh1SessionKey undoes the session key's double RSA encryption: the
// client encrypted under the key with the smaller modulus first.
func ssh1SessionKey(enc *big.Int, host, server *rsa.PrivateKey) ([]byte, error) {
	small, large := host, server
	if (host.N.BitLen()+7)/8 > (server.N.BitLen()+7)/8 {
		small, large = server, host
	}
	inner, err := ssh1Decrypt(large, enc)
	if err != nil {
		return nil, fmt.Errorf("session key (outer): %w", err)
	}
	key, err := ssh1Decrypt(small, new(big.Int).SetBytes(inner))
	if err != nil {
		return nil, fmt.Errorf("session key (inner): %w", err)
	}
	if len(key) != 32 {
		return nil, fmt.Errorf("session key of %d bytes", len(key))
	}
	return key, nil
}

// authRSA runs RSA authentication with the user's key of modulus n: the
// client must decrypt a random challenge and answer MD5(challenge ‖
// session id). tried is false when the user has no such key.
func (c *ssh1Conn) authRSA(n *big.Int) (ok, tried bool, err error) {
	pub, level, found := c.userKey(n)
	if !found {
		return false, false, nil
	}
	challenge := make([]byte, 32)
	rand.Read(challenge)
	challenge[0] |= 0x80 // 32 significant bytes, as the client rebuilds them
	enc, err := ssh1Encrypt(pub, challenge)
	if err != nil {
		return false, false, err
	}
	if err := c.send(ssh1SmsgAuthRSAChallenge, ssh1Builder(nil).mpint(new(big.Int).SetBytes(enc))); err != nil {
		return false, false, err
	}
	for {
		typ, data, err := c.read()
		if err != nil {
			return false, true, err
		}
		r := ssh1Reader{b: data}
		if typ != ssh1CmsgAuthRSAResponse {
			if err := c.common(typ, &r); err != nil {
				return false, true, err
			}
			continue
		}
		resp := r.bytes(16)
		if err := r.done(); err != nil {
			return false, true, err
		}
		want := md5.Sum(append(challenge, c.sessionID...))
		ok = subtle.ConstantTimeCompare(resp, want[:]) == 1
		c.keyChecked(ok, level)
		return ok, true, nil
	}
}

// ssh1Encrypt is RSA with PKCS#1 v1.5 type 2 padding, for keys of any
// size the device accepts.
func ssh1Encrypt(pub *rsa.PublicKey, msg []byte) ([]byte, error) {
	if pub.N.BitLen() >= 1024 {
		return rsa.EncryptPKCS1v15(rand.Reader, pub, msg)
	}
	k := (pub.N.BitLen() + 7) / 8
	if len(msg) > k-11 {
		return nil, errRSA
	}
	em := make([]byte, k)
	em[1] = 2
	ps := em[2 : k-len(msg)-1]
	rand.Read(ps)
	for i := range ps {
		for ps[i] == 0 {
			rand.Read(ps[i : i+1])
		}
	}
	copy(em[k-len(msg):], msg)
	m := new(big.Int).SetBytes(em)
	return new(big.Int).Exp(m, big.NewInt(int64(pub.E)), pub.N).FillBytes(make([]byte, k)), nil
}

// errRSA is a session key that does not decrypt.
var errRSA = errors.New("rsa decryption error")

// ssh1Decrypt is RSA with PKCS#1 v1.5 type 2 padding. crypto/rsa refuses
// moduli under 1024 bits, which the device's keys may have; those are
// decrypted here.
func ssh1Decrypt(key *rsa.PrivateKey, c *big.Int) ([]byte, error) {
	k := (key.N.BitLen() + 7) / 8
	if c.Sign() <= 0 || c.Cmp(key.N) >= 0 {
		return nil, errRSA
	}
	if key.N.BitLen() >= 1024 {
		return rsa.DecryptPKCS1v15(nil, key, c.FillBytes(make([]byte, k)))
	}
	em := new(big.Int).Exp(c, key.D, key.N).FillBytes(make([]byte, k))
	if em[0] != 0 || em[1] != 2 {
		return nil, errRSA
	}
	i := bytes.IndexByte(em[2:], 0)
	if i < 8 {
		return nil, errRSA
	}
	return em[2+i+1:], nil
}

// authenticate takes the user name and checks passwords and RSA keys;
// retries failed attempts end the connection.
func (c *ssh1Conn) authenticate(retries int) error {
	failures := 0
	// fail answers a failed attempt, or disconnects after the last one.
	fail := func() error {
		failures++
		if failures >= retries {
			c.authRetriesExceeded()
			return c.disconnect("Too many authentication failures for " + c.user)
		}
		return c.send(ssh1SmsgFailure, nil)
	}
	for {
		typ, data, err := c.read()
		if err != nil {
			return err
		}
		r := ssh1Reader{b: data}
		switch typ {
		case ssh1CmsgUser:
			name := r.string()
			if err := r.done(); err != nil {
				return err
			}
			if c.user != "" {
				return c.protocolError(typ)
			}
			c.user = name
			c.log = c.log.With("user", name)
			// Every user needs a password.
			if err := c.send(ssh1SmsgFailure, nil); err != nil {
				return err
			}
		case ssh1CmsgAuthPassword:
			pw := r.string()
			if err := r.done(); err != nil {
				return err
			}
			if c.user == "" {
				return c.protocolError(typ)
			}
			// PuTTY pads the password with a NUL and random bytes.
			if i := bytes.IndexByte([]byte(pw), 0); i >= 0 {
				pw = pw[:i]
			}
			if c.checkPassword(pw) {
				return c.send(ssh1SmsgSuccess, nil)
			}
			if err := fail(); err != nil {
				return err
			}
		case ssh1CmsgAuthRSA:
			n := r.mpint()
			if err := r.done(); err != nil {
				return err
			}
			if c.user == "" {
				return c.protocolError(typ)
			}
			ok, tried, err := c.authRSA(n)
			switch {
			case err != nil:
				return err
			case ok:
				return c.send(ssh1SmsgSuccess, nil)
			case tried:
				// A wrong answer to the challenge counts; a key the
				// user does not have is only refused.
				if err := fail(); err != nil {
					return err
				}
			default:
				if err := c.send(ssh1SmsgFailure, nil); err != nil {
					return err
				}
			}
		case ssh1CmsgAuthRhosts, ssh1CmsgAuthRhostsRSA, ssh1CmsgAuthTIS,
			ssh1CmsgAuthKerberos, ssh1CmsgHaveKerberosTGT:
			// Methods the device does not offer.
			if c.user == "" {
				return c.protocolError(typ)
			}
			if err := c.send(ssh1SmsgFailure, nil); err != nil {
				return err
			}
		default:
			if err := c.common(typ, &r); err != nil {
				return err
			}
		}
	}
}

// session runs the preparatory phase, then the interactive session.
func (c *ssh1Conn) session() error {
	for {
		typ, data, err := c.read()
		if err != nil {
			return err
		}
		r := ssh1Reader{b: data}
		switch typ {
		case ssh1CmsgRequestPty:
			term := r.string()
			rows, cols := r.uint32(), r.uint32()
			r.uint32() // x pixels
			r.uint32() // y pixels
			r.b = nil  // terminal modes: not needed
			if r.err != nil {
				return r.err
			}
			c.term = term
			c.width.Store(int32(min(cols, 1<<16)))
			c.height.Store(int32(min(rows, 1<<16)))
			if err := c.send(ssh1SmsgSuccess, nil); err != nil {
				return err
			}
		case ssh1CmsgWindowSize:
			if err := c.windowSize(&r); err != nil {
				return err
			}
		case ssh1CmsgMaxPacketSize:
			r.uint32()
			if err := r.done(); err != nil {
				return err
			}
			if err := c.send(ssh1SmsgSuccess, nil); err != nil {
				return err
			}
		case ssh1CmsgRequestCompression, ssh1CmsgX11RequestFwd, ssh1CmsgPortForwardRequest, ssh1CmsgAgentRequestFwd:
			if err := c.send(ssh1SmsgFailure, nil); err != nil {
				return err
			}
		case ssh1CmsgExecShell:
			if err := r.done(); err != nil {
				return err
			}
			return c.interact("")
		case ssh1CmsgExecCmd:
			cmd := r.string()
			if err := r.done(); err != nil {
				return err
			}
			return c.interact(cmd)
		default:
			if err := c.common(typ, &r); err != nil {
				return err
			}
		}
	}
}

func (c *ssh1Conn) windowSize(r *ssh1Reader) error {
	rows, cols := r.uint32(), r.uint32()
	r.uint32()
	r.uint32()
	if err := r.done(); err != nil {
		return err
	}
	c.width.Store(int32(min(cols, 1<<16)))
	c.height.Store(int32(min(rows, 1<<16)))
	return nil
}

// common handles the messages allowed at any time; anything else ends the
// connection.
func (c *ssh1Conn) common(typ byte, r *ssh1Reader) error {
	switch typ {
	case ssh1MsgIgnore, ssh1MsgDebug:
		r.string()
		return r.done()
	case ssh1MsgDisconnect:
		reason := r.string()
		c.log.Info("client disconnected", "reason", reason)
		return errSSH1Closed
	}
	return c.protocolError(typ)
}

// interact takes a VTY line and runs the Handler on the session (stage
// 5) while reading the client's data.
func (c *ssh1Conn) interact(command string) error {
	srv, dev := c.srv, c.srv.Device
	remote := c.nc.RemoteAddr()
	line, release, err := c.startLine()
	if err != nil {
		c.log.Info("session refused", "stage", "session", "reason", err)
		return c.disconnect("Sorry, the number of users has reached the upper limit.")
	}
	stream := &ssh1Stream{c: c, in: make(chan []byte, 16), inDone: make(chan struct{}), closed: make(chan struct{})}
	sess := &Session{
		User: c.user, Level: c.level, Remote: remote, Line: line, Command: command, Term: c.term,
		Version: ssh1Version, Cipher: c.cipher, RW: stream,
		Window: func() (int, int) { return int(c.width.Load()), int(c.height.Load()) },
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	handlerDone := make(chan struct{})
	go func() {
		defer close(handlerDone)
		defer release()
		host := hostOf(remote.String())
		dev.Log("SSH", 4, "LOGIN", fmt.Sprintf("STEL user %s (IP:%s) login succeeded!", c.user, host))
		c.log.Info("session started", "stage", "interaction", "line", line, "exec", command != "")
		code := srv.Handler(ctx, sess)
		stream.CloseWithStatus(code)
		dev.Log("SSH", 4, "LOGOUT", fmt.Sprintf("STEL user %s (IP:%s) logout because :SSH Client close the connection", c.user, host))
		c.log.Info("session ended", "stage", "interaction", "line", line, "status", code)
	}()
	err = c.readSession(stream)
	// The client is gone or confirmed the exit: the handler's reads end,
	// and so do its writes once the connection is closed.
	stream.closeInput()
	cancel()
	if !errors.Is(err, errSSH1Exit) {
		c.nc.Close()
	}
	<-handlerDone
	if errors.Is(err, errSSH1Exit) {
		return nil
	}
	return err
}

// errSSH1Exit ends a session whose exit status the client confirmed.
var errSSH1Exit = errors.New("sshd: ssh1: exit confirmed")

// readSession reads the client's messages during the interactive session.
func (c *ssh1Conn) readSession(stream *ssh1Stream) error {
	for {
		typ, data, err := c.read()
		if err != nil {
			return err
		}
		r := ssh1Reader{b: data}
		switch typ {
		case ssh1CmsgStdinData:
			d := r.string()
			if err := r.done(); err != nil {
				return err
			}
			stream.push([]byte(d))
		case ssh1CmsgEOF:
			if err := r.done(); err != nil {
				return err
			}
			stream.closeInput()
		case ssh1CmsgWindowSize:
			if err := c.windowSize(&r); err != nil {
				return err
			}
		case ssh1CmsgExitConfirmation:
			if err := r.done(); err != nil {
				return err
			}
			if !stream.exitSent.Load() {
				return c.protocolError(typ)
			}
			return errSSH1Exit
		default:
			if err := c.common(typ, &r); err != nil {
				return err
			}
		}
	}
}

// read reads the next packet.
func (c *ssh1Conn) read() (byte, []byte, error) {
	typ, data, err := ssh1ReadPacket(c.r, c.in)
	if errors.Is(err, io.EOF) {
		return 0, nil, errSSH1Closed
	}
	switch {
	case errors.Is(err, errSSH1CRC):
		c.send(ssh1MsgDisconnect, ssh1Builder(nil).string([]byte("Corrupted check bytes on input.")))
	case errors.Is(err, errSSH1Packet):
		c.send(ssh1MsgDisconnect, ssh1Builder(nil).string([]byte("Bad packet length.")))
	}
	return typ, data, err
}

// send writes one packet.
func (c *ssh1Conn) send(typ byte, data []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, err := c.nc.Write(ssh1EncodePacket(typ, data, c.out))
	return err
}

// disconnect sends MSG_DISCONNECT with reason and ends the connection.
func (c *ssh1Conn) disconnect(reason string) error {
	c.send(ssh1MsgDisconnect, ssh1Builder(nil).string([]byte(reason)))
	return errors.New(reason)
}

// protocolError ends the connection on a message that is not allowed now.
func (c *ssh1Conn) protocolError(typ byte) error {
	return c.disconnect(fmt.Sprintf("Protocol error: unexpected message type %d", typ))
}

// ssh1Stream is the session's data stream: STDIN_DATA in, STDOUT_DATA
// out. Closing it sends the exit status.
type ssh1Stream struct {
	c *ssh1Conn

	in       chan []byte   // STDIN_DATA from the read loop
	inDone   chan struct{} // closed at the client's EOF or the connection's end
	inOnce   sync.Once
	rmu      sync.Mutex // guards pending
	pending  []byte
	closed   chan struct{} // closed once the exit status is sent
	once     sync.Once
	exitSent atomic.Bool
}

// push hands client data to the handler, waiting while it has too much
// unread (TCP then slows the client down).
func (s *ssh1Stream) push(p []byte) {
	select {
	case <-s.inDone:
	case <-s.closed:
	case s.in <- p:
	}
}

func (s *ssh1Stream) closeInput() { s.inOnce.Do(func() { close(s.inDone) }) }

func (s *ssh1Stream) Read(p []byte) (int, error) {
	s.rmu.Lock()
	defer s.rmu.Unlock()
	if len(s.pending) == 0 {
		select {
		case s.pending = <-s.in:
		case <-s.closed:
			return 0, io.EOF
		case <-s.inDone:
			select {
			case s.pending = <-s.in:
			default:
				return 0, io.EOF
			}
		}
	}
	n := copy(p, s.pending)
	s.pending = s.pending[n:]
	return n, nil
}

func (s *ssh1Stream) Write(p []byte) (int, error) {
	select {
	case <-s.closed:
		return 0, io.ErrClosedPipe
	default:
	}
	n := 0
	for len(p) > 0 {
		chunk := p[:min(len(p), ssh1MaxData)]
		if err := s.c.send(ssh1SmsgStdoutData, ssh1Builder(nil).string(chunk)); err != nil {
			return n, err
		}
		n += len(chunk)
		p = p[len(chunk):]
	}
	return n, nil
}

func (s *ssh1Stream) Close() error { return s.CloseWithStatus(0) }

// CloseWithStatus sends the exit status, once, and gives the client
// ssh1CloseGrace to confirm it.
func (s *ssh1Stream) CloseWithStatus(code int) error {
	var err error
	s.once.Do(func() {
		s.exitSent.Store(true)
		err = s.c.send(ssh1SmsgExitStatus, ssh1Builder(nil).uint32(uint32(code)))
		s.c.nc.SetReadDeadline(time.Now().Add(ssh1CloseGrace))
		close(s.closed)
	})
	return err
}
