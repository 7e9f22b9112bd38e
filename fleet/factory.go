package fleet

import (
	"switchemu/cli"
	"switchemu/device"
)

// FactoryConfig is the configuration the device would run after a
// factory reset, as display current-configuration prints it: its factory
// configuration with the inventory's identity and login, or, for a twin,
// its real configuration. It is rendered on a scratch device; the device
// itself is not touched. The trainer's console diffs the running
// configuration against it.
func (m *Member) FactoryConfig() (string, error) {
	dev, _, err := m.up()
	if err != nil {
		return "", err
	}
	scratch := device.New(dev.Profile(), device.Options{})
	if m.twin != nil {
		cli.New(scratch, nil).Replay(m.twin.Startup)
	} else {
		tpl, err := m.f.templates.get(m.base, dev.Profile(), factoryText(m.base, &m.Spec))
		if err != nil {
			return "", err
		}
		cfg := tpl.cfg // shared until changed; Install copies on change
		cfg.Sysname = m.Sysname()
		if err := scratch.Install(cfg); err != nil {
			return "", err
		}
	}
	return cli.New(scratch, nil).CurrentConfig(), nil
}
