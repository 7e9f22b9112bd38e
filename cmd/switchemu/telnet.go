package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"switchemu/cli"
	"switchemu/device"
	"switchemu/telnetd"
)

// telnetPoll is how often the telnet port looks at telnet server enable
// and the reboot state.
const telnetPoll = 100 * time.Millisecond

// serveTelnet serves the device's telnet server on addr until ctx ends.
// The port is open only while telnet server enable is configured and the
// device is up: otherwise a client gets "connection refused", as from a
// switch whose telnet server is off. Sessions run the same command line
// as SSH; a reboot ends them with the SSH sessions (through reboots).
//
// It prints the address it took on stdout ("switchemu: telnet on ADDR").
func serveTelnet(ctx context.Context, addr string, dev *device.Device, shell *cli.Shell, reboots *rebooter, logger *slog.Logger, stdout io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("telnet: listen: %w", err)
	}
	fmt.Fprintf(stdout, "switchemu: telnet on %s (open while telnet server enable is configured)\n", ln.Addr())
	port := newGate(ln)
	up := true
	if !dev.TelnetEnabled() || dev.Rebooting() {
		port.down()
		up = false
	}
	srv := &telnetd.Server{Device: dev, Handler: telnetHandler(shell, reboots), Logger: logger}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	watch := make(chan error, 1)
	go func() {
		t := time.NewTicker(telnetPoll)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				watch <- nil
				return
			case <-t.C:
			}
			rebooting := dev.Rebooting()
			want := dev.TelnetEnabled() && !rebooting
			switch {
			case want && !up:
				if err := port.up(ctx); err != nil {
					watch <- fmt.Errorf("telnet: %w", err)
					cancel()
					return
				}
				up = true
			case !want && up:
				port.down()
				up = false
				if rebooting {
					// Connections still in the login dialog end with
					// the boot, like SSH ones.
					srv.DisconnectAll()
				}
			}
		}
	}()
	err = srv.ServeContext(ctx, port)
	cancel()
	if werr := <-watch; werr != nil {
		return werr
	}
	return err
}

// telnetHandler runs the command line on a telnet session.
func telnetHandler(shell *cli.Shell, reboots *rebooter) telnetd.Handler {
	return func(ctx context.Context, s *telnetd.Session) int {
		ctx, done, ok := reboots.session(ctx)
		defer done()
		if !ok {
			s.RW.Close()
			return 1
		}
		host, _, err := net.SplitHostPort(s.Remote.String())
		if err != nil {
			host = s.Remote.String()
		}
		info := cli.SessionInfo{User: s.User, Level: s.Level, Remote: host, Line: s.Line, BannerShown: s.BannerShown}
		win := func() cli.Window {
			w, h := s.Window()
			return cli.Window{Width: w, Height: h}
		}
		if err := shell.Run(ctx, s.RW, win, info); err != nil {
			return 1
		}
		return 0
	}
}
