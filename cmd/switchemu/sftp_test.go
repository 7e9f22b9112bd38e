package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// sftpUsers are the configuration lines that let admin transfer files:
// the SFTP server on, and an ssh user entry with service-type all.
const sftpUsers = " sftp server enable\n ssh user admin service-type all authentication-type password\n"

// fileArgs are sshArgs for sftp and scp, whose port option is -P, with
// batch mode off so that SSH_ASKPASS answers the password.
func fileArgs(t *testing.T, e *emulator) ([]string, []string) {
	args, env := sshArgs(t, e)
	for i, a := range args {
		if a == "-p" {
			args[i] = "-P"
		}
	}
	return append(args, "-o", "BatchMode=no"), env
}

func needOpenSSH(t *testing.T) {
	needTool(t, "OpenSSH client", "apt-get install -y openssh-client", "sh", "-c", "command -v sftp && command -v scp")
}

// sshExec runs one command over OpenSSH.
func sshExec(t *testing.T, e *emulator, cmd string) string {
	t.Helper()
	args, env := sshArgs(t, e)
	out, err := runClient(t, 30*time.Second, nil, env, "ssh", append(args, "admin@127.0.0.1", cmd)...)
	if err != nil {
		t.Fatalf("ssh %s: %v\n%s", cmd, err, out)
	}
	return out
}

// TestSFTPOpenSSH: OpenSSH's sftp uploads, lists, downloads, renames and
// deletes on flash:/; dir and the log buffer show the upload; paths that
// leave flash:/ or name hidden files fail.
func TestSFTPOpenSSH(t *testing.T) {
	needOpenSSH(t)
	dir := t.TempDir()
	startupWith(t, dir, "", sftpUsers, "")
	e := startEmulator(t, dir)
	args, env := fileArgs(t, e)
	work := t.TempDir()
	os.WriteFile(filepath.Join(work, "up.cfg"), []byte("#\n sysname Uploaded\n#\nreturn\n"), 0o644)
	batch := filepath.Join(work, "batch")
	os.WriteFile(batch, []byte("put "+filepath.Join(work, "up.cfg")+"\nls -l\nget startup.cfg "+filepath.Join(work, "got.cfg")+
		"\n-get ../../../../etc/passwd "+filepath.Join(work, "passwd")+
		"\n-get .hostkey_rsa.pem "+filepath.Join(work, "key")+
		"\n-mkdir sub\nput "+filepath.Join(work, "up.cfg")+" other.cfg\nrename other.cfg renamed.cfg\nrm renamed.cfg\nls\n"), 0o644)
	out, err := runClient(t, 60*time.Second, nil, env, "sftp", append(args, "-b", batch, "admin@127.0.0.1")...)
	if err != nil {
		t.Fatalf("sftp: %v\n%s\nemulator:\n%s", err, out, tail(e.Output(), 40))
	}
	if !regexp.MustCompile(`-rw-r--r-- .* 29 .* up\.cfg`).MatchString(out) {
		t.Errorf("ls -l does not show the upload:\n%s", out)
	}
	for _, want := range []string{`File "/../../../../etc/passwd" not found.`, `File "/.hostkey_rsa.pem" not found.`, `remote mkdir "/sub": Permission denied`} {
		if !strings.Contains(out, want) {
			t.Errorf("sftp output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "renamed.cfg") && strings.Count(out, "renamed.cfg") > 2 {
		t.Errorf("rm left renamed.cfg:\n%s", out)
	}
	for _, f := range []string{"passwd", "key"} {
		if _, err := os.Stat(filepath.Join(work, f)); err == nil {
			t.Errorf("%s was downloaded", f)
		}
	}
	if got, err := os.ReadFile(filepath.Join(work, "got.cfg")); err != nil || !bytes.Contains(got, []byte(" sysname 3Com\n")) {
		t.Errorf("downloaded startup.cfg: %v\n%s", err, got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "s7906e", "up.cfg")); string(got) != "#\n sysname Uploaded\n#\nreturn\n" {
		t.Errorf("flash:/up.cfg on disk: %q", got)
	}
	if d := sshExec(t, e, "dir"); !regexp.MustCompile(`-rw- +29 .* up\.cfg\r\n`).MatchString(d) {
		t.Errorf("dir does not show the upload:\n%s", d)
	}
	if l := sshExec(t, e, "display logbuffer"); !strings.Contains(l, "SSH/5/SFTP_UPLOAD:SFTP user admin (IP:127.0.0.1) uploaded file flash:/up.cfg (29 bytes).") {
		t.Errorf("log buffer:\n%s", l)
	}
}

// TestSFTPBootsUpload: a configuration uploaded with scp (over SFTP) and
// made the startup file is what the device boots after reboot.
func TestSFTPBootsUpload(t *testing.T) {
	needOpenSSH(t)
	dir := t.TempDir()
	startupWith(t, dir, "", sftpUsers, "")
	e := startEmulator(t, dir, "--reboot-delay", "0s")
	args, env := fileArgs(t, e)
	work := t.TempDir()
	cfg, _ := os.ReadFile(filepath.Join(dir, "s7906e", "startup.cfg"))
	cfg = bytes.Replace(cfg, []byte(" sysname 3Com\n"), []byte(" sysname Uploaded\n"), 1)
	os.WriteFile(filepath.Join(work, "lab.cfg"), cfg, 0o644)
	if out, err := runClient(t, 60*time.Second, nil, env, "scp", append(args, filepath.Join(work, "lab.cfg"), "admin@127.0.0.1:flash:/lab.cfg")...); err != nil {
		t.Fatalf("scp: %v\n%s", err, out)
	}
	if out := sshExec(t, e, "startup saved-configuration lab.cfg"); strings.Contains(out, "%") {
		t.Fatalf("startup saved-configuration lab.cfg:\n%s", out)
	}
	sargs, senv := sshArgs(t, e)
	// reboot asks two questions: typed in an interactive session (an
	// exec request gets no answers, as on the device).
	out, _ := runClient(t, 60*time.Second, strings.NewReader("reboot\nn\ny\n"), senv, "ssh", append(sargs, "-tt", "admin@127.0.0.1")...)
	if !strings.Contains(out, "Now rebooting, please wait...") {
		t.Fatalf("reboot:\n%s", out)
	}
	e.waitOutput(t, "rebooted, listening on")
	if out := sshExec(t, e, "display current-configuration"); !strings.Contains(out, " sysname Uploaded\r\n") {
		t.Errorf("booted configuration:\n%s", out)
	}
}

// TestSCPOpenSSH: scp -O (the SCP protocol) and scp (SFTP underneath)
// copy both ways; a path outside flash:/ cannot be read.
func TestSCPOpenSSH(t *testing.T) {
	needOpenSSH(t)
	dir := t.TempDir()
	startupWith(t, dir, "", sftpUsers, "")
	e := startEmulator(t, dir)
	args, env := fileArgs(t, e)
	work := t.TempDir()
	src := filepath.Join(work, "a.cfg")
	os.WriteFile(src, []byte("scp payload\n"), 0o644)
	for _, mode := range [][]string{{"-O"}, {}} {
		name := "legacy.cfg"
		if len(mode) == 0 {
			name = "modern.cfg"
		}
		a := append(append([]string{}, mode...), args...)
		if out, err := runClient(t, 60*time.Second, nil, env, "scp", append(a, src, "admin@127.0.0.1:"+name)...); err != nil {
			t.Fatalf("scp %v upload: %v\n%s", mode, err, out)
		}
		back := filepath.Join(work, "back-"+name)
		if out, err := runClient(t, 60*time.Second, nil, env, "scp", append(a, "admin@127.0.0.1:"+name, back)...); err != nil {
			t.Fatalf("scp %v download: %v\n%s", mode, err, out)
		}
		if got, _ := os.ReadFile(back); string(got) != "scp payload\n" {
			t.Errorf("scp %v round trip: %q", mode, got)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "s7906e", name)); string(got) != "scp payload\n" {
			t.Errorf("scp %v: flash:/%s on disk: %q", mode, name, got)
		}
		for _, bad := range []string{"/etc/passwd", "../../../../etc/passwd", ".hostkey_rsa.pem"} {
			out, err := runClient(t, 60*time.Second, nil, env, "scp", append(a, "admin@127.0.0.1:"+bad, filepath.Join(work, "bad"))...)
			if err == nil {
				t.Errorf("scp %v read %s:\n%s", mode, bad, out)
			}
		}
		if _, err := os.Stat(filepath.Join(work, "bad")); err == nil {
			t.Errorf("scp %v wrote a file it should not have read", mode)
		}
		// An upload to ../x stays in flash:/ (the path is taken from its root).
		if out, err := runClient(t, 60*time.Second, nil, env, "scp", append(a, src, "admin@127.0.0.1:../up-"+name)...); err != nil {
			t.Logf("scp %v to ../: %v %s", mode, err, out)
		}
		if _, err := os.Stat(filepath.Join(dir, "up-"+name)); err == nil {
			t.Errorf("scp %v wrote outside flash:/", mode)
		}
	}
	if l := sshExec(t, e, "display logbuffer"); !strings.Contains(l, "SSH/5/SCP_UPLOAD:SCP user admin (IP:127.0.0.1) uploaded file flash:/legacy.cfg (12 bytes).") {
		t.Errorf("log buffer:\n%s", l)
	}
}

// TestSFTPParamiko: paramiko's SFTP client and the scp module.
func TestSFTPParamiko(t *testing.T) {
	needTool(t, "paramiko and scp (Debian python3-paramiko python3-scp)", "apt-get install -y python3-paramiko python3-scp",
		"/usr/bin/python3", "-c", "import paramiko, scp")
	dir := t.TempDir()
	startupWith(t, dir, "", sftpUsers, "")
	e := startEmulator(t, dir)
	script, _ := filepath.Abs("testdata/paramiko_sftp_probe.py")
	out, err := runClient(t, 2*time.Minute, nil, nil, "/usr/bin/python3", script, e.Port, t.TempDir())
	if err != nil || !strings.Contains(out, "PARAMIKO OK") {
		t.Fatalf("paramiko: %v\n%s\nemulator:\n%s", err, out, tail(e.Output(), 40))
	}
	for _, f := range []string{"paramiko.cfg", "scp.cfg"} {
		if _, err := os.Stat(filepath.Join(dir, "s7906e", f)); err != nil {
			t.Errorf("flash:/%s: %v", f, err)
		}
	}
}

// TestSFTPRefusals: no SFTP without sftp server enable or for a user
// whose service-type is stelnet (the factory admin has no ssh user
// entry), and a full flash refuses the upload and keeps nothing of it.
func TestSFTPRefusals(t *testing.T) {
	needOpenSSH(t)
	work := t.TempDir()
	src := filepath.Join(work, "a.cfg")
	os.WriteFile(src, []byte("x\n"), 0o644)
	t.Run("factory configuration", func(t *testing.T) {
		e := startEmulator(t, t.TempDir())
		args, env := fileArgs(t, e)
		out, err := runClient(t, 60*time.Second, nil, env, "scp", append(args, src, "admin@127.0.0.1:a.cfg")...)
		if err == nil {
			t.Errorf("scp without sftp server enable succeeded:\n%s", out)
		}
		out, err = runClient(t, 60*time.Second, nil, env, "scp", append(append([]string{"-O"}, args...), src, "admin@127.0.0.1:a.cfg")...)
		if err == nil {
			t.Errorf("scp -O without sftp server enable succeeded:\n%s", out)
		}
	})
	t.Run("service-type stelnet", func(t *testing.T) {
		dir := t.TempDir()
		startupWith(t, dir, "", " sftp server enable\n", "")
		e := startEmulator(t, dir)
		args, env := fileArgs(t, e)
		out, err := runClient(t, 60*time.Second, nil, env, "scp", append(args, src, "admin@127.0.0.1:a.cfg")...)
		if err == nil || !strings.Contains(out, "subsystem request failed") {
			t.Errorf("scp by a stelnet user: %v\n%s", err, out)
		}
	})
	t.Run("full flash", func(t *testing.T) {
		dir := t.TempDir()
		startupWith(t, dir, "", sftpUsers, "")
		p, err := os.ReadFile("../../profiles/s7906e.yaml")
		if err != nil {
			t.Fatal(err)
		}
		small := regexp.MustCompile(`size_kb: \d+`).ReplaceAll(p, []byte("size_kb: 16"))
		prof := filepath.Join(t.TempDir(), "small.yaml")
		os.WriteFile(prof, small, 0o644)
		e := startEmulator(t, dir, "--profile", prof)
		args, env := fileArgs(t, e)
		big := filepath.Join(work, "big.bin")
		os.WriteFile(big, bytes.Repeat([]byte("z"), 20*1024), 0o644)
		for _, mode := range [][]string{{"-O"}, {}} {
			a := append(append([]string{}, mode...), args...)
			out, err := runClient(t, 60*time.Second, nil, env, "scp", append(a, big, "admin@127.0.0.1:big.bin")...)
			if err == nil {
				t.Errorf("scp %v of 20 KB to a 16 KB flash succeeded:\n%s", mode, out)
			}
			if len(mode) == 1 && !strings.Contains(out, "scp: flash:/big.bin: No space left on device") {
				t.Errorf("scp -O to a full flash:\n%s", out)
			}
			if _, err := os.Stat(filepath.Join(dir, "s7906e", "big.bin")); err == nil {
				t.Errorf("scp %v: a refused upload left flash:/big.bin", mode)
			}
		}
		if d := sshExec(t, e, "dir"); strings.Contains(d, "big.bin") {
			t.Errorf("dir after a refused upload:\n%s", d)
		}
	})
}
