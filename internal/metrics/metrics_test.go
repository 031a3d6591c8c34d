package metrics

import (
	"strings"
	"sync"
	"testing"
)

func TestExposition(t *testing.T) {
	r := NewRegistry()
	c := r.NewCounter("standardbot_events_total", "Events received.", "platform", "outcome")
	h := r.NewHistogram("standardbot_request_seconds", "Request latency.", []float64{0.01, 0.1}, "path")
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() { defer wg.Done(); c.Inc("slack", "ok") }()
	}
	wg.Wait()
	c.Inc("slack", "duplicate")
	h.Observe(0.005, "/slack/events")
	h.Observe(0.05, "/slack/events")
	h.Observe(2, "/slack/events")
	var b strings.Builder
	r.Write(&b)
	want := `# HELP standardbot_events_total Events received.
# TYPE standardbot_events_total counter
standardbot_events_total{platform="slack",outcome="duplicate"} 1
standardbot_events_total{platform="slack",outcome="ok"} 50
# HELP standardbot_request_seconds Request latency.
# TYPE standardbot_request_seconds histogram
standardbot_request_seconds_bucket{path="/slack/events",le="0.01"} 1
standardbot_request_seconds_bucket{path="/slack/events",le="0.1"} 2
standardbot_request_seconds_bucket{path="/slack/events",le="+Inf"} 3
standardbot_request_seconds_sum{path="/slack/events"} 2.055
standardbot_request_seconds_count{path="/slack/events"} 3
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	if c.Value("slack", "ok") != 50 {
		t.Errorf("Value = %v", c.Value("slack", "ok"))
	}
}

func TestGaugeFuncIsReadAtEachScrape(t *testing.T) {
	r := NewRegistry()
	n := 3.0
	r.NewGaugeFunc("standardbot_queue", "Replies waiting.", func() float64 { return n })
	var b strings.Builder
	r.Write(&b)
	n = 5
	r.Write(&b)
	want := "# HELP standardbot_queue Replies waiting.\n# TYPE standardbot_queue gauge\nstandardbot_queue 3\n" +
		"# HELP standardbot_queue Replies waiting.\n# TYPE standardbot_queue gauge\nstandardbot_queue 5\n"
	if b.String() != want {
		t.Errorf("exposition:\n%s\nwant:\n%s", b.String(), want)
	}
}
