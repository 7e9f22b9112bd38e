package fleet

import (
	"switchemu/device"
	"switchemu/profiles"
)

// What package lab (trainers' lab checks) needs of the fleet: a device's
// factory state without making the device, the {n} expressions of
// ranges, and its result events.

// FactoryState is the configuration the device has when it is first
// made without a saved configuration (the model's shared factory state
// with the device's sysname, login and overrides), and the device's
// profile, without making the device: an unused device costs no boot.
// The maps of the returned value are shared: the caller must only read
// them.
func (m *Member) FactoryState() (device.Config, *profiles.Profile, error) {
	p, err := identity(m.base, &m.Spec, m.index)
	if err != nil {
		return device.Config{}, nil, err
	}
	tpl, err := m.f.templates.get(m.base, p, factoryText(m.base, &m.Spec))
	if err != nil {
		return device.Config{}, nil, err
	}
	cfg := tpl.cfg
	cfg.Sysname = m.Sysname()
	return cfg, p, nil
}

// Expand replaces every {EXPR} or {EXPR:0W} of s with the value of the
// integer expression EXPR over n, as inventory ranges do ("{n:02}",
// "{n+100}"); "{{" and "}}" are literal braces.
func Expand(s string, n int) (string, error) { return expand(s, n) }

// PublishLab reports that a device's result for a lab changed: passed
// of total checks now pass (an EventLab event).
func (f *Fleet) PublishLab(device, lab string, passed, total int) {
	f.emit(Event{Type: EventLab, Device: device, Lab: lab, Passed: &passed, Total: &total})
}
