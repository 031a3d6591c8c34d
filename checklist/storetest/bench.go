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
		if _, err := s.SetStatus(ctx, p.ID, i%p.Points+1, statuses[i%len(statuses)], "", as("bench")); err != nil {
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
		if _, err := s.SetStatus(ctx, p.ID, point, checklist.Partly, fmt.Sprintf("note on %d", point), as("bench")); err != nil {
			b.Fatalf("set status: %v", err)
		}
		if _, err := s.AddEvidence(ctx, p.ID, point, fmt.Sprintf("https://example.org/%d", point), as("bench")); err != nil {
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

// DueMoment picks the now for BenchDueProjects from nexts, the earliest
// next_due values of a seeded store in order: the latest of them at which
// at most most projects are due. It returns that moment and how many are
// due then, and fails the benchmark if fewer than least are, which means
// the seed's schedules bunch too much to give a tick of the wanted size.
func DueMoment(b *testing.B, nexts []time.Time, least, most int) (time.Time, int) {
	b.Helper()
	var now time.Time
	due := 0
	for i, t := range nexts {
		if i+1 > most {
			break
		}
		if i+1 == len(nexts) || !nexts[i+1].Equal(t) { // the last project due at t
			now, due = t, i+1
		}
	}
	if due < least {
		b.Fatalf("no moment with %d to %d projects due: the seed's schedules bunch together", least, most)
	}
	return now, due
}

// BenchDueProjects times what a scheduler tick does to find the due work,
// DueProjects(now, limit) then DueAt(now) of every project it returns, and
// reports the 50th and 99th percentiles as p50-ms and p99-ms, the query's
// own as query-p50-ms and query-p99-ms, and the projects and messages
// found per tick. want is how many projects the caller seeded to be due at
// now.
func BenchDueProjects(b *testing.B, s checklist.Store, now time.Time, limit, want int) {
	ctx := b.Context()
	var ticks, queries []time.Duration
	var projects, messages int
	for b.Loop() {
		start := time.Now()
		ps, err := s.DueProjects(ctx, now, limit)
		if err != nil {
			b.Fatalf("due projects: %v", err)
		}
		queries = append(queries, time.Since(start))
		projects, messages = len(ps), 0
		for _, p := range ps {
			messages += len(p.DueAt(now))
		}
		ticks = append(ticks, time.Since(start))
	}
	if projects != min(want, limit) || messages == 0 {
		b.Fatalf("a tick found %d projects due and %d messages, want %d projects", projects, messages, min(want, limit))
	}
	reportMillis(b, "", ticks)
	reportMillis(b, "query-", queries)
	b.ReportMetric(float64(projects), "projects/tick")
	b.ReportMetric(float64(messages), "messages/tick")
}

// reportMillis reports the 50th and 99th percentiles of times, in
// milliseconds, as prefix+"p50-ms" and prefix+"p99-ms".
func reportMillis(b *testing.B, prefix string, times []time.Duration) {
	slices.Sort(times)
	at := func(q float64) float64 {
		return float64(times[int(q*float64(len(times)-1))].Microseconds()) / 1e3
	}
	b.ReportMetric(at(0.50), prefix+"p50-ms")
	b.ReportMetric(at(0.99), prefix+"p99-ms")
}
