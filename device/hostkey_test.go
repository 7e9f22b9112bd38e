//go:debug rsa1024min=0

package device

import (
	"crypto/rand"
	"crypto/rsa"
	"testing"

	"switchemu/profiles"
)

// TestHostKeyPersistence: the host key survives a restart, and so does
// its destruction (public-key local destroy rsa); a new key replaces the
// destroyed state.
func TestHostKeyPersistence(t *testing.T) {
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	pp := *p
	pp.SSH.HostKeyBits = 512 // fast
	st, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	boot := func() *Device {
		d := New(&pp, Options{Store: st})
		if err := d.InitHostKey(); err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := boot()
	k1 := d.CurrentHostKey()
	if k1 == nil {
		t.Fatal("no factory host key")
	}
	if k := boot().CurrentHostKey(); k == nil || !SameKey(&k.Key.PublicKey, &k1.Key.PublicKey) {
		t.Fatal("host key changed across a restart")
	}
	if err := d.SetHostKey(nil); err != nil {
		t.Fatal(err)
	}
	if k := boot().CurrentHostKey(); k != nil {
		t.Fatal("a destroyed host key came back after a restart")
	}
	k2, _ := rsa.GenerateKey(rand.Reader, 512)
	if err := d.SetHostKey(k2); err != nil {
		t.Fatal(err)
	}
	if k := boot().CurrentHostKey(); k == nil || !SameKey(&k.Key.PublicKey, &k2.PublicKey) {
		t.Fatal("a new host key did not survive a restart")
	}
	files, _ := st.List()
	for _, f := range files {
		t.Errorf("key files must not show in flash:/ listings: %s", f.Name)
	}
}
