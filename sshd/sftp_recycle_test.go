package sshd

import (
	"bytes"
	"testing"
)

// TestSFTPRecycleBin: SFTP and SCP see the live files of flash:/ only; a
// file delete put in the recycle bin is not listed, read or statted, but
// its space stays taken until the bin is emptied (device/flashfs.go).
func TestSFTPRecycleBin(t *testing.T) {
	d, _ := flashDevice(t, 64)
	st := d.Store()
	if err := st.WriteFile("old.bin", bytes.Repeat([]byte("o"), 30*1024)); err != nil {
		t.Fatal(err)
	}
	if err := st.Recycle("old.bin"); err != nil {
		t.Fatal(err)
	}
	_, addr := loopServer(t, d, "")
	sc, err := sftpClient(t, addr, "admin")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := sc.ReadDir("/")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "startup.cfg" {
			t.Errorf("listing shows %q", e.Name())
		}
	}
	for _, p := range []string{"old.bin", "/.recycle/old.bin", ".recycle"} {
		if _, err := sc.Stat(p); err == nil {
			t.Errorf("stat %s: visible", p)
		}
		if f, err := sc.Open(p); err == nil {
			f.Close()
			t.Errorf("open %s: readable", p)
		}
	}
	upload := func() error {
		f, err := sc.Create("new.bin")
		if err != nil {
			return err
		}
		_, werr := f.Write(bytes.Repeat([]byte("n"), 40*1024))
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		return werr
	}
	if err := upload(); err == nil {
		t.Fatal("40 KB uploaded beside 30 KB in the recycle bin of a 64 KB flash")
	}
	if out, code, _ := scpSend(t, addr, "admin", "scp -t .", "new.bin", bytes.Repeat([]byte("n"), 40*1024)); code == 0 {
		t.Errorf("scp beside the recycle bin: status 0, %q", out)
	}
	if err := st.Purge("old.bin"); err != nil {
		t.Fatal(err)
	}
	if err := upload(); err != nil {
		t.Errorf("upload after the bin was emptied: %v", err)
	}
}
