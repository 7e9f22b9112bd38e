package telnetd

import (
	"net"
	"sync"
	"time"
)

// writeTimeout bounds one write to a client: a client that stops reading
// loses its session instead of holding the command line forever.
const writeTimeout = 60 * time.Second

// conn is one telnet connection as a data stream: Read returns what the
// user typed with the telnet commands answered and removed, Write sends
// text with IAC escaped. Read is for one goroutine at a time; Write and
// the negotiation answers Read sends are serialized.
type conn struct {
	nc net.Conn

	p       parser
	rbuf    []byte // decoded data not returned yet
	raw     []byte
	readErr error // returned once rbuf is empty

	wmu  sync.Mutex // serializes writes on nc
	wbuf []byte

	nmu sync.Mutex // guards neg
	neg negotiator

	closeOnce sync.Once
}

func newConn(nc net.Conn) *conn {
	return &conn{nc: nc, raw: make([]byte, 4096)}
}

// Read returns decoded data. It never returns 0 bytes with a nil error.
func (c *conn) Read(b []byte) (int, error) {
	for len(c.rbuf) == 0 {
		if c.readErr != nil {
			return 0, c.readErr
		}
		n, err := c.nc.Read(c.raw)
		if n > 0 {
			c.rbuf = c.p.feed(c.raw[:n], c.rbuf[:0], c.command)
		}
		if err != nil {
			c.readErr = err
		}
	}
	n := copy(b, c.rbuf)
	c.rbuf = c.rbuf[n:]
	return n, nil
}

// readByte returns the next data byte.
func (c *conn) readByte() (byte, error) {
	var b [1]byte
	if _, err := c.Read(b[:]); err != nil {
		return 0, err
	}
	return b[0], nil
}

// command answers one telnet command from the client.
func (c *conn) command(cmd command) {
	c.nmu.Lock()
	reply := c.neg.handle(cmd)
	c.nmu.Unlock()
	if len(reply) > 0 {
		c.writeRaw(reply)
	}
}

// negotiate sends the server's opening requests.
func (c *conn) negotiate() error {
	c.nmu.Lock()
	req := c.neg.start()
	c.nmu.Unlock()
	return c.writeRaw(req)
}

// Write sends text, IAC doubled and a bare CR as CR NUL.
func (c *conn) Write(p []byte) (int, error) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.wbuf = escape(c.wbuf[:0], p)
	c.nc.SetWriteDeadline(time.Now().Add(writeTimeout))
	if _, err := c.nc.Write(c.wbuf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// writeRaw sends bytes as they are (telnet commands).
func (c *conn) writeRaw(p []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.nc.SetWriteDeadline(time.Now().Add(writeTimeout))
	_, err := c.nc.Write(p)
	return err
}

// Close closes the connection; it is safe to call more than once.
func (c *conn) Close() error {
	var err error
	c.closeOnce.Do(func() { err = c.nc.Close() })
	return err
}

// window returns the size from NAWS, 80×24 until the client sends one.
func (c *conn) window() (int, int) {
	c.nmu.Lock()
	defer c.nmu.Unlock()
	w, h := c.neg.width, c.neg.height
	if w == 0 {
		w = 80
	}
	if h == 0 {
		h = 24
	}
	return w, h
}

// term returns the terminal type the client gave, "" if none.
func (c *conn) term() string {
	c.nmu.Lock()
	defer c.nmu.Unlock()
	return c.neg.term
}
