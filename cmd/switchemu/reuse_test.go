package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Clients that run one session after another on one connection.

// TestParamikoTransportReuse: paramiko opens 100 exec sessions back to
// back on one transport; every one runs.
func TestParamikoTransportReuse(t *testing.T) {
	needTool(t, "paramiko", "apt-get install -y python3-paramiko", "/usr/bin/python3", "-c", "import paramiko")
	e := startEmulator(t, t.TempDir())
	script := `
import sys, paramiko
t = paramiko.Transport(("127.0.0.1", int(sys.argv[1])))
t.connect(username="admin", password="admin")
ok = failed = 0
for i in range(100):
    try:
        ch = t.open_session(timeout=10)
    except Exception as e:
        failed += 1
        continue
    ch.exec_command("display clock")
    out = b""
    while True:
        d = ch.recv(65536)
        if not d:
            break
        out += d
    ch.recv_exit_status()
    ch.close()
    if b":" in out:
        ok += 1
    else:
        failed += 1
print("ok=%d failed=%d" % (ok, failed))
t.close()
`
	out, err := runClient(t, 120*time.Second, strings.NewReader(script), nil, "/usr/bin/python3", "-", e.Port)
	if err != nil {
		t.Fatalf("paramiko: %v\n%s", err, out)
	}
	if !strings.Contains(out, "ok=100 failed=0") {
		t.Fatalf("paramiko sessions on one transport: %s", out)
	}
}

// TestOpenSSHControlMaster: sessions multiplexed over one OpenSSH master
// connection, one after another, all run.
func TestOpenSSHControlMaster(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	e := startEmulator(t, t.TempDir())
	args, env := sshArgs(t, e)
	sock := filepath.Join(t.TempDir(), "mux")
	master := exec.Command("ssh", append(args, "-M", "-S", sock, "-N", "admin@127.0.0.1")...)
	master.Env = append(os.Environ(), env...)
	if err := master.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		master.Process.Kill()
		master.Wait()
	})
	for i := 0; ; i++ {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		if i == 300 {
			t.Fatal("the ControlMaster socket did not appear")
		}
		time.Sleep(100 * time.Millisecond)
	}
	for i := range 20 {
		out, err := runClient(t, 30*time.Second, nil, env, "ssh", append(args, "-S", sock, "-o", "ControlMaster=no", "admin@127.0.0.1", "display version")...)
		if err != nil || !strings.Contains(out, "Software Version") {
			t.Fatalf("session %d over the master: %v\n%s", i, err, out)
		}
	}
}
