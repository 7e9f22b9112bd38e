package fleet

import (
	"sync"

	"switchemu/cli"
	"switchemu/device"
	"switchemu/profiles"
)

// ReplayError is a configuration line that did not apply at boot.
type ReplayError = cli.ReplayError

// templates are the factory states of the fleet's models: the factory
// configuration of a model (with a given login and overrides) is
// replayed once, and every device booted from it shares the result until
// its first change (device.Install). Ten thousand untouched devices cost
// one replay and one configuration, not ten thousand.
type templates struct {
	mu sync.Mutex
	m  map[templateKey]*template
}

type templateKey struct {
	model *profiles.Profile
	text  string
}

type template struct {
	once sync.Once
	cfg  device.Config
	errs []ReplayError
	err  error
}

// get returns the state that text replays to on a device of model;
// identity is the profile of the device asking (the chassis is the
// model's, so any device of the model gives the same result).
func (t *templates) get(model, identity *profiles.Profile, text string) (*template, error) {
	k := templateKey{model, text}
	t.mu.Lock()
	if t.m == nil {
		t.m = map[templateKey]*template{}
	}
	tpl, ok := t.m[k]
	if !ok {
		tpl = &template{}
		t.m[k] = tpl
	}
	t.mu.Unlock()
	tpl.once.Do(func() {
		p := *identity
		p.Factory.Config = text
		scratch := device.New(&p, device.Options{})
		tpl.errs = cli.New(scratch, nil).Replay(text)
		tpl.cfg = scratch.Snapshot()
	})
	return tpl, tpl.err
}
