package device

import "strings"

// Banners (header incoming|legal|login|motd|shell): Config.Headers holds
// each kind's text as typed, delimiters included, lines separated by
// "\n", in the order they were set (the configuration prints them so). Where each shows at login is the transports' business (telnetd,
// sshd and the cli's session start); the device only keeps them.

// Header is one banner.
type Header struct {
	Kind string
	Raw  string // as typed: "%text%", or "%\nline\nline%"
}

// HeaderKinds are the banners' kinds.
var HeaderKinds = []string{"incoming", "legal", "login", "motd", "shell"}

// Header returns the banner of kind, "" if none is set.
func (d *Device) Header(kind string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cfg.HeaderRaw(kind)
}

// HeaderRaw returns the banner of kind as typed, "" if none is set.
func (c *Config) HeaderRaw(kind string) string {
	for _, h := range c.Headers {
		if h.Kind == kind {
			return h.Raw
		}
	}
	return ""
}

// SetHeader sets (raw != "") or removes the banner of kind; a new one
// goes last, a changed one keeps its place.
func (c *Config) SetHeader(kind, raw string) {
	for i, h := range c.Headers {
		if h.Kind == kind {
			if raw == "" {
				c.Headers = append(c.Headers[:i:i], c.Headers[i+1:]...)
			} else {
				c.Headers[i].Raw = raw
			}
			return
		}
	}
	if raw != "" {
		c.Headers = append(c.Headers, Header{Kind: kind, Raw: raw})
	}
}

// HeaderText is the banner of kind as shown at login: the text between
// its delimiters (the first character of the typed text and its next
// occurrence; a line break right after the first one is not part of
// it), "" if none is set.
func (d *Device) HeaderText(kind string) string {
	return HeaderShown(d.Header(kind))
}

// HeaderShown is what a banner typed as raw shows.
func HeaderShown(raw string) string {
	if len(raw) < 2 {
		return ""
	}
	delim := raw[:1]
	text := raw[1:]
	if i := strings.Index(text, delim); i >= 0 {
		text = text[:i]
	}
	text = strings.TrimPrefix(text, "\n")
	return strings.TrimSuffix(text, "\n")
}
