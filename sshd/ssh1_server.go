package sshd

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
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
	cfg := dev.View()
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
