package sshd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pkg/sftp"
	gossh "golang.org/x/crypto/ssh"

	"switchemu/device"
)

// flashDevice is loopDevice with a flash:/ of capKB KB in a temporary
// folder, sftp server enable, and two ssh users: admin (service-type all)
// and ops (service-type stelnet).
func flashDevice(t *testing.T, capKB int) (*device.Device, string) {
	t.Helper()
	d0 := loopDevice(t)
	dir := t.TempDir()
	st, err := device.OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.SetCapacity(int64(capKB) * 1024)
	d := device.New(d0.Profile(), device.Options{Store: st})
	hk, _ := loopKeys(t)
	if err := d.SetHostKey(hk); err != nil {
		t.Fatal(err)
	}
	cfg := d0.Snapshot()
	err = d.Update(func(c *device.Config) error {
		c.Users, c.SSH, c.VTY = cfg.Users, cfg.SSH, cfg.VTY
		c.Users["ops"] = device.LocalUser{Name: "ops", Password: device.EncryptPassword("admin"), Services: []string{"ssh"}, Level: 3}
		c.SFTP.Enabled = true
		c.SSHUsers["admin"] = device.SSHUser{Name: "admin", Service: device.SSHServiceAll, Auth: device.SSHAuthPassword}
		c.SSHUsers["ops"] = device.SSHUser{Name: "ops", Service: device.SSHServiceStelnet, Auth: device.SSHAuthPassword}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.WriteFile("startup.cfg", []byte("#\n sysname 3Com\n#\nreturn\n")); err != nil {
		t.Fatal(err)
	}
	return d, dir
}

func sftpClient(t *testing.T, addr, user string) (*sftp.Client, error) {
	t.Helper()
	c := lbDial(t, addr, lbClientConfig(user))
	sc, err := sftp.NewClient(c)
	if err == nil {
		t.Cleanup(func() { sc.Close() })
	}
	return sc, err
}

func TestSFTP(t *testing.T) {
	d, dir := flashDevice(t, 64)
	_, addr := loopServer(t, d, "")
	sc, err := sftpClient(t, addr, "admin")
	if err != nil {
		t.Fatal(err)
	}
	// Upload, list, download.
	f, err := sc.Create("/up.cfg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("#\n sysname Up\n#\nreturn\n")); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "up.cfg"))
	if err != nil || string(got) != "#\n sysname Up\n#\nreturn\n" {
		t.Fatalf("uploaded file: %q, %v", got, err)
	}
	names := map[string]bool{}
	entries, err := sc.ReadDir("/")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		names[e.Name()] = true
	}
	if !names["up.cfg"] || !names["startup.cfg"] || len(names) != 2 {
		t.Errorf("listing: %v (hidden files must not show)", names)
	}
	r, err := sc.Open("startup.cfg")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(r)
	r.Close()
	if string(data) != "#\n sysname 3Com\n#\nreturn\n" {
		t.Errorf("download: %q", data)
	}
	if fi, err := sc.Stat("/"); err != nil || !fi.IsDir() {
		t.Errorf("stat /: %v %v", fi, err)
	}
	if err := sc.Rename("up.cfg", "up2.cfg"); err != nil {
		t.Errorf("rename: %v", err)
	}
	if err := sc.Remove("up2.cfg"); err != nil {
		t.Errorf("remove: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "up2.cfg")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("remove left the file: %v", err)
	}
	for _, want := range []string{"SFTP user admin (IP:127.0.0.1) uploaded file flash:/up.cfg (23 bytes).",
		"SFTP user admin (IP:127.0.0.1) downloaded file flash:/startup.cfg (25 bytes)."} {
		if !strings.Contains(lbLogDump(d), want) {
			t.Errorf("log buffer lacks %q:\n%s", want, lbLogDump(d))
		}
	}
}

// TestSFTPConfinement: nothing outside flash:/ or hidden in it can be
// read, written, linked or listed.
func TestSFTPConfinement(t *testing.T) {
	d, dir := flashDevice(t, 64)
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret")
	os.WriteFile(secret, []byte("secret"), 0o600)
	if err := os.Symlink(secret, filepath.Join(dir, "link.cfg")); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	_, addr := loopServer(t, d, "")
	sc, err := sftpClient(t, addr, "admin")
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, secret)
	for _, p := range []string{"../" + filepath.Base(outside) + "/secret", rel, secret, "link.cfg", ".hostkey_rsa.pem", "sub", "sub/x", "/"} {
		if f, err := sc.Open(p); err == nil {
			data, _ := io.ReadAll(f)
			f.Close()
			t.Errorf("read %q: got %q", p, data)
		}
	}
	for _, p := range []string{"link.cfg", ".evil", "sub/x", "/"} {
		if f, err := sc.Create(p); err == nil {
			f.Write([]byte("x"))
			if f.Close() == nil {
				t.Errorf("wrote %q", p)
			}
		}
	}
	if data, _ := os.ReadFile(secret); string(data) != "secret" {
		t.Errorf("the file behind the link changed: %q", data)
	}
	if err := sc.Symlink("/etc/passwd", "x.cfg"); err == nil {
		t.Errorf("symlink allowed")
	}
	if err := sc.Mkdir("newdir"); err == nil {
		t.Errorf("mkdir allowed")
	}
	if err := sc.Rename("startup.cfg", "../startup.cfg"); err != nil {
		// Cleaned to /startup.cfg: renaming onto itself is harmless.
		t.Logf("rename onto itself: %v", err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "startup.cfg")); err == nil {
		t.Errorf("a rename left flash:/")
	}
}

// TestSFTPRefused: sftp server disabled, or a user whose service-type is
// stelnet, gets no subsystem.
func TestSFTPRefused(t *testing.T) {
	d, _ := flashDevice(t, 64)
	_, addr := loopServer(t, d, "")
	if _, err := sftpClient(t, addr, "ops"); err == nil {
		t.Errorf("ops (service-type stelnet) got SFTP")
	}
	d.Update(func(c *device.Config) error { c.SFTP.Enabled = false; return nil })
	if _, err := sftpClient(t, addr, "admin"); err == nil {
		t.Errorf("SFTP served while sftp server is disabled")
	}
	if _, _, err := scpRun(t, addr, "admin", "scp -f startup.cfg", nil); err == nil {
		t.Errorf("SCP served while sftp server is disabled")
	}
}

// TestSFTPFullFlash: a write past flash:/'s capacity fails and leaves
// nothing behind; the old file stays whole.
func TestSFTPFullFlash(t *testing.T) {
	d, dir := flashDevice(t, 16)
	_, addr := loopServer(t, d, "")
	sc, err := sftpClient(t, addr, "admin")
	if err != nil {
		t.Fatal(err)
	}
	f, err := sc.Create("big.bin")
	if err != nil {
		t.Fatal(err)
	}
	_, werr := f.Write(bytes.Repeat([]byte("x"), 20*1024))
	cerr := f.Close()
	if werr == nil && cerr == nil {
		t.Fatalf("20 KB written to a 16 KB flash")
	}
	if _, err := os.Stat(filepath.Join(dir, "big.bin")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed upload left a file: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// SCP: refused before the data.
	out, code, _ := scpSend(t, addr, "admin", "scp -t .", "big.bin", bytes.Repeat([]byte("y"), 20*1024))
	if code == 0 || !strings.Contains(out, "scp: flash:/big.bin: No space left on device") {
		t.Errorf("scp to a full flash: status %d, %q", code, out)
	}
}

// scpRun runs an scp exec command with stdin and returns its output and
// exit status.
func scpRun(t *testing.T, addr, user, cmd string, stdin []byte) (string, int, error) {
	t.Helper()
	c := lbDial(t, addr, lbClientConfig(user))
	s, err := c.NewSession()
	if err != nil {
		return "", -1, err
	}
	defer s.Close()
	s.Stdin = bytes.NewReader(stdin)
	var out bytes.Buffer
	s.Stdout = &out
	err = s.Run(cmd)
	var ee *gossh.ExitError
	if errors.As(err, &ee) {
		return out.String(), ee.ExitStatus(), nil
	}
	if err != nil {
		return out.String(), -1, err
	}
	return out.String(), 0, nil
}

// scpSend uploads one file as scp -t's client does, answering the
// server's acknowledgements in order.
func scpSend(t *testing.T, addr, user, cmd, name string, data []byte) (string, int, error) {
	t.Helper()
	c := lbDial(t, addr, lbClientConfig(user))
	s, err := c.NewSession()
	if err != nil {
		return "", -1, err
	}
	defer s.Close()
	in, _ := s.StdinPipe()
	outp, _ := s.StdoutPipe()
	if err := s.Start(cmd); err != nil {
		return "", -1, err
	}
	r := bufio.NewReader(outp)
	var log strings.Builder
	ack := func() bool {
		b, err := r.ReadByte()
		if err != nil {
			return false
		}
		if b != 0 {
			l, _ := r.ReadString('\n')
			log.WriteString(l)
			return false
		}
		return true
	}
	if ack() {
		fmt.Fprintf(in, "C0644 %d %s\n", len(data), name)
		if ack() {
			in.Write(data)
			in.Write([]byte{0})
			ack()
		}
	}
	in.Close()
	err = s.Wait()
	var ee *gossh.ExitError
	if errors.As(err, &ee) {
		return log.String(), ee.ExitStatus(), nil
	}
	return log.String(), 0, err
}

func TestSCP(t *testing.T) {
	d, dir := flashDevice(t, 64)
	_, addr := loopServer(t, d, "")
	out, code, err := scpSend(t, addr, "admin", "scp -t .", "a.cfg", []byte("hello\n"))
	if err != nil || code != 0 {
		t.Fatalf("scp -t: %v %d %q", err, code, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.cfg")); string(got) != "hello\n" {
		t.Errorf("uploaded: %q", got)
	}
	// A target file name wins over the name in the C line.
	if _, code, _ := scpSend(t, addr, "admin", "scp -t flash:/b.cfg", "a.cfg", []byte("bee\n")); code != 0 {
		t.Errorf("scp -t flash:/b.cfg: status %d", code)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "b.cfg")); string(got) != "bee\n" {
		t.Errorf("uploaded b.cfg: %q", got)
	}
	// Download: the client sends NULs as acknowledgements.
	out, code, err = scpRun(t, addr, "admin", "scp -f a.cfg", []byte{0, 0, 0})
	if err != nil || code != 0 || out != "C0644 6 a.cfg\nhello\n\x00" {
		t.Errorf("scp -f: %v %d %q", err, code, out)
	}
	// Refusals: traversal, hidden files, names with folders, ops.
	for _, p := range []string{"/etc/passwd", "../../etc/passwd", ".hostkey_rsa.pem"} {
		out, code, _ := scpRun(t, addr, "admin", "scp -f "+p, []byte{0, 0, 0})
		if code == 0 || !strings.HasPrefix(out, "\x01scp: ") || strings.Contains(out, "root:") || strings.Contains(out, "PRIVATE") {
			t.Errorf("scp -f %s: status %d, %q", p, code, out)
		}
	}
	if _, code, _ := scpSend(t, addr, "admin", "scp -t .", "../evil.cfg", []byte("x")); code == 0 {
		t.Errorf("scp -t with ../evil.cfg succeeded")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "evil.cfg")); err == nil {
		t.Errorf("a file was written outside flash:/")
	}
	if _, _, err := scpRun(t, addr, "ops", "scp -f a.cfg", []byte{0}); err == nil {
		t.Errorf("ops (service-type stelnet) got SCP")
	}
	if !strings.Contains(lbLogDump(d), "SCP user admin (IP:127.0.0.1) uploaded file flash:/a.cfg (6 bytes).") {
		t.Errorf("log buffer:\n%s", lbLogDump(d))
	}
}

func TestParseSCP(t *testing.T) {
	for cmd, want := range map[string]scpCommand{
		"scp -t .":             {sink: true, path: "."},
		"scp -v -d -t -- /x y": {sink: true, dir: true, path: "/x y"},
		"scp -pf 'a b.cfg'":    {source: true, times: true, path: "a b.cfg"},
	} {
		if got, ok := parseSCP(cmd); !ok || got != want {
			t.Errorf("parseSCP(%q) = %+v, %v", cmd, got, ok)
		}
	}
	for _, cmd := range []string{"scp", "scp -x .", "scp -t -f x", "display version", "scpx -t ."} {
		if _, ok := parseSCP(cmd); ok {
			t.Errorf("parseSCP(%q) accepted", cmd)
		}
	}
}
