package cli

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// TestStartPanic: a panic outside any command (here in the terminal
// size the editor asks for) ends the session with the device's generic
// error line and a *PanicError for the caller.
func TestStartPanic(t *testing.T) {
	sh := New(testDevice(t), nil)
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ended := make(chan error, 1)
	win := func() Window { panic("terminal gone") }
	sh.Start(context.Background(), rw{inR, outW}, win, SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.9", Line: -1},
		func(err error) {
			outW.Close()
			ended <- err
		})
	out := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(bufio.NewReader(outR))
		out <- string(b)
	}()
	// The editor asks for the width as it starts a line: the panic
	// comes before any input is read, and the input's end lets the
	// session's reader go (rw is no io.Closer).
	inW.Close()
	var err error
	select {
	case err = <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("the session did not end after the panic")
	}
	var p *PanicError
	if !errors.As(err, &p) || p.Value != "terminal gone" || len(p.Stack) == 0 {
		t.Fatalf("end got %v; want a *PanicError with the value and a stack", err)
	}
	if got := <-out; !strings.Contains(got, MsgCommandFailed) {
		t.Errorf("output after the panic: %q; want the device's generic error line", got)
	}
}
