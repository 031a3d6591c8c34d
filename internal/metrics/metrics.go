// Package metrics keeps the few counters and histograms standardbot serves
// on /metrics, in the Prometheus text format. Its own metrics are a map of
// numbers and stay small on purpose; the Go runtime's and the process's
// series come from the official client's collectors (AddRuntime).
package metrics

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Registry holds metrics and writes them out.
type Registry struct {
	mu        sync.Mutex
	metrics   []metric
	gatherers []prometheus.Gatherer
}

type metric interface {
	write(w io.Writer)
	name() string
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{} }

// Write writes every metric in the text exposition format, sorted by name.
func (r *Registry) Write(w io.Writer) {
	r.mu.Lock()
	ms := append([]metric(nil), r.metrics...)
	r.mu.Unlock()
	ms = append(ms, r.gathered()...)
	sort.Slice(ms, func(i, j int) bool { return ms[i].name() < ms[j].name() })
	for _, m := range ms {
		m.write(w)
	}
}

func (r *Registry) add(m metric) {
	r.mu.Lock()
	r.metrics = append(r.metrics, m)
	r.mu.Unlock()
}

// Counter is a monotonically increasing count per label value set.
type Counter struct {
	n, help string
	labels  []string
	mu      sync.Mutex
	values  map[string]float64
}

// NewCounter registers a counter with the label names given.
func (r *Registry) NewCounter(name, help string, labels ...string) *Counter {
	c := &Counter{n: name, help: help, labels: labels, values: map[string]float64{}}
	r.add(c)
	return c
}

// Inc adds one for the label values, given in the order of the names.
func (c *Counter) Inc(values ...string) { c.Add(1, values...) }

// Add adds v for the label values.
func (c *Counter) Add(v float64, values ...string) {
	key := labelKey(c.labels, values)
	c.mu.Lock()
	c.values[key] += v
	c.mu.Unlock()
}

// Value returns the count for the label values, for tests.
func (c *Counter) Value(values ...string) float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.values[labelKey(c.labels, values)]
}

func (c *Counter) name() string { return c.n }

func (c *Counter) write(w io.Writer) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", c.n, c.help, c.n)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range sortedKeys(c.values) {
		fmt.Fprintf(w, "%s%s %s\n", c.n, k, num(c.values[k]))
	}
}

// Histogram counts observations into buckets per label value set.
type Histogram struct {
	n, help string
	labels  []string
	buckets []float64
	mu      sync.Mutex
	series  map[string]*series
}

type series struct {
	counts []uint64
	sum    float64
	count  uint64
}

// DefaultLatencyBuckets suit request latencies in seconds, from 1 ms to 10 s.
var DefaultLatencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// NewHistogram registers a histogram with the buckets' upper bounds.
func (r *Registry) NewHistogram(name, help string, buckets []float64, labels ...string) *Histogram {
	h := &Histogram{n: name, help: help, labels: labels, buckets: buckets, series: map[string]*series{}}
	r.add(h)
	return h
}

// Observe records one value for the label values.
func (h *Histogram) Observe(v float64, values ...string) {
	key := labelKey(h.labels, values)
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.series[key]
	if s == nil {
		s = &series{counts: make([]uint64, len(h.buckets))}
		h.series[key] = s
	}
	for i, b := range h.buckets {
		if v <= b {
			s.counts[i]++
		}
	}
	s.sum += v
	s.count++
}

// Since observes the seconds since start.
func (h *Histogram) Since(start time.Time, values ...string) {
	h.Observe(time.Since(start).Seconds(), values...)
}

func (h *Histogram) name() string { return h.n }

func (h *Histogram) write(w io.Writer) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s histogram\n", h.n, h.help, h.n)
	h.mu.Lock()
	defer h.mu.Unlock()
	keys := make([]string, 0, len(h.series))
	for k := range h.series {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s := h.series[k]
		for i, b := range h.buckets {
			fmt.Fprintf(w, "%s_bucket%s %d\n", h.n, withLE(k, num(b)), s.counts[i])
		}
		fmt.Fprintf(w, "%s_bucket%s %d\n", h.n, withLE(k, "+Inf"), s.count)
		fmt.Fprintf(w, "%s_sum%s %s\n%s_count%s %d\n", h.n, k, num(s.sum), h.n, k, s.count)
	}
}

// labelKey renders label pairs as {a="x",b="y"}, which is also the map key.
func labelKey(names, values []string) string {
	if len(names) == 0 {
		return ""
	}
	parts := make([]string, len(names))
	for i, n := range names {
		v := ""
		if i < len(values) {
			v = values[i]
		}
		parts[i] = fmt.Sprintf("%s=%q", n, v)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func withLE(key, le string) string {
	if key == "" {
		return `{le="` + le + `"}`
	}
	return key[:len(key)-1] + `,le="` + le + `"}`
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func num(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%g", v)
}
