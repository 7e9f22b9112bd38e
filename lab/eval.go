package lab

import (
	"switchemu/cli"
	"switchemu/device"
	"switchemu/profiles"
)

// Target is one device as checks see it: its running configuration (the
// model) and, made only when a check asks, the texts the device renders
// from it.
type Target struct {
	// Config is the running configuration; checks only read it (it may
	// be the device's own, see device.View).
	Config  device.Config
	profile *profiles.Profile
	saved   func() (string, bool, error)

	running  string
	rendered bool
}

// NewTarget makes the target of a configuration on a device of profile
// p. saved returns the saved configuration (the next startup file) and
// whether there is one; nil means there is none.
func NewTarget(cfg device.Config, p *profiles.Profile, saved func() (string, bool, error)) *Target {
	return &Target{Config: cfg, profile: p, saved: saved}
}

// Running is the running configuration as display current-configuration
// prints it, rendered from Config once.
func (t *Target) Running() string {
	if !t.rendered {
		t.running, t.rendered = cli.RenderConfig(t.Config, t.profile), true
	}
	return t.running
}

// Saved is the saved configuration as display saved-configuration prints
// it, and whether there is one.
func (t *Target) Saved() (string, bool, error) {
	if t.saved == nil {
		return "", false, nil
	}
	return t.saved()
}

// CheckResult is one check's result on one device.
type CheckResult struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Pass        bool   `json:"pass"`
	Detail      string `json:"detail"`
}

// Result is a lab's result on one device.
type Result struct {
	Device string `json:"device"`
	// State is up, not-started (never used: evaluated against its
	// factory state), rebooting (the results are those before the
	// reboot) or down (it could not start).
	State  string        `json:"state"`
	Passed int           `json:"passed"`
	Total  int           `json:"total"`
	Done   bool          `json:"done"`
	Checks []CheckResult `json:"checks"`
}

// evaluate runs the checks of a lab on t.
func (l *Lab) evaluate(checks []Check, t *Target) []CheckResult {
	out := make([]CheckResult, len(checks))
	for i, c := range checks {
		pass, detail := c.Eval(t)
		out[i] = CheckResult{ID: l.checks[i].id, Description: l.checks[i].describe(c), Pass: pass, Detail: detail}
	}
	return out
}

// failAll is every check failing for one reason (the device is down).
func (l *Lab) failAll(checks []Check, why string) []CheckResult {
	out := make([]CheckResult, len(checks))
	for i, c := range checks {
		out[i] = CheckResult{ID: l.checks[i].id, Description: l.checks[i].describe(c), Detail: why}
	}
	return out
}

// newResult counts results.
func newResult(device, state string, checks []CheckResult) Result {
	r := Result{Device: device, State: state, Total: len(checks), Checks: checks}
	for _, c := range checks {
		if c.Pass {
			r.Passed++
		}
	}
	r.Done = r.Total > 0 && r.Passed == r.Total
	return r
}
