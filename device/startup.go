package device

import (
	"errors"
	"os"
	"strings"
)

// nextStartupFile records the next startup file's name in the store, as
// the device keeps it in NVRAM.
const nextStartupFile = ".next-startup"

// NextStartup returns the name of the configuration file the device boots
// from: the profile's startup file unless startup saved-configuration
// chose another; "" after undo startup saved-configuration.
func (d *Device) NextStartup() string {
	if d.store == nil {
		return d.profile.Files.Startup
	}
	data, err := os.ReadFile(d.store.dir + "/" + nextStartupFile)
	if errors.Is(err, os.ErrNotExist) {
		return d.profile.Files.Startup
	}
	if err != nil {
		return d.profile.Files.Startup
	}
	return strings.TrimSpace(string(data))
}

// SetNextStartup records the next startup file ("" for none).
func (d *Device) SetNextStartup(name string) error {
	if d.store == nil {
		return nil
	}
	return writeAtomic(d.store.dir+"/"+nextStartupFile, []byte(name+"\n"), 0o644)
}

// StartupConfig returns the text of the next startup file, or ok false if
// there is none: the device then boots with its factory configuration.
func (d *Device) StartupConfig() (text string, ok bool, err error) {
	name := d.NextStartup()
	if d.store == nil || name == "" {
		return "", false, nil
	}
	data, err := d.store.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return string(data), true, nil
}
