// Command scrapligo drives every device of a switchemu CSV inventory with
// scrapligo's hp_comware platform (standard transport, x/crypto): opens
// each (on-open sends screen-length disable), runs display version, adds
// a VLAN in system-view and saves.
//
//	go run ./cmd/switchemu --devices 10 &
//	go run ./cmd/switchemu inventory --devices 10 --format csv > devices.csv
//	go run ./examples/scrapligo devices.csv
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/platform"
	"github.com/scrapli/scrapligo/transport"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: scrapligo DEVICES.csv   (from: switchemu inventory --format csv)")
		os.Exit(2)
	}
	rows, err := readCSV(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// A few devices at a time: every login is a key exchange.
	sem := make(chan struct{}, 8)
	lines := make([]string, len(rows))
	errs := make([]error, len(rows))
	var wg sync.WaitGroup
	for i, r := range rows {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			lines[i], errs[i] = drive(r)
		})
	}
	wg.Wait()
	failed := 0
	for i, l := range lines {
		if errs[i] != nil {
			failed++
			fmt.Printf("%s: %v\n", rows[i]["name"], errs[i])
			continue
		}
		fmt.Println(l)
	}
	if failed > 0 {
		os.Exit(1)
	}
	fmt.Printf("SCRAPLIGO EXAMPLE OK %d devices\n", len(rows))
}

func drive(r map[string]string) (string, error) {
	port, err := strconv.Atoi(r["port"])
	if err != nil {
		return "", err
	}
	p, err := platform.NewPlatform(r["platform"], r["host"],
		options.WithPort(port), options.WithAuthUsername(r["username"]), options.WithAuthPassword(r["password"]),
		options.WithAuthNoStrictKey(), options.WithTransportType(transport.StandardTransport),
		options.WithTimeoutOps(30*time.Second))
	if err != nil {
		return "", err
	}
	d, err := p.GetNetworkDriver()
	if err != nil {
		return "", err
	}
	if err := d.Open(); err != nil {
		return "", fmt.Errorf("open: %w", err)
	}
	defer d.Close()
	prompt, _ := d.Channel.GetPrompt()
	v, err := d.SendCommand("display version")
	if err != nil || v.Failed != nil {
		return "", fmt.Errorf("display version: %v %v", err, v.Failed)
	}
	model := "?"
	for _, l := range strings.Split(v.Result, "\n") {
		if strings.Contains(l, "Software Version") || strings.Contains(l, "uptime is") {
			model = strings.TrimSpace(l)
			break
		}
	}
	m, err := d.SendConfigs([]string{"vlan 400", "name Scrapligo"})
	if err != nil || m.Failed != nil {
		return "", fmt.Errorf("configs: %v %v", err, m.Failed)
	}
	s, err := d.SendCommand("save force")
	if err != nil || s.Failed != nil {
		return "", fmt.Errorf("save: %v %v", err, s.Failed)
	}
	return fmt.Sprintf("%s %s: %s; vlan 400 saved", r["name"], prompt, model), nil
}

// readCSV reads the name,host,port,username,password,platform rows.
func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("%s: no devices", path)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, k := range recs[0] {
			if i < len(rec) {
				m[k] = rec[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}
