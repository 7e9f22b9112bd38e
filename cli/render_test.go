package cli

import (
	crand "crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"switchemu/device"
	"switchemu/profiles"
)

// freshDevice is a device as the hardware starts, before any
// configuration is replayed.
func freshDevice(t testing.TB) *device.Device {
	t.Helper()
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	return device.New(p, device.Options{})
}

// randomScript writes configuration text that builds a random
// configuration out of every command that changes what display
// current-configuration shows, in valid forms and in forms a user can type
// but the device refuses (an access VLAN that does not exist, a hybrid
// command on a trunk port, a sub address without a primary, ...).
// Whatever the result, it must render and replay; a refused line must
// leave nothing behind.
func randomScript(r *rand.Rand) string {
	var b strings.Builder
	pick := func(s ...string) string { return s[r.IntN(len(s))] }
	word := func() string {
		const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.#!%()/:[]<>"
		n := 1 + r.IntN(8)
		out := make([]byte, n)
		for i := range out {
			out[i] = chars[r.IntN(len(chars))]
		}
		return string(out)
	}
	// long is a word of exactly n characters: the longest a field takes.
	long := func(n int) string {
		if r.IntN(4) != 0 {
			return word()
		}
		return strings.Repeat(word(), n)[:n]
	}
	text := func(max int) string {
		var words []string
		for n := 1 + r.IntN(4); n > 0; n-- {
			words = append(words, word())
		}
		s := strings.Join(words, pick(" ", " ", " ", "  "))
		if r.IntN(8) == 0 {
			s = strings.Repeat(s+" ", max)
		}
		if len(s) > max {
			s = strings.TrimSpace(s[:max])
		}
		return s
	}
	vlan := func() int {
		switch r.IntN(8) {
		case 0:
			return 1 + r.IntN(4094)
		case 1:
			return 1
		}
		return 1 + r.IntN(22)
	}
	// vlanList is a VLAN list as port trunk and port hybrid take it:
	// "10", "2 to 5 7", "all", sometimes out of order or reversed.
	vlanList := func() string {
		if r.IntN(10) == 0 {
			return "all"
		}
		var parts []string
		for n := 1 + r.IntN(3); n > 0; n-- {
			from := vlan()
			if r.IntN(3) == 0 {
				to := from + r.IntN(6)
				if r.IntN(10) == 0 {
					to = from - 1 // refused: a range backwards
				}
				parts = append(parts, fmt.Sprintf("%d to %d", from, min(max(to, 0), 4094)))
			} else {
				parts = append(parts, fmt.Sprint(from))
			}
		}
		return strings.Join(parts, " ")
	}
	port := func() string {
		switch r.IntN(6) {
		case 0:
			return fmt.Sprintf("Ten-GigabitEthernet4/0/%d", 1+r.IntN(4))
		case 1:
			return "M-Ethernet0/0/0"
		}
		return fmt.Sprintf("GigabitEthernet%d/0/%d", 2+r.IntN(2), 1+r.IntN(8))
	}
	l3if := func() string {
		switch r.IntN(7) {
		case 6:
			return pick("NULL0", "NULL 0")
		case 0:
			return fmt.Sprintf("LoopBack%d", r.IntN(4))
		case 1:
			return "M-Ethernet0/0/0"
		case 2:
			return fmt.Sprintf("Vlan-interface %d", r.IntN(6)) // the spaced form
		}
		return fmt.Sprintf("Vlan-interface%d", r.IntN(6))
	}
	// ip is an address from a small pool, so that conflicts, overlaps
	// and repeats happen; sometimes one the device refuses.
	ip := func() string {
		switch r.IntN(12) {
		case 0:
			return pick("0.0.0.0", "224.0.0.5", "255.255.255.255", "127.0.0.1")
		}
		return fmt.Sprintf("10.%d.%d.%d", r.IntN(3), r.IntN(3), r.IntN(256))
	}
	maskOrLen := func() string {
		n := 8 + r.IntN(25)
		if r.IntN(8) == 0 {
			n = r.IntN(33)
		}
		if r.IntN(2) == 0 {
			return fmt.Sprint(n)
		}
		if r.IntN(15) == 0 {
			return "255.0.255.0" // refused: not contiguous
		}
		return maskString(n)
	}
	mac := func() string {
		if r.IntN(10) == 0 {
			return pick("0100-5e00-0001", "ffff-ffff-ffff", "zz-1", "0000-0000-0000")
		}
		return fmt.Sprintf("%04x-%04x-%04x", r.IntN(4)*2, r.IntN(4), r.IntN(8))
	}
	keyNames := []string{"k1", "k2", "laptop", "KEY-4"}
	sshUsers := []string{"admin", "ops", "backup", "u1"}
	services := []string{"ftp", "lan-access", "portal", "web", "ssh", "telnet", "terminal", "ssh telnet", "telnet terminal ssh", "terminal ssh"}

	ifSettings := func() {
		// Most blocks set a link type first and then that type's
		// settings, so that they apply; the rest mix anything.
		mode := r.IntN(5)
		switch mode {
		case 1:
			b.WriteString(" port access vlan " + fmt.Sprint(vlan()) + "\n")
		case 2:
			b.WriteString(" port link-type trunk\n")
			for k := r.IntN(4); k > 0; k-- {
				switch r.IntN(4) {
				case 0:
					fmt.Fprintf(&b, " undo port trunk permit vlan %s\n", pick("1", vlanList()))
				case 1:
					fmt.Fprintf(&b, " port trunk pvid vlan %d\n", vlan())
				default:
					fmt.Fprintf(&b, " port trunk permit vlan %s\n", vlanList())
				}
			}
		case 3:
			b.WriteString(" port link-type hybrid\n")
			for k := r.IntN(4); k > 0; k-- {
				switch r.IntN(5) {
				case 0:
					fmt.Fprintf(&b, " undo port hybrid vlan %s\n", pick("1", vlanList()))
				case 1:
					fmt.Fprintf(&b, " port hybrid pvid vlan %d\n", vlan())
				default:
					fmt.Fprintf(&b, " port hybrid vlan %s %s\n", vlanList(), pick("tagged", "untagged"))
				}
			}
		}
		if mode == 4 && r.IntN(3) == 0 {
			// Lists longer than one command line can hold once rendered.
			kind := pick("trunk", "hybrid")
			fmt.Fprintf(&b, " port link-type %s\n", kind)
			for k := 1 + r.IntN(4); k > 0; k-- {
				var ids []string
				for id := 2 + r.IntN(3); id <= 60; id += 2 + r.IntN(3) {
					ids = append(ids, fmt.Sprint(id))
				}
				if kind == "trunk" {
					fmt.Fprintf(&b, " port trunk permit vlan %s\n", strings.Join(ids, " "))
				} else {
					fmt.Fprintf(&b, " port hybrid vlan %s %s\n", strings.Join(ids, " "), pick("tagged", "untagged"))
				}
			}
		}
		for k := r.IntN(5); k > 0; k-- {
			switch r.IntN(24) {
			case 0:
				fmt.Fprintf(&b, " description %s\n", text(80))
			case 1:
				b.WriteString(pick(" shutdown\n", " undo shutdown\n", " undo description\n"))
			case 2, 3:
				fmt.Fprintf(&b, " port link-type %s\n", pick("access", "trunk", "hybrid", "trunk", "hybrid"))
			case 4:
				b.WriteString(pick(" undo port link-type\n", " port link-mode bridge\n", " undo port access vlan\n"))
			case 5:
				fmt.Fprintf(&b, " port access vlan %d\n", vlan())
			case 6, 7:
				fmt.Fprintf(&b, " port trunk permit vlan %s\n", vlanList())
			case 8:
				fmt.Fprintf(&b, " undo port trunk permit vlan %s\n", vlanList())
			case 9:
				fmt.Fprintf(&b, " port trunk pvid vlan %d\n", vlan())
			case 10:
				b.WriteString(pick(" undo port trunk pvid vlan\n", " undo port hybrid pvid vlan\n"))
			case 11, 12:
				fmt.Fprintf(&b, " port hybrid vlan %s %s\n", vlanList(), pick("tagged", "untagged", "tag", "u"))
			case 13:
				fmt.Fprintf(&b, " undo port hybrid vlan %s\n", vlanList())
			case 14:
				fmt.Fprintf(&b, " port hybrid pvid vlan %d\n", vlan())
			case 15:
				fmt.Fprintf(&b, " speed %s\n", pick("10", "100", "1000", "auto"))
			case 16:
				fmt.Fprintf(&b, " duplex %s\n", pick("auto", "full", "half"))
			case 17:
				switch r.IntN(3) {
				case 0:
					b.WriteString(" jumboframe enable\n")
				case 1:
					fmt.Fprintf(&b, " jumboframe enable %d\n", 1536+r.IntN(9216-1536+1))
				default:
					b.WriteString(" undo jumboframe enable\n")
				}
			case 18:
				b.WriteString(pick(" flow-control\n", " undo flow-control\n"))
			case 19:
				if r.IntN(3) == 0 {
					b.WriteString(" undo broadcast-suppression\n")
				} else {
					fmt.Fprintf(&b, " broadcast-suppression %d\n", pick2(r, 1+r.IntN(100), 100))
				}
			case 20:
				b.WriteString(pick(" undo speed\n", " undo duplex\n"))
			case 21, 22, 23:
				// ip address on a port: refused as unrecognized.
				fmt.Fprintf(&b, " ip address %s %s\n", ip(), maskOrLen())
			}
		}
	}
	if r.IntN(5) != 0 {
		fmt.Fprintf(&b, "vlan 2 to %s\n#\n", pick("20", "60"))
	}
	for n := 5 + r.IntN(40); n > 0; n-- {
		switch r.IntN(30) {
		case 0:
			if r.IntN(8) == 0 {
				b.WriteString(" undo sysname\n")
			} else {
				fmt.Fprintf(&b, " sysname %s\n", text(30))
			}
		case 1, 2:
			id := vlan()
			fmt.Fprintf(&b, "vlan %d\n", id)
			for k := r.IntN(4); k > 0; k-- {
				switch r.IntN(6) {
				case 0:
					fmt.Fprintf(&b, " name %s\n", text(32))
				case 1:
					fmt.Fprintf(&b, " description %s\n", text(32))
				case 2:
					b.WriteString(pick(" undo name\n", " undo description\n"))
				case 3, 4:
					fmt.Fprintf(&b, " port %s\n", port())
				case 5:
					from := 1 + r.IntN(8)
					fmt.Fprintf(&b, " %sport GigabitEthernet2/0/%d to GigabitEthernet2/0/%d\n", pick("", "undo "), from, from+r.IntN(4))
				}
			}
		case 3:
			from := vlan()
			fmt.Fprintf(&b, "vlan %d to %d\n", from, min(from+r.IntN(5), 4094))
		case 4:
			if r.IntN(3) == 0 {
				from := vlan()
				fmt.Fprintf(&b, "undo vlan %d to %d\n", from, min(from+r.IntN(5), 4094))
			} else {
				fmt.Fprintf(&b, "undo vlan %d\n", vlan())
			}
		case 5, 6, 7, 8:
			fmt.Fprintf(&b, "interface %s\n", port())
			ifSettings()
		case 9, 10:
			name := l3if()
			fmt.Fprintf(&b, "interface %s\n", name)
			for k := r.IntN(4); k > 0; k-- {
				switch r.IntN(8) {
				case 0:
					fmt.Fprintf(&b, " description %s\n", text(80))
				case 1:
					b.WriteString(pick(" shutdown\n", " undo shutdown\n"))
				case 2, 3, 4:
					fmt.Fprintf(&b, " ip address %s %s%s\n", ip(), maskOrLen(), pick("", "", " sub"))
				case 5:
					fmt.Fprintf(&b, " undo ip address %s %s%s\n", ip(), maskOrLen(), pick("", " sub"))
				case 6:
					b.WriteString(" undo ip address\n")
				case 7:
					b.WriteString(" port access vlan 1\n") // refused: not a port
				}
			}
			if r.IntN(5) == 0 && !strings.HasPrefix(name, "M-") && !strings.HasPrefix(name, "NULL") {
				fmt.Fprintf(&b, "undo interface %s\n", name)
			}
		case 11, 12:
			via := ip()
			switch r.IntN(4) {
			case 0:
				via = l3if()
			case 1:
				via = l3if() + " " + ip()
			case 2:
				via = pick("NULL0", "NULL 0", "GigabitEthernet2/0/1") // a port: refused
			}
			pref := ""
			if r.IntN(3) == 0 {
				pref = fmt.Sprintf(" preference %d", 1+r.IntN(255))
			}
			undo := ""
			if r.IntN(5) == 0 {
				undo = "undo "
				if r.IntN(2) == 0 {
					via, pref = "", ""
				} else {
					pref = ""
				}
			}
			fmt.Fprintf(&b, " %sip route-static %s %s %s%s\n", undo, ip(), maskOrLen(), via, pref)
		case 13:
			fmt.Fprintf(&b, " %smac-address static %s interface %s vlan %d\n", pick("", "", "undo "), mac(), port(), pick2(r, 1, vlan()))
		case 14:
			host := fmt.Sprintf("10.0.0.%d", 1+r.IntN(6))
			if r.IntN(5) == 0 {
				host = ip()
			}
			switch r.IntN(4) {
			case 0:
				fmt.Fprintf(&b, " arp static %s %s\n", host, mac())
			case 1:
				fmt.Fprintf(&b, " undo arp static %s\n", host)
			default:
				fmt.Fprintf(&b, " arp static %s %s %d %s\n", host, mac(), pick2(r, vlan(), 1), port())
			}
		case 15:
			switch hm := func() string { return fmt.Sprintf("%02d:%02d:%02d", r.IntN(24), r.IntN(60), r.IntN(60)) }; r.IntN(8) {
			case 0:
				b.WriteString(" undo clock timezone\n")
			case 1:
				fmt.Fprintf(&b, " clock summer-time %s repeating %s %02d/%02d %s %s %s\n", word(), hm(), 1+r.IntN(12), 1+r.IntN(28),
					hm(), pick("09/01", "2011/09/01", "13/01"), hm())
			case 2:
				fmt.Fprintf(&b, " clock summer-time %s one-off %s %02d/%02d/20%02d %s %s %s\n", word(), hm(), 1+r.IntN(12), 1+r.IntN(28), r.IntN(40),
					hm(), pick("09/01/2011", "2012/09/01", "09/01"), hm())
			case 3:
				b.WriteString(pick(" undo clock summer-time\n", " undo ntp-service unicast-server 10.0.0.1\n"))
			case 4:
				fmt.Fprintf(&b, " ntp-service unicast-server %s%s\n", pick("10.0.0.1", "10.0.0.2", ip()), pick("", " version 3", " priority"))
			default:
				off := fmt.Sprintf("%02d:%02d:%02d", r.IntN(24), r.IntN(60), r.IntN(60))
				if r.IntN(8) == 0 {
					off = pick("24:00:00", "1:2", "12:60:00", "ab:cd")
				}
				fmt.Fprintf(&b, " clock timezone %s %s %s\n", word(), pick("add", "minus"), off)
			}
		case 16:
			switch r.IntN(8) {
			case 0:
				b.WriteString(pick(" info-center enable\n", " undo info-center enable\n"))
			case 1, 2:
				fmt.Fprintf(&b, " info-center loghost %s\n", ip())
			case 3:
				fmt.Fprintf(&b, " undo info-center loghost %s\n", ip())
			case 4:
				b.WriteString(pick(" info-center logbuffer\n", " undo info-center logbuffer\n", " undo info-center logbuffer size\n"))
			default:
				fmt.Fprintf(&b, " info-center logbuffer size %d\n", pick2(r, 1+r.IntN(1024), 512))
			}
		case 17, 18:
			name := pick(long(55), "admin", "ops")
			fmt.Fprintf(&b, "local-user %s\n", name)
			for k := r.IntN(5); k > 0; k-- {
				switch r.IntN(8) {
				case 0:
					fmt.Fprintf(&b, " password simple %s\n", long(63))
				case 1:
					fmt.Fprintf(&b, " password cipher %s\n", device.EncryptPassword(word()))
				case 2:
					b.WriteString(pick(" undo password\n", " password cipher notacipher\n", " undo authorization-attribute level\n"))
				case 3:
					fmt.Fprintf(&b, " authorization-attribute level %d\n", r.IntN(4))
				case 4, 5:
					fmt.Fprintf(&b, " service-type %s\n", services[r.IntN(len(services))])
				case 6:
					fmt.Fprintf(&b, " undo service-type %s\n", services[r.IntN(len(services))])
				}
			}
			if r.IntN(6) == 0 {
				fmt.Fprintf(&b, "undo local-user %s\n", name)
			}
		case 19:
			lvl := 1 + r.IntN(3)
			switch r.IntN(4) {
			case 0:
				fmt.Fprintf(&b, " super password level %d cipher %s\n", lvl, device.EncryptPassword(word()))
			case 1:
				fmt.Fprintf(&b, " undo super password level %d\n", lvl)
			default:
				fmt.Fprintf(&b, " super password level %d simple %s\n", lvl, long(16))
			}
		case 20, 21:
			switch r.IntN(9) {
			case 0:
				b.WriteString(pick(" ssh server enable\n", " undo ssh server enable\n"))
			case 1:
				b.WriteString(pick(" ssh server compatible-ssh1x enable\n", " undo ssh server compatible-ssh1x enable\n", " undo ssh server compatible-ssh1x\n"))
			case 2:
				fmt.Fprintf(&b, " ssh server authentication-timeout %d\n", pick2(r, 1+r.IntN(120), 60))
			case 3:
				fmt.Fprintf(&b, " ssh server authentication-retries %d\n", pick2(r, 1+r.IntN(5), 3))
			case 4:
				fmt.Fprintf(&b, " ssh server rekey-interval %d\n", 1+r.IntN(24))
			case 5:
				fmt.Fprintf(&b, " undo ssh server %s\n", pick("authentication-timeout", "authentication-retries", "rekey-interval"))
			case 6:
				// Keys are not configuration: nothing to render.
				b.WriteString(pick(" public-key local create rsa\n", " public-key local destroy rsa\n"))
			default:
				fmt.Fprintf(&b, " ssh server authentication-timeout %d\n", 1+r.IntN(120))
			}
		case 22, 23:
			user := pick(sshUsers...)
			key := pick(keyNames...)
			switch r.IntN(6) {
			case 0:
				fmt.Fprintf(&b, " ssh user %s assign publickey %s\n", user, key)
			case 1:
				fmt.Fprintf(&b, " undo ssh user %s%s\n", user, pick("", " assign publickey"))
			case 2:
				fmt.Fprintf(&b, " ssh user %s authentication-type %s\n", user, pick("password", "publickey", "password-publickey", "any"))
			default:
				line := fmt.Sprintf(" ssh user %s service-type %s", user, pick("all", "sftp", "stelnet"))
				if r.IntN(4) != 0 {
					au := pick("password", "publickey", "password-publickey", "any")
					line += " authentication-type " + au
					if au != "password" && r.IntN(2) == 0 {
						line += " assign publickey " + key
					}
				}
				b.WriteString(line + "\n")
			}
		case 24, 25:
			name := pick(keyNames...)
			if r.IntN(5) == 0 {
				fmt.Fprintf(&b, " undo public-key peer %s\n", name)
				break
			}
			fmt.Fprintf(&b, "public-key peer %s\n public-key-code begin\n", name)
			code := testKeyCode(r)
			for _, l := range code {
				fmt.Fprintf(&b, "  %s\n", l)
			}
			b.WriteString(" public-key-code end\n peer-public-key end\n")
		default:
			if r.IntN(4) == 0 {
				b.WriteString("user-interface aux 0\n")
			} else {
				first := r.IntN(16)
				if r.IntN(3) == 0 {
					fmt.Fprintf(&b, "user-interface vty %d\n", first)
				} else {
					fmt.Fprintf(&b, "user-interface vty %d %d\n", first, first+r.IntN(16-first))
				}
			}
			for k := 1 + r.IntN(4); k > 0; k-- {
				switch r.IntN(12) {
				case 0:
					fmt.Fprintf(&b, " authentication-mode %s\n", pick("none", "password", "scheme", "scheme"))
				case 1:
					fmt.Fprintf(&b, " protocol inbound %s\n", pick("all", "ssh", "telnet"))
				case 2:
					fmt.Fprintf(&b, " user privilege level %d\n", r.IntN(4))
				case 3:
					if r.IntN(2) == 0 {
						fmt.Fprintf(&b, " idle-timeout %d\n", r.IntN(100))
					} else {
						fmt.Fprintf(&b, " idle-timeout %d %d\n", r.IntN(100), r.IntN(60))
					}
				case 4:
					fmt.Fprintf(&b, " screen-length %d\n", r.IntN(513))
				case 5:
					fmt.Fprintf(&b, " history-command max-size %d\n", r.IntN(257))
				case 6:
					fmt.Fprintf(&b, " undo %s\n", pick("idle-timeout", "screen-length", "history-command max-size", "authentication-mode", "protocol inbound", "user privilege level", "set authentication password"))
				case 7:
					fmt.Fprintf(&b, " set authentication password simple %s\n", long(16))
				case 8:
					fmt.Fprintf(&b, " set authentication password cipher %s\n", pick(device.EncryptPassword(word()), "bogus"))
				case 9:
					fmt.Fprintf(&b, " idle-timeout %d %d\n", pick2(r, 10, 0), 0)
				case 10:
					fmt.Fprintf(&b, " screen-length %d\n", pick2(r, 24, 0))
				case 11:
					fmt.Fprintf(&b, " history-command max-size %d\n", pick2(r, 10, 0))
				}
			}
		}
		b.WriteString("#\n")
	}
	return b.String()
}

// pick2 returns a or, one time in three, b (a default value, to check that
// setting the default leaves nothing in the configuration).
func pick2(r *rand.Rand, a, b int) int {
	if r.IntN(3) == 0 {
		return b
	}
	return a
}

// testKeys are RSA public keys for public-key-code blocks, made once per
// test binary (key generation is slow): as SubjectPublicKeyInfo and as
// PKCS#1 DER.
var testKeys = sync.OnceValue(func() [][]byte {
	k, err := rsa.GenerateKey(crand.Reader, 1024)
	if err != nil {
		panic(err)
	}
	spki, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		panic(err)
	}
	return [][]byte{spki, x509.MarshalPKCS1PublicKey(&k.PublicKey)}
})

// testKeyCode is the hex lines of a public-key-code block: a real key in
// either DER form, written as the device shows it or in other line
// lengths, and sometimes a code that is not a key.
func testKeyCode(r *rand.Rand) []string {
	der := testKeys()[r.IntN(2)]
	switch r.IntN(6) {
	case 0:
		return []string{strings.ToUpper(hex.EncodeToString(der[:len(der)/2])), "0A0B"} // refused: cut
	case 1:
		h := hex.EncodeToString(der)
		return []string{h[:len(h)/2], h[len(h)/2:]}
	}
	return device.KeyCodeLines(der)
}

var roundTrips = flag.Int("roundtrips", 0, "TestRenderReplayRoundTrip: number of random configurations (0: the default)")

// TestRenderReplayRoundTrip: the configuration the emulator renders
// replays through the same parser, without a single refused line, into
// the same model, which renders to the same text.
func TestRenderReplayRoundTrip(t *testing.T) {
	iterations := 300
	if testing.Short() {
		iterations = 40
	}
	if *roundTrips > 0 {
		iterations = *roundTrips
	}
	for seed := range uint64(iterations) {
		r := rand.New(rand.NewPCG(seed, 0x5eed))
		a := freshDevice(t)
		script := randomScript(r)
		sh := New(a, nil)
		before := a.Snapshot()
		sh.replayed = func(line int, refused bool) {
			after := a.Snapshot()
			if refused && !reflect.DeepEqual(before, after) {
				t.Errorf("seed %d: refused line %d %q changed the configuration", seed, line, strings.Split(script, "\n")[line-1])
			}
			before = after
		}
		sh.Replay(script)
		want := a.Snapshot()
		text := renderConfig(want, a.Profile())

		b := freshDevice(t)
		if errs := New(b, nil).Replay(text); len(errs) > 0 {
			t.Fatalf("seed %d: replaying the rendered configuration refused lines: %v\n%s", seed, errs, text)
		}
		got := b.Snapshot()
		if again := renderConfig(got, b.Profile()); again != text {
			t.Fatalf("seed %d: render after replay differs:\n%s", seed, lineDiff(text, again))
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: replayed model differs from the original:\n%s\nconfiguration:\n%s", seed, configDiff(want, got), text)
		}
	}
}

// TestRenderGolden pins the whole display current-configuration of a
// configured device against testdata/render/configured.cfg (refresh with
// -update).
func TestRenderGolden(t *testing.T) {
	d := freshDevice(t)
	script := `#
 sysname Core-1
#
vlan 10
 name Servers
#
vlan 20 to 22
#
vlan 20
 description Users
#
local-user admin
 password cipher $c$3$sG+XW067AAF+e17NWTJCEHntoX86
 authorization-attribute level 3
 service-type web
 service-type ssh telnet terminal
#
local-user ops
 password cipher $c$3$sG+XW067AAF+e17NWTJCEHntoX86
 service-type ftp
#
interface Vlan-interface10
 description server gateway
#
interface LoopBack0
#
interface GigabitEthernet2/0/1
 description uplink-core
 port access vlan 10
#
interface GigabitEthernet2/0/3
 shutdown
#
interface Ten-GigabitEthernet4/0/2
 port access vlan 22
#
 ssh server enable
#
 super password level 3 cipher $c$3$sG+XW067AAF+e17NWTJCEHntoX86
#
user-interface aux 0
 authentication-mode password
user-interface vty 0 4
 authentication-mode scheme
 protocol inbound ssh
 idle-timeout 30 0
user-interface vty 5 15
 authentication-mode scheme
#
return
`
	if errs := New(d, nil).Replay(script); len(errs) > 0 {
		t.Fatalf("replay: %v", errs)
	}
	got := renderConfig(d.Snapshot(), d.Profile())
	const file = "testdata/render/configured.cfg"
	if *update {
		if err := os.MkdirAll("testdata/render", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("display current-configuration differs from %s (run with -update and review):\n%s", file, lineDiff(string(want), got))
	}
}

// configDiff lists the parts of two configurations that differ: each
// field, and each map entry, printed both ways.
func configDiff(want, got device.Config) string {
	var b strings.Builder
	w, g := reflect.ValueOf(want), reflect.ValueOf(got)
	for i := range w.NumField() {
		name := w.Type().Field(i).Name
		wf, gf := w.Field(i), g.Field(i)
		if reflect.DeepEqual(wf.Interface(), gf.Interface()) {
			continue
		}
		if wf.Kind() != reflect.Map {
			fmt.Fprintf(&b, "%s:\n want %+v\n got  %+v\n", name, wf.Interface(), gf.Interface())
			continue
		}
		keys := map[any]bool{}
		for _, k := range wf.MapKeys() {
			keys[k.Interface()] = true
		}
		for _, k := range gf.MapKeys() {
			keys[k.Interface()] = true
		}
		for k := range keys {
			kv := reflect.ValueOf(k)
			a, c := wf.MapIndex(kv), gf.MapIndex(kv)
			if a.IsValid() && c.IsValid() && reflect.DeepEqual(a.Interface(), c.Interface()) {
				continue
			}
			show := func(v reflect.Value) string {
				if !v.IsValid() {
					return "(missing)"
				}
				return fmt.Sprintf("%+v", v.Interface())
			}
			fmt.Fprintf(&b, "%s[%v]:\n want %s\n got  %s\n", name, k, show(a), show(c))
		}
	}
	return b.String()
}

// TestRenderGoldenAllKinds: a configuration using every command that
// display current-configuration shows (testdata/render/allkinds.script)
// applies without a refused line, renders as testdata/render/allkinds.cfg
// (refresh with -update), and that rendering replays into the same
// model. It pins the forms round-trip bugs needed: a trunk permitting
// every VLAN but 1, lists longer than a command line, a log buffer that
// has a size and is off, an ssh user with a password and a key.
func TestRenderGoldenAllKinds(t *testing.T) {
	script, err := os.ReadFile("testdata/render/allkinds.script")
	if err != nil {
		t.Fatal(err)
	}
	d := freshDevice(t)
	if errs := New(d, nil).Replay(string(script)); len(errs) > 0 {
		t.Fatalf("replay: %v", errs)
	}
	want := d.Snapshot()
	got := renderConfig(want, d.Profile())
	const file = "testdata/render/allkinds.cfg"
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	golden, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(golden) {
		t.Errorf("display current-configuration differs from %s (run with -update and review):\n%s", file, lineDiff(string(golden), got))
	}
	b := freshDevice(t)
	if errs := New(b, nil).Replay(got); len(errs) > 0 {
		t.Fatalf("the rendering does not replay: %v", errs)
	}
	if again := b.Snapshot(); !reflect.DeepEqual(again, want) {
		t.Errorf("the rendering replays into another model:\n%s", configDiff(want, again))
	}
}

// TestUIRangeAllOrNothing: a user-interface command that one line of a
// range refuses changes none of the range's lines.
func TestUIRangeAllOrNothing(t *testing.T) {
	for _, tc := range []struct{ setup, cmd string }{
		{"user-interface vty 2\n authentication-mode password\n", "user-interface vty 0 4\n protocol inbound ssh\n"},
		{"user-interface vty 3\n protocol inbound ssh\n", "user-interface vty 0 4\n authentication-mode none\n"},
		{"user-interface vty 4\n protocol inbound ssh\n", "user-interface vty 0 4\n authentication-mode password\n"},
	} {
		d := freshDevice(t)
		if errs := New(d, nil).Replay(tc.setup); len(errs) > 0 {
			t.Fatalf("%q: %v", tc.setup, errs)
		}
		before := d.Snapshot()
		errs := New(d, nil).Replay(tc.cmd)
		if len(errs) != 1 || errs[0].Err != strings.TrimSpace(msgSSHNeedScheme) {
			t.Errorf("%q after %q: errors %v, want the protocol refusal", tc.cmd, tc.setup, errs)
		}
		if after := d.Snapshot(); !reflect.DeepEqual(after.VTY, before.VTY) {
			t.Errorf("%q after %q changed lines:\n%s", tc.cmd, tc.setup, configDiff(before, after))
		}
	}
}

// TestRenderLeavesDefaultsOut: a setting given its default value is not
// shown, and the configuration is the one the device started with.
func TestRenderLeavesDefaultsOut(t *testing.T) {
	d := freshDevice(t)
	fresh := renderConfig(d.Snapshot(), d.Profile())
	script := `user-interface vty 0 15
 screen-length 24
 idle-timeout 10 0
 history-command max-size 10
 user privilege level 0
 protocol inbound all
#
 ssh server authentication-timeout 60
 ssh server authentication-retries 3
 ssh server compatible-ssh1x enable
 info-center logbuffer size 512
 info-center enable
#
interface GigabitEthernet2/0/1
 broadcast-suppression 100
 speed auto
 duplex auto
 port access vlan 1
#
return
`
	if errs := New(d, nil).Replay(script); len(errs) > 0 {
		t.Fatalf("replay: %v", errs)
	}
	if got := renderConfig(d.Snapshot(), d.Profile()); got != fresh {
		t.Errorf("default values show in the configuration:\n%s", lineDiff(fresh, got))
	}
}

// TestReplayReportsEveryRefusal: a refused line is reported even when the
// device's words have no "Error:" in them.
func TestReplayReportsEveryRefusal(t *testing.T) {
	d := freshDevice(t)
	errs := New(d, nil).Replay("interface GigabitEthernet2/0/1\n port link-type trunk\n port link-type hybrid\ninterface NULL0\n shutdown\n")
	if len(errs) != 2 || errs[0].Line != 3 || errs[0].Err != strings.TrimSpace(msgTrunkToHybrid) {
		t.Errorf("errors %v, want line 3 refused with %q", errs, msgTrunkToHybrid)
	}
	// A handler's parse error is reported by its message, without the
	// caret line.
	if len(errs) == 2 && (errs[1].Line != 5 || errs[1].Err != "% Unrecognized command found at '^' position.") {
		t.Errorf("second error %+v", errs[1])
	}
}
