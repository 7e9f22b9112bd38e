package sshd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// maxIdentLine is the longest identification line RFC 4253 §4.2 allows,
// CR LF included.
const maxIdentLine = 255

// maxPreambleLines is how many lines that do not start with "SSH-" a
// client may send before its identification (RFC 4253 allows them from
// the server; x/crypto accepts them from clients too).
const maxPreambleLines = 10

// Protocol is the SSH protocol a client asked for.
type Protocol int

// Client protocols after version negotiation.
const (
	ProtoInvalid Protocol = iota
	ProtoSSH2             // 2.0, or 1.99
	ProtoSSH1             // 1.3 to 1.5
)

// Ident is a parsed identification line.
type Ident struct {
	Line     string // without CR LF
	Major    int
	Minor    int
	Software string
}

// ErrBadIdent is returned for a client identification the server refuses.
var ErrBadIdent = errors.New("sshd: bad client identification")

// ParseIdent parses "SSH-protoversion-softwareversion [comments]".
func ParseIdent(line string) (Ident, error) {
	id := Ident{Line: line}
	rest, ok := strings.CutPrefix(line, "SSH-")
	if !ok {
		return id, fmt.Errorf("%w: %q", ErrBadIdent, line)
	}
	ver, sw, ok := strings.Cut(rest, "-")
	if !ok || sw == "" {
		return id, fmt.Errorf("%w: %q", ErrBadIdent, line)
	}
	if _, err := fmt.Sscanf(ver, "%d.%d", &id.Major, &id.Minor); err != nil || fmt.Sprintf("%d.%d", id.Major, id.Minor) != ver {
		return id, fmt.Errorf("%w: version %q", ErrBadIdent, ver)
	}
	for _, r := range line {
		if r < 0x20 || r > 0x7e {
			return id, fmt.Errorf("%w: control character", ErrBadIdent)
		}
	}
	id.Software = sw
	return id, nil
}

// Protocol says which protocol the identification asks for.
func (id Ident) Protocol() Protocol {
	switch {
	case id.Major == 2 && id.Minor == 0, id.Major == 1 && id.Minor == 99:
		return ProtoSSH2
	case id.Major == 1 && id.Minor >= 3 && id.Minor <= 5:
		return ProtoSSH1
	}
	return ProtoInvalid
}

// negotiate runs stage 1 on nc: it sends serverLine, reads the client's
// identification within timeout, and returns it with a connection that
// replays what was read for the SSH library and swallows the library's own
// identification write (already on the wire).
func negotiate(nc net.Conn, serverLine string, timeout time.Duration) (Ident, *prefaceConn, error) {
	if _, err := nc.Write([]byte(serverLine + "\r\n")); err != nil {
		return Ident{}, nil, fmt.Errorf("sshd: send identification: %w", err)
	}
	if err := nc.SetReadDeadline(time.Now().Add(timeout)); err != nil {
		return Ident{}, nil, fmt.Errorf("sshd: %w", err)
	}
	br := bufio.NewReaderSize(nc, 4096)
	var consumed []byte
	var line []byte
	for i := 0; ; i++ {
		l, err := readLine(br)
		if err != nil {
			return Ident{}, nil, err
		}
		consumed = append(consumed, l...)
		if bytes.HasPrefix(l, []byte("SSH-")) {
			line = l
			break
		}
		if i >= maxPreambleLines {
			return Ident{}, nil, fmt.Errorf("%w: no identification in %d lines", ErrBadIdent, i+1)
		}
	}
	if err := nc.SetReadDeadline(time.Time{}); err != nil {
		return Ident{}, nil, fmt.Errorf("sshd: %w", err)
	}
	id, err := ParseIdent(strings.TrimRight(string(line), "\r\n"))
	if err != nil {
		return id, nil, err
	}
	replay := consumed
	if n := br.Buffered(); n > 0 {
		extra, _ := br.Peek(n) // cannot fail: n bytes are buffered
		replay = append(replay, extra...)
	}
	return id, &prefaceConn{Conn: nc, replay: replay, swallow: []byte(serverLine + "\r\n")}, nil
}

// readLine reads one line ending in LF, of at most maxIdentLine bytes.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		b, err := br.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("sshd: read identification: %w", err)
		}
		line = append(line, b)
		if b == '\n' {
			return line, nil
		}
		if len(line) >= maxIdentLine {
			return nil, fmt.Errorf("%w: line longer than %d bytes", ErrBadIdent, maxIdentLine)
		}
	}
}

// prefaceConn hands the SSH library a connection as if version exchange
// had not happened: reads first return the bytes negotiate consumed, and
// the library's write of the server identification is dropped.
type prefaceConn struct {
	net.Conn
	mu      sync.Mutex
	replay  []byte
	swallow []byte
}

func (c *prefaceConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	if len(c.replay) > 0 {
		n := copy(p, c.replay)
		c.replay = c.replay[n:]
		if len(c.replay) == 0 {
			c.replay = nil // the read buffer behind it goes
		}
		c.mu.Unlock()
		return n, nil
	}
	c.mu.Unlock()
	return c.Conn.Read(p)
}

func (c *prefaceConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	want := c.swallow
	c.swallow = nil
	c.mu.Unlock()
	if want != nil {
		if bytes.Equal(p, want) {
			return len(p), nil
		}
		return 0, errors.New("sshd: unexpected identification write")
	}
	return c.Conn.Write(p)
}
