// Command switchload puts an SSH load on emulated switches (or any
// Comware V5 device) and reports what they sustained: handshakes per
// second, commands per second, latency percentiles (p50, p90, p99, max)
// and errors by kind. Its figures are the ones in docs/performance.md.
//
//	go run ./cmd/switchload --target 127.0.0.1:2222 --mode handshake -n 8 --duration 10s
//	go run ./cmd/switchload --targets fleet.csv --mode interactive -n 16 --duration 30s \
//	    --commands "display version,display interface brief"
//	go run ./cmd/switchload --targets fleet.csv --mode soak --sequential 20 --concurrent 50
//
// Modes:
//
//   - handshake: -n workers each connect, authenticate with the password,
//     run one exec of the first of --commands, and close, again and
//     again; one handshake is one such connection.
//   - interactive: -n persistent pty shells spread round robin over the
//     targets; each sends "screen-length disable", then the --commands
//     one after the other, in a loop; a command's latency runs from
//     sending its line to the next prompt.
//   - soak: --sequential short sessions one after the other, then
//     --concurrent short sessions at once (a short session is a pty
//     shell that runs each of --commands once and quits), then reports.
//   - idle: -n pty shells spread over the targets log in, run each of
//     --commands once, sit idle for --settle and then --duration, and
//     quit; with --server-pid the emulator's resident memory is read
//     before they open and once they are idle, and reported per session.
//
// In interactive and soak modes "handshakes" counts the sessions opened,
// and the latency percentiles are per command (also split by command);
// in handshake mode they are per connection.
//
// Errors are counted by kind: connect (TCP), handshake (version or key
// exchange), auth (password refused), no-free-line (the device's 16 VTY
// lines are taken: "All user interfaces are used, please try later!"),
// session (channel, pty or shell refused), prompt (no prompt after
// login), exec (exec failed), cli-error (the device printed an error line
// for a command), command (a session broke mid-command), quit, and
// timeout (--timeout passed).
//
// The run ends at --duration or after --count handshakes (handshake
// mode) or commands (interactive mode), whichever comes first, or on
// Ctrl+C; the report is printed either way. -json adds the figures as
// one JSON object on the last line of the output, for scripts. The exit
// status is 1 when any operation failed.
//
// Targets come from --targets FILE, a CSV inventory in the format
// "switchemu inventory --format csv" prints: a header line, then one row
// per device:
//
//	name,host,port,username,password,platform
//	SW0001,127.0.0.1,2222,admin,admin,hp_comware
//	SW0002,127.0.0.1,2223,admin,admin,hp_comware
//
// The columns may come in any order; all six must be there and no
// other. For quick use, --target HOST:PORT (repeatable, or a port range
// HOST:PORT-PORT) with --user and --password (default admin/admin).
//
// The client is golang.org/x/crypto/ssh offering the algorithms of the
// emulator's compatible set (--algorithms strict offers only Comware
// V5's legacy ones). It accepts any host key: it measures, it does not
// authenticate the device.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errFailures) {
			fmt.Fprintln(os.Stderr, "switchload:", err)
		}
		os.Exit(1)
	}
}
