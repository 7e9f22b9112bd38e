package device

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
)

// Comware V5 shows every password as "cipher $c$3$<base64>", whatever the
// user typed. The real scheme is the vendor's; this one is reversible in
// the same way (a fixed device key), so a saved configuration logs in
// with the same password after a restart.

const cipherPrefix = "$c$3$"

var passwordKey = []byte("switchemu-cw5key") // 16 bytes: AES-128

// ErrBadCipher is returned for cipher text the device cannot read.
var ErrBadCipher = errors.New("invalid cipher text")

// EncryptPassword turns a plain-text password into cipher text.
func EncryptPassword(plain string) string {
	block, err := aes.NewCipher(passwordKey)
	if err != nil {
		panic(err) // the key length is fixed
	}
	// The IV is derived from the password so that the same password
	// always shows the same cipher text (stable saved files and goldens).
	buf := make([]byte, aes.BlockSize+len(plain))
	mac := hmac.New(sha256.New, passwordKey)
	mac.Write([]byte(plain))
	copy(buf, mac.Sum(nil)[:aes.BlockSize])
	cipher.NewCTR(block, buf[:aes.BlockSize]).XORKeyStream(buf[aes.BlockSize:], []byte(plain))
	return cipherPrefix + base64.StdEncoding.EncodeToString(buf)
}

// DecryptPassword reverses EncryptPassword.
func DecryptPassword(ct string) (string, error) {
	if !strings.HasPrefix(ct, cipherPrefix) {
		return "", ErrBadCipher
	}
	raw, err := base64.StdEncoding.DecodeString(ct[len(cipherPrefix):])
	if err != nil || len(raw) < aes.BlockSize {
		return "", ErrBadCipher
	}
	block, err := aes.NewCipher(passwordKey)
	if err != nil {
		return "", err
	}
	out := make([]byte, len(raw)-aes.BlockSize)
	cipher.NewCTR(block, raw[:aes.BlockSize]).XORKeyStream(out, raw[aes.BlockSize:])
	return string(out), nil
}

// ValidCipher reports whether ct is cipher text the device can read.
func ValidCipher(ct string) bool {
	_, err := DecryptPassword(ct)
	return err == nil
}
