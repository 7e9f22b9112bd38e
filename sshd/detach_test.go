package sshd

import (
	"context"
	"errors"
	"fmt"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestDetachedSession: a Handler that detaches returns at once, and the
// session goes on until finish: its output arrives after the Handler has
// returned, its exit status is finish's, not the Handler's, and a second
// finish does nothing.
func TestDetachedSession(t *testing.T) {
	returned := make(chan struct{})
	served := make(chan struct{})
	_, addr := loopServer(t, testDevice(t), "", func(srv *Server) {
		srv.Handler = func(ctx context.Context, s *Session) int {
			finish := s.Detach()
			go func() {
				defer close(served)
				<-returned
				fmt.Fprintf(s.RW, "after the handler: %s\r\n", s.Command)
				finish(5)
				finish(6)
			}()
			defer close(returned)
			return 0
		}
	})
	s, err := lbDial(t, addr, clientConfig("admin", "admin")).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.Output("display clock")
	var ee *gossh.ExitError
	if !errors.As(err, &ee) || ee.ExitStatus() != 5 {
		t.Errorf("exit: %v; want status 5, from finish", err)
	}
	if want := "after the handler: display clock\r\n"; string(out) != want {
		t.Errorf("output %q; want %q", out, want)
	}
	<-served
}

// packetChannel records the size of each write it is given.
type packetChannel struct {
	gossh.Channel
	writes []int
}

func (c *packetChannel) Write(p []byte) (int, error) {
	c.writes = append(c.writes, len(p))
	return len(p), nil
}

// TestCommandLinePackets: the command line's output goes out in packets
// of at most cliPacket bytes (x/crypto keeps the largest for the
// channel's life); a file transfer's stream keeps x/crypto's size.
func TestCommandLinePackets(t *testing.T) {
	for _, c := range []struct {
		chunk int
		size  int
		want  []int
	}{
		{cliPacket, 10000, []int{4096, 4096, 1808}},
		{cliPacket, 4096, []int{4096}},
		{cliPacket, 10, []int{10}},
		{0, 10000, []int{10000}},
	} {
		ch := &packetChannel{}
		s := &channelStream{ch: ch, chunk: c.chunk}
		n, err := s.Write(make([]byte, c.size))
		if n != c.size || err != nil || fmt.Sprint(ch.writes) != fmt.Sprint(c.want) {
			t.Errorf("chunk %d, write of %d: wrote %d (%v) as %v; want %v", c.chunk, c.size, n, err, ch.writes, c.want)
		}
	}
}
