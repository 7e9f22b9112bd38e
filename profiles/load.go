// Package profiles holds the device profiles: YAML files embedded in the
// binary, their Go types, and a strict loader. A profile says what differs
// between switch models and brands (identity strings, chassis, SSH
// algorithm sets, factory configuration, file names). It knows nothing of
// commands or SSH sessions.
package profiles

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Default is the name of the profile used when none is given.
const Default = "s7906e"

//go:embed *.yaml
var builtin embed.FS

// Names lists the embedded profiles.
func Names() []string {
	entries, err := builtin.ReadDir(".")
	if err != nil {
		return nil // cannot happen with a valid embed pattern
	}
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// Open returns the embedded profile called nameOrPath, or else loads the
// YAML file at that path.
func Open(nameOrPath string) (*Profile, error) {
	if nameOrPath == "" {
		nameOrPath = Default
	}
	if data, err := builtin.ReadFile(nameOrPath + ".yaml"); err == nil {
		return Load(nameOrPath, bytes.NewReader(data))
	}
	f, err := os.Open(nameOrPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(nameOrPath, "/.") {
			return nil, fmt.Errorf("profiles: no profile %q (built in: %s)", nameOrPath, strings.Join(Names(), ", "))
		}
		return nil, fmt.Errorf("profiles: %w", err)
	}
	defer f.Close()
	return Load(path.Base(nameOrPath), f)
}

// Load reads one profile. Unknown keys are errors; errors name the file
// and, where the YAML decoder reports one, the line.
func Load(name string, r io.Reader) (*Profile, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var p Profile
	if err := dec.Decode(&p); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("profiles: %s: empty file", name)
		}
		return nil, fmt.Errorf("profiles: %s: %w", name, err)
	}
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("profiles: %s: %w", name, err)
	}
	return &p, nil
}
