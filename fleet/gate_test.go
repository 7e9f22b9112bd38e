package fleet

import (
	"context"
	"errors"
	"net"
	"syscall"
	"testing"
)

// TestGate: while down the port refuses connections and Accept waits;
// up opens the same address again; Close ends a waiting Accept.
func TestGate(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g := newGate(ln)
	type result struct {
		c   net.Conn
		err error
	}
	accepted := make(chan result)
	accept := func() {
		c, err := g.Accept()
		accepted <- result{c, err}
	}
	go accept()
	c, err := net.Dial("tcp", g.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if r := <-accepted; r.err != nil {
		t.Fatalf("accept while up: %v", r.err)
	} else {
		r.c.Close()
	}

	g.down()
	go accept()
	if _, err := net.Dial("tcp", g.Addr().String()); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial while down: %v, want connection refused", err)
	}
	if err := g.up(context.Background()); err != nil {
		t.Fatal(err)
	}
	c, err = net.Dial("tcp", g.Addr().String())
	if err != nil {
		t.Fatalf("dial after up: %v", err)
	}
	c.Close()
	if r := <-accepted; r.err != nil {
		t.Fatalf("accept after up: %v", r.err)
	} else {
		r.c.Close()
	}

	g.down()
	go accept()
	g.Close()
	if r := <-accepted; !errors.Is(r.err, net.ErrClosed) {
		t.Fatalf("accept after Close: %v", r.err)
	}
	if err := g.up(context.Background()); err != nil {
		t.Fatalf("up after Close: %v", err)
	}
}
