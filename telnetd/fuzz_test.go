package telnetd

import (
	"bytes"
	"testing"
)

// FuzzParser feeds arbitrary client bytes to the option parser and the
// negotiator, whole and split in two at every fuzzed point: no panic, the
// same data and commands either way, data never longer than the input,
// bounded subnegotiations, and answers that are telnet commands.
func FuzzParser(f *testing.F) {
	f.Add([]byte("admin\r\n"), uint8(3))
	f.Add([]byte{cmdIAC, cmdDO, optEcho, cmdIAC, cmdWILL, optNAWS, cmdIAC, cmdSB, optNAWS, 0, 80, 0, 24, cmdIAC, cmdSE}, uint8(7))
	f.Add([]byte{cmdIAC, cmdSB, optTType, ttypeIS, 'x', cmdIAC, cmdIAC, cmdIAC, cmdSE, 'a', cmdIAC}, uint8(9))
	f.Add([]byte{cmdIAC, cmdSB, cmdIAC, cmdWILL, 1, '\r', 0, cmdIAC, cmdAYT, cmdIAC, cmdIP}, uint8(2))
	f.Fuzz(func(t *testing.T, in []byte, cut uint8) {
		var whole []command
		var n negotiator
		n.start()
		want := (&parser{}).feed(in, nil, func(c command) {
			whole = append(whole, c)
			reply := n.handle(c)
			if len(reply) > 0 && reply[0] != cmdIAC && reply[0] != '\r' {
				t.Fatalf("answer %q to %+v", reply, c)
			}
		})
		if len(want) > len(in) {
			t.Fatalf("data %q longer than input %q", want, in)
		}
		for _, c := range whole {
			if len(c.data) >= maxSB {
				t.Fatalf("subnegotiation kept %d bytes", len(c.data))
			}
		}
		i := int(cut) % (len(in) + 1)
		p := &parser{}
		var cmds int
		got := p.feed(in[:i], nil, func(command) { cmds++ })
		got = p.feed(in[i:], got, func(command) { cmds++ })
		if !bytes.Equal(got, want) || cmds != len(whole) {
			t.Fatalf("split at %d: %q (%d commands), whole: %q (%d)", i, got, cmds, want, len(whole))
		}
		if n.width < 0 || n.height < 0 || len(n.term) > maxSB {
			t.Fatalf("negotiator state %+v", n)
		}
	})
}
