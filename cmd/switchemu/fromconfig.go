package main

import (
	"fmt"
	"os"
	"strings"

	"switchemu/profiles"
)

// fromConfig reads a real switch's configuration file (its display
// current-configuration, or a saved .cfg) for --from-config: the profile
// of its twin, whose chassis has the boards and ports the file names and
// whose sysname is the file's, with the identity strings of the closest
// embedded profile; the startup configuration (the file's text, to be
// replayed at boot as a startup file); and that closest profile's name,
// for the summary line.
//
// Not wired yet: the lead connects it to the --from-config flag and the
// inventory key in run.go.
func fromConfig(path string) (p *profiles.Profile, startup string, closest string, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", "", fmt.Errorf("--from-config: %w", err)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	facts := profiles.ReadConfigFacts(text)
	if facts.Sysname == "" && len(facts.Ports) == 0 {
		return nil, "", "", fmt.Errorf("--from-config %s: no sysname and no interface: not a Comware configuration", path)
	}
	closest = profiles.Closest(text, nil)
	base, err := profiles.Open(closest)
	if err != nil {
		return nil, "", "", fmt.Errorf("--from-config %s: %w", path, err)
	}
	p, err = profiles.FromConfig(base, text)
	if err != nil {
		return nil, "", "", fmt.Errorf("--from-config %s: %w", path, err)
	}
	return p, text, closest, nil
}
