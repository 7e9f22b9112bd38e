package fleet

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"switchemu/cli"
	"switchemu/device"
)

// The operations of the control API (fleet/api serves them over HTTP,
// fleet/fleettest without): what a test or a trainer does to a device
// from outside its command line.

// Errors of the operations. Callers test them with errors.Is.
var (
	// ErrRebooting: the device is down for a reboot; try again when it
	// is back.
	ErrRebooting = errors.New("the device is rebooting")
	// ErrNoSavedConfig: the device has no next startup file.
	ErrNoSavedConfig = errors.New("the device has no saved configuration")
	// ErrNoSession: nobody is logged in on the VTY line.
	ErrNoSession = errors.New("no session on that VTY line")
	// ErrNoInterface: the device has no such physical port.
	ErrNoInterface = errors.New("no such physical interface")
	// ErrRefused: a configuration was refused as a whole (ConfigError
	// says why); the device is as it was.
	ErrRefused = errors.New("configuration refused")
)

// ConfigError is a configuration refused as a whole.
type ConfigError struct {
	Reason  string
	Refused []RefusedLine // every line was refused
}

// RefusedLine is a configuration line that did not apply.
type RefusedLine struct {
	Line  int    `json:"line"`  // 1-based line number in the text
	Text  string `json:"text"`  // the line as written
	Error string `json:"error"` // what the device said
}

func refusedLines(errs []cli.ReplayError) []RefusedLine {
	out := make([]RefusedLine, 0, len(errs))
	for _, e := range errs {
		out = append(out, RefusedLine{Line: e.Line, Text: e.Text, Error: e.Err})
	}
	return out
}

func (e *ConfigError) Error() string { return "configuration refused: " + e.Reason }

// Is makes errors.Is(err, ErrRefused) true.
func (e *ConfigError) Is(target error) bool { return target == ErrRefused }

// DeviceInfo is what the fleet shows of a device without making it.
type DeviceInfo struct {
	Name     string     `json:"name"`
	Profile  string     `json:"profile"`
	Model    string     `json:"model"`
	Address  string     `json:"address"`
	Telnet   string     `json:"telnet,omitempty"`
	State    string     `json:"state"` // up, rebooting, down (could not start)
	Booted   bool       `json:"booted"`
	Sessions int        `json:"sessions"`
	Uptime   float64    `json:"uptime_seconds"`
	Lines    []LineInfo `json:"lines,omitzero"`
}

// LineInfo is a VTY line in use.
type LineInfo struct {
	Line     int       `json:"line"`
	User     string    `json:"user"`
	Address  string    `json:"address"`
	Protocol string    `json:"protocol"` // ssh, telnet
	Level    int       `json:"level"`
	Since    time.Time `json:"since"`
}

// Info describes the device; with lines, the VTY lines in use too. It
// never makes a device that nobody has used.
func (m *Member) Info(lines bool) DeviceInfo {
	di := DeviceInfo{Name: m.Spec.Name, Profile: m.base.Name, Model: m.base.Model, State: "up", Uptime: m.Uptime().Seconds()}
	if m.gate != nil {
		di.Address = m.gate.Addr().String()
	} else {
		di.Address = m.Spec.Listen
	}
	if a := m.TelnetAddr(); a != nil {
		di.Telnet = a.String()
	}
	m.mu.Lock()
	failed := m.err != nil
	m.mu.Unlock()
	if failed {
		di.State = "down"
	}
	if lines {
		di.Lines = []LineInfo{}
	}
	dev := m.ready.Load()
	if dev == nil {
		return di
	}
	di.Booted = true
	if dev.Rebooting() {
		di.State = "rebooting"
	}
	ls := dev.Logins()
	di.Sessions = len(ls)
	if lines {
		for _, l := range ls {
			li := LineInfo{Line: l.Line, User: l.User, Protocol: protocolName(l.Protocol), Level: l.Level, Since: l.Since}
			if l.Remote != nil {
				li.Address = l.Remote.String()
			}
			di.Lines = append(di.Lines, li)
		}
	}
	return di
}

// up makes the device if need be and reports ErrRebooting while it is
// down.
func (m *Member) up() (*device.Device, *cli.Shell, error) {
	if err := m.ensure(); err != nil {
		return nil, nil, err
	}
	if m.dev.Rebooting() {
		return nil, nil, ErrRebooting
	}
	return m.dev, m.shell, nil
}

// Config is the running configuration as display current-configuration
// prints it.
func (m *Member) Config() (string, error) {
	_, sh, err := m.up()
	if err != nil {
		return "", err
	}
	return sh.CurrentConfig(), nil
}

// SavedConfig is what display saved-configuration prints: the next
// startup file; ErrNoSavedConfig if there is none.
func (m *Member) SavedConfig() (string, error) {
	dev, _, err := m.up()
	if err != nil {
		return "", err
	}
	name := dev.NextStartup()
	if dev.Store() == nil || name == "" {
		return "", ErrNoSavedConfig
	}
	data, err := dev.Store().ReadFile(name)
	if err != nil {
		return "", ErrNoSavedConfig
	}
	return string(data), nil
}

// ConfigResult is what PutConfig did.
type ConfigResult struct {
	Mode    string        `json:"mode"`    // replace or merge
	Lines   int           `json:"lines"`   // command lines in the text
	Applied int           `json:"applied"` // of them, applied
	Refused []RefusedLine `json:"refused"` // the others, with the device's error
}

// MaxConfig is the largest configuration text PutConfig takes (the
// flash of a V5 box switch holds a few megabytes; a real configuration
// is tens of kilobytes).
const MaxConfig = 4 << 20

// PutConfig replaces the running configuration with text (Comware
// configuration, as a startup file or display current-configuration has
// it) or, with merge, applies text on top of it. The text is replayed
// through the command line on a scratch copy of the device (a fresh
// device for replace, as at boot from a startup file; a copy of the
// running configuration for merge), and the result is installed whole:
// sessions never see half of it, and nothing is applied when the text is
// refused as a whole. Lines that do not apply are skipped and reported
// with their numbers and the device's error, as at boot.
//
// Refused as a whole (a *ConfigError, errors.Is ErrRefused): text that is
// empty, not UTF-8 or has NUL bytes, larger than MaxConfig, where no
// command line applies, or whose result the device does not accept.
// ErrRebooting while the device is down. A change a session makes while
// the text replays is overwritten.
func (m *Member) PutConfig(text string, merge bool) (ConfigResult, error) {
	res := ConfigResult{Mode: "replace", Refused: []RefusedLine{}}
	if merge {
		res.Mode = "merge"
	}
	switch {
	case len(text) > MaxConfig:
		return res, &ConfigError{Reason: fmt.Sprintf("larger than %d bytes", MaxConfig)}
	case !utf8.ValidString(text) || strings.ContainsRune(text, 0):
		return res, &ConfigError{Reason: "not configuration text (not UTF-8, or NUL bytes)"}
	}
	res.Lines = commandLines(text)
	if res.Lines == 0 {
		return res, &ConfigError{Reason: "no command lines"}
	}
	dev, _, err := m.up()
	if err != nil {
		return res, err
	}
	scratch := device.New(dev.Profile(), device.Options{})
	if merge {
		if err := scratch.Install(dev.Snapshot()); err != nil {
			return res, err
		}
	}
	errs := cli.New(scratch, nil).Replay(text)
	res.Refused = refusedLines(errs)
	res.Applied = res.Lines - len(errs)
	if res.Applied <= 0 {
		return res, &ConfigError{Reason: "no line applied", Refused: res.Refused}
	}
	if dev.Rebooting() {
		return res, ErrRebooting
	}
	if err := dev.Install(scratch.Snapshot()); err != nil {
		return res, &ConfigError{Reason: err.Error()}
	}
	m.f.replayErrorCount(len(errs))
	return res, nil
}

// commandLines counts the lines Replay runs.
func commandLines(text string) int {
	n := 0
	for _, raw := range strings.Split(text, "\n") {
		line := strings.TrimRight(raw, "\r \t")
		t := strings.TrimSpace(line)
		switch {
		case t == "", t == "#", t == "version" || strings.HasPrefix(t, "version "):
			continue
		case t == "return" && !strings.HasPrefix(line, " "):
			return n
		}
		n++
	}
	return n
}

// apiUser is the user the control API's commands run as.
const apiUser = "api"

// Save saves the running configuration to the next startup file, as save
// force does, and returns the file's name.
func (m *Member) Save(ctx context.Context) (string, error) {
	dev, sh, err := m.up()
	if err != nil {
		return "", err
	}
	res := sh.RunCommands(ctx, []string{"save force"}, apiUser, "api")
	if !res[0].OK {
		return "", errors.New(res[0].Error)
	}
	return dev.NextStartup(), nil
}

// FactoryReset puts the device back as it left the factory: its
// sessions end, its startup files are removed, its log buffer is
// emptied and it runs its factory configuration (the inventory's
// identity and login), as a device made for the first time; a twin
// (--from-config) boots its real configuration again. Its host keys
// stay.
func (m *Member) FactoryReset() error {
	dev, _, err := m.up()
	if err != nil {
		return err
	}
	m.quiet.Store(true)
	m.reboots.endSessions()
	m.srv.DisconnectAll()
	if m.telnet != nil && m.telnet.srv != nil {
		m.telnet.srv.DisconnectAll()
	}
	err = dev.FactoryReset()
	if err == nil && m.twin != nil {
		// A twin leaves the factory with its real configuration as its
		// startup file, as when it was first made.
		err = dev.Store().WriteFile(dev.Profile().Files.Startup, []byte(m.twin.Startup))
	}
	if err == nil {
		err = m.boot()
	}
	m.quiet.Store(false)
	m.trackConfig(true)
	m.f.changed(m)
	if err != nil {
		return err
	}
	m.f.emit(Event{Type: EventBoot, Device: m.Spec.Name, Message: "factory reset"})
	return nil
}

// Reboot reboots the device as reboot does: sessions end, the port
// closes, and after the reboot delay it is back with its saved
// configuration.
func (m *Member) Reboot() error {
	dev, _, err := m.up()
	if err != nil {
		return err
	}
	if !dev.RequestReboot() {
		return ErrRebooting
	}
	return nil
}

// WaitUp returns when the device is up (made and not rebooting) or ctx
// ends.
func (m *Member) WaitUp(ctx context.Context) error {
	dev, err := m.Device()
	if err != nil {
		return err
	}
	if err := dev.WaitUp(ctx); err != nil {
		return err
	}
	// Booted runs before the port opens again; wait for the port too.
	for m.gate.isDown() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	return nil
}

// Run runs command lines as a level-3 exec session would, one after the
// other in one session (views carry over), and returns each output. The
// log buffer shows them as from the API (remote is the client's address).
func (m *Member) Run(ctx context.Context, cmds []string, remote string) ([]cli.CommandResult, error) {
	_, sh, err := m.up()
	if err != nil {
		return nil, err
	}
	if remote == "" {
		remote = "api"
	}
	return sh.RunCommands(ctx, cmds, apiUser, remote), nil
}

// LogBuffer is the device's log buffer, oldest first.
func (m *Member) LogBuffer() ([]device.LogEntry, error) {
	dev, err := m.Device()
	if err != nil {
		return nil, err
	}
	return dev.LogEntries(), nil
}

// EndSession ends the session on VTY line, as free user-interface vty
// does; ErrNoSession if the line is free.
func (m *Member) EndSession(line int) error {
	dev, _, err := m.up()
	if err != nil {
		return err
	}
	if !dev.FreeVTY(line) {
		return ErrNoSession
	}
	return nil
}

// SetLink pulls the cable of a physical port (up false: its far end goes
// away, and on a fleet cable the far device's port goes down too) or
// plugs it back (the profile's cabling, or the fleet cable's far end).
// The devices log the link changes and their tables follow. ifname is
// the port's full name (GigabitEthernet1/0/1), in any case.
func (m *Member) SetLink(ifname string, up bool) (string, error) {
	dev, _, err := m.up()
	if err != nil {
		return "", err
	}
	return m.setLink(dev, ifname, up)
}

// setLink is SetLink on a device that is up (a flap: faults_flap.go).
func (m *Member) setLink(dev *device.Device, ifname string, up bool) (string, error) {
	port := ""
	for name, ifc := range dev.Snapshot().Interfaces {
		if strings.EqualFold(name, ifname) && ifc.Kind.Physical() {
			port = name
		}
	}
	if port == "" {
		return "", ErrNoInterface
	}
	var cable *linkEnd
	for i := range m.links {
		if m.links[i].port == port {
			cable = &m.links[i]
		}
	}
	gone := &device.Peer{}
	m.pullMu.Lock()
	if m.pulled == nil {
		m.pulled = map[string]bool{}
	}
	m.pulled[port] = !up
	m.pullMu.Unlock()
	switch {
	case !up:
		dev.SetPeer(port, gone)
		if cable != nil {
			if far := cable.far.ready.Load(); far != nil {
				far.SetPeer(cable.farPort, gone)
			}
		}
		// The spanning tree moves on both sides' other links.
		m.f.pushLinks(m)
		if cable != nil {
			m.f.pushLinks(cable.far)
		}
	case cable == nil:
		dev.SetPeer(port, nil)
	default:
		m.f.pushLinks(m)
	}
	return port, nil
}

// isPulled reports whether SetLink pulled port's cable.
func (m *Member) isPulled(port string) bool {
	m.pullMu.Lock()
	defer m.pullMu.Unlock()
	return m.pulled[port]
}
