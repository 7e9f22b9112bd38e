package sshd

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzSSH1Packet feeds arbitrary bytes to the packet decoder, in clear and
// through 3DES, and the payload parsers: it must return packets or
// errors, never panic or allocate beyond the length limit. Run with
// go test ./sshd -run XXX -fuzz FuzzSSH1Packet.
func FuzzSSH1Packet(f *testing.F) {
	f.Add(ssh1EncodePacket(ssh1CmsgUser, ssh1Builder(nil).string([]byte("admin")), nil))
	f.Add(ssh1EncodePacket(ssh1CmsgRequestPty, ssh1Builder(nil).string([]byte("xterm")).uint32(24).uint32(80).uint32(0).uint32(0), nil))
	f.Add(ssh1EncodePacket(ssh1CmsgSessionKey, ssh1Builder{3, 1, 2, 3, 4, 5, 6, 7, 8}.mpint(big1).uint32(0), nil))
	f.Add([]byte{0, 4, 0, 1})
	f.Add([]byte{0xFF, 0xFF, 0xFF, 0xFF})
	f.Add([]byte{0, 0, 0, 5, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	key := bytes.Repeat([]byte{7}, 32)
	f.Fuzz(func(t *testing.T, wire []byte) {
		in, _, err := ssh1NewCiphers(ssh1CipherTripleDES, key)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []ssh1Cipher{nil, in} {
			r := bytes.NewReader(wire)
			for {
				typ, data, err := ssh1ReadPacket(r, c)
				if err != nil {
					if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, errSSH1Packet) {
						t.Fatalf("unexpected error kind: %v", err)
					}
					break
				}
				if len(data) > ssh1MaxPacket {
					t.Fatalf("payload of %d bytes", len(data))
				}
				// Every parser the server uses on a payload.
				p := ssh1Reader{b: data}
				switch typ % 4 {
				case 0:
					p.string()
					p.uint32()
				case 1:
					p.byte1()
					p.bytes(8)
					p.mpint()
					p.uint32()
				case 2:
					p.mpint()
					p.mpint()
				default:
					p.string()
					p.string()
				}
				if err := p.done(); err != nil && !errors.Is(err, errSSH1Packet) {
					t.Fatalf("parser error kind: %v", err)
				}
				// A decoded packet re-encodes to one that decodes the same.
				typ2, data2, err := ssh1ReadPacket(bytes.NewReader(ssh1EncodePacket(typ, data, nil)), nil)
				if err != nil || typ2 != typ || !bytes.Equal(data2, data) {
					t.Fatalf("re-encoding: %v", err)
				}
			}
		}
	})
}
