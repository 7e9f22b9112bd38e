package cli

import (
	"fmt"
	"strings"
	"testing"
)

// bigConfig is configuration text with every VLAN (2-4094) named and
// described and a description on every port, rendered by the emulator
// itself, and that text's VLAN blocks repeated until it has at least
// lines lines (each repetition renames the VLANs).
func bigConfig(tb testing.TB, lines int) string {
	tb.Helper()
	d := freshDevice(tb)
	var b strings.Builder
	b.WriteString("vlan 2 to 4094\n")
	for id := 2; id <= 4094; id++ {
		fmt.Fprintf(&b, "vlan %d\n name v%04d\n description VLAN %d of the big test\n#\n", id, id, id)
	}
	cfg := d.Snapshot()
	for _, ifc := range cfg.SortedInterfaces() {
		if ifc.Kind.Bridged() {
			fmt.Fprintf(&b, "interface %s\n description port %s to the rack\n#\n", ifc.Name, ifc.Name)
		}
	}
	if errs := New(d, nil).Replay(b.String()); len(errs) > 0 {
		tb.Fatalf("%d refused lines, first %v", len(errs), errs[0])
	}
	text := strings.TrimSuffix(renderConfig(d.Snapshot(), d.Profile()), "return\n")
	var out strings.Builder
	out.WriteString(text)
	n := strings.Count(text, "\n")
	for rep := 0; n < lines; rep++ {
		for id := 2; id <= 4094 && n < lines; id++ {
			fmt.Fprintf(&out, "vlan %d\n name r%d-%04d\n#\n", id, rep, id)
			n += 3
		}
	}
	out.WriteString("return\n")
	return out.String()
}

// BenchmarkReplayLarge measures booting large configurations: 4,094
// VLANs with names and descriptions and a description on every port
// (about 17,000 lines), and that grown to 100,000 lines.
func BenchmarkReplayLarge(b *testing.B) {
	for _, n := range []int{0, 100000} {
		text := bigConfig(b, n)
		name := fmt.Sprintf("%dlines", strings.Count(text, "\n"))
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if errs := New(freshDevice(b), nil).Replay(text); len(errs) > 0 {
					b.Fatalf("%d refused lines, first %v", len(errs), errs[0])
				}
			}
		})
	}
}
