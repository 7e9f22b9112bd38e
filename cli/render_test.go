package cli

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
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
// configuration out of every command the configuration can show. Lines
// that a device refuses (an access VLAN that does not exist, ...) are
// part of the test: whatever the result, it must render and replay.
func randomScript(r *rand.Rand) string {
	var b strings.Builder
	word := func() string {
		const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.#!%()/:[]<>"
		n := 1 + r.IntN(8)
		out := make([]byte, n)
		for i := range out {
			out[i] = chars[r.IntN(len(chars))]
		}
		return string(out)
	}
	text := func(max int) string {
		var words []string
		for n := 1 + r.IntN(4); n > 0; n-- {
			words = append(words, word())
		}
		s := strings.Join(words, " ")
		if len(s) > max {
			s = strings.TrimSpace(s[:max])
		}
		return s
	}
	vlan := func() int {
		if r.IntN(4) == 0 {
			return 1 + r.IntN(4094)
		}
		return 1 + r.IntN(30)
	}
	port := func() string {
		switch r.IntN(5) {
		case 0:
			return fmt.Sprintf("Ten-GigabitEthernet4/0/%d", 1+r.IntN(4))
		case 1:
			return "M-Ethernet0/0/0"
		}
		return fmt.Sprintf("GigabitEthernet%d/0/%d", 2+r.IntN(2), 1+r.IntN(48))
	}
	services := []string{"ftp", "lan-access", "portal", "web", "ssh", "telnet", "terminal", "ssh telnet", "telnet terminal ssh"}
	for n := 5 + r.IntN(40); n > 0; n-- {
		switch r.IntN(12) {
		case 0:
			fmt.Fprintf(&b, " sysname %s\n", text(30))
		case 1:
			id := vlan()
			fmt.Fprintf(&b, "vlan %d\n", id)
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, " name %s\n", text(32))
			}
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, " description %s\n", text(32))
			}
		case 2:
			from := vlan()
			fmt.Fprintf(&b, "vlan %d to %d\n", from, min(from+r.IntN(5), 4094))
		case 3:
			fmt.Fprintf(&b, "undo vlan %d\n", vlan())
		case 4, 5:
			fmt.Fprintf(&b, "interface %s\n", port())
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, " description %s\n", text(80))
			}
			if r.IntN(3) == 0 {
				b.WriteString(" shutdown\n")
			}
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, " port access vlan %d\n", vlan())
			}
		case 6:
			kind := "Vlan-interface"
			if r.IntN(2) == 0 {
				kind = "LoopBack"
			}
			fmt.Fprintf(&b, "interface %s%d\n", kind, r.IntN(20))
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, " description %s\n", text(80))
			}
			if r.IntN(3) == 0 {
				b.WriteString(" shutdown\n")
			}
			if r.IntN(4) == 0 {
				fmt.Fprintf(&b, "undo interface %s%d\n", kind, r.IntN(20))
			}
		case 7:
			name := word()
			fmt.Fprintf(&b, "local-user %s\n", name)
			switch r.IntN(3) {
			case 0:
				fmt.Fprintf(&b, " password simple %s\n", word())
			case 1:
				fmt.Fprintf(&b, " password cipher %s\n", device.EncryptPassword(word()))
			}
			if r.IntN(2) == 0 {
				fmt.Fprintf(&b, " authorization-attribute level %d\n", r.IntN(4))
			}
			for k := r.IntN(3); k > 0; k-- {
				fmt.Fprintf(&b, " service-type %s\n", services[r.IntN(len(services))])
			}
			if r.IntN(6) == 0 {
				fmt.Fprintf(&b, "undo local-user %s\n", name)
			}
		case 8:
			if r.IntN(2) == 0 {
				b.WriteString(" ssh server enable\n")
			} else {
				b.WriteString(" undo ssh server enable\n")
			}
		case 9, 10:
			if r.IntN(4) == 0 {
				b.WriteString("user-interface aux 0\n")
			} else {
				first := r.IntN(16)
				fmt.Fprintf(&b, "user-interface vty %d %d\n", first, first+r.IntN(16-first))
			}
			for k := 1 + r.IntN(3); k > 0; k-- {
				switch r.IntN(7) {
				case 0:
					fmt.Fprintf(&b, " authentication-mode %s\n", []string{"none", "password", "scheme"}[r.IntN(3)])
				case 1:
					fmt.Fprintf(&b, " protocol inbound %s\n", []string{"all", "ssh", "telnet"}[r.IntN(3)])
				case 2:
					fmt.Fprintf(&b, " user privilege level %d\n", r.IntN(4))
				case 3:
					fmt.Fprintf(&b, " idle-timeout %d %d\n", r.IntN(100), r.IntN(60))
				case 4:
					fmt.Fprintf(&b, " screen-length %d\n", r.IntN(513))
				case 5:
					fmt.Fprintf(&b, " history-command max-size %d\n", r.IntN(257))
				case 6:
					b.WriteString(" undo idle-timeout\n")
				}
			}
		case 11:
			fmt.Fprintf(&b, " super password level %d simple %s\n", 1+r.IntN(3), word())
		}
		b.WriteString("#\n")
	}
	return b.String()
}

// TestRenderReplayRoundTrip: the configuration the emulator renders
// replays through the same parser, without a single refused line, into
// the same model, which renders to the same text.
func TestRenderReplayRoundTrip(t *testing.T) {
	iterations := 40
	if testing.Short() {
		iterations = 10
	}
	for seed := range uint64(iterations) {
		r := rand.New(rand.NewPCG(seed, 0x5eed))
		a := freshDevice(t)
		New(a, nil).Replay(randomScript(r))
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
			t.Fatalf("seed %d: replayed model differs from the original\nwant %+v\ngot  %+v", seed, want, got)
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
