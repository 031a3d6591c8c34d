package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// BenchMark times the round trip of marking a point, SetStatus on one
// project cycling through its points and statuses, and reports the 50th
// and 99th percentiles as p50-us and p99-us.
func BenchMark(b *testing.B, s checklist.Store) {
	ctx := b.Context()
	p := create(b, s, "Benchmark marks", checklist.Binding{Platform: "bench", Team: "T", Channel: "mark"})
	statuses := []checklist.Status{checklist.Met, checklist.Partly, checklist.NotMet, checklist.NA}
	var times []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := s.SetStatus(ctx, p.ID, i%p.Points+1, statuses[i%len(statuses)], "", "bench"); err != nil {
			b.Fatalf("set status: %v", err)
		}
		times = append(times, time.Since(start))
		i++
	}
	ReportLatency(b, times)
}

// BenchStatus times loading one project's status as the bot does,
// ProjectByChannel then PointStates, and reports p50-us and p99-us. The
// caller has stored the other projects; BenchStatus gives the one bound to
// ch (which must not exist yet) a status, a note and evidence on every point.
func BenchStatus(b *testing.B, s checklist.Store, ch checklist.Binding) {
	ctx := b.Context()
	p := create(b, s, "Benchmark status", ch)
	for point := 1; point <= p.Points; point++ {
		if _, err := s.SetStatus(ctx, p.ID, point, checklist.Partly, fmt.Sprintf("note on %d", point), "bench"); err != nil {
			b.Fatalf("set status: %v", err)
		}
		if _, err := s.AddEvidence(ctx, p.ID, point, fmt.Sprintf("https://example.org/%d", point), "bench"); err != nil {
			b.Fatalf("add evidence: %v", err)
		}
	}
	var times []time.Duration
	for b.Loop() {
		start := time.Now()
		got, err := s.ProjectByChannel(ctx, ch)
		if err != nil {
			b.Fatalf("project by channel: %v", err)
		}
		states, err := s.PointStates(ctx, got.ID)
		if err != nil || len(states) != p.Points {
			b.Fatalf("point states: %d, %v", len(states), err)
		}
		times = append(times, time.Since(start))
	}
	ReportLatency(b, times)
}

// ReportLatency reports the 50th and 99th percentiles of per-operation
// times, in microseconds, as p50-us and p99-us.
func ReportLatency(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	at := func(q float64) float64 {
		return float64(times[int(q*float64(len(times)-1))].Nanoseconds()) / 1e3
	}
	b.ReportMetric(at(0.50), "p50-us")
	b.ReportMetric(at(0.99), "p99-us")
}
