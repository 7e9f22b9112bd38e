package device

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"time"
)

// HostKey is the device's RSA key pair (HOST_KEY in display public-key
// local rsa public) and when it was made.
type HostKey struct {
	Key     *rsa.PrivateKey
	Created time.Time
}

// InitHostKey loads the host key from the store, or makes one with the
// profile's modulus on first start. Without a store the key lives in
// memory only. The SSH-1 server key that goes with it is made when it is
// first asked for (CurrentServerKey).
func (d *Device) InitHostKey() error {
	d.keyMu.Lock()
	defer d.keyMu.Unlock()
	return d.initHostKey()
}

// EnsureHostKey is InitHostKey the first time it is called, and nothing
// after that or after InitHostKey or SetHostKey: a fleet device makes its
// host key when the first client connects, not at start.
func (d *Device) EnsureHostKey() error {
	d.keyMu.Lock()
	defer d.keyMu.Unlock()
	if d.keyInit {
		return nil
	}
	return d.initHostKey()
}

// initHostKey does InitHostKey; the caller holds keyMu.
func (d *Device) initHostKey() error {
	bits := d.profile.SSH.HostKeyBits
	var key *rsa.PrivateKey
	var err error
	if d.store != nil {
		if d.store.HostKeyDestroyed() {
			d.keyInit = true
			return nil // public-key local destroy rsa survives restarts
		}
		key, err = d.store.HostKey(bits)
	} else {
		key, err = rsa.GenerateKey(rand.Reader, bits)
	}
	if err != nil {
		return fmt.Errorf("device: host key: %w", err)
	}
	d.mu.Lock()
	d.hostKey = &HostKey{Key: key, Created: d.now()}
	d.serverKey = nil // made on first use
	d.mu.Unlock()
	d.keyInit = true
	return nil
}

// CurrentHostKey returns the host key, or nil when the device has none
// (after public-key local destroy rsa) or none was loaded yet (see
// EnsureHostKey).
func (d *Device) CurrentHostKey() *HostKey {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.hostKey == nil {
		return nil
	}
	k := *d.hostKey
	return &k
}

// SetHostKey replaces the host key (nil destroys it) and persists the
// change.
func (d *Device) SetHostKey(key *rsa.PrivateKey) error {
	d.keyMu.Lock()
	defer d.keyMu.Unlock()
	d.keyInit = true
	if d.store != nil {
		var err error
		if key != nil {
			err = d.store.SaveHostKey(key)
		} else {
			err = d.store.DestroyHostKey()
		}
		if err != nil {
			return err
		}
	}
	// The SSH-1 server key is made (or destroyed) with the host key.
	if err := d.setServerKeyFor(key); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if key == nil {
		d.hostKey = nil
		return nil
	}
	d.hostKey = &HostKey{Key: key, Created: d.now()}
	return nil
}
