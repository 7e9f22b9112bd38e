// Package fleettest runs emulated Comware V5 switches inside a Go test, in
// the style of net/http/httptest: Start makes a fleet on free loopback
// ports and stops it when the test ends; each Device gives its address
// and credentials, and the control API's operations without HTTP (config
// get and put, reset, commands, cables, events as a channel).
//
//	f := fleettest.Start(t, fleettest.Options{Devices: 2})
//	sw := f.Device("SW0001")
//	sw.PutConfig(startupText)
//	// ... the code under test logs in to sw.Addr() with sw.Credentials() ...
//	if !strings.Contains(sw.Config(), "vlan 10") { t.Fatal(...) }
package fleettest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/cli"
	"switchemu/device"
	"switchemu/fleet"
	"switchemu/profiles"
)

// Options say which devices to run; the zero value is one device of the
// default profile.
type Options struct {
	// Devices is how many devices to run, named SW0001 …; 1 if zero.
	// Ignored with Inventory.
	Devices int
	// Profile is the model of the generated devices; the default
	// profile if "".
	Profile string
	// Inventory, if set, is the fleet (devices, links); addresses it
	// leaves empty are free loopback ports.
	Inventory *fleet.Inventory
	// Telnet gives every device a telnet port (open while telnet server
	// enable is configured).
	Telnet bool
	// RebootDelay is how long a reboot keeps a device down; 10ms if zero.
	RebootDelay time.Duration
	// StateDir holds the devices' state; a temporary folder if "".
	StateDir string
}

// Fleet is a running fleet. Its methods fail the test (t.Fatal) on
// errors; Fleet.Fleet is the fleet itself, for what this package does
// not wrap.
type Fleet struct {
	*fleet.Fleet
	t   testing.TB
	dir string // removed by Close when NewFleet made it
}

// Start runs a fleet for the test; t.Cleanup stops it.
func Start(t testing.TB, opts Options) *Fleet {
	t.Helper()
	if opts.StateDir == "" {
		opts.StateDir = t.TempDir()
	}
	f, err := NewFleet(opts)
	if err != nil {
		t.Fatalf("fleettest: %v", err)
	}
	f.t = t
	t.Cleanup(func() { f.Close() })
	return f
}

// NewFleet runs a fleet outside a test (examples, tools); Close stops
// it. Errors are returned, not fatal.
func NewFleet(opts Options) (*Fleet, error) {
	inv := opts.Inventory
	if inv == nil {
		n := max(opts.Devices, 1)
		var err error
		if inv, err = fleet.Generated(n, cmpOr(opts.Profile, profiles.Default), "127.0.0.1:0"); err != nil {
			return nil, err
		}
	} else {
		cp := *inv
		cp.Devices = append([]fleet.Spec(nil), inv.Devices...)
		for i := range cp.Devices {
			if cp.Devices[i].Listen == "" {
				cp.Devices[i].Listen = "127.0.0.1:0"
			}
			if opts.Telnet && cp.Devices[i].Telnet == "" {
				cp.Devices[i].Telnet = "127.0.0.1:0"
			}
		}
		inv = &cp
	}
	dir, made := opts.StateDir, false
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "fleettest"); err != nil {
			return nil, err
		}
		made = true
	}
	fo := fleet.Options{StateDir: dir, Listen: "127.0.0.1:0", RebootDelay: cmpDur(opts.RebootDelay, 10*time.Millisecond)}
	if opts.Telnet {
		fo.Telnet = "127.0.0.1:0"
	}
	fl, err := fleet.New(inv, fo)
	if err == nil {
		err = fl.Start(context.Background())
	}
	if err != nil {
		if made {
			os.RemoveAll(dir)
		}
		return nil, err
	}
	f := &Fleet{Fleet: fl}
	if made {
		f.dir = dir
	}
	return f, nil
}

// Close stops the fleet; Start's cleanup calls it.
func (f *Fleet) Close() error {
	err := f.Fleet.Close()
	if f.dir != "" {
		os.RemoveAll(f.dir)
	}
	return err
}

// fatalf fails the test, or panics outside one (NewFleet): an example
// that misuses the helper should stop loudly.
func (f *Fleet) fatalf(format string, a ...any) {
	if f.t != nil {
		f.t.Helper()
		f.t.Fatalf("fleettest: "+format, a...)
	}
	panic(fmt.Sprintf("fleettest: "+format, a...))
}

// Device returns the device called name; it fails the test if there is
// none.
func (f *Fleet) Device(name string) *Device {
	m := f.Member(name)
	if m == nil {
		f.fatalf("no device %q", name)
	}
	return &Device{m: m, f: f}
}

// Devices returns every device, in inventory order.
func (f *Fleet) Devices() []*Device {
	var out []*Device
	for _, m := range f.Members() {
		out = append(out, &Device{m: m, f: f})
	}
	return out
}

// Events delivers the fleet's events (device's only, unless device is
// "") from now on, until the test ends; the channel is then closed. A
// test that does not read loses events, never blocks a device.
func (f *Fleet) Events(device string) <-chan fleet.Event {
	sub := f.Subscribe(device, 4096)
	if f.t != nil {
		f.t.Cleanup(sub.Close)
	}
	return sub.C
}

// Device is one device of a running fleet.
type Device struct {
	m *fleet.Member
	f *Fleet
}

// Member is the fleet's device, for what this package does not wrap.
func (d *Device) Member() *fleet.Member { return d.m }

// Name is the inventory name.
func (d *Device) Name() string { return d.m.Name() }

// Addr is the SSH address, host:port.
func (d *Device) Addr() string { return d.m.Addr().String() }

// TelnetAddr is the telnet address, "" without one.
func (d *Device) TelnetAddr() string {
	if a := d.m.TelnetAddr(); a != nil {
		return a.String()
	}
	return ""
}

// Credentials are the device's factory login.
func (d *Device) Credentials() (user, password string) { return d.m.Login() }

// SSHConfig is a client configuration that logs in with the device's
// factory login and trusts only the device's host key.
func (d *Device) SSHConfig() *gossh.ClientConfig {
	dev := d.device()
	if err := dev.EnsureHostKey(); err != nil {
		d.f.fatalf("%s: host key: %v", d.Name(), err)
	}
	pub, err := gossh.NewPublicKey(&dev.CurrentHostKey().Key.PublicKey)
	if err != nil {
		d.f.fatalf("%s: host key: %v", d.Name(), err)
	}
	user, pw := d.Credentials()
	return &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.Password(pw)},
		HostKeyCallback: gossh.FixedHostKey(pub),
		Timeout:         10 * time.Second,
	}
}

// Dial logs in over SSH with SSHConfig; the connection closes when the
// test ends.
func (d *Device) Dial() *gossh.Client {
	c, err := gossh.Dial("tcp", d.Addr(), d.SSHConfig())
	if err != nil {
		d.f.fatalf("%s: ssh: %v", d.Name(), err)
	}
	if d.f.t != nil {
		d.f.t.Cleanup(func() { c.Close() })
	}
	return c
}

func (d *Device) device() *device.Device {
	dev, err := d.m.Device()
	if err != nil {
		d.f.fatalf("%s: %v", d.Name(), err)
	}
	return dev
}

// Config is what display current-configuration prints.
func (d *Device) Config() string {
	text, err := d.m.Config()
	if err != nil {
		d.f.fatalf("%s: config: %v", d.Name(), err)
	}
	return text
}

// PutConfig replaces the running configuration with text; lines that do
// not apply are returned. A text refused as a whole fails the test.
func (d *Device) PutConfig(text string) []fleet.RefusedLine {
	res, err := d.m.PutConfig(text, false)
	if err != nil {
		d.f.fatalf("%s: put config: %v", d.Name(), err)
	}
	return res.Refused
}

// MergeConfig applies text on top of the running configuration.
func (d *Device) MergeConfig(text string) []fleet.RefusedLine {
	res, err := d.m.PutConfig(text, true)
	if err != nil {
		d.f.fatalf("%s: merge config: %v", d.Name(), err)
	}
	return res.Refused
}

// Reset puts the device back to factory.
func (d *Device) Reset() {
	if err := d.m.FactoryReset(); err != nil {
		d.f.fatalf("%s: reset: %v", d.Name(), err)
	}
}

// Save saves the running configuration, as save force.
func (d *Device) Save() {
	if _, err := d.m.Save(context.Background()); err != nil {
		d.f.fatalf("%s: save: %v", d.Name(), err)
	}
}

// Reboot reboots the device and waits until it is back.
func (d *Device) Reboot() {
	if err := d.m.Reboot(); err != nil {
		d.f.fatalf("%s: reboot: %v", d.Name(), err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// The device is down from Reboot's return (RequestReboot) until it
	// is booted and its port open again.
	if err := d.m.WaitUp(ctx); err != nil {
		d.f.fatalf("%s: reboot: %v", d.Name(), err)
	}
}

// Run runs command lines as a level-3 exec session and returns their
// results; a command that fails does not fail the test.
func (d *Device) Run(cmds ...string) []cli.CommandResult {
	res, err := d.m.Run(context.Background(), cmds, "fleettest")
	if err != nil {
		d.f.fatalf("%s: run: %v", d.Name(), err)
	}
	return res
}

// Command runs one command line and returns its output; a command the
// device refuses fails the test.
func (d *Device) Command(cmd string) string {
	r := d.Run(cmd)[0]
	if !r.OK {
		d.f.fatalf("%s: %q: %s", d.Name(), cmd, r.Error)
	}
	return r.Output
}

// LinkDown pulls the cable of a port; LinkUp plugs it back.
func (d *Device) LinkDown(ifname string) { d.setLink(ifname, false) }

// LinkUp plugs a port's cable back.
func (d *Device) LinkUp(ifname string) { d.setLink(ifname, true) }

func (d *Device) setLink(ifname string, up bool) {
	if _, err := d.m.SetLink(ifname, up); err != nil {
		d.f.fatalf("%s: link %s: %v", d.Name(), ifname, err)
	}
}

// SetFaults sets faults on the device (failure drills: fleet.FaultSpec)
// and returns all its faults.
func (d *Device) SetFaults(specs ...fleet.FaultSpec) []fleet.Fault {
	list, err := d.m.SetFaults(specs)
	if err != nil {
		d.f.fatalf("%s: set faults: %v", d.Name(), err)
	}
	return list
}

// ClearFaults clears every fault of the device.
func (d *Device) ClearFaults() { d.m.ClearFaults() }

// EndSession ends the session on a VTY line.
func (d *Device) EndSession(line int) {
	if err := d.m.EndSession(line); err != nil {
		d.f.fatalf("%s: end session %d: %v", d.Name(), line, err)
	}
}

// Events delivers the device's events from now on, until the test ends.
func (d *Device) Events() <-chan fleet.Event { return d.f.Events(d.Name()) }

// LogBuffer is the device's log buffer, as display logbuffer prints each
// message.
func (d *Device) LogBuffer() []string {
	entries, err := d.m.LogBuffer()
	if err != nil {
		d.f.fatalf("%s: log buffer: %v", d.Name(), err)
	}
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Format(e.Sysname)
	}
	return out
}

// IsRefused reports whether err is a configuration refused as a whole.
func IsRefused(err error) bool { return errors.Is(err, fleet.ErrRefused) }

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func cmpDur(a, b time.Duration) time.Duration {
	if a != 0 {
		return a
	}
	return b
}
