package fleet

import (
	"fmt"
	"os"
	"strings"

	"switchemu/profiles"
)

// Twin is a device made from a real switch's configuration file (its
// display current-configuration, or a saved .cfg): a profile whose
// chassis has the boards and ports the file names and whose sysname is
// the file's, with the identity strings of the closest embedded profile;
// the file's text, its startup configuration; and that closest profile's
// name, for the start-up summary.
type Twin struct {
	Profile *profiles.Profile
	Startup string
	Closest string
}

// LoadTwin reads a configuration file for --from-config and the
// inventory's from_config key.
func LoadTwin(path string) (*Twin, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("from-config: %w", err)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	facts := profiles.ReadConfigFacts(text)
	if facts.Sysname == "" && len(facts.Ports) == 0 {
		return nil, fmt.Errorf("from-config %s: no sysname and no interface: not a Comware configuration", path)
	}
	closest := profiles.Closest(text, nil)
	base, err := profiles.Open(closest)
	if err != nil {
		return nil, fmt.Errorf("from-config %s: %w", path, err)
	}
	p, err := profiles.FromConfig(base, text)
	if err != nil {
		return nil, fmt.Errorf("from-config %s: %w", path, err)
	}
	return &Twin{Profile: p, Startup: text, Closest: closest}, nil
}
