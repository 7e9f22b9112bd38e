// Command switchemu serves an emulated 3Com Switch 7906E (Comware 5.20)
// over SSH: the device's SSH server stages, its command line, and a
// stateful device model.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop() // before os.Exit, which skips defers
	if err != nil {
		fmt.Fprintln(os.Stderr, "switchemu:", err)
		os.Exit(1)
	}
}
