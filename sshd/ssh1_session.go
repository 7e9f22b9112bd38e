package sshd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// The SSH-1 session: preparation (pty, window size), the shell or
// command on the Handler, and the data stream it reads and writes.

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
	srv := c.srv
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
	go srv.handle(ctx, sess, c.log, func() {
		release()
		close(handlerDone)
	})
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
			if handled, err := c.refuseChannel(typ, &r); handled {
				if err != nil {
					return err
				}
				continue
			}
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
