package cli

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"switchemu/device"
)

// The SSH server commands of system view and the public key views
// (reference §4.1). Strings marked [U] in the reference are the likeliest
// wording; they live here so one edit fixes them.
const (
	msgKeyRange       = "The range of public key size is (512 ~ 2048)."
	msgKeyNotes       = "NOTES: If the key modulus is greater than 512,\nit will take a few minutes.\nPress CTRL+C to abort."
	msgKeyBits        = "Input the bits of the modulus[default = 1024]:"
	msgKeyGenerating  = "Generating Keys..."
	msgKeyExists      = " The local-key-pair already exists."
	msgKeyReplace     = " Confirm to replace them? [Y/N]:"
	msgKeyDestroy     = " Confirm to destroy these keys? [Y/N]:"
	msgKeyNone        = " % Local RSA keys do not exist."                                      // [U]
	msgPKeyView       = "Public key view: return to System View with \"peer-public-key end\"." // V5 doc
	msgPKeyCodeView   = "Public key code view: return to last view with \"public-key-code end\"."
	msgPKeyBadCode    = " % The public key code is invalid."                                            // [U]
	msgPKeyNotExist   = " % The public key does not exist."                                             // [U]
	msgPKeyImportFail = " % Failed to import the public key from the file."                             // [U]
	msgSSHUserMissing = " % The SSH user does not exist."                                               // [U]
	msgSSHNeedScheme  = " % SSH protocol can not be configured when authentication-mode is not scheme." // [U]
)

var sshCommands = []Command{
	{Syntax: "ssh server enable", Priv: 3, Run: cmdSSHServer},
	{Syntax: "undo ssh server enable", Priv: 3, Run: cmdSSHServer},
	{Syntax: "ssh server compatible-ssh1x enable", Priv: 3, Run: cmdSSHCompat},
	{Syntax: "undo ssh server compatible-ssh1x", Priv: 3, Run: cmdSSHCompat},
	{Syntax: "undo ssh server compatible-ssh1x enable", Priv: 3, Run: cmdSSHCompat},
	{Syntax: "ssh server authentication-retries {n:<1-5>}", Priv: 3, Run: cmdSSHRetries},
	{Syntax: "undo ssh server authentication-retries", Priv: 3, Run: cmdSSHRetries},
	{Syntax: "ssh server authentication-timeout {n:<1-120>}", Priv: 3, Run: cmdSSHTimeout},
	{Syntax: "undo ssh server authentication-timeout", Priv: 3, Run: cmdSSHTimeout},
	{Syntax: "ssh server rekey-interval {n:<1-24>}", Priv: 3, Run: cmdSSHRekey},
	{Syntax: "undo ssh server rekey-interval", Priv: 3, Run: cmdSSHRekey},
	{Syntax: "public-key local create rsa", Priv: 3, Run: cmdKeyCreate},
	{Syntax: "public-key local destroy rsa", Priv: 3, Run: cmdKeyDestroy},
	{Syntax: "public-key peer {key:STRING<1-64>}", Priv: 3, Run: cmdPeerKey},
	{Syntax: "public-key peer {key:STRING<1-64>} import sshkey {file:STRING<1-135>}", Priv: 3, Run: cmdPeerKeyImport},
	{Syntax: "undo public-key peer {key:STRING<1-64>}", Priv: 3, Run: cmdUndoPeerKey},
	{Syntax: "undo ssh user {user:STRING<1-80>}", Priv: 3, Run: cmdUndoSSHUser},
	{Syntax: "ssh user {user:STRING<1-80>} assign publickey {key:STRING<1-64>}", Priv: 3, Run: cmdSSHUser},
	{Syntax: "undo ssh user {user:STRING<1-80>} assign publickey", Priv: 3, Run: cmdSSHUser},
}

var helpSSH = map[string]string{
	"ssh":                                              "Specify SSH (secure shell) configuration information",
	"ssh server":                                       "Specify the server attribute",
	"ssh server enable":                                "Enable SSH server function",
	"undo ssh":                                         "Specify SSH (secure shell) configuration information",
	"undo ssh server":                                  "Specify the server attribute",
	"undo ssh server enable":                           "Enable SSH server function",
	"ssh server compatible-ssh1x":                      "Specify the compatibility of SSH server with SSH1.x client",
	"ssh server compatible-ssh1x enable":               "Enable SSH server compatible with SSH1.x client",
	"undo ssh server compatible-ssh1x":                 "Specify the compatibility of SSH server with SSH1.x client",
	"undo ssh server compatible-ssh1x enable":          "Enable SSH server compatible with SSH1.x client",
	"ssh server authentication-retries":                "Specify the max number of retries of authentication",
	"ssh server authentication-retries {n:<1-5>}":      "Times",
	"undo ssh server authentication-retries":           "Specify the max number of retries of authentication",
	"ssh server authentication-timeout":                "Specify the time out of authentication",
	"ssh server authentication-timeout {n:<1-120>}":    "Seconds",
	"undo ssh server authentication-timeout":           "Specify the time out of authentication",
	"ssh server rekey-interval":                        "Specify the interval of updating server key",
	"ssh server rekey-interval {n:<1-24>}":             "Hours",
	"undo ssh server rekey-interval":                   "Specify the interval of updating server key",
	"public-key":                                       "Specify public key configuration",
	"public-key local":                                 "Specify local key pair",
	"public-key local create":                          "Create local key pair",
	"public-key local create rsa":                      "Specify RSA key pair",
	"public-key local destroy":                         "Destroy local key pair",
	"public-key local destroy rsa":                     "Specify RSA key pair",
	"public-key peer":                                  "Specify peer public key",
	"public-key peer {key:STRING<1-64>}":               "Public key name",
	"public-key peer {key:STRING<1-64>} import":        "Import public key from file",
	"public-key peer {key:STRING<1-64>} import sshkey": "Specify SSH public key file format",
	"public-key peer {key:STRING<1-64>} import sshkey {file:STRING<1-135>}": "File name",
	"undo public-key":                               "Specify public key configuration",
	"undo public-key peer":                          "Specify peer public key",
	"undo public-key peer {key:STRING<1-64>}":       "Public key name",
	"ssh user":                                      "Specify SSH user",
	"ssh user {user:STRING<1-80>}":                  "SSH user name",
	"ssh user {user:STRING<1-80>} assign":           "Assign a publickey to the user",
	"ssh user {user:STRING<1-80>} assign publickey": "Specify publickey",
	"ssh user {user:STRING<1-80>} assign publickey {key:STRING<1-64>}": "Public key name",
	"undo ssh user":                                                       "Specify SSH user",
	"undo ssh user {user:STRING<1-80>}":                                   "SSH user name",
	"undo ssh user {user:STRING<1-80>} assign":                            "Assign a publickey to the user",
	"undo ssh user {user:STRING<1-80>} assign publickey":                  "Specify publickey",
	"ssh user {user:STRING<1-80>} service-type":                           "Specify service type of the user",
	"ssh user {user:STRING<1-80>} authentication-type":                    "Specify authentication type of the user",
	"ssh user {user:STRING<1-80>} service-type all":                       "Stelnet and SFTP service",
	"ssh user {user:STRING<1-80>} service-type sftp":                      "SFTP service",
	"ssh user {user:STRING<1-80>} service-type stelnet":                   "Stelnet service",
	"ssh user {user:STRING<1-80>} authentication-type password":           "Password authentication",
	"ssh user {user:STRING<1-80>} authentication-type publickey":          "Publickey authentication",
	"ssh user {user:STRING<1-80>} authentication-type password-publickey": "Password and publickey authentication",
	"ssh user {user:STRING<1-80>} authentication-type any":                "Password or publickey authentication",
}

// sshUserCommands spells out ssh user NAME [service-type S]
// [authentication-type A [assign publickey KEY]] in the orders V5
// releases accept.
func sshUserCommands() []Command {
	var out []Command
	services := []string{"all", "sftp", "stelnet"}
	auths := []string{"password", "publickey", "password-publickey", "any"}
	base := "ssh user {user:STRING<1-80>}"
	for _, sv := range services {
		out = append(out, Command{Syntax: base + " service-type " + sv, Priv: 3, Run: cmdSSHUser})
		for _, au := range auths {
			out = append(out, Command{Syntax: base + " service-type " + sv + " authentication-type " + au, Priv: 3, Run: cmdSSHUser})
			if au != "password" {
				out = append(out, Command{Syntax: base + " service-type " + sv + " authentication-type " + au + " assign publickey {key:STRING<1-64>}", Priv: 3, Run: cmdSSHUser})
			}
		}
	}
	for _, au := range auths {
		out = append(out, Command{Syntax: base + " authentication-type " + au, Priv: 3, Run: cmdSSHUser})
	}
	return out
}

// withSSHUserHelp adds help for every prefix of the ssh user commands.
func withSSHUserHelp(help map[string]string) map[string]string {
	word := map[string]string{}
	for k, v := range help {
		if strings.HasPrefix(k, "ssh user {user:STRING<1-80>} ") {
			w := strings.Fields(k)
			word[w[len(w)-1]] = v
		}
	}
	word["assign"] = help["ssh user {user:STRING<1-80>} assign"]
	word["publickey"] = "Publickey authentication"
	for _, c := range sshUserCommands() {
		w := strings.Fields(c.Syntax)
		for i := 3; i < len(w); i++ {
			key := strings.Join(w[:i+1], " ")
			if _, ok := help[key]; ok {
				continue
			}
			switch {
			case w[i] == "publickey" && i > 0 && w[i-1] == "assign":
				help[key] = "Specify publickey"
			case strings.HasPrefix(w[i], "{key:"):
				help[key] = "Public key name"
			default:
				help[key] = word[w[i]]
			}
		}
	}
	return help
}

func cmdSSHServer(s *Session, a Args) error {
	on := !a.Has("undo")
	if err := s.dev.Update(func(c *device.Config) error {
		c.SSH.Enabled = on
		return nil
	}); err != nil {
		return err
	}
	if on {
		return s.println(msgSSHEnabled)
	}
	return s.println(msgSSHDisabled)
}

func cmdSSHCompat(s *Session, a Args) error {
	on := !a.Has("undo")
	return s.dev.Update(func(c *device.Config) error {
		c.SSH.Compatible1x = on
		return nil
	})
}

func cmdSSHRetries(s *Session, a Args) error {
	n := device.DefaultAuthRetries
	if !a.Has("undo") {
		n = a.Int("n")
	}
	return s.dev.Update(func(c *device.Config) error {
		c.SSH.AuthRetries = n
		return nil
	})
}

func cmdSSHTimeout(s *Session, a Args) error {
	n := device.DefaultAuthTimeout
	if !a.Has("undo") {
		n = a.Int("n")
	}
	return s.dev.Update(func(c *device.Config) error {
		c.SSH.AuthTimeout = n
		return nil
	})
}

func cmdSSHRekey(s *Session, a Args) error {
	n := 0
	if !a.Has("undo") {
		n = a.Int("n")
	}
	return s.dev.Update(func(c *device.Config) error {
		c.SSH.RekeyInterval = n
		return nil
	})
}

// cmdKeyCreate runs the key pair dialog: replace prompt if a key exists,
// the modulus prompt (Enter = 1024, 512 to 2048), then the new key becomes
// the SSH server's host key.
func cmdKeyCreate(s *Session, a Args) error {
	if s.replay {
		return nil // key pairs are not configuration
	}
	if s.dev.CurrentHostKey() != nil {
		if err := s.println(msgKeyExists); err != nil {
			return err
		}
		ok, err := s.confirm(msgKeyReplace)
		if err != nil || !ok {
			return err
		}
	}
	if err := s.println(msgKeyRange + "\n" + msgKeyNotes); err != nil {
		return err
	}
	bits := 0
	for bits == 0 {
		ans, err := s.ask(msgKeyBits)
		if err != nil {
			return err
		}
		if ans == "" {
			bits = 1024
			break
		}
		n, err := strconv.Atoi(ans)
		if err == nil && n >= 512 && n <= 2048 {
			bits = n
		}
	}
	if err := s.println(msgKeyGenerating); err != nil {
		return err
	}
	key, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		return err
	}
	if err := s.dev.SetHostKey(key); err != nil {
		return err
	}
	// The device prints a line of '+' per prime candidate round.
	return s.println("++++++\n++++++++++++\n+++++++++\n++++++++")
}

func cmdKeyDestroy(s *Session, a Args) error {
	if s.replay {
		return nil
	}
	if s.dev.CurrentHostKey() == nil {
		return userError(msgKeyNone)
	}
	ok, err := s.confirm(msgKeyDestroy)
	if err != nil || !ok {
		return err
	}
	return s.dev.SetHostKey(nil)
}

// cmdPeerKey enters public key view for key (created when its key code
// is entered).
func cmdPeerKey(s *Session, a Args) error {
	s.push(frame{kind: viewPKey, pkey: a.Str("key")})
	return s.println(msgPKeyView)
}

func cmdPeerKeyImport(s *Session, a Args) error {
	name, file := a.Str("key"), a.Str("file")
	st := s.dev.Store()
	if st == nil {
		return userError(msgPKeyImportFail)
	}
	data, err := st.ReadFile(strings.TrimPrefix(file, s.dev.Profile().Files.Storage+"/"))
	if err != nil {
		return userError(msgPKeyImportFail)
	}
	der, err := device.ImportSSHKey(data)
	if err != nil {
		return userError(msgPKeyImportFail)
	}
	return s.dev.Update(func(c *device.Config) error {
		c.PeerKeys[name] = device.PeerKey{Name: name, DER: der}
		return nil
	})
}

func cmdUndoPeerKey(s *Session, a Args) error {
	name := a.Str("key")
	var missing bool
	err := s.dev.Update(func(c *device.Config) error {
		if _, ok := c.PeerKeys[name]; !ok {
			missing = true
			return nil
		}
		delete(c.PeerKeys, name)
		return nil
	})
	if err == nil && missing {
		return userError(msgPKeyNotExist)
	}
	return err
}

// cmdSSHUser creates or changes an ssh user entry; parts not given keep
// their values (defaults: stelnet, password).
func cmdSSHUser(s *Session, a Args) error {
	name := a.Str("user")
	return s.dev.Update(func(c *device.Config) error {
		u, ok := c.SSHUsers[name]
		if !ok {
			u = device.SSHUser{Name: name, Service: device.SSHServiceStelnet, Auth: device.SSHAuthPassword}
		}
		for _, sv := range []string{"all", "sftp", "stelnet"} {
			if a.Has(sv) {
				u.Service = sv
			}
		}
		for _, au := range []string{"password", "publickey", "password-publickey", "any"} {
			if hasAfter(a, "authentication-type", au) {
				u.Auth = au
			}
		}
		if a.Has("assign") {
			u.Key = ""
			if !a.Has("undo") {
				u.Key = a.Str("key")
			}
		}
		if a.Has("undo") && !ok {
			return userError(msgSSHUserMissing)
		}
		c.SSHUsers[name] = u
		return nil
	})
}

// hasAfter reports whether keyword kw directly follows keyword after.
func hasAfter(a Args, after, kw string) bool {
	for i := 1; i < len(a.Words); i++ {
		if a.Words[i].Keyword && a.Words[i].Name == kw && a.Words[i-1].Keyword && a.Words[i-1].Name == after {
			return true
		}
	}
	return false
}

func cmdUndoSSHUser(s *Session, a Args) error {
	name := a.Str("user")
	var missing bool
	err := s.dev.Update(func(c *device.Config) error {
		if _, ok := c.SSHUsers[name]; !ok {
			missing = true
			return nil
		}
		delete(c.SSHUsers, name)
		return nil
	})
	if err == nil && missing {
		return userError(msgSSHUserMissing)
	}
	return err
}

// Public key view ([Sysname-pkey-public-key]) and public key code view
// ([Sysname-pkey-key-code]).
var pkeyCommands = []Command{
	{Syntax: "public-key-code begin", Priv: 3, Run: cmdKeyCodeBegin},
	{Syntax: "peer-public-key end", Priv: 3, Run: cmdPeerKeyEnd},
}

var helpPKey = map[string]string{
	"public-key-code":       "Public key code",
	"public-key-code begin": "Enter public key code view",
	"peer-public-key":       "Peer public key",
	"peer-public-key end":   "Return to system view",
}

var pkeyCodeCommands = []Command{
	{Syntax: "public-key-code end", Priv: 3, Run: cmdKeyCodeEnd},
	{Syntax: "{hex:LINE<1-510>}", Priv: 3, Run: cmdKeyCodeLine},
}

var helpPKeyCode = map[string]string{
	"public-key-code":     "Public key code",
	"public-key-code end": "Return to public key view",
	"{hex:LINE<1-510>}":   "Public key code (hexadecimal)",
}

func cmdKeyCodeBegin(s *Session, a Args) error {
	f := s.cur()
	s.push(frame{kind: viewPKeyCode, pkey: f.pkey, pkeyCode: new(strings.Builder)})
	return s.println(msgPKeyCodeView)
}

func cmdKeyCodeLine(s *Session, a Args) error {
	f := s.cur()
	f.pkeyCode.WriteString(a.Str("hex") + " ")
	return nil
}

// cmdKeyCodeEnd checks the key code typed since begin and stores it as
// the peer key.
func cmdKeyCodeEnd(s *Session, a Args) error {
	f := s.cur()
	s.stack = s.stack[:len(s.stack)-1]
	der, _, err := device.ParseKeyCode(f.pkeyCode.String())
	if err != nil {
		return userError(msgPKeyBadCode)
	}
	return s.dev.Update(func(c *device.Config) error {
		c.PeerKeys[f.pkey] = device.PeerKey{Name: f.pkey, DER: der}
		return nil
	})
}

func cmdPeerKeyEnd(s *Session, a Args) error {
	s.toSystemView()
	return nil
}

// hostKeyDER is the host key's public half as PKCS#1 DER, the form
// display public-key local rsa public prints.
func hostKeyDER(k *rsa.PrivateKey) []byte { return x509.MarshalPKCS1PublicKey(&k.PublicKey) }

// protocolNeedsScheme reports whether protocol inbound ssh may be set on
// lines whose authentication mode is mode.
func protocolNeedsScheme(mode string) bool { return mode != "" && mode != "scheme" }

var sshGroup = group{append(sshCommands, sshUserCommands()...), withSSHUserHelp(helpSSH)}

var pkeyGroup = group{pkeyCommands, helpPKey}

var pkeyCodeGroup = group{pkeyCodeCommands, helpPKeyCode}

// mergeHelp returns the union of help maps (later maps win).
func mergeHelp(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}

// renderPeerKeys prints the public-key peer blocks of the configuration.
func renderPeerKeys(cfg device.Config) string {
	var b strings.Builder
	for _, k := range cfg.SortedPeerKeys() {
		fmt.Fprintf(&b, " public-key peer %s\n  public-key-code begin\n", k.Name)
		for _, l := range device.KeyCodeLines(k.DER) {
			b.WriteString("   " + l + "\n")
		}
		b.WriteString("  public-key-code end\n peer-public-key end\n")
	}
	return b.String()
}

// renderSSHUsers prints the ssh user lines of the configuration.
func renderSSHUsers(cfg device.Config) string {
	var b strings.Builder
	for _, u := range cfg.SortedSSHUsers() {
		fmt.Fprintf(&b, " ssh user %s service-type %s authentication-type %s", u.Name, u.Service, u.Auth)
		switch {
		case u.Key == "":
		case u.Auth != device.SSHAuthPassword:
			fmt.Fprintf(&b, " assign publickey %s", u.Key)
		default:
			fmt.Fprintf(&b, "\n ssh user %s assign publickey %s", u.Name, u.Key)
		}
		b.WriteString("\n")
	}
	return b.String()
}
