package cli

import (
	"fmt"
	"strings"
	"time"

	"switchemu/device"
)

// The SSH server's display commands (reference §4.2-4.5) and display
// users (§5.10).
var displaySSHCommands = []Command{
	{Syntax: "display ssh server status", Priv: 1, Run: cmdDisplaySSHStatus},
	{Syntax: "display ssh server session", Priv: 1, Run: cmdDisplaySSHSession},
	{Syntax: "display ssh user-information", Priv: 1, Run: cmdDisplaySSHUsers},
	{Syntax: "display ssh user-information {user:STRING<1-80>}", Priv: 1, Run: cmdDisplaySSHUsers},
	{Syntax: "display public-key local rsa public", Priv: 1, Run: cmdDisplayLocalKey},
	{Syntax: "display public-key peer", Priv: 1, Run: cmdDisplayPeerKeys},
	{Syntax: "display public-key peer name {key:STRING<1-64>}", Priv: 1, Run: cmdDisplayPeerKeys},
	{Syntax: "display users", Priv: 1, Run: cmdDisplayUsers},
	{Syntax: "display users all", Priv: 1, Run: cmdDisplayUsers},
	{Syntax: "display user-interface", Priv: 1, Run: cmdDisplayUI},
}

var helpDisplaySSH = map[string]string{
	"display ssh":                                      "Secure Shell (SSH) information",
	"display ssh server":                               "Display SSH server information",
	"display ssh server status":                        "Display SSH server status",
	"display ssh server session":                       "Display SSH server session",
	"display ssh user-information":                     "Display SSH user information",
	"display ssh user-information {user:STRING<1-80>}": "SSH user name",
	"display public-key":                               "Display public key information",
	"display public-key local":                         "Display local key pair",
	"display public-key local rsa":                     "RSA key pair",
	"display public-key local rsa public":              "Display public key",
	"display public-key peer":                          "Display peer public key",
	"display public-key peer name":                     "Specify the name of the public key",
	"display public-key peer name {key:STRING<1-64>}":  "Public key name",
	"display users":                                    "Display the user interface information of login users",
	"display users all":                                "Display all user interface information",
	"display user-interface":                           "Display the user interface information",
}

func cmdDisplaySSHStatus(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	c := cfg.SSH
	on := map[bool]string{true: "Enable", false: "Disable"}
	ver := "2.0"
	if c.Compatible1x {
		ver = "1.99"
	}
	return s.printf(" SSH server: %s\n SSH version : %s\n SSH authentication-timeout : %d second(s)\n"+
		" SSH server key generating interval : %d hour(s)\n SSH authentication retries : %d time(s)\n"+
		"%s",
		on[c.Enabled], ver, c.AuthTimeout, c.RekeyInterval, c.AuthRetries, sftpStatus(cfg))
}

// shortCipher is the device's name for a negotiated cipher in display ssh
// server session: DES, 3DES, AES.
func shortCipher(c string) string {
	switch {
	case c == "":
		return ""
	case strings.HasPrefix(c, "aes"):
		return "AES"
	case strings.HasPrefix(c, "3des"):
		return "3DES"
	case strings.HasPrefix(c, "des"):
		return "DES"
	case strings.HasPrefix(c, "blowfish"):
		return "BLOWFISH"
	case strings.HasPrefix(c, "chacha20"):
		return "CHACHA20"
	}
	return strings.ToUpper(c)
}

func cmdDisplaySSHSession(s *Session, a Args) error {
	var rows []string
	for _, l := range s.dev.Logins() {
		if l.Protocol != "SSH" {
			continue
		}
		// BLOWFISH and CHACHA20 fill the Encry column: keep a space after them.
		rows = append(rows, strings.TrimRight(fmt.Sprintf(" %-6s %-4s %-8s%-12s %-6d %-8s %s",
			fmt.Sprintf("VTY %d", l.Line), l.Version, shortCipher(l.Cipher)+" ", l.State, l.Retry, l.Service, l.User), " "))
	}
	if len(rows) == 0 {
		return nil
	}
	return s.printf(" Conn   Ver  Encry   State        Retry  SerType  Username\n%s\n", strings.Join(rows, "\n"))
}

func cmdDisplaySSHUsers(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	users := cfg.SortedSSHUsers()
	if name := a.Str("user"); name != "" {
		u, ok := cfg.SSHUsers[name]
		if !ok {
			return userError(msgSSHUserMissing)
		}
		users = []device.SSHUser{u}
	}
	if err := s.printf(" Total ssh users : %d\n", len(users)); err != nil || len(users) == 0 {
		return err
	}
	var b strings.Builder
	b.WriteString(" Username                Authentication-type  User-public-key-name  Service-type\n")
	for _, u := range users {
		key := u.Key
		if key == "" {
			key = "null"
		}
		svc := u.Service
		if svc == device.SSHServiceAll {
			svc = "stelnet|sftp"
		}
		fmt.Fprintf(&b, " %-23s %-20s %-21s %s\n", u.Name, u.Auth, key, svc)
	}
	return s.printf("%s", b.String())
}

// keyBlock prints one key of display public-key local rsa public: a
// header and the PKCS#1 DER as hex, the SEQUENCE and INTEGER headers on
// their own lines, contents 16 digits a line, nested by two spaces.
func keyBlock(name string, created time.Time, der []byte) string {
	var b strings.Builder
	b.WriteString("\n=====================================================\n")
	fmt.Fprintf(&b, "Time of Key pair created: %s\n", created.Format("15:04:05 2006/01/02"))
	fmt.Fprintf(&b, "Key name: %s\nKey type: RSA Encryption Key\n", name)
	b.WriteString("=====================================================\nKey code:\n")
	hdr, body := derSplit(der)
	fmt.Fprintf(&b, "%X\n", hdr)
	for len(body) > 0 {
		h, content := derSplit(body)
		fmt.Fprintf(&b, "  %X\n", h)
		for i := 0; i < len(content); i += 8 {
			fmt.Fprintf(&b, "    %X\n", content[i:min(i+8, len(content))])
		}
		body = body[len(h)+len(content):]
	}
	return b.String()
}

// derSplit splits a DER TLV into its tag-and-length header and contents.
// Malformed input yields the rest as contents.
func derSplit(der []byte) (hdr, content []byte) {
	if len(der) < 2 {
		return der, nil
	}
	n, l := int(der[1]), 2
	if n&0x80 != 0 {
		k := n & 0x7f
		if k == 0 || k > 3 || len(der) < 2+k {
			return der[:2], der[2:]
		}
		n = 0
		for _, c := range der[2 : 2+k] {
			n = n<<8 | int(c)
		}
		l = 2 + k
	}
	if l+n > len(der) {
		return der[:l], der[l:]
	}
	return der[:l], der[l : l+n]
}

func cmdDisplayLocalKey(s *Session, a Args) error {
	hk := s.dev.CurrentHostKey()
	if hk == nil {
		return userError(msgKeyNone)
	}
	out := keyBlock("HOST_KEY", hk.Created, hostKeyDER(hk.Key))
	// V5 lists the SSH-1 server key made with the host key after it
	// (reference §4.5).
	if sk := s.dev.CurrentServerKey(); sk != nil {
		out += keyBlock("SERVER_KEY", sk.Created, hostKeyDER(sk.Key))
	}
	return s.printf("%s", out)
}

func cmdDisplayPeerKeys(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	keys := cfg.SortedPeerKeys()
	if name := a.Str("key"); name != "" {
		k, ok := cfg.PeerKeys[name]
		if !ok {
			return userError(msgPKeyNotExist)
		}
		keys = []device.PeerKey{k}
	}
	var b strings.Builder
	for _, k := range keys {
		bits := 0
		if pub, err := k.PublicKey(); err == nil {
			bits = pub.N.BitLen()
		}
		fmt.Fprintf(&b, "\n=====================================\n    Key Name   : %s\n    Key Type   : RSA\n    Key Module : %d\n=====================================\nKey Code:\n", k.Name, bits)
		for _, l := range device.KeyCodeLines(k.DER) {
			b.WriteString("   " + l + "\n")
		}
	}
	return s.printf("%s", b.String())
}

// vtyIndex is the absolute index of VTY 0 in display users: AUX 0 comes
// first on a one-MPU 7906E [U].
const vtyIndex = 1

func cmdDisplayUsers(s *Session, a Args) error {
	now := s.dev.Now()
	var rows, details strings.Builder
	logins := map[int]device.Login{}
	for _, l := range s.dev.Logins() {
		if l.User != "" {
			logins[l.Line] = l
		}
	}
	if a.Has("all") {
		rows.WriteString("  0   AUX 0\n")
	}
	for line := 0; line < device.MaxVTY; line++ {
		l, used := logins[line]
		if !used {
			if a.Has("all") {
				fmt.Fprintf(&rows, "  %-3d VTY %d\n", vtyIndex+line, line)
			}
			continue
		}
		mark := " "
		if l.Line == s.info.Line {
			mark = "+"
		}
		idle := now.Sub(l.LastInput)
		if idle < 0 {
			idle = 0
		}
		h, m, sec := int(idle.Hours()), int(idle.Minutes())%60, int(idle.Seconds())%60
		ui := fmt.Sprintf("VTY %d", l.Line)
		typ := l.Protocol
		if typ == "" {
			typ = "SSH"
		}
		fmt.Fprintf(&rows, "%s %-3d %-7s %02d:%02d:%02d %-4s %d\n", mark, vtyIndex+l.Line, ui, h, m, sec, typ, l.Level)
		fmt.Fprintf(&details, "%-8s:\n        User name: %s\n        Location: %s\n", ui, l.User, hostOf(l.Remote))
	}
	return s.printf("The user application information of the user interface(s):\n  Idx UI      Delay    Type Userlevel\n%s\nFollowing are more details.\n%s"+
		" +    : Current operation user.\n F    : Current operation user work in async mode.\n", rows.String(), details.String())
}

var displaySSHGroup = group{displaySSHCommands, helpDisplaySSH}

// hostOf is the address part of a remote address.
func hostOf(a interface{ String() string }) string {
	if a == nil {
		return ""
	}
	s := a.String()
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i+1:], "]") {
		h := s[:i]
		return strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	}
	return s
}

// cmdDisplayUI lists the user interfaces with their privilege level and
// authentication mode; + marks a line in use [U: layout from V5 manuals].
func cmdDisplayUI(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	used := map[int]bool{}
	for _, l := range s.dev.Logins() {
		used[l.Line] = true
	}
	auth := func(ui device.UserInterface, def string) string {
		switch ui.AuthMode {
		case "scheme":
			return "A"
		case "password":
			return "P"
		case "none":
			return "N"
		}
		return def
	}
	level := func(ui device.UserInterface, def int) int {
		if ui.Level >= 0 {
			return ui.Level
		}
		return def
	}
	var b strings.Builder
	b.WriteString("  Idx  Type     Tx/Rx      Modem Privi Auth  Int\n")
	fmt.Fprintf(&b, "  %-4d %-8s %-10s %-5s %-5d %-5s %s\n", 0, "AUX 0", "9600", "-", level(cfg.AUX, 3), auth(cfg.AUX, "N"), "-")
	for i, ui := range cfg.VTY {
		mark := " "
		if used[i] {
			mark = "+"
		}
		fmt.Fprintf(&b, "%s %-4d %-8s %-10s %-5s %-5d %-5s %s\n", mark, vtyIndex+i, fmt.Sprintf("VTY %d", i), "", "-", level(ui, 0), auth(ui, "A"), "-")
	}
	// The legend as the V5 capture prints it (reference §5.22).
	b.WriteString("  UI(s) not in async mode -or- with no modem control.\n" +
		"  + : Current user-interface is active.\n" +
		"  F : Current user-interface is active and work in async mode.\n" +
		"  Idx : Absolute index of user-interface.\n" +
		"  Type : Type and relative index of user-interface.\n" +
		"  Privi: The privilege of user-interface.\n" +
		"  Auth : The authentication mode of user-interface.\n" +
		"  Int : The physical location of UIs.\n" +
		"  A : Authentication use AAA.\n" +
		"  L : Authentication use local database.\n" +
		"  N : Current UI need not authentication.\n" +
		"  P : Authentication use current UI's password.\n")
	return s.printf("%s", b.String())
}
