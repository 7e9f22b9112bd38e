package device

// The boot images (boot-loader file, display boot-loader; reference
// §6.10). The device runs the image it booted; boot-loader file chooses
// the main and backup images of the next boot, which the device keeps in
// NVRAM (here the hidden file .next-boot of the store: main on the first
// line, backup on the second). At boot the main image is used if it is
// a file of flash:/, else the backup one, else the image the device runs
// now (the profile's files.boot_app at the first boot: the emulator does
// not put an image file on flash:/, whose space the profile's size_kb
// gives as free).

const nextBootFile = ".next-boot"

// bootRecord returns the main and backup next boot images.
func (d *Device) bootRecord() (main, backup string) {
	return d.readNextRecord(nextBootFile, d.profile.Files.BootApp) // startup.go
}

// BootApps returns the image the device runs and the main and backup
// images of the next boot ("" for none).
func (d *Device) BootApps() (current, main, backup string) {
	main, backup = d.bootRecord()
	d.mu.Lock()
	current = d.life.bootApp
	d.mu.Unlock()
	if current == "" {
		current = d.profile.Files.BootApp
	}
	return current, main, backup
}

// SetBootApp records name (a file of flash:/) as the main, or with
// backup set the backup, image of the next boot.
func (d *Device) SetBootApp(name string, backup bool) error {
	if d.store == nil {
		return nil
	}
	main, bak := d.bootRecord()
	if backup {
		bak = name
	} else {
		main = name
	}
	return d.writeNextRecord(nextBootFile, main, bak)
}

// bootAppAtBoot is the image a boot runs: the main image if it is a file
// of flash:/, else the backup one, else the one running now.
func (d *Device) bootAppAtBoot() string {
	cur, main, backup := d.BootApps()
	if d.store == nil {
		return cur
	}
	for _, name := range []string{main, backup} {
		if name == "" {
			continue
		}
		if _, err := d.store.Stat(name); err == nil {
			return name
		}
	}
	return cur
}
