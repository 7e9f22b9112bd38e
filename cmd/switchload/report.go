package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
)

// report is what a run measured. Its JSON form is what -json prints.
type report struct {
	Mode           string  `json:"mode"`
	Targets        int     `json:"targets"`
	Workers        int     `json:"workers"`
	Seconds        float64 `json:"seconds"`
	Handshakes     int64   `json:"handshakes"`
	HandshakesPerS float64 `json:"handshakes_per_s"`
	Commands       int64   `json:"commands"`
	CommandsPerS   float64 `json:"commands_per_s"`
	Latency        latency `json:"latency_ms"`
	// ByCommand splits the latency by command (interactive and soak).
	ByCommand map[string]latency `json:"by_command_ms,omitempty"`
	Errors    map[string]int     `json:"errors"`
	// FirstErrors holds the first error message of each kind.
	FirstErrors map[string]string `json:"first_errors,omitempty"`
	// Idle mode: the sessions held idle, and with --server-pid the
	// server's resident memory before they opened and once they were
	// idle, and the difference per session.
	IdleSessions   int     `json:"idle_sessions,omitempty"`
	ServerRSSMB    float64 `json:"server_rss_mb,omitempty"`
	ServerRSSIdle  float64 `json:"server_rss_idle_mb,omitempty"`
	RSSPerSessionK float64 `json:"rss_per_session_kb,omitempty"`
}

// latency holds the percentiles of the sampled operations in
// milliseconds: whole connections in handshake mode, commands in the
// others.
type latency struct {
	Samples int     `json:"samples"`
	P50     float64 `json:"p50"`
	P90     float64 `json:"p90"`
	P99     float64 `json:"p99"`
	Max     float64 `json:"max"`
}

func (l latency) String() string {
	return fmt.Sprintf("p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms", l.P50, l.P90, l.P99, l.Max)
}

func (l *loader) report(elapsed time.Duration, workers int) *report {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := &report{
		Mode:       l.opts.mode,
		Targets:    len(l.targets),
		Workers:    workers,
		Seconds:    round(elapsed.Seconds(), 3),
		Handshakes: l.handshakes.Load(),
		Commands:   l.commands.Load(),
		Latency:    percentiles(l.latencies),
		Errors:     maps.Clone(l.errs),
	}
	r.IdleSessions = l.idleSessions
	if l.rssIdle > 0 {
		r.ServerRSSMB = round(float64(l.rssBefore)/(1<<20), 1)
		r.ServerRSSIdle = round(float64(l.rssIdle)/(1<<20), 1)
		r.RSSPerSessionK = round(float64(l.rssIdle-l.rssBefore)/1024/float64(max(1, l.idleSessions)), 1)
	}
	if len(l.byCommand) > 0 {
		r.ByCommand = map[string]latency{}
		for cmd, s := range l.byCommand {
			r.ByCommand[cmd] = percentiles(s)
		}
	}
	if len(l.firstErr) > 0 {
		r.FirstErrors = maps.Clone(l.firstErr)
	}
	if s := elapsed.Seconds(); s > 0 {
		r.HandshakesPerS = round(float64(r.Handshakes)/s, 1)
		r.CommandsPerS = round(float64(r.Commands)/s, 1)
	}
	return r
}

// percentiles uses the nearest-rank method: pN is the smallest sample
// with at least N % of the samples at or below it.
func percentiles(samples []time.Duration) latency {
	if len(samples) == 0 {
		return latency{}
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	rank := func(p float64) float64 {
		i := int(p*float64(len(s))+0.999999) - 1
		i = max(0, min(i, len(s)-1))
		return ms(s[i])
	}
	return latency{Samples: len(s), P50: rank(0.50), P90: rank(0.90), P99: rank(0.99), Max: ms(s[len(s)-1])}
}

func ms(d time.Duration) float64 { return round(float64(d)/float64(time.Millisecond), 3) }

func round(v float64, places int) float64 {
	p := 1.0
	for range places {
		p *= 10
	}
	return float64(int64(v*p+0.5)) / p
}

// Failed reports whether any operation failed.
func (r *report) Failed() bool { return len(r.Errors) > 0 }

// write prints the report for people.
func (r *report) write(w io.Writer) {
	what := map[string]string{"handshake": "client workers", "interactive": "sessions", "soak": "concurrent sessions", "idle": "sessions"}[r.Mode]
	fmt.Fprintf(w, "switchload: %s mode, %s %d, targets %d, %.1fs\n", r.Mode, what, r.Workers, r.Targets, r.Seconds)
	fmt.Fprintf(w, "  handshakes  %8d  %8.1f/s\n", r.Handshakes, r.HandshakesPerS)
	fmt.Fprintf(w, "  commands    %8d  %8.1f/s\n", r.Commands, r.CommandsPerS)
	of := "per command"
	if r.Mode == "handshake" {
		of = "per connection"
	}
	fmt.Fprintf(w, "  latency     %s  (%s, %d samples)\n", r.Latency, of, r.Latency.Samples)
	for _, cmd := range slices.Sorted(maps.Keys(r.ByCommand)) {
		fmt.Fprintf(w, "    %-30s %s  (%d)\n", cmd, r.ByCommand[cmd], r.ByCommand[cmd].Samples)
	}
	if r.Mode == "idle" {
		fmt.Fprintf(w, "  idle        %8d sessions held\n", r.IdleSessions)
		if r.ServerRSSIdle > 0 {
			fmt.Fprintf(w, "  server RSS  %.1f MB before, %.1f MB with the sessions idle: %.1f kB per session\n",
				r.ServerRSSMB, r.ServerRSSIdle, r.RSSPerSessionK)
		}
	}
	if len(r.Errors) == 0 {
		fmt.Fprintf(w, "  errors      none\n")
		return
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(r.Errors)) {
		parts = append(parts, fmt.Sprintf("%s %d", k, r.Errors[k]))
	}
	fmt.Fprintf(w, "  errors      %s\n", strings.Join(parts, ", "))
	for _, k := range slices.Sorted(maps.Keys(r.FirstErrors)) {
		fmt.Fprintf(w, "    first %s error: %s\n", k, r.FirstErrors[k])
	}
}
