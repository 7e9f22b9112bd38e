package telnetd

// Telnet commands (RFC 854) and the options this server negotiates.
const (
	cmdSE   = 240
	cmdNOP  = 241
	cmdDM   = 242
	cmdBRK  = 243
	cmdIP   = 244
	cmdAO   = 245
	cmdAYT  = 246
	cmdEC   = 247
	cmdEL   = 248
	cmdGA   = 249
	cmdSB   = 250
	cmdWILL = 251
	cmdWONT = 252
	cmdDO   = 253
	cmdDONT = 254
	cmdIAC  = 255

	optEcho  = 1  // RFC 857
	optSGA   = 3  // RFC 858, suppress go-ahead
	optTType = 24 // RFC 1091, terminal type
	optNAWS  = 31 // RFC 1073, window size

	ttypeIS   = 0
	ttypeSEND = 1
)

// maxSB bounds a subnegotiation's payload; the rest is dropped (a window
// size needs 4 bytes, a terminal type name at most 40).
const maxSB = 64

// parser states
const (
	stData = iota
	stIAC  // after IAC
	stOpt  // after IAC WILL/WONT/DO/DONT
	stSB   // inside IAC SB ... IAC SE
	stSBIAC
)

// A parser splits the byte stream a client sends into data and telnet
// commands. It keeps its state between calls, so a sequence may be split
// across reads anywhere. Data comes out with every IAC sequence removed
// (IAC IAC gives one 0xFF byte) and the end of a line in the form the
// command line reads: CR NUL and CR LF both become CR; a bare LF stays.
type parser struct {
	state int
	verb  byte   // WILL, WONT, DO or DONT waiting for its option
	sb    []byte // subnegotiation payload, option first
	sbLen int    // bytes of the subnegotiation seen, kept or not
	cr    bool   // the last data byte was CR
}

// command is one telnet command the parser found.
type command struct {
	verb byte   // WILL, WONT, DO, DONT, SB or a one-byte command (IP, AYT...)
	opt  byte   // option of WILL/WONT/DO/DONT/SB
	data []byte // SB payload after the option (at most maxSB-1 bytes)
}

// feed parses in, appends its data to out and reports each command to
// cmd. It returns the extended out.
func (p *parser) feed(in, out []byte, cmd func(command)) []byte {
	for _, b := range in {
		switch p.state {
		case stData:
			if b == cmdIAC {
				p.state = stIAC
				continue
			}
			out = p.data(out, b)
		case stIAC:
			p.state = stData
			switch b {
			case cmdIAC:
				out = p.data(out, cmdIAC)
			case cmdWILL, cmdWONT, cmdDO, cmdDONT:
				p.verb, p.state = b, stOpt
			case cmdSB:
				p.sb, p.sbLen, p.state = p.sb[:0], 0, stSB
			case cmdIP:
				// Interrupt Process: the key the client means is Ctrl+C.
				p.cr = false
				out = append(out, 0x03)
			case cmdEC:
				p.cr = false
				out = append(out, 0x08)
			case cmdEL:
				p.cr = false
				out = append(out, 0x15)
			case cmdAYT:
				cmd(command{verb: b})
			default:
				// SE, NOP, DM, BRK, AO, GA and unknown command bytes are
				// dropped with their IAC.
			}
		case stOpt:
			p.state = stData
			cmd(command{verb: p.verb, opt: b})
		case stSB:
			if b == cmdIAC {
				p.state = stSBIAC
				continue
			}
			p.sbByte(b)
		case stSBIAC:
			switch b {
			case cmdIAC:
				p.state = stSB
				p.sbByte(cmdIAC)
			case cmdSE:
				p.state = stData
				if len(p.sb) > 0 {
					cmd(command{verb: cmdSB, opt: p.sb[0], data: append([]byte(nil), p.sb[1:]...)})
				}
			default:
				// IAC x inside a subnegotiation other than IAC or SE: the
				// client broke off; treat x as the command it starts.
				p.state = stIAC
				out = p.feed([]byte{b}, out, cmd)
			}
		}
	}
	return out
}

func (p *parser) sbByte(b byte) {
	p.sbLen++
	if len(p.sb) < maxSB {
		p.sb = append(p.sb, b)
	}
}

// data adds one data byte, folding CR NUL and CR LF into CR.
func (p *parser) data(out []byte, b byte) []byte {
	if p.cr {
		p.cr = false
		if b == 0 || b == '\n' {
			return out
		}
	}
	if b == '\r' {
		p.cr = true
	}
	return append(out, b)
}

// escape returns p as it goes on the wire: IAC doubled, and a CR that is
// not followed by LF sent as CR NUL (RFC 854).
func escape(dst, p []byte) []byte {
	for i, b := range p {
		switch b {
		case cmdIAC:
			dst = append(dst, cmdIAC, cmdIAC)
		case '\r':
			dst = append(dst, '\r')
			if i+1 >= len(p) || p[i+1] != '\n' {
				dst = append(dst, 0)
			}
		default:
			dst = append(dst, b)
		}
	}
	return dst
}

// Option states of the Q method (RFC 1143), reduced to what a server that
// never asks twice needs.
const (
	qNo = iota
	qYes
	qWantYes
)

// negotiator keeps the state of the options on both sides and decides the
// answers. Options the server performs (us): ECHO and SGA. Options it asks
// the client to perform (him): NAWS and TERMINAL-TYPE. Everything else is
// refused, once per request, which cannot loop.
type negotiator struct {
	us, him [256]uint8

	width, height int    // from NAWS; 0 until the client sends one
	term          string // from TERMINAL-TYPE
}

// supportUs says which options the server agrees to perform.
func supportUs(opt byte) bool { return opt == optEcho || opt == optSGA }

// supportHim says which options the server wants the client to perform.
func supportHim(opt byte) bool { return opt == optNAWS || opt == optTType }

// start returns what the server sends first: WILL ECHO, WILL SGA, DO NAWS,
// DO TERMINAL-TYPE [U: the order and set the device offers are not in
// the reference; these are what a character-at-a-time server needs].
func (n *negotiator) start() []byte {
	n.us[optEcho], n.us[optSGA] = qWantYes, qWantYes
	n.him[optNAWS], n.him[optTType] = qWantYes, qWantYes
	return []byte{
		cmdIAC, cmdWILL, optEcho,
		cmdIAC, cmdWILL, optSGA,
		cmdIAC, cmdDO, optNAWS,
		cmdIAC, cmdDO, optTType,
	}
}

// handle applies one command and returns the bytes to answer with.
func (n *negotiator) handle(c command) []byte {
	switch c.verb {
	case cmdDO:
		if !supportUs(c.opt) {
			return []byte{cmdIAC, cmdWONT, c.opt}
		}
		was := n.us[c.opt]
		n.us[c.opt] = qYes
		if was == qNo {
			return []byte{cmdIAC, cmdWILL, c.opt}
		}
	case cmdDONT:
		was := n.us[c.opt]
		n.us[c.opt] = qNo
		if was == qYes {
			return []byte{cmdIAC, cmdWONT, c.opt}
		}
	case cmdWILL:
		if !supportHim(c.opt) {
			return []byte{cmdIAC, cmdDONT, c.opt}
		}
		was := n.him[c.opt]
		n.him[c.opt] = qYes
		var out []byte
		if was == qNo {
			out = append(out, cmdIAC, cmdDO, c.opt)
		}
		if c.opt == optTType && was != qYes {
			out = append(out, cmdIAC, cmdSB, optTType, ttypeSEND, cmdIAC, cmdSE)
		}
		return out
	case cmdWONT:
		was := n.him[c.opt]
		n.him[c.opt] = qNo
		if was == qYes {
			return []byte{cmdIAC, cmdDONT, c.opt}
		}
	case cmdSB:
		switch c.opt {
		case optNAWS:
			if len(c.data) >= 4 {
				w := int(c.data[0])<<8 | int(c.data[1])
				h := int(c.data[2])<<8 | int(c.data[3])
				if w > 0 {
					n.width = w
				}
				if h > 0 {
					n.height = h
				}
			}
		case optTType:
			if len(c.data) >= 1 && c.data[0] == ttypeIS {
				n.term = printable(c.data[1:])
			}
		}
	case cmdAYT:
		// Are You There: any visible answer will do [U].
		return []byte("\r\n[Yes]\r\n")
	}
	return nil
}

// printable keeps the printable ASCII of a terminal type name.
func printable(b []byte) string {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if c > ' ' && c < 0x7f {
			out = append(out, c)
		}
	}
	return string(out)
}
