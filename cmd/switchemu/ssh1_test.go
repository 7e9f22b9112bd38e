package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// SSH-1 end-to-end tests: PuTTY's plink (the only SSH-1 client Debian
// has) and ssh-audit's SSH-1 check against the built binary.

const plinkInstall = "apt-get install -y putty-tools"

// plinkHome is a throw-away HOME for plink (it writes ~/.putty) with a
// password file and one saved session per SSH-1 cipher, each putting its
// cipher first so that no warning prompt stops -batch.
func plinkHome(t *testing.T) (home, pwfile string) {
	t.Helper()
	home = t.TempDir()
	sessions := filepath.Join(home, ".putty", "sessions")
	if err := os.MkdirAll(sessions, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, list := range map[string]string{
		"ssh1-3des":     "3des,blowfish,des,WARN,aes,chacha20,aesgcm,arcfour",
		"ssh1-blowfish": "blowfish,WARN,3des,des,aes,chacha20,aesgcm,arcfour",
		"ssh1-des":      "des,WARN,3des,blowfish,aes,chacha20,aesgcm,arcfour",
	} {
		if err := os.WriteFile(filepath.Join(sessions, name), []byte("Cipher="+list+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	pwfile = filepath.Join(home, "pw.txt")
	if err := os.WriteFile(pwfile, []byte("admin\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return home, pwfile
}

var ssh1FingerprintRE = regexp.MustCompile(`(?m)^\s*(\d+) ((?:[0-9a-f]{2}:){15}[0-9a-f]{2})\s*$`)

// ssh1HostKey asks plink for the server's SSH-1 host key fingerprint (it
// prints it, then refuses to go on in batch mode).
func ssh1HostKey(t *testing.T, e *emulator, home string) string {
	t.Helper()
	out, _ := runClient(t, 30*time.Second, nil, []string{"HOME=" + home}, "plink", "-1", "-batch", "-P", e.Port, "-l", "admin", "127.0.0.1", "x")
	m := ssh1FingerprintRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no SSH-1 host key fingerprint from plink:\n%s", out)
	}
	if m[1] != "2048" {
		t.Errorf("SSH-1 host key of %s bits, want the profile's 2048", m[1])
	}
	return m[2]
}

// TestPlinkSSH1Ciphers runs a command over SSH-1 with each cipher plink
// offers there.
func TestPlinkSSH1Ciphers(t *testing.T) {
	needTool(t, "PuTTY plink", plinkInstall, "plink", "-V")
	e := startEmulator(t, t.TempDir())
	home, pwfile := plinkHome(t)
	fp := ssh1HostKey(t, e, home)
	for _, tc := range []struct{ session, log string }{
		{"ssh1-3des", "Initialised triple-DES inner-CBC encryption"},
		{"ssh1-blowfish", "Initialised Blowfish-256 CBC encryption"},
		{"ssh1-des", "Initialised single-DES CBC encryption"},
	} {
		t.Run(tc.session, func(t *testing.T) {
			out, err := runClient(t, 30*time.Second, nil, []string{"HOME=" + home}, "plink",
				"-load", tc.session, "-1", "-v", "-batch", "-hostkey", fp, "-P", e.Port,
				"-l", "admin", "-pwfile", pwfile, "127.0.0.1", "display version")
			if err != nil {
				t.Fatalf("plink: %v\n%s", err, out)
			}
			for _, want := range []string{
				"Using SSH protocol version 1",
				"Remote version: SSH-1.99-Comware-5.20",
				tc.log,
				"Authentication successful",
				"3Com Switch 7906E Software Version 3Com OS V5.20 Release 6616\r\n",
				"Server sent command exit status 0",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("plink output lacks %q:\n%s", want, out)
				}
			}
		})
	}
	// A command the device does not know: its error and exit status 1.
	out, err := runClient(t, 30*time.Second, nil, []string{"HOME=" + home}, "plink",
		"-1", "-batch", "-hostkey", fp, "-P", e.Port, "-l", "admin", "-pwfile", pwfile, "127.0.0.1", "display ntp-status")
	if err == nil || !strings.Contains(out, " % Unrecognized command found at '^' position.") {
		t.Errorf("bad command: err %v, output:\n%s", err, out)
	}
	// A wrong password is refused.
	bad := filepath.Join(home, "bad.txt")
	os.WriteFile(bad, []byte("wrong\n"), 0o600)
	out, err = runClient(t, 30*time.Second, nil, []string{"HOME=" + home}, "plink",
		"-1", "-batch", "-hostkey", fp, "-P", e.Port, "-l", "admin", "-pwfile", bad, "127.0.0.1", "display version")
	if err == nil || strings.Contains(out, "Software Version") {
		t.Errorf("wrong password accepted: %v\n%s", err, out)
	}
}

// TestPlinkSSH1Interactive logs in with a pty, configures the switch,
// prints the whole configuration without paging and quits.
func TestPlinkSSH1Interactive(t *testing.T) {
	needTool(t, "PuTTY plink", plinkInstall, "plink", "-V")
	e := startEmulator(t, t.TempDir(), "--record")
	home, pwfile := plinkHome(t)
	fp := ssh1HostKey(t, e, home)
	input := strings.Join(append(coreSession, "display vlan 10", "display ssh server session", "quit"), "\r") + "\r"
	out, err := runClient(t, 60*time.Second, strings.NewReader(input), []string{"HOME=" + home}, "plink",
		"-1", "-t", "-batch", "-hostkey", fp, "-P", e.Port, "-l", "admin", "-pwfile", pwfile, "127.0.0.1")
	if err != nil {
		t.Fatalf("plink -1 -t: %v\n%s", err, out)
	}
	checkCoreSession(t, out)
	// The whole configuration came through, unpaged: every port of the
	// chassis and the closing "return".
	if n := strings.Count(out, "\r\ninterface GigabitEthernet"); n < 48 {
		t.Errorf("%d GigabitEthernet interfaces in the configuration", n)
	}
	if strings.Contains(out, "---- More ----") || !strings.Contains(out, "\r\nreturn\r\n<Core1>display vlan 10") {
		t.Errorf("configuration paged or cut:\n%s", out)
	}
	// The session shows as version 1.5 with its cipher.
	_, sess, _ := strings.Cut(out, "<Core1>display ssh server session\r\n")
	sess, _, _ = strings.Cut(sess, "<Core1>")
	switch {
	case strings.Contains(sess, "% Unrecognized command"):
		t.Log("display ssh server session is not in this build yet (the SSH server issue adds it)")
	case !regexp.MustCompile(`(?m)^ VTY 0 +1\.5 +3DES +Established +0 +Stelnet +admin\r$`).MatchString(sess):
		t.Errorf("display ssh server session:\n%s", sess)
	}
	// The SSH-1 session is recorded too.
	if cast := waitRecording(t, e, "<Core1>display vlan 10"); !strings.HasSuffix(cast.Header.Title, "(ssh1)") {
		t.Errorf("recording title %q", cast.Header.Title)
	}
}

// TestPlinkSSH1Refused: after undo ssh server compatible-ssh1x enable the
// server announces SSH-2.0 and an SSH-1 client is disconnected.
func TestPlinkSSH1Refused(t *testing.T) {
	needTool(t, "PuTTY plink", plinkInstall, "plink", "-V")
	e := startEmulator(t, t.TempDir())
	home, pwfile := plinkHome(t)
	m := regexp.MustCompile(`host key: ssh-rsa (SHA256:\S+)`).FindStringSubmatch(e.Output())
	if m == nil {
		t.Fatalf("no host key in the emulator's welcome:\n%s", tail(e.Output(), 40))
	}
	out, err := runClient(t, 30*time.Second, strings.NewReader("system-view\rundo ssh server compatible-ssh1x enable\rquit\rquit\r"),
		[]string{"HOME=" + home}, "plink", "-2", "-t", "-batch", "-hostkey", m[1], "-P", e.Port,
		"-l", "admin", "-pwfile", pwfile, "127.0.0.1")
	if err != nil {
		t.Fatalf("plink -2: %v\n%s", err, out)
	}
	if strings.Contains(out, "Unrecognized command") {
		t.Skip("undo ssh server compatible-ssh1x enable is not in this build yet (the SSH server issue adds it); sshd's TestSSH1Refused covers the behaviour")
	}
	out, err = runClient(t, 30*time.Second, nil, []string{"HOME=" + home}, "plink",
		"-1", "-v", "-batch", "-P", e.Port, "-l", "admin", "-pwfile", pwfile, "127.0.0.1", "display version")
	if err == nil || !strings.Contains(out, "Remote version: SSH-2.0-Comware-5.20") || strings.Contains(out, "Received public keys") {
		t.Errorf("SSH-1 not refused: err %v\n%s", err, out)
	}
}

// TestSSHAuditSSH1 runs ssh-audit's SSH-1 check: the rsa1 host key, the
// three ciphers, RSA and password authentication.
func TestSSHAuditSSH1(t *testing.T) {
	needTool(t, "ssh-audit", "apt-get install -y ssh-audit", "ssh-audit", "-h")
	e := startEmulator(t, t.TempDir())
	// ssh-audit exits 3 because it rates SSH-1 as a failure.
	out, _ := runClient(t, 60*time.Second, nil, []string{"HOME=" + t.TempDir()}, "ssh-audit", "-1", "-n", "-p", e.Port, "127.0.0.1")
	for _, re := range []string{
		`\(gen\) banner: SSH-1\.99-Comware-5\.20`,
		`\(gen\) protocol SSH1 enabled`,
		`\(key\) ssh-rsa1 `,
		`\(enc\) des `,
		`\(enc\) 3des `,
		`\(enc\) blowfish `,
		`\(aut\) password `,
		`\(aut\) rsa `,
		`\(fin\) ssh-rsa1: SHA256:`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("ssh-audit -1 output lacks %s:\n%s", re, out)
		}
	}
	if n := len(regexp.MustCompile(`\(enc\) `).FindAllString(out, -1)); n != 3 {
		t.Errorf("%d SSH-1 ciphers, want 3:\n%s", n, out)
	}
	if n := len(regexp.MustCompile(`\(aut\) `).FindAllString(out, -1)); n != 2 {
		t.Errorf("%d SSH-1 authentication types, want 2:\n%s", n, out)
	}
}
