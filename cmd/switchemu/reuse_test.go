package main

import (
	"io"
	"net"
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

// TestPlinkSSH1LocalForward: plink -1 -L forwards a local connection;
// the server refuses the channel and the session goes on.
func TestPlinkSSH1LocalForward(t *testing.T) {
	needTool(t, "PuTTY plink", plinkInstall, "plink", "-V")
	e := startEmulator(t, t.TempDir())
	home, pwfile := plinkHome(t)
	fp := ssh1HostKey(t, e, home)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fwd := ln.Addr().String()
	ln.Close()
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := runClient(t, 60*time.Second, pr, []string{"HOME=" + home}, "plink",
			"-1", "-t", "-batch", "-hostkey", fp, "-P", e.Port, "-l", "admin", "-pwfile", pwfile,
			"-L", fwd+":127.0.0.1:22", "127.0.0.1")
		pr.Close()
		done <- result{out, err}
	}()
	forwarded := false
	for i := 0; i < 200 && !forwarded; i++ {
		nc, err := net.DialTimeout("tcp", fwd, time.Second)
		if err != nil {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		forwarded = true
		nc.SetDeadline(time.Now().Add(10 * time.Second))
		if n, _ := io.Copy(io.Discard, nc); n != 0 { // plink closes it once the server refuses
			t.Errorf("%d bytes through the refused forward", n)
		}
		nc.Close()
	}
	if !forwarded {
		t.Fatal("plink never listened on the forwarded port")
	}
	pw.Write([]byte("display clock\r"))
	time.Sleep(time.Second)
	pw.Write([]byte("quit\r"))
	pw.Close()
	r := <-done
	if r.err != nil {
		t.Fatalf("plink -1 -L: %v\n%s", r.err, r.out)
	}
	if !strings.Contains(r.out, "<3Com>display clock\r\n") || !strings.Contains(r.out, "<3Com>quit") {
		t.Fatalf("session after the forwarded connection:\n%s", r.out)
	}
}

// TestIdleTimeoutClosesMaster: when idle-timeout ends the command line of
// an OpenSSH ControlMaster's session, the connection ends with it: the
// persisting master goes away and no new session can ride on the
// connection without logging in again.
func TestIdleTimeoutClosesMaster(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "ssh", "-V")
	e := startEmulator(t, t.TempDir())
	args, env := sshArgs(t, e)
	tmp := t.TempDir()
	sock := filepath.Join(tmp, "mux")
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	logf, err := os.Create(filepath.Join(tmp, "master.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	master := exec.Command("ssh", append(args, "-M", "-S", sock, "-o", "ControlPersist=120", "-tt", "admin@127.0.0.1")...)
	master.Env = append(os.Environ(), env...)
	master.Stdin, master.Stdout, master.Stderr = pr, logf, logf
	if err := master.Start(); err != nil {
		t.Fatal(err)
	}
	pr.Close()
	t.Cleanup(func() {
		exec.Command("ssh", "-S", sock, "-O", "exit", "admin@127.0.0.1").Run()
		master.Process.Kill()
		master.Wait()
	})
	for _, l := range []string{"system-view", "user-interface vty 0 15", "idle-timeout 0 2", "return"} {
		time.Sleep(300 * time.Millisecond)
		pw.Write([]byte(l + "\r"))
	}
	log := func() string { b, _ := os.ReadFile(logf.Name()); return string(b) }
	// The session ends at the idle timeout; the master, persisting,
	// must then lose its connection.
	for i := 0; ; i++ {
		if exec.Command("ssh", "-S", sock, "-O", "check", "admin@127.0.0.1").Run() != nil {
			break
		}
		if i == 100 {
			t.Fatalf("the connection outlived its command line:\n%s", log())
		}
		time.Sleep(300 * time.Millisecond)
	}
	if !strings.Contains(log(), "[3Com-ui-vty0-15]idle-timeout 0 2") {
		t.Fatalf("idle-timeout not set:\n%s", log())
	}
	out, err := runClient(t, 30*time.Second, nil, nil, "ssh", append(args, "-S", sock, "-o", "ControlMaster=no", "-o", "BatchMode=yes", "admin@127.0.0.1", "display version")...)
	if err == nil {
		t.Fatalf("a session after idle-timeout without logging in:\n%s", out)
	}
}
