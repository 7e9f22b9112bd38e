package api

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"switchemu/fleet"
)

// newMetrics makes the fleet's registry: counters fed by its events,
// gauges read at each scrape. Labels stay fleet-wide (no device label):
// ten thousand devices must not make ten thousand series per metric.
func newMetrics(f *fleet.Fleet) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	logins := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "switchemu_logins_total", Help: "Sessions that logged in, by protocol.",
	}, []string{"protocol"})
	failures := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "switchemu_login_failures_total", Help: "Failed login attempts and refused logins, by protocol.",
	}, []string{"protocol"})
	handshakes := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "switchemu_ssh_handshakes_total", Help: "SSH key exchanges and authentications that ended, by outcome (ok, error).",
	}, []string{"outcome"})
	commands := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "switchemu_commands_total", Help: "Command lines run, by protocol (ssh, telnet, api) and outcome (ok, error).",
	}, []string{"protocol", "outcome"})
	latency := prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "switchemu_command_duration_seconds", Help: "Time a command took to run, its output written.",
		Buckets: []float64{.0001, .0005, .001, .005, .01, .05, .1, .5, 1, 5},
	})
	saves := prometheus.NewCounter(prometheus.CounterOpts{
		Name: "switchemu_saves_total", Help: "Configurations saved to flash.",
	})
	replay := prometheus.NewCounter(prometheus.CounterOpts{
		Name: "switchemu_config_replay_errors_total", Help: "Configuration lines that did not apply at boot or in a PUT config.",
	})
	configs := prometheus.NewCounter(prometheus.CounterOpts{
		Name: "switchemu_config_changes_total", Help: "Changes of a running configuration.",
	})
	reboots := prometheus.NewCounter(prometheus.CounterOpts{
		Name: "switchemu_reboots_total", Help: "Device reboots.",
	})
	links := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "switchemu_link_changes_total", Help: "Interfaces whose link went up or down, by new state.",
	}, []string{"state"})
	dropped := prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "switchemu_events_dropped_total", Help: "Events that slow event-stream clients lost.",
	}, func() float64 { return float64(f.DroppedEvents()) })
	reg.MustRegister(logins, failures, handshakes, commands, latency, saves, replay, configs, reboots, links, dropped,
		&fleetCollector{f: f}, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	f.Observe(func(e fleet.Event) {
		switch e.Type {
		case fleet.EventLogin:
			logins.WithLabelValues(e.Protocol).Inc()
		case fleet.EventLoginFailed:
			failures.WithLabelValues(e.Protocol).Inc()
		case fleet.EventHandshake:
			handshakes.WithLabelValues(e.Outcome).Inc()
		case fleet.EventCommand:
			commands.WithLabelValues(e.Protocol, e.Outcome).Inc()
			latency.Observe(e.DurationMS / 1000)
		case fleet.EventSave:
			saves.Inc()
		case fleet.EventReplayErrors:
			replay.Add(float64(e.Count))
		case fleet.EventConfig:
			configs.Inc()
		case fleet.EventReboot:
			reboots.Inc()
		case fleet.EventLink:
			state := "down"
			if e.Up != nil && *e.Up {
				state = "up"
			}
			links.WithLabelValues(state).Inc()
		}
	})
	return reg
}

// fleetCollector reads the devices' state at each scrape.
type fleetCollector struct{ f *fleet.Fleet }

var (
	descDevices  = prometheus.NewDesc("switchemu_devices", "Devices served, by state (up, rebooting, down; booted: made yet).", []string{"state", "booted"}, nil)
	descSessions = prometheus.NewDesc("switchemu_sessions", "Sessions holding a VTY line, by protocol.", []string{"protocol"}, nil)
)

func (c *fleetCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descDevices
	ch <- descSessions
}

func (c *fleetCollector) Collect(ch chan<- prometheus.Metric) {
	type key struct{ state, booted string }
	devices := map[key]int{}
	sessions := map[string]int{"ssh": 0, "telnet": 0}
	for _, m := range c.f.Members() {
		info := m.Info(true)
		booted := "false"
		if info.Booted {
			booted = "true"
		}
		devices[key{info.State, booted}]++
		for _, l := range info.Lines {
			sessions[l.Protocol]++
		}
	}
	for _, st := range []string{"up", "rebooting", "down"} {
		for _, b := range []string{"true", "false"} {
			ch <- prometheus.MustNewConstMetric(descDevices, prometheus.GaugeValue, float64(devices[key{st, b}]), st, b)
		}
	}
	for p, n := range sessions {
		ch <- prometheus.MustNewConstMetric(descSessions, prometheus.GaugeValue, float64(n), p)
	}
}

func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{}).ServeHTTP(w, r)
}
