package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// FuzzSession types arbitrary keys into a whole session (editing keys,
// ?, Tab, escape sequences, pager keys, dialogs) at a narrow width: the
// shell must not panic and must end when the input ends.
func FuzzSession(f *testing.F) {
	for _, s := range []string{
		"dis?\t\x1b[A\r", "system-view\rvlan 10\r?\x1a", "display current-configuration\r q",
		"\"?\t\r", "int g2/0/1?\x01\x06\x06\x04\x17\x18\x19\x12\r", "super 3\rwrong\r",
		"display version | in\t\t ?\r", "\x1b[3~\x1b[1~\x1b[4~\x1bb\x1bf\x1bd\x07\r",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, keys string) {
		sh := New(testDevice(t), nil)
		var out bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := sh.Run(ctx, rw{strings.NewReader(keys), &out}, func() Window { return Window{20, 6} },
			SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.1", Line: -1})
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	})
}
