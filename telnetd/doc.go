// Package telnetd is the emulated switch's telnet server. It negotiates
// the options a character-at-a-time session needs, runs the Comware V5
// login dialog of the VTY line's authentication-mode, and hands the
// logged-in session to a Handler; it never interprets commands.
//
// A connection, like an SSH one, holds a VTY line from accept to close,
// taken from the same sixteen (device.AcquireVTY, shown by display users
// as TEL). It is served only while telnet server enable is configured; a
// line with protocol inbound ssh refuses it.
//
// On accept the server sends WILL ECHO, WILL SUPPRESS-GO-AHEAD, DO NAWS
// and DO TERMINAL-TYPE (RFC 857, 858, 1073, 1091) and then carries on
// without waiting: a client that negotiates nothing still gets the
// dialog. Requests for other options are refused once (RFC 1143 keeps
// that from looping). Every IAC sequence is taken out of the input
// wherever it appears, a doubled IAC is the data byte 0xFF, CR NUL and
// CR LF reach the command line as one Enter, and output has IAC doubled
// and a bare CR sent as CR NUL.
//
// The login dialog follows the V5 capture of the reference: the copyright
// banner, "Login authentication", then "Username:" (echoed) and
// "Password:" (not echoed) for authentication-mode scheme, checked
// against the local users with service-type telnet; "Password:" only, the
// line's set authentication password, for password; nothing for none.
// Three failures or the login timeout close the connection.
//
// The logged-in session runs the Handler; one that serves the session on
// a goroutine of its own detaches (Session.Detach), and the connection
// ends when it says so.
package telnetd
