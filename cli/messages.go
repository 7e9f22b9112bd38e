package cli

// MsgCommandFailed is the device's line for a command that could not be
// executed; whoever serves a session prints it when the session fails
// outside a command.
const MsgCommandFailed = msgCommandFailed
