package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// runHealthcheck is "switchemu healthcheck": exit 0 when the running
// server answers, 1 when it does not. It needs nothing but the binary,
// so a FROM scratch image's HEALTHCHECK and a Kubernetes exec probe can
// run it.
//
// What it checks, in order of precedence:
//   - each HOST:PORT argument: a TCP connection that receives an SSH
//     identification line ("SSH-…");
//   - else the first device of STATE/devices.csv, the list a fleet
//     writes at start (an address of 0.0.0.0 or :: is dialled on
//     loopback);
//   - else 127.0.0.1:2222, the default --listen;
//   - and, with --url, an HTTP GET that must answer 2xx (the control
//     API's readiness path, when the server runs one).
func runHealthcheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("switchemu healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stateDir := fs.String("state-dir", "switchemu-state", "the server's state folder, for its devices.csv")
	timeout := fs.Duration("timeout", 5*time.Second, "how long each check may take")
	url := fs.String("url", "", "also GET this URL and require a 2xx answer (e.g. the control API's readiness path)")
	quiet := fs.Bool("q", false, "print nothing when healthy")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: switchemu healthcheck [--state-dir DIR] [--url URL] [--timeout D] [HOST:PORT ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	addrs := fs.Args()
	if len(addrs) == 0 {
		a, err := firstListed(filepath.Join(*stateDir, "devices.csv"))
		switch {
		case err == nil:
			addrs = []string{a}
		case errors.Is(err, os.ErrNotExist):
			addrs = []string{"127.0.0.1:2222"}
		default:
			return fmt.Errorf("healthcheck: %w", err)
		}
	}
	for _, a := range addrs {
		ident, err := checkSSH(ctx, a, *timeout)
		if err != nil {
			return fmt.Errorf("healthcheck: %s: %w", a, err)
		}
		if !*quiet {
			fmt.Fprintf(stdout, "ok: %s %s\n", a, ident)
		}
	}
	if *url != "" {
		if err := checkURL(ctx, *url, *timeout); err != nil {
			return fmt.Errorf("healthcheck: %s: %w", *url, err)
		}
		if !*quiet {
			fmt.Fprintf(stdout, "ok: %s\n", *url)
		}
	}
	return nil
}

// firstListed returns the address of the first device of a devices.csv
// (name,host,port,...), with an unspecified host made loopback.
func firstListed(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) < 2 || len(rows[1]) < 3 {
		return "", fmt.Errorf("%s lists no device", path)
	}
	host := rows[1][1]
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() || host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, rows[1][2]), nil
}

// checkSSH connects to addr and reads the server's identification line.
func checkSSH(ctx context.Context, addr string, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(timeout))
	// The identification line comes first (RFC 4253 allows lines before
	// it; Comware sends none); 255 bytes is its longest.
	line, err := bufio.NewReaderSize(io.LimitReader(c, 512), 512).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if !strings.HasPrefix(line, "SSH-") {
		if err == nil {
			err = fmt.Errorf("not an SSH identification line: %q", line)
		}
		return "", fmt.Errorf("no SSH identification: %w", err)
	}
	return line, nil
}

func checkURL(ctx context.Context, url string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("answered %s", resp.Status)
	}
	return nil
}
