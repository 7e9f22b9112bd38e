package sshd

// SSH-1 channels (forwarded connections). The device serves none. A
// connection the client forwards (plink -1 -L) is turned away and the
// session goes on: the server confirms the channel and closes it at once,
// so the forwarded connection ends with no data. CHANNEL_OPEN_FAILURE
// would be the plain refusal, but PuTTY 0.78 frees the channel twice on
// it and aborts (tested: "free(): double free detected" right after
// "Forwarded connection refused by remote"), which kills the session the
// refusal meant to keep. The server's number for such a channel is the
// client's own, so no table is kept; messages for it are dropped.

const (
	ssh1MsgChannelOpenConfirmation = 21
	ssh1MsgChannelOpenFailure      = 22
	ssh1MsgChannelData             = 23
	ssh1MsgChannelClose            = 24
	ssh1MsgChannelCloseConfirm     = 25
	ssh1MsgPortOpen                = 29
)

// refuseChannel answers a message of the interactive session that asks
// for something the server does not serve. handled is false for a
// message it does not know.
func (c *ssh1Conn) refuseChannel(typ byte, r *ssh1Reader) (handled bool, err error) {
	switch typ {
	case ssh1MsgPortOpen:
		// uint32 local channel, string host, uint32 port, then the
		// originator if the server asked for it (it does not).
		local := r.uint32()
		host := r.string()
		port := r.uint32()
		if r.err != nil {
			return true, r.err
		}
		c.log.Info("forwarded connection refused", "stage", "interaction", "to", host, "port", port)
		if err := c.send(ssh1MsgChannelOpenConfirmation, ssh1Builder(nil).uint32(local).uint32(local)); err != nil {
			return true, err
		}
		return true, c.send(ssh1MsgChannelClose, ssh1Builder(nil).uint32(local))
	case ssh1MsgChannelClose:
		// The client closes its side of a channel the server closed.
		ch := r.uint32()
		if r.err != nil {
			return true, r.err
		}
		return true, c.send(ssh1MsgChannelCloseConfirm, ssh1Builder(nil).uint32(ch))
	case ssh1MsgChannelOpenConfirmation, ssh1MsgChannelOpenFailure, ssh1MsgChannelData,
		ssh1MsgChannelCloseConfirm:
		// The server opens no channels and refuses the client's: there
		// is no channel these can be about.
		return true, nil
	case ssh1CmsgRequestPty, ssh1CmsgRequestCompression, ssh1CmsgX11RequestFwd,
		ssh1CmsgPortForwardRequest, ssh1CmsgAgentRequestFwd, ssh1CmsgMaxPacketSize:
		// Preparatory requests after the session started: the protocol
		// has no answer for them here; ignoring them keeps the session.
		c.log.Info("request ignored", "stage", "interaction", "type", typ)
		return true, nil
	}
	return false, nil
}
