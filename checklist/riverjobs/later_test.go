package riverjobs_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// timed is a Notifier that keeps when each key was sent.
type timed struct {
	mu   sync.Mutex
	sent map[string][]time.Time
}

func (n *timed) Notify(_ context.Context, _ checklist.Binding, _ *checklist.Project, d checklist.Due) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sent[d.Key] = append(n.sent[d.Key], time.Now())
	return nil
}

func (n *timed) times(key string) []time.Time {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]time.Time(nil), n.sent[key]...)
}

// quietProject has nothing the schedule would send: no stand-up, no
// assessment, in discovery.
func quietProject(t *testing.T, s checklist.Store) *checklist.Project {
	t.Helper()
	p := &checklist.Project{Name: "Asked at once", Standard: "govuk", Points: 14, Phase: checklist.Discovery, TimeZone: "Europe/London",
		Bindings: []checklist.Binding{{Platform: "test", Team: "T", Channel: "C"}}}
	if err := s.CreateProject(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

// laterSentOnce checks the queued summary went once, not before its time.
func laterSentOnce(t *testing.T, n *timed, d checklist.Due) {
	t.Helper()
	got := n.times(d.Key)
	if len(got) != 1 {
		t.Fatalf("%s sent %d times, want once", d.Key, len(got))
	}
	if got[0].Before(d.At) {
		t.Errorf("%s sent at %s, before its moment %s", d.Key, got[0], d.At)
	}
}

// TestLaterSendsWhenDueAfterARestart: a summary queued by one process
// (standup now) is sent at its moment by the next, once.
func TestLaterSendsWhenDueAfterARestart(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, t.TempDir()+"/later.db")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	p := quietProject(t, store)
	n := &timed{sent: map[string][]time.Time{}}
	cfg := riverjobs.Config{Store: store, Notifier: n, Tick: 200 * time.Millisecond, Log: quiet()}
	sch, err := riverjobs.NewSQLite(ctx, store.WriteDB(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	d := p.NowSummary(checklist.DateOf(time.Now()), time.Now().Add(2*time.Second))
	if err := sch.Later(ctx, p.ID, d); err != nil {
		t.Fatal(err)
	}
	run(t, sch, func() bool { return false }, 500*time.Millisecond, 0) // stopped before it is due
	if got := n.times(d.Key); len(got) != 0 {
		t.Fatalf("sent before its moment: %v", got)
	}
	sch, err = riverjobs.NewSQLite(ctx, store.WriteDB(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	run(t, sch, func() bool { return len(n.times(d.Key)) > 0 }, 20*time.Second, time.Second)
	laterSentOnce(t, n, d)
}

// TestLaterSendsOnceFromTwoReplicas: on PostgreSQL the queued summary
// goes once whichever replica works it.
func TestLaterSendsOnceFromTwoReplicas(t *testing.T) {
	url := pgtest.FreshSchema(t)
	ctx := context.Background()
	n := &timed{sent: map[string][]time.Time{}}
	var schs []*riverjobs.Scheduler
	var p *checklist.Project
	for range 2 {
		s, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if p == nil {
			p = quietProject(t, s)
		}
		sch, err := riverjobs.NewPostgres(ctx, s.Pool(), riverjobs.Config{Store: s, Notifier: n, Tick: 200 * time.Millisecond, Log: quiet()})
		if err != nil {
			t.Fatal(err)
		}
		schs = append(schs, sch)
	}
	d := p.NowSummary(checklist.DateOf(time.Now()), time.Now().Add(time.Second))
	if err := schs[0].Later(ctx, p.ID, d); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, sch := range schs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(t, sch, func() bool { return len(n.times(d.Key)) > 0 }, 20*time.Second, 2*time.Second)
		}()
	}
	wg.Wait()
	laterSentOnce(t, n, d)
}
