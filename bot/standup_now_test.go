package bot_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// queued is a Later that keeps what it was given.
type queued struct {
	mu  sync.Mutex
	due []checklist.Due
}

func (q *queued) Later(_ context.Context, _ int64, d checklist.Due) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.due = append(q.due, d)
	return nil
}

// TestStandupNowQueuesItsSummary: standup now queues the round's summary
// for when the window closes, and says so; on a day whose scheduled
// round closes later, that round's summary covers the answers and none
// is queued. (TestStandupNowSummaryAcrossRestart, in cmd, sends it.)
func TestStandupNowQueuesItsSummary(t *testing.T) {
	r := newRoundRig(t, time.Date(2027, 3, 31, 7, 0, 0, 0, time.UTC)) // 08:00 in London
	q := &queued{}
	r.b.Core.Later = q
	b := r.b
	b.Expect("project new Renew a licence", "Created project")
	b.Expect("timezone Europe/London", "Europe/London")
	b.Expect("standup join", "alice")
	b.Expect("standup window 30m", "30m")
	b.Expect("standup now", "until 08:30 (Europe/London). The summary comes here then.")
	if len(q.due) != 1 {
		t.Fatalf("queued %+v, want the summary", q.due)
	}
	if d := q.due[0]; d.Kind != checklist.KindSummary || !d.At.Equal(r.now.Add(30*time.Minute)) || !d.AskedNow ||
		d.Round != (checklist.Date{Year: 2027, Month: 3, Day: 31}) {
		t.Errorf("queued %+v, want the summary of 31 March at 07:30 UTC", d)
	}

	b.Expect("standup at 09:30", "09:30")
	b.Expect("standup now", "The summary comes here at 10:00 with today's stand-up.")
	if len(q.due) != 1 {
		t.Errorf("queued %+v besides the scheduled round's summary", q.due[1:])
	}
}
