package fleet

import (
	"strings"
	"testing"
	"time"

	"github.com/pkg/sftp"
)

// TestTransferEvent: a file copied to a device over SFTP is in its log
// buffer and shows as an event.
func TestTransferEvent(t *testing.T) {
	f := startFleet(t, `
devices:
  - name: a
    listen: "127.0.0.1:0"
    config: |
      sftp server enable
      ssh user admin service-type all authentication-type password
`)
	m := f.Member("a")
	sub := f.Subscribe("a", 64)
	defer sub.Close()
	c, err := sftp.NewClient(dial(t, m))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	w, err := c.Create("lab.cfg")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("#\n sysname Lab\n#\nreturn\n"))
	w.Close()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case e := <-sub.C:
			if e.Type == EventTransfer && e.Protocol == "sftp" && e.Outcome == "ok" && strings.Contains(e.Message, "lab.cfg") {
				if !logHas(t, m, "lab.cfg") {
					t.Error("the transfer is not in the log buffer")
				}
				return
			}
		case <-deadline:
			t.Fatal("no transfer event for the upload")
		}
	}
}
