package device

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// ServerKey is the SSH-1 server key (SERVER_KEY in display public-key
// local rsa public): an RSA pair distinct from the host key, made with it
// and regenerated every ssh server rekey-interval hours. It lives in
// memory only, as an ephemeral key should.
type ServerKey struct {
	Key     *rsa.PrivateKey
	Created time.Time
}

// minModulusGap is how many bits the SSH-1 server and host moduli must
// differ by: the session key is encrypted under the smaller key, and that
// ciphertext has to fit in the larger key's PKCS#1 padding.
const minModulusGap = 128

// ServerKeyBits returns the server key modulus to use with a host key of
// hostBits: the profile's, unless it is too close to the host key's, in
// which case it is hostBits+128.
func (d *Device) ServerKeyBits(hostBits int) int {
	bits := d.profile.SSH.ServerKeyBits
	if bits <= 0 {
		bits = 768
	}
	if bits-hostBits < minModulusGap && hostBits-bits < minModulusGap {
		bits = hostBits + minModulusGap
	}
	return bits
}

// CurrentServerKey returns the SSH-1 server key, or nil when the device
// has no host key. The first call after the host key was loaded makes it:
// it costs tens of milliseconds, which a device without SSH-1 clients
// never spends.
func (d *Device) CurrentServerKey() *ServerKey {
	d.mu.Lock()
	sk, hk := d.serverKey, d.hostKey
	d.mu.Unlock()
	if sk == nil && hk != nil {
		d.keyMu.Lock()
		d.mu.Lock()
		sk, hk = d.serverKey, d.hostKey
		d.mu.Unlock()
		if sk == nil && hk != nil {
			// A failure leaves no server key; SSH-1 logins then fail as
			// without a host key, and the next call tries again.
			_ = d.setServerKeyFor(hk.Key)
		}
		d.keyMu.Unlock()
		d.mu.Lock()
		sk = d.serverKey
		d.mu.Unlock()
	}
	if sk == nil {
		return nil
	}
	k := *sk
	return &k
}

// ErrNoHostKey is returned when a server key is asked for without a host
// key.
var ErrNoHostKey = errors.New("device: no host key")

// RegenerateServerKey makes a new server key for the current host key.
func (d *Device) RegenerateServerKey() error {
	hk := d.CurrentHostKey()
	if hk == nil {
		return ErrNoHostKey
	}
	key, err := GenerateRSAKey(d.ServerKeyBits(hk.Key.N.BitLen()))
	if err != nil {
		return fmt.Errorf("device: server key: %w", err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.hostKey == nil || d.hostKey.Key != hk.Key {
		// The host key changed meanwhile; its own server key stands.
		return nil
	}
	d.serverKey = &ServerKey{Key: key, Created: d.now()}
	return nil
}

// RekeyServerKeyIfDue regenerates the server key when it is older than
// ssh server rekey-interval hours (0 = never). It reports whether it did.
func (d *Device) RekeyServerKeyIfDue() (bool, error) {
	d.mu.Lock()
	hours := d.cfg.SSH.RekeyInterval
	sk := d.serverKey
	now := d.now()
	d.mu.Unlock()
	if hours <= 0 || sk == nil || now.Sub(sk.Created) < time.Duration(hours)*time.Hour {
		return false, nil
	}
	if err := d.RegenerateServerKey(); err != nil {
		return false, err
	}
	return true, nil
}

// setServerKeyFor makes the server key that goes with a new host key
// (nil: no host key, no server key). The caller must not hold d.mu.
func (d *Device) setServerKeyFor(host *rsa.PrivateKey) error {
	if host == nil {
		d.mu.Lock()
		d.serverKey = nil
		d.mu.Unlock()
		return nil
	}
	key, err := GenerateRSAKey(d.ServerKeyBits(host.N.BitLen()))
	if err != nil {
		return fmt.Errorf("device: server key: %w", err)
	}
	d.mu.Lock()
	d.serverKey = &ServerKey{Key: key, Created: d.now()}
	d.mu.Unlock()
	return nil
}

// GenerateRSAKey makes an RSA key of any size the device offers (512 to
// 2048 bits). crypto/rsa refuses to generate keys under 1024 bits since
// Go 1.24; those are made here from two primes, as the device would.
func GenerateRSAKey(bits int) (*rsa.PrivateKey, error) {
	if bits >= 1024 {
		return rsa.GenerateKey(rand.Reader, bits)
	}
	if bits < 256 {
		return nil, fmt.Errorf("rsa: %d-bit modulus too small", bits)
	}
	e := big.NewInt(65537)
	one := big.NewInt(1)
	for range 100 {
		p, err := rand.Prime(rand.Reader, (bits+1)/2)
		if err != nil {
			return nil, err
		}
		q, err := rand.Prime(rand.Reader, bits/2)
		if err != nil {
			return nil, err
		}
		if p.Cmp(q) == 0 {
			continue
		}
		n := new(big.Int).Mul(p, q)
		if n.BitLen() != bits {
			continue
		}
		phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
		d := new(big.Int).ModInverse(e, phi)
		if d == nil {
			continue
		}
		return &rsa.PrivateKey{
			PublicKey: rsa.PublicKey{N: n, E: int(e.Int64())},
			D:         d,
			Primes:    []*big.Int{p, q},
		}, nil
	}
	return nil, fmt.Errorf("rsa: no %d-bit key found", bits)
}
