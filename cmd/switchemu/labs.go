package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"switchemu/fleet"
	"switchemu/lab"
)

// labFiles is --lab FILE, repeatable: the trainer's lab checks.
type labFiles []string

func (l *labFiles) String() string { return strings.Join(*l, ",") }

func (l *labFiles) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// loadLabs loads the lab files (the inventory's labs and --lab; a file
// given twice counts once) and binds them to the fleet's devices; nil
// without any.
func loadLabs(files []string, f *fleet.Fleet) (*lab.Board, error) {
	if len(files) == 0 {
		return nil, nil
	}
	var labs []*lab.Lab
	seen := map[string]bool{}
	for _, file := range files {
		if abs, err := filepath.Abs(file); err == nil {
			if seen[abs] {
				continue
			}
			seen[abs] = true
		}
		l, err := lab.Load(file)
		if err != nil {
			return nil, err
		}
		labs = append(labs, l)
	}
	return lab.NewBoard(f, labs)
}

// printLabs says where each lab's status is.
func printLabs(w io.Writer, b *lab.Board) {
	if b == nil {
		return
	}
	for _, l := range b.Labs() {
		fmt.Fprintf(w, "switchemu: lab %s: %d checks on %d %s: GET /api/v1/labs/%s/status\n",
			l.Name, l.Checks, len(l.Devices), plural(len(l.Devices), "device", "devices"), l.Name)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
