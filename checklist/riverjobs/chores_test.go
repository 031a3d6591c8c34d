package riverjobs_test

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// slowChore counts its runs and how many ran at once.
type slowChore struct {
	runs, running, most atomic.Int32
}

func (c *slowChore) chore(every time.Duration) riverjobs.Chore {
	return riverjobs.Chore{Name: "slow", Every: every, Timeout: 10 * time.Second, Run: func(ctx context.Context) error {
		n := c.running.Add(1)
		defer c.running.Add(-1)
		for {
			m := c.most.Load()
			if n <= m || c.most.CompareAndSwap(m, n) {
				break
			}
		}
		c.runs.Add(1)
		time.Sleep(400 * time.Millisecond)
		return nil
	}}
}

func TestChoreRunsAtStartOnSQLite(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "chore.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	c := &slowChore{}
	sch, err := riverjobs.NewSQLite(ctx, store.WriteDB(), riverjobs.Config{Store: store, Notifier: &recorder{}, Tick: time.Hour, Log: quiet(),
		Chores: []riverjobs.Chore{c.chore(time.Hour)}})
	if err != nil {
		t.Fatal(err)
	}
	run(t, sch, func() bool { return c.runs.Load() >= 1 }, 10*time.Second, 0)
	if c.runs.Load() != 1 {
		t.Errorf("the chore ran %d times in its first hour, want once, at start", c.runs.Load())
	}
}

// TestPostgresChoreRunsOnOneReplicaAtATime enqueues a chore that takes
// 400 ms every 100 ms on two replicas: it keeps running, never twice at once.
func TestPostgresChoreRunsOnOneReplicaAtATime(t *testing.T) {
	url := pgtest.FreshSchema(t)
	ctx := context.Background()
	c := &slowChore{}
	var wg sync.WaitGroup
	for range 2 {
		s, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		sch, err := riverjobs.NewPostgres(ctx, s.Pool(), riverjobs.Config{Store: s, Notifier: &recorder{}, Tick: time.Hour, Log: quiet(),
			Chores: []riverjobs.Chore{c.chore(100 * time.Millisecond)}})
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() { defer wg.Done(); run(t, sch, func() bool { return c.runs.Load() >= 3 }, 20*time.Second, 0) }()
	}
	wg.Wait()
	if c.runs.Load() < 3 || c.most.Load() != 1 {
		t.Errorf("%d runs, at most %d at once; want several, one at a time", c.runs.Load(), c.most.Load())
	}
}

func TestChoreNeedsANameAPeriodAndAFunction(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "chore.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, ch := range []riverjobs.Chore{{Every: time.Minute, Run: func(context.Context) error { return nil }}, {Name: "x", Run: func(context.Context) error { return nil }}, {Name: "x", Every: time.Minute}} {
		if _, err := riverjobs.NewSQLite(ctx, store.WriteDB(), riverjobs.Config{Store: store, Notifier: &recorder{}, Tick: time.Minute, Chores: []riverjobs.Chore{ch}}); err == nil {
			t.Errorf("chore %+v accepted", ch)
		}
	}
}
