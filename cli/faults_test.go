package cli

import (
	"strings"
	"testing"
	"time"
)

// scriptedFaults answers the fault hook from a table, by command line.
type scriptedFaults struct {
	login time.Duration
	cmds  map[string]CommandFault
	seen  []string
}

func (f *scriptedFaults) LoginDelay() time.Duration { return f.login }

func (f *scriptedFaults) Command(n int, line string) CommandFault {
	f.seen = append(f.seen, line)
	return f.cmds[line]
}

// TestFaultHook: what the hook says happens to a session: a hung command
// swallows what follows and ends with the input; a cut output stops
// after its lines and ends the session; End ends it after the output;
// the hook sees lines with their keywords in full.
func TestFaultHook(t *testing.T) {
	d := testDevice(t)
	sh := New(d, nil)
	f := &scriptedFaults{cmds: map[string]CommandFault{
		"display version":               {Hang: true},
		"display current-configuration": {CutAfter: 3},
		"display clock":                 {End: true},
	}}
	sh.SetFaults(f)

	out := runScript(t, sh, -1, "screen-length disable", "dis ver", "display clock", "quit")
	if strings.Contains(out, "Software Version") || strings.Count(out, "<"+d.Sysname()+">") != 2 {
		t.Fatalf("hung command:\n%q", out)
	}
	if strings.Join(f.seen, "|") != "screen-length disable|display version" {
		t.Fatalf("the hook saw %q", f.seen)
	}

	out = runScript(t, sh, -1, "screen-length disable", "display current-configuration", "display clock")
	tail := out[strings.Index(out, "display current-configuration\r\n")+len("display current-configuration\r\n"):]
	if n := strings.Count(tail, "\r\n"); n != 3 || strings.Contains(out, "display clock") {
		t.Fatalf("cut output: %d lines:\n%q", n, out)
	}

	out = runScript(t, sh, -1, "display clock", "display version")
	if !strings.Contains(out, "display clock\r\n") || strings.HasSuffix(out, ">") || strings.Contains(out, "display version") {
		t.Fatalf("ended after its output:\n%q", out)
	}
}
