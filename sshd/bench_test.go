package sshd

import (
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// BenchmarkLoginExec measures a whole SSH-2 connection: version exchange,
// key exchange, password authentication, one exec and the close, with the
// algorithms a modern client picks and with the Comware V5 legacy set.
func BenchmarkLoginExec(b *testing.B) {
	legacy := clientConfig("admin", "admin")
	legacy.KeyExchanges = []string{"diffie-hellman-group14-sha1"}
	legacy.Ciphers = []string{"aes128-cbc"}
	legacy.MACs = []string{"hmac-sha1"}
	legacy.HostKeyAlgorithms = []string{gossh.KeyAlgoRSA}
	for _, bc := range []struct {
		name string
		cfg  *gossh.ClientConfig
	}{{"modern", clientConfig("admin", "admin")}, {"legacy", legacy}} {
		b.Run(bc.name, func(b *testing.B) {
			addr, got := startServer(b, testDevice(b), "")
			for b.Loop() {
				c, err := gossh.Dial("tcp", addr, bc.cfg)
				if err != nil {
					b.Fatal(err)
				}
				s, err := c.NewSession()
				if err != nil {
					b.Fatal(err)
				}
				s.Output("display version")
				<-got
				c.Close()
			}
		})
	}
}
