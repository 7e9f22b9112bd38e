//go:debug rsa1024min=0

// Command switchemu serves an emulated 3Com Switch 7906E (Comware 5.20)
// over SSH: the device's SSH server stages, its command line, and a
// stateful device model.
//
// The go:debug line above lets public-key local create rsa make the 512-
// to 1023-bit keys the device accepts: Go refuses RSA keys under 1024
// bits by default.
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
