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
	if m.twin != nil {
		dev, _, err := m.up()
		if err != nil {
			return "", err
		}
		scratch := device.New(dev.Profile(), device.Options{})
		cli.New(scratch, nil).Replay(m.twin.Startup)
		return cli.New(scratch, nil).CurrentConfig(), nil
	}
	cfg, p, err := m.FactoryState() // lab.go: no device is made for it
	if err != nil {
		return "", err
	}
	scratch := device.New(p, device.Options{})
	if err := scratch.Install(cfg); err != nil {
		return "", err
	}
	return cli.New(scratch, nil).CurrentConfig(), nil
}
