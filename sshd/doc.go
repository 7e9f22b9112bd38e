// Package sshd is the emulated switch's SSH server. It negotiates
// connections the way the device's manual describes and hands each
// authenticated session to a Handler; it never interprets commands.
//
// A connection passes through the five stages of the Comware V5 manual:
//
//  1. Version negotiation (RFC 4253 §4.2), in this package's own code
//     (version.go): the server sends its identification first,
//     "SSH-1.99-" + the profile's software string while ssh server
//     compatible-ssh1x is enabled, "SSH-2.0-..." otherwise, and reads the
//     client's. 2.0 and 1.99 go on with SSH-2; 1.3 to 1.5 go on with
//     SSH-1 (protocol 1.5, ssh1*.go: its own key exchange, 3DES/Blowfish/DES,
//     password and RSA authentication, the same Handler and VTY accounting)
//     while compatibility is on; anything else closes the TCP connection,
//     as does a line that is too long, garbage, or nothing before the
//     negotiation timeout.
//  2. Key and algorithm negotiation (RFC 4253 §7), by golang.org/x/crypto/ssh
//     (the handshake in server.go): the lists come from the
//     profile's algorithm set (strict Comware V5, or V5 plus modern
//     algorithms); with no match in a category the connection is torn down.
//     The host key is the device's RSA key; a device without one
//     disconnects right after version exchange.
//  3. Authentication (RFC 4252), as the VTY line's authentication-mode
//     and the user's ssh user entry say: password against the local users
//     with service-type ssh (scheme), the line's password (password) or
//     nothing (none); public keys against the peer key assigned to the
//     ssh user; password-publickey needs both (partial success). ssh server
//     authentication-retries limits the failures and authentication-timeout
//     bounds the whole handshake.
//  4. Session request (RFC 4254 §6): one "session" channel with pty-req,
//     window-change, env, shell and exec, answered by this package's own
//     connection loop (conn.go, with the channel's requests in
//     session.go), so that a window-change sent before shell cannot wedge
//     the session. The loop runs in a fresh goroutine after the handshake:
//     an idle session's stacks are what waiting needs, not what the key
//     exchange grew.
//  5. Interaction: the Handler (the command line) runs on the channel
//     until it returns; its status is sent as exit-status. A Handler that
//     serves the session on a goroutine of its own detaches
//     (Session.Detach) and ends it later with the status: an idle
//     session then waits on that goroutine's stack alone. The connection
//     loop answers requests on short-lived goroutines (offStack), so its
//     own stack stays at its smallest.
//
// Each connection holds a VTY line from accept to close, as on the device:
// with all sixteen busy, a client reads "All user interfaces are used,
// please try later!" and is disconnected; a line with protocol inbound
// telnet refuses SSH.
package sshd
