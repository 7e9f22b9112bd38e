package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"switchemu/profiles"
)

// errFailures is returned when the run finished but some operations
// failed; the report has already said which.
var errFailures = errors.New("some operations failed")

// options are the parsed flags.
type options struct {
	mode       string
	workers    int
	duration   time.Duration
	count      int64
	commands   []string
	sequential int
	concurrent int
	timeout    time.Duration
	algorithms string
	json       bool
	serverPID  int           // idle: the emulator, to read its memory
	settle     time.Duration // idle: wait before measuring
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// run parses the flags, reads the targets, runs the load and prints the
// report on stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("switchload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var targetFlags listFlag
	inventory := fs.String("targets", "", "CSV inventory of the devices (name,host,port,username,password,platform)")
	fs.Var(&targetFlags, "target", "HOST:PORT or HOST:PORT-PORT to load (repeatable); uses --user and --password")
	user := fs.String("user", "admin", "user name for --target")
	password := fs.String("password", "admin", "password for --target")
	fs.StringVar(&o.mode, "mode", "handshake", "handshake, interactive, soak or idle (sessions that log in, run the commands once and stay idle for --duration)")
	fs.IntVar(&o.serverPID, "server-pid", 0, "idle: the emulator's process ID, to report its resident memory per idle session")
	fs.DurationVar(&o.settle, "settle", idleSettle, "idle: how long the sessions sit idle before the server's memory is read")
	fs.IntVar(&o.workers, "n", 8, "handshake: client workers; interactive: persistent sessions")
	fs.DurationVar(&o.duration, "duration", 0, "how long to run (default 10s unless --count is given)")
	fs.Int64Var(&o.count, "count", 0, "stop after this many handshakes (handshake mode) or commands (interactive mode)")
	commands := fs.String("commands", "display version", "comma-separated commands: handshake mode runs the first by exec, the others run them all")
	fs.IntVar(&o.sequential, "sequential", 10, "soak: short sessions one after the other")
	fs.IntVar(&o.concurrent, "concurrent", 10, "soak: short sessions at once, after the sequential ones")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "limit for one connection, session setup or command")
	fs.StringVar(&o.algorithms, "algorithms", "compatible", "client algorithms: compatible (modern first) or strict (Comware V5's legacy set only)")
	fs.BoolVar(&o.json, "json", false, "also print the figures as one JSON object, on the last line")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, c := range strings.Split(*commands, ",") {
		if c = strings.TrimSpace(c); c != "" {
			o.commands = append(o.commands, c)
		}
	}
	switch {
	case o.mode != "handshake" && o.mode != "interactive" && o.mode != "soak" && o.mode != "idle":
		return fmt.Errorf("--mode %q: want handshake, interactive, soak or idle", o.mode)
	case len(o.commands) == 0:
		return fmt.Errorf("--commands: no command given")
	case o.workers < 1:
		return fmt.Errorf("-n %d: want at least 1", o.workers)
	case o.count < 0 || o.duration < 0 || o.sequential < 0 || o.concurrent < 0 || o.timeout <= 0:
		return fmt.Errorf("--count, --duration, --sequential, --concurrent must not be negative, --timeout must be positive")
	case o.mode == "soak" && o.sequential+o.concurrent == 0:
		return fmt.Errorf("soak: --sequential and --concurrent are both 0")
	}
	if o.duration == 0 && o.count == 0 && o.mode != "soak" {
		o.duration = 10 * time.Second
	}

	var targets []target
	if *inventory != "" {
		t, err := readInventory(*inventory)
		if err != nil {
			return err
		}
		targets = append(targets, t...)
	}
	for _, spec := range targetFlags {
		t, err := parseTargets(spec, *user, *password)
		if err != nil {
			return err
		}
		targets = append(targets, t...)
	}
	if len(targets) == 0 {
		return fmt.Errorf("no targets: give --targets FILE or --target HOST:PORT")
	}
	algos, err := algorithmSet(o.algorithms)
	if err != nil {
		return err
	}

	l := &loader{opts: o, targets: targets, algos: algos}
	rep := l.run(ctx)
	rep.write(stdout)
	if o.json {
		data, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", data)
	}
	if rep.Failed() {
		return errFailures
	}
	return nil
}

// algorithmSet returns the set of that name of the emulator's default
// profile, so that the client offers what the emulator negotiates.
func algorithmSet(name string) (profiles.AlgorithmSet, error) {
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		return profiles.AlgorithmSet{}, err
	}
	s, ok := p.SSH.Sets[name]
	if !ok {
		return profiles.AlgorithmSet{}, fmt.Errorf("--algorithms %q: want compatible or strict", name)
	}
	return s, nil
}
