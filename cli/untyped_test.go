package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestUntypedValues: a sysname with a NUL or an escape sequence, which
// the editor cannot produce, is refused from a startup file and from an
// exec request as it is when typed; the rest of the file applies.
func TestUntypedValues(t *testing.T) {
	d := freshDevice(t)
	errs := New(d, nil).Replay("sysname Core\x00X\nsysname \x1b[2JEvil\nsys\x07name B\nvlan 7\n name ok\x7f\n#\nsysname Good\n")
	if len(errs) != 4 {
		t.Fatalf("refused lines: %v", errs)
	}
	for _, e := range errs[:2] {
		if e.Err != "% Wrong parameter found at '^' position." {
			t.Errorf("line %d: %s", e.Line, e.Err)
		}
	}
	cfg := d.Snapshot()
	if cfg.Sysname != "Good" || cfg.VLANs[7].Name != "" {
		t.Fatalf("sysname %q, vlan 7 name %q", cfg.Sysname, cfg.VLANs[7].Name)
	}
	var out bytes.Buffer
	code := New(d, nil).Exec(context.Background(), rw{strings.NewReader(""), &out}, "display version\x1b[2J",
		SessionInfo{User: "admin", Level: 3, Line: 0})
	if code != 1 || !strings.Contains(out.String(), "% Wrong parameter") {
		t.Fatalf("exec with an escape: status %d %q", code, out.String())
	}
}
