package sshd

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"sync"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/device"
)

// connState is what one connection's authentication learns: the user's
// ssh user entry, the level the session gets, the methods passed.
type connState struct {
	srv  *Server
	line int
	host string

	mu           sync.Mutex
	user         string
	login        device.SSHLogin
	level        int
	method       string // "password", "publickey" or "password-publickey"
	passwordDone bool
	keyDone      bool
}

func (st *connState) userOrUnknown() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.user == "" {
		return "unknown"
	}
	return st.user
}

// loginFor returns the device's view of user, looked up once per user
// name (a client may change names between attempts).
func (st *connState) loginFor(user string) device.SSHLogin {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.user != user || st.login.User != user {
		st.user = user
		st.login = st.srv.Device.SSHLoginFor(user, st.line)
	}
	return st.login
}

var errDenied = errors.New("sshd: permission denied")

// serverConfig returns the x/crypto configuration for one connection: the
// profile's algorithm set, the device's host key, retry limit and
// authentication callbacks, and the identification string stage 1 sent
// (it is hashed into the exchange).
func (srv *Server) serverConfig(ident string, hk *device.HostKey, st *connState) (*gossh.ServerConfig, error) {
	p := srv.Device.Profile()
	set := p.SSH.Sets[p.SSH.Algorithms]
	if s, ok := p.SSH.Sets[srv.Algorithms]; ok {
		set = s
	}
	cfg := srv.Device.View()
	sc := &gossh.ServerConfig{
		Config: gossh.Config{
			KeyExchanges: set.KeyExchanges,
			Ciphers:      set.Ciphers,
			MACs:         set.MACs,
		},
		MaxAuthTries:              cfg.SSH.AuthRetries,
		ServerVersion:             ident,
		PasswordCallback:          st.password,
		PublicKeyCallback:         st.publicKey,
		VerifiedPublicKeyCallback: st.verifiedKey,
		PublicKeyAuthAlgorithms:   []string{gossh.KeyAlgoRSASHA512, gossh.KeyAlgoRSASHA256, gossh.KeyAlgoRSA},
		AuthLogCallback:           st.authLog,
		PreAuthConnCallback: func(gossh.ServerPreAuthConn) {
			srv.Device.UpdateVTY(st.line, func(l *device.Login) { l.State = "Auth-request" })
		},
	}
	signer, err := gossh.NewSignerFromKey(hk.Key)
	if err != nil {
		return nil, err
	}
	signer, err = gossh.NewSignerWithAlgorithms(signer.(gossh.AlgorithmSigner), set.HostKeys)
	if err != nil {
		return nil, err
	}
	sc.AddHostKey(signer)
	return sc, nil
}

// password checks a password attempt. In scheme mode the user's ssh user
// entry must allow password authentication; with password-publickey a
// right password is only half of the login.
func (st *connState) password(conn gossh.ConnMetadata, pw []byte) (*gossh.Permissions, error) {
	l := st.loginFor(conn.User())
	if l.Mode == "scheme" {
		switch l.Entry.Auth {
		case device.SSHAuthPassword, device.SSHAuthAny, device.SSHAuthPasswordPublicKey:
		default:
			return nil, errDenied
		}
	}
	level, ok := st.srv.Device.CheckSSHPassword(conn.User(), string(pw), st.line)
	if !ok {
		// A wrong password costs the client a wait that grows with
		// its address's failures (device.LoginFailed).
		st.srv.pause(st.srv.Device.LoginFailed(st.host))
		return nil, errDenied
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.passwordDone = true
	if l.Mode == "scheme" && l.Entry.Auth == device.SSHAuthPasswordPublicKey && !st.keyDone {
		st.level = level
		return nil, &gossh.PartialSuccessError{Next: gossh.ServerAuthCallbacks{PublicKeyCallback: st.publicKey}}
	}
	if !st.keyDone {
		st.level = level
		st.method = "password"
	} else {
		st.method = "password-publickey"
	}
	return nil, nil
}

// publicKey says whether key may be used by the user: its ssh user entry
// allows public keys and has key assigned.
func (st *connState) publicKey(conn gossh.ConnMetadata, key gossh.PublicKey) (*gossh.Permissions, error) {
	l := st.loginFor(conn.User())
	if !l.HasUser {
		return nil, errDenied
	}
	switch l.Entry.Auth {
	case device.SSHAuthPublicKey, device.SSHAuthAny, device.SSHAuthPasswordPublicKey:
	default:
		return nil, errDenied
	}
	ck, ok := key.(gossh.CryptoPublicKey)
	if !ok {
		return nil, errDenied
	}
	want, ok := ck.CryptoPublicKey().(*rsa.PublicKey)
	if !ok {
		return nil, errDenied
	}
	level, ok := st.srv.Device.CheckSSHPublicKey(conn.User(), st.line, func(pub *rsa.PublicKey) bool { return device.SameKey(pub, want) })
	if !ok {
		return nil, errDenied
	}
	return &gossh.Permissions{Extensions: map[string]string{"level": fmt.Sprint(level)}}, nil
}

// verifiedKey runs once the client proved it holds the key.
func (st *connState) verifiedKey(conn gossh.ConnMetadata, key gossh.PublicKey, perms *gossh.Permissions, _ string) (*gossh.Permissions, error) {
	l := st.loginFor(conn.User())
	var level int
	fmt.Sscan(perms.Extensions["level"], &level)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.keyDone = true
	if l.Entry.Auth == device.SSHAuthPasswordPublicKey && !st.passwordDone {
		st.level = level
		return nil, &gossh.PartialSuccessError{Next: gossh.ServerAuthCallbacks{PasswordCallback: st.password}}
	}
	if st.passwordDone {
		st.method = "password-publickey"
		return nil, nil
	}
	st.level = level
	st.method = "publickey"
	return nil, nil
}

// authLog counts failed attempts for display ssh server session and
// writes the log buffer messages of reference §4.7.
func (st *connState) authLog(conn gossh.ConnMetadata, method string, err error) {
	dev := st.srv.Device
	var partial *gossh.PartialSuccessError
	what := map[string]string{"password": "PASSWORD", "publickey": "PUBLICKEY"}[method]
	switch {
	case method == "none" || what == "":
		return
	case err == nil || errors.As(err, &partial):
		dev.Log("SSH", 4, "AUTHSUCC", fmt.Sprintf("SSH user %s (IP:%s) success to process %s Authentication!", conn.User(), st.host, what))
	default:
		dev.UpdateVTY(st.line, func(l *device.Login) { l.Retry++ })
		dev.Log("SSH", 5, "AUTH_FAILURE", fmt.Sprintf("SSH user %s (IP:%s) failed to process %s Authentication!", conn.User(), st.host, what))
	}
}
