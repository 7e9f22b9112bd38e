package cli

import (
	"reflect"
	"strings"
	"testing"
)

// TestTelnetSFTPRoundTrip: the telnet and SFTP server lines render where
// V5 puts them (telnet after sysname, sftp with the SSH server), replay
// into the same model, and leave the configuration when undone.
func TestTelnetSFTPRoundTrip(t *testing.T) {
	a := freshDevice(t)
	script := " telnet server enable\n sftp server enable\n sftp server idle-timeout 35791\n ssh server enable\n"
	if errs := New(a, nil).Replay(script); len(errs) > 0 {
		t.Fatalf("replay: %v", errs)
	}
	text := renderConfig(a.Snapshot(), a.Profile())
	if !strings.Contains(text, " sysname 3Com\n#\n telnet server enable\n#\n") ||
		!strings.Contains(text, " ssh server enable\n sftp server enable\n sftp server idle-timeout 35791\n") {
		t.Errorf("rendered:\n%s", text)
	}
	b := freshDevice(t)
	if errs := New(b, nil).Replay(text); len(errs) > 0 {
		t.Fatalf("replaying the rendered configuration: %v", errs)
	}
	if !reflect.DeepEqual(a.Snapshot(), b.Snapshot()) {
		t.Errorf("replayed model differs")
	}
	if errs := New(b, nil).Replay(" undo telnet server enable\n undo sftp server enable\n undo sftp server idle-timeout\n"); len(errs) > 0 {
		t.Fatalf("undo: %v", errs)
	}
	if text := renderConfig(b.Snapshot(), b.Profile()); strings.Contains(text, "telnet") || strings.Contains(text, "sftp") {
		t.Errorf("undone lines still rendered:\n%s", text)
	}
	if c := b.Snapshot(); c.Telnet.Enabled || c.SFTP.Enabled || c.SFTP.IdleMinutes != 0 {
		t.Errorf("undo left %+v %+v", c.Telnet, c.SFTP)
	}
}
