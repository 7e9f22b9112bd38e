package device

import (
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"switchemu/profiles"
)

// TestServerKey: the SSH-1 server key is made with the host key, distinct
// from it with a modulus far enough from the host key's, destroyed with
// it, and regenerated once rekey-interval hours old (0 = never).
func TestServerKey(t *testing.T) {
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	var now atomic.Int64
	now.Store(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC).UnixNano())
	d := New(p, Options{Now: func() time.Time { return time.Unix(0, now.Load()) }})
	if d.CurrentServerKey() != nil {
		t.Fatal("server key before any host key")
	}
	if err := d.InitHostKey(); err != nil {
		t.Fatal(err)
	}
	hk, sk := d.CurrentHostKey(), d.CurrentServerKey()
	if sk == nil || sk.Key.N.BitLen() != p.SSH.ServerKeyBits || sk.Key.N.Cmp(hk.Key.N) == 0 {
		t.Fatalf("server key not made with the host key: %+v", sk)
	}

	// Rekey: never with interval 0, then after 2 hours with interval 2.
	now.Add(int64(100 * time.Hour))
	if done, err := d.RekeyServerKeyIfDue(); done || err != nil {
		t.Fatalf("rekey with interval 0: %v %v", done, err)
	}
	d.Update(func(c *Config) error { c.SSH.RekeyInterval = 2; return nil })
	if done, err := d.RekeyServerKeyIfDue(); !done || err != nil {
		t.Fatalf("rekey of a 100-hour-old key: %v %v", done, err)
	}
	sk2 := d.CurrentServerKey()
	if sk2.Key.N.Cmp(sk.Key.N) == 0 || !sk2.Created.Equal(d.Now()) {
		t.Fatal("server key not regenerated")
	}
	now.Add(int64(119 * time.Minute))
	if done, _ := d.RekeyServerKeyIfDue(); done {
		t.Fatal("rekeyed before the interval")
	}
	now.Add(int64(time.Minute))
	if done, _ := d.RekeyServerKeyIfDue(); !done {
		t.Fatal("not rekeyed after the interval")
	}
	if d.CurrentHostKey().Key != hk.Key {
		t.Fatal("rekey changed the host key")
	}

	// A new host key (public-key local create rsa) brings a new server
	// key; a 1024-bit host key gets a server key 128 bits larger.
	small, err := GenerateRSAKey(1024)
	if err != nil {
		t.Fatal(err)
	}
	before := d.CurrentServerKey()
	if err := d.SetHostKey(small); err != nil {
		t.Fatal(err)
	}
	sk3 := d.CurrentServerKey()
	if sk3.Key.N.Cmp(before.Key.N) == 0 || sk3.Key.N.BitLen() != 1152 {
		t.Fatalf("server key for a 1024-bit host key: %d bits", sk3.Key.N.BitLen())
	}
	// Destroying the host key destroys the server key.
	if err := d.SetHostKey(nil); err != nil {
		t.Fatal(err)
	}
	if d.CurrentServerKey() != nil {
		t.Fatal("server key outlived the host key")
	}
	if err := d.RegenerateServerKey(); err != ErrNoHostKey {
		t.Fatalf("regenerate without host key: %v", err)
	}
}

func TestServerKeyBits(t *testing.T) {
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	d := New(p, Options{})
	for _, tc := range []struct{ host, want int }{
		{2048, 1024}, {1152, 1024}, {1024, 1152}, {1100, 1228}, {896, 1024}, {512, 1024},
	} {
		if got := d.ServerKeyBits(tc.host); got != tc.want {
			t.Errorf("ServerKeyBits(%d) = %d, want %d", tc.host, got, tc.want)
		}
	}
}

// TestGenerateRSAKeySmall: keys under 1024 bits (the device offers 512 and
// up) are made despite crypto/rsa's floor.
func TestGenerateRSAKeySmall(t *testing.T) {
	k, err := GenerateRSAKey(768)
	if err != nil {
		t.Fatal(err)
	}
	if k.N.BitLen() != 768 {
		t.Fatalf("%d bits", k.N.BitLen())
	}
	// d*e = 1 mod lcm: check that it decrypts what it encrypts.
	m := k.N.Bytes()[:10]
	x := newInt(m)
	c := newInt(nil).Exp(x, newInt(nil).SetInt64(int64(k.E)), k.N)
	if newInt(nil).Exp(c, k.D, k.N).Cmp(x) != 0 {
		t.Fatal("key does not round-trip")
	}
}

func newInt(b []byte) *big.Int { return new(big.Int).SetBytes(b) }
