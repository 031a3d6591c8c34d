package inbox

import (
	"time"

	"github.com/standardbot/standardbot/internal/metrics"
)

// commitBuckets suit a commit: a tenth of a millisecond on SQLite, a
// millisecond or so on PostgreSQL.
var commitBuckets = []float64{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}

// inboxMetrics are the inbox's series; a nil *inboxMetrics counts
// nothing, so call sites need no checks.
type inboxMetrics struct {
	commits  *metrics.Counter
	items    *metrics.Counter
	latency  *metrics.Histogram
	puts     *metrics.Histogram
	takeOver *metrics.Counter
	drops    *metrics.Counter
}

func newInboxMetrics(reg *metrics.Registry, ib *Inbox) *inboxMetrics {
	if reg == nil {
		return nil
	}
	reg.NewGaugeFunc("standardbot_inbox_held", "Acknowledged events this process holds in the inbox and has not yet handled.",
		func() float64 { return float64(ib.Held()) })
	return &inboxMetrics{
		commits: reg.NewCounter("standardbot_inbox_commits_total", "Inbox transactions, by result (ok, error); items_total over this is the batch size.", "result"),
		items:   reg.NewCounter("standardbot_inbox_items_total", "Inbox writes (puts and dones) committed or failed, by result.", "result"),
		latency: reg.NewHistogram("standardbot_inbox_commit_seconds", "Time to write one inbox transaction.", commitBuckets),
		puts: reg.NewHistogram("standardbot_inbox_put_seconds", "Time from an event's arrival at the inbox to its commit, which its acknowledgement waits for.",
			commitBuckets),
		takeOver: reg.NewCounter("standardbot_inbox_taken_over_total", "Items another process (or this one before a restart) left unfinished, taken over, by source.", "source"),
		drops:    reg.NewCounter("standardbot_inbox_dropped_total", "Items dropped after too many processes took them without finishing, by source.", "source"),
	}
}

func (m *inboxMetrics) commit(start time.Time, n int, err error) {
	if m == nil {
		return
	}
	result := "ok"
	if err != nil {
		result = "error"
	}
	m.commits.Inc(result)
	m.items.Add(float64(n), result)
	m.latency.Since(start)
}

func (m *inboxMetrics) put(start time.Time) {
	if m != nil {
		m.puts.Since(start)
	}
}

func (m *inboxMetrics) takenOver(source string) {
	if m != nil {
		m.takeOver.Inc(source)
	}
}

func (m *inboxMetrics) dropped(source string) {
	if m != nil {
		m.drops.Inc(source)
	}
}
