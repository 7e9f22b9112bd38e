package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"switchemu/fleet"
	"switchemu/fleet/api"
	"switchemu/internal/version"
	"switchemu/profiles"
)

// run parses flags, loads the inventory (one device, --devices N, or
// --inventory FILE), starts the fleet and serves it until ctx is
// cancelled (SIGINT, SIGTERM), then stops it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "inventory" {
		return runInventory(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "healthcheck" {
		return runHealthcheck(ctx, args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("switchemu", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sel selection
	sel.register(fs)
	stateDir := fs.String("state-dir", "switchemu-state", "folder for saved configuration and host keys, one subfolder per device")
	algorithms := fs.String("algorithms", "", "SSH algorithm set: strict or compatible (default: the profile's)")
	verbose := fs.Bool("v", false, "log connections and sessions to stderr")
	rebootDelay := fs.Duration("reboot-delay", 5*time.Second, "how long a device stays down after reboot before it accepts connections again")
	showVersion := fs.Bool("version", false, "print the version and exit")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to `file` (go tool pprof reads it)")
	factory := fs.Bool("factory", false, "boot with the factory configuration, ignoring the startup file (which stays until the next save)")
	telnet := fs.String("telnet", "", "telnet address of the first device (the next take the next ports); open while telnet server enable is configured (default: no telnet)")
	apiAddr := fs.String("api", "", "serve the control API (HTTP, see README) on `addr`, such as 127.0.0.1:8080 (default: off)")
	apiToken := fs.String("api-token", "", "a `file` holding the token every API request must send as Authorization: Bearer <token>; use it whenever --api listens beyond loopback")
	logFormat := fs.String("log-format", "text", "log lines on stderr as text or json")
	var labs labFiles
	fs.Var(&labs, "lab", "check the students' work with a lab `file` (see README; repeatable); its status is on the control API (--api)")
	record := fs.Bool("record", false, "record every interactive session of every device as an asciicast file under STATE/<device>/recordings/")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *showVersion {
		fmt.Fprintln(stdout, version.Full())
		return nil
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	hopts := &slog.HandlerOptions{Level: level}
	var logger *slog.Logger
	switch *logFormat {
	case "text":
		logger = slog.New(slog.NewTextHandler(stderr, hopts))
	case "json":
		logger = slog.New(slog.NewJSONHandler(stderr, hopts))
	default:
		return fmt.Errorf("--log-format %q: want text or json", *logFormat)
	}
	token, err := readToken(*apiToken)
	if err != nil {
		return err
	}
	if token != "" && *apiAddr == "" {
		return errors.New("--api-token needs --api")
	}
	if len(labs) > 0 && *apiAddr == "" {
		return errors.New("--lab needs --api: a lab's status is on the control API")
	}

	inv, err := sel.inventory()
	if err != nil {
		return err
	}
	if *algorithms != "" {
		for _, s := range inv.Devices {
			p, err := profiles.Open(cmpOr(s.Profile, profiles.Default))
			if err != nil {
				return err
			}
			if _, ok := p.SSH.Sets[*algorithms]; !ok {
				return fmt.Errorf("--algorithms %q: profile %s has no such set", *algorithms, p.Name)
			}
		}
	}
	f, err := fleet.New(inv, fleet.Options{
		StateDir: *stateDir, Listen: sel.listen, Telnet: *telnet, Algorithms: *algorithms,
		RebootDelay: *rebootDelay, Shard: sel.shard, Logger: logger, Out: stderr, Factory: *factory,
		Record: *record,
	})
	if err != nil {
		return err
	}
	for _, w := range f.Warnings() {
		fmt.Fprintln(stderr, "switchemu: warning:", w)
	}
	if len(inv.Labs) > 0 && *apiAddr == "" {
		fmt.Fprintln(stderr, "switchemu: warning: the inventory's labs are served on the control API: add --api ADDR to see them")
	}
	board, err := loadLabs(append(inv.Labs, labs...), f)
	if err != nil {
		return err
	}
	var ctl *api.Server
	if *apiAddr != "" {
		ctl = api.New(f, api.Options{Token: token, Logger: logger, Labs: board})
	}
	if err := f.Start(ctx); err != nil {
		return err
	}
	defer f.Close()
	trimCtx, stopTrim := context.WithCancel(ctx)
	trimmed := make(chan struct{})
	go func() {
		defer close(trimmed)
		f.ReturnMemory(trimCtx) // fleet/trim.go
	}()
	defer func() {
		stopTrim()
		<-trimmed
	}()
	if board != nil {
		board.Start()
	}
	defer board.Close()
	fmt.Fprintln(stdout, version.Full())
	if ctl != nil {
		stop, err := serveAPI(ctx, ctl, *apiAddr, token != "", stdout, logger)
		if err != nil {
			return err
		}
		defer stop()
	}
	if err := printSummary(stdout, f, &sel, *stateDir); err != nil {
		return err
	}
	printLabs(stdout, board)
	<-ctx.Done()
	board.Close() // before the fleet: it reads the devices
	return f.Close()
}

// readToken reads the API token file ("" without one).
func readToken(path string) (string, error) {
	if path == "" {
		return "", nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("--api-token: %w", err)
	}
	tok := strings.TrimSpace(string(data))
	if tok == "" || strings.ContainsAny(tok, " \t\r\n") {
		return "", fmt.Errorf("--api-token %s: want one token on one line", path)
	}
	return tok, nil
}

// serveAPI serves the control API on addr until ctx ends; stop closes
// it. Without a token on an address beyond loopback, it warns.
func serveAPI(ctx context.Context, h http.Handler, addr string, hasToken bool, stdout io.Writer, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--api: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	auth := ""
	if hasToken {
		auth = " (token required)"
	}
	fmt.Fprintf(stdout, "switchemu: control API on http://%s/api/v1/devices%s\n", ln.Addr(), auth)
	if hasToken {
		fmt.Fprintf(stdout, "switchemu: trainer's console on http://%s/?token=TOKEN (the token of --api-token)\n", ln.Addr())
	} else {
		fmt.Fprintf(stdout, "switchemu: trainer's console on http://%s/\n", ln.Addr())
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() && !hasToken {
		fmt.Fprintln(stdout, "switchemu: warning: the control API listens beyond loopback without --api-token: anyone who reaches it controls every device")
	}
	return func() {
		srv.Close()
		<-done
	}, nil
}

// runInventory is "switchemu inventory": the device list of a fleet in an
// automation tool's inventory format.
func runInventory(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("switchemu inventory", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sel selection
	sel.register(fs)
	format := fs.String("format", "csv", "ansible, nornir or csv")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	inv, err := sel.inventory()
	if err != nil {
		return err
	}
	f, err := fleet.New(inv, fleet.Options{StateDir: "-", Listen: sel.listen, Shard: sel.shard})
	if err != nil {
		return err
	}
	return fleet.Export(stdout, *format, f.Entries())
}

// selection is the flags that say which devices a process serves.
type selection struct {
	listen    string
	profile   string
	devices   int
	invFile   string
	shardText string
	shard     fleet.Shard
	fromCfg   string
}

func (s *selection) register(fs *flag.FlagSet) {
	fs.StringVar(&s.listen, "listen", "127.0.0.1:2222", "SSH address of the first device; the next devices take the next ports")
	fs.StringVar(&s.profile, "profile", profiles.Default, "embedded profile name ("+fmt.Sprint(profiles.Names())+") or a YAML file")
	fs.IntVar(&s.devices, "devices", 0, "serve N devices of --profile, named SW0001 … on consecutive ports from --listen")
	fs.StringVar(&s.invFile, "inventory", "", "serve the devices and links of an inventory `file` (see README)")
	fs.StringVar(&s.shardText, "shard", "", "serve only the I-th (from 0) of N equal slices of the inventory, as `I/N`")
	fs.StringVar(&s.fromCfg, "from-config", "", "serve the twin of a real switch: its chassis, sysname and startup configuration from its configuration `file`")
}

// inventory builds the inventory the flags describe: one device by
// default (named after its profile, with the profile's sysname), N
// generated devices, or a file.
func (s *selection) inventory() (*fleet.Inventory, error) {
	if s.shardText != "" {
		sh, err := fleet.ParseShard(s.shardText)
		if err != nil {
			return nil, err
		}
		s.shard = sh
	}
	switch {
	case (s.invFile != "") && (s.devices != 0) || (s.fromCfg != "") && (s.invFile != "" || s.devices != 0):
		return nil, errors.New("give one of --inventory, --devices and --from-config")
	case s.fromCfg != "":
		name := strings.TrimSuffix(filepath.Base(s.fromCfg), filepath.Ext(s.fromCfg))
		if !validName(name) {
			name = "twin"
		}
		return &fleet.Inventory{Devices: []fleet.Spec{{Name: name, FromConfig: s.fromCfg, Listen: s.listen}}}, nil
	case s.invFile != "":
		return fleet.LoadInventory(s.invFile)
	case s.devices != 0:
		return fleet.Generated(s.devices, s.profile, s.listen)
	}
	p, err := profiles.Open(s.profile)
	if err != nil {
		return nil, err
	}
	return &fleet.Inventory{Devices: []fleet.Spec{{Name: p.Name, Profile: s.profile, Listen: s.listen}}}, nil
}

// validName reports whether name can name a device's state folder.
func validName(name string) bool {
	if name == "" || name[0] == '.' || name[0] == '-' || len(name) > 64 {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
