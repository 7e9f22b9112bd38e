package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestDialogTimeout: a question nobody answers gives up after the
// dialog timeout, the command is abandoned and the session goes on; the
// super password prompt does the same.
func TestDialogTimeout(t *testing.T) {
	d := testDevice(t)
	sh := New(d, nil)
	sh.DialogTimeout = 200 * time.Millisecond
	ps := startLiveSession(t, sh, 0)
	ps.until(t, "<3Com>")
	ps.in.Write([]byte("save\r"))
	ps.until(t, "Are you sure? [Y/N]:")
	out := ps.until(t, "<3Com>")
	if strings.Contains(out, "saved") || strings.Contains(out, "Validating") {
		t.Fatalf("save went on without an answer: %q", out)
	}
	if st := d.Store(); st != nil {
		if _, err := st.ReadFile("startup.cfg"); err == nil {
			t.Fatal("the unanswered save wrote startup.cfg")
		}
	}
	ps.in.Write([]byte("system-view\r"))
	ps.until(t, "[3Com]")
	ps.in.Write([]byte("super password level 3 simple s3cret\r"))
	ps.until(t, "[3Com]")
	ps.in.Write([]byte("return\r"))
	ps.until(t, "<3Com>")
	ps.in.Write([]byte("super 1\r"))
	ps.until(t, "<3Com>")
	ps.in.Write([]byte("super 3\r"))
	ps.until(t, "Password:")
	out = ps.until(t, "<3Com>")
	if strings.Contains(out, "User privilege level is 3") {
		t.Fatalf("super without a password: %q", out)
	}
	ps.in.Write([]byte("display clock\r"))
	ps.until(t, "<3Com>")
}

// TestExecQuestion: an exec command that asks a question prints it,
// gets no answer and ends with status 1, without waiting for the dialog
// timeout and whatever its input holds.
func TestExecQuestion(t *testing.T) {
	d := testDevice(t)
	sh := New(d, nil)
	sh.DialogTimeout = time.Hour // must not be waited for
	var out bytes.Buffer
	code := sh.Exec(context.Background(), rw{strings.NewReader("y\r\n\r\n"), &out}, "save",
		SessionInfo{User: "admin", Level: 3, Remote: "192.0.2.9", Line: 0})
	if code != 1 || !strings.Contains(out.String(), "Are you sure? [Y/N]:") || strings.Contains(out.String(), "Validating") {
		t.Fatalf("exec save: status %d, output %q", code, out.String())
	}
	if _, err := d.Store().ReadFile("startup.cfg"); err == nil {
		t.Fatal("exec save wrote startup.cfg")
	}
}

// TestSuperWrongPasswordDelay: a wrong super password waits as a failed
// login does, longer each time (lower bounds only).
func TestSuperWrongPasswordDelay(t *testing.T) {
	d := testDevice(t)
	d.SetLoginDelays(150*time.Millisecond, time.Second)
	New(d, nil).Replay("super password level 3 simple s3cret\n")
	sh := New(d, nil)
	var out bytes.Buffer
	start := time.Now()
	err := sh.Run(context.Background(), rw{strings.NewReader("super 3\rwrong\rsuper 3\rwrong\rsuper 3\rs3cret\r"), &out},
		func() Window { return Window{80, 24} }, SessionInfo{User: "u", Level: 1, Remote: "192.0.2.7", Line: -1})
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 450*time.Millisecond {
		t.Fatalf("two wrong super passwords took %v, want at least 450ms", el)
	}
	if !strings.Contains(out.String(), "User privilege level is 3") {
		t.Fatalf("the right password after the wrong ones: %q", out.String())
	}
}
