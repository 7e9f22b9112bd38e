package device

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"maps"
	"math/big"
	"slices"
	"strings"
	"unicode"
)

// SSHUser is one "ssh user NAME service-type ... authentication-type ..."
// entry.
type SSHUser struct {
	Name    string
	Service string // "stelnet", "sftp" or "all"
	Auth    string // "password", "publickey", "password-publickey" or "any"
	Key     string // assigned peer public key name; "" = none
}

// SSH service types and authentication types, as the configuration
// spells them.
const (
	SSHServiceStelnet = "stelnet"
	SSHServiceSFTP    = "sftp"
	SSHServiceAll     = "all"

	SSHAuthPassword          = "password"
	SSHAuthPublicKey         = "publickey"
	SSHAuthPasswordPublicKey = "password-publickey"
	SSHAuthAny               = "any"
)

// AllowsStelnet reports whether the user may open a shell or run a
// command (service-type stelnet or all).
func (u SSHUser) AllowsStelnet() bool { return u.Service != SSHServiceSFTP }

// PeerKey is one "public-key peer NAME" entry: an RSA public key in the
// DER form the device takes between public-key-code begin and end.
type PeerKey struct {
	Name string
	DER  []byte // as entered: SubjectPublicKeyInfo or PKCS#1 RSAPublicKey
}

// ErrBadKeyCode is returned for public-key-code text that is not an RSA
// public key.
var ErrBadKeyCode = errors.New("invalid public key code")

// ParseKeyCode turns the hex text typed between public-key-code begin and
// public-key-code end (spaces and line breaks allowed) into DER bytes and
// checks that they hold an RSA public key.
func ParseKeyCode(text string) ([]byte, *rsa.PublicKey, error) {
	clean := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, text)
	der, err := hex.DecodeString(clean)
	if err != nil || len(der) == 0 {
		return nil, nil, ErrBadKeyCode
	}
	pub, err := ParseKeyDER(der)
	if err != nil {
		return nil, nil, err
	}
	return der, pub, nil
}

// ParseKeyDER reads an RSA public key from SubjectPublicKeyInfo or PKCS#1
// DER.
func ParseKeyDER(der []byte) (*rsa.PublicKey, error) {
	if k, err := x509.ParsePKIXPublicKey(der); err == nil {
		if rk, ok := k.(*rsa.PublicKey); ok {
			return rk, nil
		}
		return nil, ErrBadKeyCode
	}
	if k, err := x509.ParsePKCS1PublicKey(der); err == nil {
		return k, nil
	}
	return nil, ErrBadKeyCode
}

// PublicKey returns the peer key as an RSA public key.
func (k PeerKey) PublicKey() (*rsa.PublicKey, error) { return ParseKeyDER(k.DER) }

// KeyCodeLines formats DER as the configuration shows a key code: groups
// of 8 hex digits, 8 groups to a line, upper case.
func KeyCodeLines(der []byte) []string {
	h := strings.ToUpper(hex.EncodeToString(der))
	var groups []string
	for i := 0; i < len(h); i += 8 {
		groups = append(groups, h[i:min(i+8, len(h))])
	}
	var out []string
	for i := 0; i < len(groups); i += 8 {
		out = append(out, strings.Join(groups[i:min(i+8, len(groups))], " "))
	}
	return out
}

// SortedSSHUsers returns the ssh user entries by name.
func (c *Config) SortedSSHUsers() []SSHUser {
	out := slices.Collect(maps.Values(c.SSHUsers))
	slices.SortFunc(out, func(a, b SSHUser) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// SortedPeerKeys returns the peer public keys by name.
func (c *Config) SortedPeerKeys() []PeerKey {
	out := slices.Collect(maps.Values(c.PeerKeys))
	slices.SortFunc(out, func(a, b PeerKey) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// LoginMethod says how an SSH client proved who it is.
type LoginMethod int

// Authentication methods.
const (
	MethodPassword LoginMethod = iota
	MethodPublicKey
)

// SSHLogin is what the SSH server asks the device about a user before and
// during authentication.
type SSHLogin struct {
	User    string
	Entry   SSHUser // the ssh user entry, or the default for AAA users
	HasUser bool    // an ssh user entry exists
	Mode    string  // the VTY line's authentication-mode: scheme, password or none
}

// SSHLoginFor returns the ssh user entry that applies to user on VTY line
// (-1: the lowest line's settings). A user without an ssh user entry gets
// service-type stelnet and authentication-type password, as later V5
// releases do for AAA users.
func (d *Device) SSHLoginFor(user string, line int) SSHLogin {
	d.mu.Lock()
	defer d.mu.Unlock()
	l := SSHLogin{User: user, Entry: SSHUser{Name: user, Service: SSHServiceStelnet, Auth: SSHAuthPassword}}
	if e, ok := d.cfg.SSHUsers[user]; ok {
		l.Entry, l.HasUser = e, true
	}
	if line < 0 || line >= MaxVTY {
		line = 0
	}
	l.Mode = d.cfg.VTY[line].AuthMode
	if l.Mode == "" {
		l.Mode = "scheme" // the factory configuration's mode; V5 default for VTY is password
	}
	return l
}

// CheckSSHPassword checks a password login on a VTY line: in scheme mode
// against the local users with service-type ssh, in password mode against
// the line's password, and in none mode not at all. It returns the
// privilege level the session gets.
func (d *Device) CheckSSHPassword(user, password string, line int) (level int, ok bool) {
	if d.refused(line) {
		return 0, false // a fault refuses this login (faults.go)
	}
	d.mu.Lock()
	ui := d.cfg.VTY[max(0, min(line, MaxVTY-1))]
	d.mu.Unlock()
	switch ui.AuthMode {
	case "none":
		return uiLevel(ui), true
	case "password":
		if ui.Password == "" {
			return 0, false
		}
		if !(LocalUser{Password: ui.Password}).CheckPassword(password) {
			return 0, false
		}
		return uiLevel(ui), true
	}
	return d.Authenticate(user, password, "ssh")
}

// uiLevel is the privilege level a line gives without AAA: user privilege
// level, 0 by default on VTY lines.
func uiLevel(ui UserInterface) int {
	if ui.Level < 0 {
		return 0
	}
	return ui.Level
}

// CheckSSHPublicKey reports whether key (the marshalled SSH wire form is
// compared by the caller through match) is the peer key assigned to user,
// and returns the level the session gets: the local user's authorization
// level if there is a local user, else the line's user privilege level.
func (d *Device) CheckSSHPublicKey(user string, line int, match func(*rsa.PublicKey) bool) (level int, ok bool) {
	if d.refused(line) {
		return 0, false // a fault refuses this login (faults.go)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	e, found := d.cfg.SSHUsers[user]
	if !found || e.Key == "" {
		return 0, false
	}
	pk, found := d.cfg.PeerKeys[e.Key]
	if !found {
		return 0, false
	}
	pub, err := pk.PublicKey()
	if err != nil || !match(pub) {
		return 0, false
	}
	if u, ok := d.cfg.Users[user]; ok {
		if !u.HasService("ssh") {
			return 0, false
		}
		return u.Level, true
	}
	return uiLevel(d.cfg.VTY[max(0, min(line, MaxVTY-1))]), true
}

// SameKey reports whether two RSA public keys are equal.
func SameKey(a, b *rsa.PublicKey) bool {
	return a != nil && b != nil && a.E == b.E && a.N.Cmp(b.N) == 0
}

// ImportSSHKey reads a public key file as public-key peer NAME import
// sshkey takes it: OpenSSH format ("ssh-rsa AAAA... comment"), RFC 4716
// format ("---- BEGIN SSH2 PUBLIC KEY ----"), or hex DER. It returns the
// key's SubjectPublicKeyInfo DER.
func ImportSSHKey(data []byte) ([]byte, error) {
	text := strings.TrimSpace(string(data))
	var pub *rsa.PublicKey
	var err error
	switch {
	case strings.HasPrefix(text, "ssh-rsa "):
		f := strings.Fields(text)
		pub, err = wireRSAKey(f[1])
	case strings.HasPrefix(text, "---- BEGIN SSH2 PUBLIC KEY ----"):
		var b64 strings.Builder
		cont := false
		for _, l := range strings.Split(text, "\n")[1:] {
			l = strings.TrimSpace(l)
			switch {
			case strings.HasPrefix(l, "---- END"):
			case cont || strings.Contains(l, ":"):
				cont = strings.HasSuffix(l, "\\")
			default:
				b64.WriteString(l)
			}
		}
		pub, err = wireRSAKey(b64.String())
	default:
		_, pub, err = ParseKeyCode(text)
	}
	if err != nil {
		return nil, ErrBadKeyCode
	}
	return x509.MarshalPKIXPublicKey(pub)
}

// wireRSAKey decodes the base64 SSH wire form of an ssh-rsa key (RFC 4253
// §6.6: string "ssh-rsa", mpint e, mpint n).
func wireRSAKey(b64 string) (*rsa.PublicKey, error) {
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, ErrBadKeyCode
	}
	var parts [3][]byte
	for i := range parts {
		if len(raw) < 4 {
			return nil, ErrBadKeyCode
		}
		n := binary.BigEndian.Uint32(raw)
		if uint64(n) > uint64(len(raw)-4) {
			return nil, ErrBadKeyCode
		}
		parts[i], raw = raw[4:4+n], raw[4+n:]
	}
	if string(parts[0]) != "ssh-rsa" || len(raw) != 0 {
		return nil, ErrBadKeyCode
	}
	e := new(big.Int).SetBytes(parts[1])
	if !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 {
		return nil, ErrBadKeyCode
	}
	n := new(big.Int).SetBytes(parts[2])
	if n.BitLen() < 512 {
		return nil, ErrBadKeyCode
	}
	return &rsa.PublicKey{N: n, E: int(e.Int64())}, nil
}
