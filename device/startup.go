package device

import (
	"errors"
	"os"
	"strings"
)

// nextStartupFile records the next startup files' names in the store, as
// the device keeps them in NVRAM: the main file on the first line, the
// backup file on the second.
const nextStartupFile = ".next-startup"

// startupNames returns the main and backup next startup files.
func (d *Device) startupNames() (main, backup string) {
	return d.readNextRecord(nextStartupFile, d.profile.Files.Startup)
}

// readNextRecord reads one of the store's next-boot records (startup
// files, boot images): the main name on the first line, the backup one
// on the second. Without a store or a record, main is def.
func (d *Device) readNextRecord(file, def string) (main, backup string) {
	if d.store == nil {
		return def, ""
	}
	data, err := os.ReadFile(d.store.dir + "/" + file)
	if err != nil {
		return def, ""
	}
	lines := strings.Split(string(data), "\n")
	main = strings.TrimSpace(lines[0])
	if len(lines) > 1 {
		backup = strings.TrimSpace(lines[1])
	}
	return main, backup
}

// writeNextRecord writes a next-boot record, private as the rest of the
// store; without a store there is nothing to keep.
func (d *Device) writeNextRecord(file, main, backup string) error {
	if d.store == nil {
		return nil
	}
	return writeAtomic(d.store.dir+"/"+file, []byte(main+"\n"+backup+"\n"), 0o600, nil)
}

// NextStartup returns the name of the configuration file the device boots
// from: the profile's startup file unless startup saved-configuration
// chose another; "" after undo startup saved-configuration.
func (d *Device) NextStartup() string {
	main, _ := d.startupNames()
	return main
}

// NextBackup returns the backup startup file, "" if none.
func (d *Device) NextBackup() string {
	_, backup := d.startupNames()
	return backup
}

// SetNextStartup records the next main startup file ("" for none).
func (d *Device) SetNextStartup(name string) error {
	_, backup := d.startupNames()
	return d.setStartupNames(name, backup)
}

// SetNextBackup records the next backup startup file ("" for none).
func (d *Device) SetNextBackup(name string) error {
	main, _ := d.startupNames()
	return d.setStartupNames(main, name)
}

func (d *Device) setStartupNames(main, backup string) error {
	return d.writeNextRecord(nextStartupFile, main, backup)
}

// StartupConfig returns the name and text of the configuration file the
// device boots from: the main next startup file, or the backup one if the
// main one is missing. ok is false if there is neither: the device then
// boots with its factory configuration.
func (d *Device) StartupConfig() (name, text string, ok bool, err error) {
	if d.store == nil {
		return "", "", false, nil
	}
	main, backup := d.startupNames()
	for _, name := range []string{main, backup} {
		if name == "" {
			continue
		}
		data, err := d.store.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", "", false, err
		}
		return name, string(data), true, nil
	}
	return "", "", false, nil
}
