package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
)

// target is one device to load.
type target struct {
	Name     string
	Addr     string // host:port
	User     string
	Password string
}

// inventoryColumns are the columns of the CSV inventory, in the order
// "switchemu inventory --format csv" prints them.
var inventoryColumns = []string{"name", "host", "port", "username", "password", "platform"}

// readInventory reads a CSV inventory file.
func readInventory(path string) ([]target, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	t, err := parseInventory(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// parseInventory reads the header line and one row per device; errors
// name the line.
func parseInventory(r io.Reader) ([]target, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(inventoryColumns)
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("empty inventory; want the header %s", strings.Join(inventoryColumns, ","))
	}
	if err != nil {
		return nil, fmt.Errorf("header: %w (want %s)", err, strings.Join(inventoryColumns, ","))
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if !slices.Contains(inventoryColumns, h) {
			return nil, fmt.Errorf("line 1: unknown column %q (want %s)", h, strings.Join(inventoryColumns, ","))
		}
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("line 1: column %q twice", h)
		}
		col[h] = i
	}
	var out []target
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err // csv errors name the line
		}
		line, _ := cr.FieldPos(0)
		get := func(k string) string { return strings.TrimSpace(rec[col[k]]) }
		host, port := get("host"), get("port")
		if host == "" {
			return nil, fmt.Errorf("line %d: empty host", line)
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("line %d: port %q: want 1-65535", line, port)
		}
		t := target{Name: get("name"), Addr: net.JoinHostPort(host, port), User: get("username"), Password: rec[col["password"]]}
		if t.Name == "" {
			t.Name = t.Addr
		}
		if t.User == "" {
			return nil, fmt.Errorf("line %d: empty username", line)
		}
		if prev, dup := seen[t.Name]; dup {
			return nil, fmt.Errorf("line %d: device %q already on line %d", line, t.Name, prev)
		}
		seen[t.Name] = line
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no devices after the header")
	}
	return out, nil
}

// parseTargets reads HOST:PORT or HOST:PORT-PORT.
func parseTargets(spec, user, password string) ([]target, error) {
	host, ports, err := net.SplitHostPort(spec)
	if err != nil {
		return nil, fmt.Errorf("--target %q: want HOST:PORT or HOST:PORT-PORT", spec)
	}
	lo, hi, isRange := strings.Cut(ports, "-")
	if !isRange {
		hi = lo
	}
	first, err1 := strconv.Atoi(lo)
	last, err2 := strconv.Atoi(hi)
	if err1 != nil || err2 != nil || first < 1 || last > 65535 || first > last {
		return nil, fmt.Errorf("--target %q: ports must be 1-65535, the range low to high", spec)
	}
	var out []target
	for p := first; p <= last; p++ {
		addr := net.JoinHostPort(host, strconv.Itoa(p))
		out = append(out, target{Name: addr, Addr: addr, User: user, Password: password})
	}
	return out, nil
}
