package fleet

import (
	"context"
	"fmt"
	"net"

	"switchemu/cli"
	"switchemu/telnetd"
)

// telnetPort is a device's telnet server: its address is taken at start,
// and the port is open only while telnet server enable is configured and
// the device is up; otherwise a client gets "connection refused", as from
// a switch whose telnet server is off. It follows the device through its
// change hook, not by polling.
type telnetPort struct {
	gate *gate
	srv  *telnetd.Server // nil until the device is made
	open bool            // guarded by Member.telnetMu
}

// openTelnetAddr takes the device's telnet address at start and closes
// the port until the device's configuration opens it.
func (m *Member) openTelnetAddr() error {
	if m.Spec.Telnet == "" {
		return nil
	}
	ln, err := net.Listen("tcp", m.Spec.Telnet)
	if err != nil {
		return fmt.Errorf("fleet: device %s: telnet: listen: %w", m.Spec.Name, err)
	}
	m.telnet = &telnetPort{gate: newGate(ln), open: true}
	return nil
}

// TelnetAddr is the device's telnet address, nil without one.
func (m *Member) TelnetAddr() net.Addr {
	if m.telnet == nil {
		return nil
	}
	return m.telnet.gate.Addr()
}

// syncTelnet opens or closes the telnet port as the device's state says.
// It runs after every change of the device, and when a reboot starts and
// ends.
func (m *Member) syncTelnet() {
	tp := m.telnet
	if tp == nil {
		return
	}
	dev := m.ready.Load()
	want := dev != nil && dev.TelnetEnabled() && !dev.Rebooting()
	m.telnetMu.Lock()
	defer m.telnetMu.Unlock()
	if dev != nil && tp.srv == nil {
		tp.srv = &telnetd.Server{Device: dev, Handler: m.telnetHandler(), Logger: m.f.log.With("device", m.Spec.Name), OnEvent: m.telnetEvent}
		srv := tp.srv
		m.f.goroutine(func(ctx context.Context) {
			srv.ServeContext(ctx, tp.gate)
		})
	}
	switch {
	case want && !tp.open:
		if err := tp.gate.up(m.f.ctx); err != nil {
			m.f.log.Error("telnet port cannot open", "device", m.Spec.Name, "err", err)
			return
		}
		tp.open = true
	case !want && tp.open:
		tp.gate.down()
		tp.open = false
		// A reboot ends the sessions, and then the connections still in
		// the login dialog (rebooter.reboot): their last output must go
		// out first.
	}
}

// disconnectTelnet closes every telnet connection (a reboot's end).
func (m *Member) disconnectTelnet() {
	m.telnetMu.Lock()
	defer m.telnetMu.Unlock()
	if m.telnet != nil && m.telnet.srv != nil {
		m.telnet.srv.DisconnectAll()
	}
}

// closeTelnet closes the telnet port for good.
func (m *Member) closeTelnet() {
	if m.telnet != nil {
		m.telnet.gate.Close()
	}
}

// telnetHandler runs the command line on a telnet session; like an SSH
// session, it detaches onto the command line's goroutine.
func (m *Member) telnetHandler() telnetd.Handler {
	return func(ctx context.Context, s *telnetd.Session) int {
		var over undo // the session's bookkeeping, undone when it ends
		detached := false
		defer func() {
			if !detached {
				over.run()
			}
		}()
		ctx, cancel, done, ok := m.reboots.session(ctx)
		over.add(done)
		if !ok {
			s.RW.Close()
			return 1
		}
		host, _, err := net.SplitHostPort(s.Remote.String())
		if err != nil {
			host = s.Remote.String()
		}
		info := cli.SessionInfo{User: s.User, Level: s.Level, Remote: host, Line: s.Line, BannerShown: s.BannerShown}
		ctx, end := m.watchSession(ctx, cancel, "telnet", info)
		over.add(end)
		win := func() cli.Window {
			w, h := s.Window()
			return cli.Window{Width: w, Height: h}
		}
		m.startShell(ctx, s.RW, win, "telnet", info, &over, s.Detach())
		detached = true
		return 0
	}
}
