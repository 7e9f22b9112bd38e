package sshd

import (
	"crypto/cipher"
	"crypto/des"
	"fmt"

	"golang.org/x/crypto/blowfish"
)

// SSH-1 cipher numbers (bit n of the supported-ciphers mask).
const (
	ssh1CipherDES       = 2
	ssh1CipherTripleDES = 3
	ssh1CipherBlowfish  = 6
)

// ssh1CipherMask is what the device offers: 3DES (mandatory), Blowfish
// and DES.
const ssh1CipherMask = 1<<ssh1CipherDES | 1<<ssh1CipherTripleDES | 1<<ssh1CipherBlowfish

// SSH-1 authentication numbers (bit n of the supported-auth mask).
const (
	ssh1AuthRSA      = 2
	ssh1AuthPassword = 3
)

// ssh1AuthMask: RSA and password authentication.
const ssh1AuthMask = 1<<ssh1AuthRSA | 1<<ssh1AuthPassword

// ssh1CipherName is the cipher as display ssh server session shows it.
func ssh1CipherName(n byte) string {
	switch n {
	case ssh1CipherDES:
		return "DES"
	case ssh1CipherTripleDES:
		return "3DES"
	case ssh1CipherBlowfish:
		return "BLOWFISH"
	}
	return ""
}

// ssh1NewCiphers returns the (decrypt, encrypt) pair of cipher number n
// keyed with the 32-byte session key; every CBC starts with a zero IV.
func ssh1NewCiphers(n byte, key []byte) (in, out ssh1Cipher, err error) {
	if len(key) != 32 {
		return nil, nil, fmt.Errorf("sshd: ssh1: session key of %d bytes", len(key))
	}
	iv := make([]byte, 8)
	switch n {
	case ssh1CipherDES:
		b, _ := des.NewCipher(key[:8]) // fails only on a wrong key size
		return cipher.NewCBCDecrypter(b, iv), cipher.NewCBCEncrypter(b, iv), nil
	case ssh1CipherTripleDES:
		// SSH-1 3DES is three independent DES-CBC passes ("inner
		// CBC"): E1 D2 E3 to encrypt, D3 E2 D1 to decrypt.
		var b [3]cipher.Block
		for i := range b {
			b[i], _ = des.NewCipher(key[8*i : 8*i+8])
		}
		in = chainModes{cipher.NewCBCDecrypter(b[2], iv), cipher.NewCBCEncrypter(b[1], iv), cipher.NewCBCDecrypter(b[0], iv)}
		out = chainModes{cipher.NewCBCEncrypter(b[0], iv), cipher.NewCBCDecrypter(b[1], iv), cipher.NewCBCEncrypter(b[2], iv)}
		return in, out, nil
	case ssh1CipherBlowfish:
		b, err := blowfish.NewCipher(key)
		if err != nil {
			return nil, nil, err
		}
		return swapWords{cipher.NewCBCDecrypter(b, iv)}, swapWords{cipher.NewCBCEncrypter(b, iv)}, nil
	}
	return nil, nil, fmt.Errorf("sshd: ssh1: cipher %d not supported", n)
}

// chainModes applies CBC passes one after the other, each keeping its
// own chaining state.
type chainModes []cipher.BlockMode

func (c chainModes) CryptBlocks(dst, src []byte) {
	for _, m := range c {
		m.CryptBlocks(dst, src)
		src = dst
	}
}

// swapWords runs a cipher on little-endian 32-bit words, as SSH-1
// Blowfish does: every word is byte-swapped before and after.
type swapWords struct{ m cipher.BlockMode }

func (s swapWords) CryptBlocks(dst, src []byte) {
	copy(dst, src)
	swap32(dst)
	s.m.CryptBlocks(dst, dst)
	swap32(dst)
}

func swap32(p []byte) {
	for i := 0; i+4 <= len(p); i += 4 {
		p[i], p[i+1], p[i+2], p[i+3] = p[i+3], p[i+2], p[i+1], p[i]
	}
}
