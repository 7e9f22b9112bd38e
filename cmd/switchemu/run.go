package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/cli"
	"switchemu/device"
	"switchemu/profiles"
	"switchemu/sshd"
)

// run parses flags, loads the profile, boots the device from its saved
// (or factory) configuration, and serves SSH until ctx is cancelled.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("switchemu", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:2222", "address to accept SSH connections on")
	stateDir := fs.String("state-dir", "switchemu-state", "folder for saved configuration and host keys, one subfolder per device")
	profileName := fs.String("profile", profiles.Default, "embedded profile name ("+fmt.Sprint(profiles.Names())+") or a YAML file")
	algorithms := fs.String("algorithms", "", "SSH algorithm set: strict or compatible (default: the profile's)")
	verbose := fs.Bool("v", false, "log connections and sessions to stderr")
	rebootDelay := fs.Duration("reboot-delay", 5*time.Second, "how long the device stays down after reboot before it accepts connections again")
	factory := fs.Bool("factory", false, "boot with the factory configuration, ignoring the startup file (which stays until the next save)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	p, err := profiles.Open(*profileName)
	if err != nil {
		return err
	}
	if *algorithms != "" {
		if _, ok := p.SSH.Sets[*algorithms]; !ok {
			return fmt.Errorf("--algorithms %q: the profile has no such set", *algorithms)
		}
	}
	store, err := device.OpenStore(filepath.Join(*stateDir, p.Name))
	if err != nil {
		return err
	}
	store.SetCapacity(int64(p.Files.SizeKB) * 1024)
	dev := device.New(p, device.Options{Store: store})
	if err := dev.InitHostKey(); err != nil {
		return err
	}
	shell := cli.New(dev, logger)
	if *factory {
		shell.NextBootFactory()
	}
	if err := boot(dev, shell, stderr); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	port := newGate(ln)
	srv := &sshd.Server{Device: dev, Logger: logger, Algorithms: *algorithms}
	reboots := newRebooter(dev, shell, srv, port, *rebootDelay, stdout, stderr)
	srv.Handler = sessionHandler(shell, reboots)
	printWelcome(stdout, dev, ln.Addr())

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := reboots.serve(ctx); err != nil {
			cancel(err)
		}
	}()
	err = srv.ServeContext(ctx, port)
	cancel(nil)
	wg.Wait()
	if cause := context.Cause(ctx); err == nil && cause != nil && !errors.Is(cause, context.Canceled) {
		return cause
	}
	return err
}

// boot replays the startup configuration, or the factory configuration
// when there is none. Lines that do not apply are reported with their
// line numbers and skipped, as the device does.
//
// What is wrong with the file (empty, cut short, no way to log in) is
// said too, with how to recover.
func boot(dev *device.Device, shell *cli.Shell, stderr io.Writer) error {
	r, err := shell.BootReport()
	if err != nil {
		return err
	}
	r.Print(stderr, "switchemu: ")
	return nil
}

// sessionHandler runs the command line on an SSH session.
func sessionHandler(shell *cli.Shell, reboots *rebooter) sshd.Handler {
	return func(ctx context.Context, s *sshd.Session) int {
		ctx, done, ok := reboots.session(ctx)
		defer done()
		if !ok {
			s.RW.Close()
			return 1
		}
		host, _, err := net.SplitHostPort(s.Remote.String())
		if err != nil {
			host = s.Remote.String()
		}
		info := cli.SessionInfo{User: s.User, Level: s.Level, Remote: host, Line: s.Line}
		if s.Command != "" {
			return shell.Exec(ctx, s.RW, s.Command, info)
		}
		win := func() cli.Window {
			w, h := s.Window()
			return cli.Window{Width: w, Height: h}
		}
		if err := shell.Run(ctx, s.RW, win, info); err != nil {
			return 1
		}
		return 0
	}
}

func printWelcome(w io.Writer, dev *device.Device, addr net.Addr) {
	p := dev.Profile()
	fmt.Fprintf(w, "switchemu: %s (%s profile) listening on %s\n", p.Model, p.Name, addr)
	host, port, _ := net.SplitHostPort(addr.String())
	if ok, why := cli.FactoryLoginWorks(dev); ok {
		fmt.Fprintf(w, "  log in:   ssh -p %s %s@%s   (password: %s)\n", port, p.Factory.User, host, p.Factory.Password)
	} else {
		fmt.Fprintf(w, "  log in:   not with %s/%s: %s (see the warning above)\n", p.Factory.User, p.Factory.Password, why)
	}
	if hk := dev.CurrentHostKey(); hk != nil {
		if pub, err := gossh.NewPublicKey(&hk.Key.PublicKey); err == nil {
			fmt.Fprintf(w, "  host key: %s %s\n", pub.Type(), gossh.FingerprintSHA256(pub))
		}
	}
	fmt.Fprintf(w, "  state:    %s\n", dev.Store().Dir())
}
