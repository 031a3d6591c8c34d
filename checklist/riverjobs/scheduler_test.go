package riverjobs_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/checklist/storetest"
)

// recorder is a Notifier that keeps what it was asked to send, and can be
// made to fail.
type recorder struct {
	mu    sync.Mutex
	sent  []string
	fails int
}

func (r *recorder) Notify(_ context.Context, b checklist.Binding, p *checklist.Project, d checklist.Due) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fails > 0 {
		r.fails--
		return errors.New("platform unavailable")
	}
	r.sent = append(r.sent, d.Key)
	return nil
}

func (r *recorder) keys() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.sent...)
}

// dueProject makes a project whose assessment is tomorrow with reminders 1
// day before, a daily stand-up a minute ago and a panel action due within
// the week: one reminder, one stand-up and one action reminder are due
// now.
func dueProject(t *testing.T, s checklist.Store) *checklist.Project {
	t.Helper()
	return dueProjectIn(t, s, "Due soon", "C")
}

// dueProjectIn is dueProject with its name and channel.
func dueProjectIn(t *testing.T, s checklist.Store, name, channel string) *checklist.Project {
	t.Helper()
	zone := storetest.DaytimeZone(t)
	loc, _ := time.LoadLocation(zone)
	now := time.Now().In(loc)
	standup := now.Add(-time.Minute).Format("15:04")
	p := &checklist.Project{Name: name, Standard: "govuk", Points: 14, Phase: checklist.Alpha, TimeZone: zone,
		Assessment: checklist.DateOf(now).AddDays(1),
		Schedule:   checklist.Schedule{StandupAt: standup, StandupDays: "daily", Reminders: []int{1}},
		Bindings:   []checklist.Binding{{Platform: "test", Team: "T", Channel: channel}}}
	if err := s.CreateProject(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	if checklist.BankHoliday("", checklist.DateOf(now)) != "" {
		t.Skip("today is a bank holiday: no stand-up is due")
	}
	// An assessment 88 days ago whose panel action falls due within the
	// week: its 1-week reminder is due too.
	held := checklist.DateOf(now).AddDays(-88)
	a := &checklist.Assessment{Date: held, Result: checklist.RatingAmber, Points: []checklist.PointOutcome{{Point: 5, Explore: []string{"run an accessibility audit"}}}}
	if _, err := s.SaveAssessment(context.Background(), p.ID, a, checklist.Person{ID: "U-ALICE", Name: "alice"}); err != nil {
		t.Fatal(err)
	}
	return p
}

// run works the scheduler until done reports true (checked every 50 ms) or
// max passes, then for settle more, so a duplicate would have time to show.
func run(t *testing.T, sch *riverjobs.Scheduler, done func() bool, max, settle time.Duration) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { sch.Run(ctx); close(stopped) }()
	for deadline := time.Now().Add(max); !done() && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(settle)
	dctx, dcancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer dcancel()
	if err := sch.Drain(dctx); err != nil {
		t.Errorf("drain: %v", err)
	}
	cancel()
	<-stopped
}

// sentAtLeast reports when the recorder holds n messages.
func sentAtLeast(rec *recorder, n int) func() bool {
	return func() bool { return len(rec.keys()) >= n }
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

func TestSQLiteSendsOnceAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sched.db")
	ctx := context.Background()
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := dueProject(t, store)
	rec := &recorder{fails: 1} // the first send fails and is retried
	cfg := riverjobs.Config{Store: store, Notifier: rec, Tick: 200 * time.Millisecond, Log: quiet()}
	sch, err := riverjobs.NewSQLite(ctx, store.WriteDB(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// The failed send is retried on River's schedule, a few seconds later.
	run(t, sch, sentAtLeast(rec, 3), 30*time.Second, time.Second)
	assertSentOnce(t, rec, p)
	store.Close()

	// Restart on the same file: nothing is sent again.
	store, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	cfg.Store = store
	sch, err = riverjobs.NewSQLite(ctx, store.WriteDB(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	run(t, sch, func() bool { return false }, 2*time.Second, 0)
	assertSentOnce(t, rec, p)
}

// TestArchivedProjectGetsNothing: of two projects with a stand-up, a
// reminder and an action reminder due, the archived one gets none of them
// (assertSentOnce counts every key sent, the archived project's too).
func TestArchivedProjectGetsNothing(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sched.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	archived := dueProjectIn(t, store, "Archived", "CA")
	yes := true
	if _, err := store.UpdateProject(ctx, archived.ID, checklist.ProjectUpdate{Archived: &yes}, checklist.Person{ID: "U-ALICE", Name: "alice"}); err != nil {
		t.Fatal(err)
	}
	p := dueProject(t, store)
	rec := &recorder{}
	sch, err := riverjobs.NewSQLite(ctx, store.WriteDB(), riverjobs.Config{Store: store, Notifier: rec, Tick: 200 * time.Millisecond, Log: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	run(t, sch, sentAtLeast(rec, 3), 20*time.Second, time.Second)
	assertSentOnce(t, rec, p)
}

func assertSentOnce(t *testing.T, rec *recorder, p *checklist.Project) {
	t.Helper()
	count := map[string]int{}
	for _, k := range rec.keys() {
		count[k]++
	}
	reminder := fmt.Sprintf("reminder:%d:%s:1", p.ID, p.Assessment)
	if count[reminder] != 1 {
		t.Errorf("reminder sent %d times, want once (sent %v)", count[reminder], rec.keys())
	}
	standups := 0
	for k, n := range count {
		if len(k) > 8 && k[:8] == "standup:" {
			standups += n
		}
	}
	actions := fmt.Sprintf("actions:%d:%s:7", p.ID, checklist.ActionDue(checklist.DateOf(time.Now().In(p.Location())).AddDays(-88)))
	if count[actions] != 1 {
		t.Errorf("action reminder %s sent %d times, want once (sent %v)", actions, count[actions], rec.keys())
	}
	if standups != 1 || len(count) != 3 {
		t.Errorf("sent %v, want one reminder, one stand-up and one action reminder", rec.keys())
	}
}

func TestPostgresTwoReplicasSendOnce(t *testing.T) {
	url := pgtest.FreshSchema(t)
	ctx := context.Background()
	var stores []*postgres.Store
	for range 2 {
		s, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores = append(stores, s)
	}
	p := dueProject(t, stores[0])
	rec := &recorder{}
	var wg sync.WaitGroup
	for _, s := range stores {
		sch, err := riverjobs.NewPostgres(ctx, s.Pool(), riverjobs.Config{Store: s, Notifier: rec, Tick: 200 * time.Millisecond, Log: quiet()})
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() { defer wg.Done(); run(t, sch, sentAtLeast(rec, 3), 20*time.Second, 2*time.Second) }()
	}
	wg.Wait()
	assertSentOnce(t, rec, p)
}
