package sshd

import (
	"bytes"
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/subtle"
	"errors"
	"math/big"
)

// SSH-1 authentication: RSA challenge-response and password, with the
// device's retries.

// authRSA runs RSA authentication with the user's key of modulus n: the
// client must decrypt a random challenge and answer MD5(challenge ‖
// session id). tried is false when the user has no such key.
func (c *ssh1Conn) authRSA(n *big.Int) (ok, tried bool, err error) {
	pub, level, found := c.userKey(n)
	if !found {
		return false, false, nil
	}
	challenge := make([]byte, 32)
	rand.Read(challenge)
	challenge[0] |= 0x80 // 32 significant bytes, as the client rebuilds them
	enc, err := ssh1Encrypt(pub, challenge)
	if err != nil {
		return false, false, err
	}
	if err := c.send(ssh1SmsgAuthRSAChallenge, ssh1Builder(nil).mpint(new(big.Int).SetBytes(enc))); err != nil {
		return false, false, err
	}
	for {
		typ, data, err := c.read()
		if err != nil {
			return false, true, err
		}
		r := ssh1Reader{b: data}
		if typ != ssh1CmsgAuthRSAResponse {
			if err := c.common(typ, &r); err != nil {
				return false, true, err
			}
			continue
		}
		resp := r.bytes(16)
		if err := r.done(); err != nil {
			return false, true, err
		}
		want := md5.Sum(append(challenge, c.sessionID...))
		ok = subtle.ConstantTimeCompare(resp, want[:]) == 1
		c.keyChecked(ok, level)
		return ok, true, nil
	}
}

// ssh1Encrypt is RSA with PKCS#1 v1.5 type 2 padding, for keys of any
// size the device accepts.
func ssh1Encrypt(pub *rsa.PublicKey, msg []byte) ([]byte, error) {
	if pub.N.BitLen() >= 1024 {
		return rsa.EncryptPKCS1v15(rand.Reader, pub, msg)
	}
	k := (pub.N.BitLen() + 7) / 8
	if len(msg) > k-11 {
		return nil, errRSA
	}
	em := make([]byte, k)
	em[1] = 2
	ps := em[2 : k-len(msg)-1]
	rand.Read(ps)
	for i := range ps {
		for ps[i] == 0 {
			rand.Read(ps[i : i+1])
		}
	}
	copy(em[k-len(msg):], msg)
	m := new(big.Int).SetBytes(em)
	return new(big.Int).Exp(m, big.NewInt(int64(pub.E)), pub.N).FillBytes(make([]byte, k)), nil
}

// errRSA is a session key that does not decrypt.
var errRSA = errors.New("rsa decryption error")

// ssh1Decrypt is RSA with PKCS#1 v1.5 type 2 padding. crypto/rsa refuses
// moduli under 1024 bits, which the device's keys may have; those are
// decrypted here.
func ssh1Decrypt(key *rsa.PrivateKey, c *big.Int) ([]byte, error) {
	k := (key.N.BitLen() + 7) / 8
	if c.Sign() <= 0 || c.Cmp(key.N) >= 0 {
		return nil, errRSA
	}
	if key.N.BitLen() >= 1024 {
		return rsa.DecryptPKCS1v15(nil, key, c.FillBytes(make([]byte, k)))
	}
	em := new(big.Int).Exp(c, key.D, key.N).FillBytes(make([]byte, k))
	if em[0] != 0 || em[1] != 2 {
		return nil, errRSA
	}
	i := bytes.IndexByte(em[2:], 0)
	if i < 8 {
		return nil, errRSA
	}
	return em[2+i+1:], nil
}

// authenticate takes the user name and checks passwords and RSA keys;
// retries failed attempts end the connection.
func (c *ssh1Conn) authenticate(retries int) error {
	failures := 0
	// fail answers a failed attempt, or disconnects after the last one.
	fail := func() error {
		failures++
		if failures >= retries {
			c.authRetriesExceeded()
			return c.disconnect("Too many authentication failures for " + c.user)
		}
		return c.send(ssh1SmsgFailure, nil)
	}
	for {
		typ, data, err := c.read()
		if err != nil {
			return err
		}
		r := ssh1Reader{b: data}
		switch typ {
		case ssh1CmsgUser:
			name := r.string()
			if err := r.done(); err != nil {
				return err
			}
			if c.user != "" {
				return c.protocolError(typ)
			}
			c.user = name
			c.log = c.log.With("user", name)
			// Every user needs a password.
			if err := c.send(ssh1SmsgFailure, nil); err != nil {
				return err
			}
		case ssh1CmsgAuthPassword:
			pw := r.string()
			if err := r.done(); err != nil {
				return err
			}
			if c.user == "" {
				return c.protocolError(typ)
			}
			// PuTTY pads the password with a NUL and random bytes.
			if i := bytes.IndexByte([]byte(pw), 0); i >= 0 {
				pw = pw[:i]
			}
			if c.checkPassword(pw) {
				return c.send(ssh1SmsgSuccess, nil)
			}
			if err := fail(); err != nil {
				return err
			}
		case ssh1CmsgAuthRSA:
			n := r.mpint()
			if err := r.done(); err != nil {
				return err
			}
			if c.user == "" {
				return c.protocolError(typ)
			}
			ok, tried, err := c.authRSA(n)
			switch {
			case err != nil:
				return err
			case ok:
				return c.send(ssh1SmsgSuccess, nil)
			case tried:
				// A wrong answer to the challenge counts; a key the
				// user does not have is only refused.
				if err := fail(); err != nil {
					return err
				}
			default:
				if err := c.send(ssh1SmsgFailure, nil); err != nil {
					return err
				}
			}
		case ssh1CmsgAuthRhosts, ssh1CmsgAuthRhostsRSA, ssh1CmsgAuthTIS,
			ssh1CmsgAuthKerberos, ssh1CmsgHaveKerberosTGT:
			// Methods the device does not offer.
			if c.user == "" {
				return c.protocolError(typ)
			}
			if err := c.send(ssh1SmsgFailure, nil); err != nil {
				return err
			}
		default:
			if err := c.common(typ, &r); err != nil {
				return err
			}
		}
	}
}
