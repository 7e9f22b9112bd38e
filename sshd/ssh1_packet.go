package sshd

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/big"
)

// SSH protocol 1.5 binary packets (draft-ylonen-ssh-protocol-00 §"The
// binary packet protocol"):
//
//	uint32 length       type + data + CRC, padding excluded
//	byte   padding[8 - length%8]
//	byte   type
//	byte   data[length-5]
//	uint32 CRC          over padding, type and data
//
// Once the session key is set everything after the length field is
// encrypted, the cipher state carrying on from packet to packet.

// SSH-1 message types.
const (
	ssh1MsgDisconnect          = 1
	ssh1SmsgPublicKey          = 2
	ssh1CmsgSessionKey         = 3
	ssh1CmsgUser               = 4
	ssh1CmsgAuthRhosts         = 5
	ssh1CmsgAuthRSA            = 6
	ssh1SmsgAuthRSAChallenge   = 7
	ssh1CmsgAuthRSAResponse    = 8
	ssh1CmsgAuthPassword       = 9
	ssh1CmsgRequestPty         = 10
	ssh1CmsgWindowSize         = 11
	ssh1CmsgExecShell          = 12
	ssh1CmsgExecCmd            = 13
	ssh1SmsgSuccess            = 14
	ssh1SmsgFailure            = 15
	ssh1CmsgStdinData          = 16
	ssh1SmsgStdoutData         = 17
	ssh1SmsgStderrData         = 18
	ssh1CmsgEOF                = 19
	ssh1SmsgExitStatus         = 20
	ssh1CmsgPortForwardRequest = 28
	ssh1CmsgAgentRequestFwd    = 30
	ssh1MsgIgnore              = 32
	ssh1CmsgExitConfirmation   = 33
	ssh1CmsgX11RequestFwd      = 34
	ssh1CmsgAuthRhostsRSA      = 35
	ssh1MsgDebug               = 36
	ssh1CmsgRequestCompression = 37
	ssh1CmsgMaxPacketSize      = 38
	ssh1CmsgAuthTIS            = 39
	ssh1CmsgAuthTISResponse    = 41
	ssh1CmsgAuthKerberos       = 42
	ssh1CmsgHaveKerberosTGT    = 44
)

// ssh1MaxPacket is the largest length field the protocol allows.
const ssh1MaxPacket = 262144

// ssh1MaxData is the most payload the server puts in one STDOUT_DATA
// packet.
const ssh1MaxData = 16384

// errSSH1Packet marks a malformed packet: the connection ends.
var errSSH1Packet = errors.New("sshd: ssh1: malformed packet")

// errSSH1CRC is a packet whose CRC does not match (wrong key, or data
// changed on the way).
var errSSH1CRC = errors.New("bad CRC")

// ssh1CRC is the SSH-1 CRC-32: the IEEE polynomial, reflected, starting
// at 0 with no final complement (not crc32.ChecksumIEEE). Its check
// value for "123456789" is 0x2DFD2D88.
func ssh1CRC(p []byte) uint32 {
	return ^crc32.Update(0xFFFFFFFF, crc32.IEEETable, p)
}

// ssh1Cipher encrypts or decrypts one direction's stream of whole 8-byte
// blocks, keeping its CBC state between calls.
type ssh1Cipher interface {
	CryptBlocks(dst, src []byte)
}

// ssh1PacketLen checks a packet's length field and returns how many bytes
// follow it on the wire.
func ssh1PacketLen(length uint32) (int, error) {
	if length < 5 || length > ssh1MaxPacket {
		return 0, fmt.Errorf("%w: length %d", errSSH1Packet, length)
	}
	return int(length) + 8 - int(length%8), nil
}

// ssh1DecodePacket checks the CRC of a decrypted packet body (padding,
// type, data, CRC) whose length field was length, and returns its type
// and data.
func ssh1DecodePacket(length uint32, body []byte) (byte, []byte, error) {
	n, err := ssh1PacketLen(length)
	if err != nil {
		return 0, nil, err
	}
	if len(body) != n {
		return 0, nil, fmt.Errorf("%w: %d bytes for length %d", errSSH1Packet, len(body), length)
	}
	pad := n - int(length)
	want := binary.BigEndian.Uint32(body[n-4:])
	if got := ssh1CRC(body[:n-4]); got != want {
		return 0, nil, fmt.Errorf("%w: %w %08x, want %08x", errSSH1Packet, errSSH1CRC, want, got)
	}
	return body[pad], body[pad+1 : n-4], nil
}

// ssh1ReadPacket reads one packet from r, decrypting it with c (nil
// before the session key is set).
func ssh1ReadPacket(r io.Reader, c ssh1Cipher) (byte, []byte, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return 0, nil, err
	}
	length := binary.BigEndian.Uint32(hdr[:])
	n, err := ssh1PacketLen(length)
	if err != nil {
		return 0, nil, err
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return 0, nil, err
	}
	if c != nil {
		c.CryptBlocks(body, body)
	}
	return ssh1DecodePacket(length, body)
}

// ssh1EncodePacket frames typ and data with random padding and the CRC,
// and encrypts it with c (nil: in clear).
func ssh1EncodePacket(typ byte, data []byte, c ssh1Cipher) []byte {
	length := len(data) + 5
	pad := 8 - length%8
	buf := make([]byte, 4+pad+length)
	binary.BigEndian.PutUint32(buf, uint32(length))
	rand.Read(buf[4 : 4+pad]) // never fails on Linux
	buf[4+pad] = typ
	copy(buf[5+pad:], data)
	crc := ssh1CRC(buf[4 : len(buf)-4])
	binary.BigEndian.PutUint32(buf[len(buf)-4:], crc)
	if c != nil {
		c.CryptBlocks(buf[4:], buf[4:])
	}
	return buf
}

// ssh1Reader takes SSH-1 data types off a packet's payload; the first
// malformed field makes every later read fail.
type ssh1Reader struct {
	b   []byte
	err error
}

func (r *ssh1Reader) fail() {
	if r.err == nil {
		r.err = errSSH1Packet
	}
}

func (r *ssh1Reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.fail()
		return nil
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

func (r *ssh1Reader) byte1() byte {
	p := r.bytes(1)
	if p == nil {
		return 0
	}
	return p[0]
}

func (r *ssh1Reader) uint32() uint32 {
	p := r.bytes(4)
	if p == nil {
		return 0
	}
	return binary.BigEndian.Uint32(p)
}

func (r *ssh1Reader) string() string {
	n := r.uint32()
	if r.err != nil || uint64(n) > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	return string(r.bytes(int(n)))
}

// mpint reads a multiple-precision integer: uint16 bit count, then the
// value's (bits+7)/8 bytes, big-endian.
func (r *ssh1Reader) mpint() *big.Int {
	p := r.bytes(2)
	if p == nil {
		return nil
	}
	bits := int(binary.BigEndian.Uint16(p))
	v := r.bytes((bits + 7) / 8)
	if v == nil {
		return nil
	}
	return new(big.Int).SetBytes(v)
}

// done fails if the payload had more than its fields.
func (r *ssh1Reader) done() error {
	if r.err == nil && len(r.b) != 0 {
		r.fail()
	}
	return r.err
}

// ssh1Builder builds a payload.
type ssh1Builder []byte

func (b ssh1Builder) uint32(v uint32) ssh1Builder { return binary.BigEndian.AppendUint32(b, v) }

func (b ssh1Builder) string(s []byte) ssh1Builder {
	return append(b.uint32(uint32(len(s))), s...)
}

func (b ssh1Builder) mpint(v *big.Int) ssh1Builder {
	b = binary.BigEndian.AppendUint16(b, uint16(v.BitLen()))
	return append(b, v.Bytes()...)
}
