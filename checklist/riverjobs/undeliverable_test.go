package riverjobs_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// refused is a Notifier that can never deliver, as when Teams has removed
// the bot from the conversation: it counts each message's attempts.
type refused struct {
	mu       sync.Mutex
	attempts map[string]int // by key
}

func (r *refused) Notify(_ context.Context, b checklist.Binding, _ *checklist.Project, d checklist.Due) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.attempts[d.Key]++
	return fmt.Errorf("send to %s: %w (the bot was removed)", b.Channel, checklist.ErrUndeliverable)
}

// counts are the attempts of each message, fewest first.
func (r *refused) counts() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []int
	for _, n := range r.attempts {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// sendJobs lists each send job's state and attempts, as "cancelled 1",
// from River's own table.
type sendJobs func(t *testing.T) []string

const sendJobsQuery = "SELECT state || ' ' || attempt FROM river_job WHERE kind = 'standardbot_send' ORDER BY id"

// testUndeliverableIsCancelled has a reminder and a stand-up fall due for
// a channel that can never have them: each is tried once and its job ends
// cancelled, where a failure worth retrying would leave it retryable and
// River would try it again a second or two later.
func testUndeliverableIsCancelled(t *testing.T, s checklist.Store, start func(riverjobs.Config) (*riverjobs.Scheduler, error), jobs sendJobs) {
	t.Helper()
	dueProject(t, s)
	r := &refused{attempts: map[string]int{}}
	sch, err := start(riverjobs.Config{Store: s, Notifier: r, Tick: 200 * time.Millisecond, Log: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"cancelled 1", "cancelled 1"}
	// The settle gives a retry, had there been one, time to happen.
	run(t, sch, func() bool { return slices.Equal(jobs(t), want) }, 20*time.Second, 3*time.Second)
	if got := jobs(t); !slices.Equal(got, want) {
		t.Errorf("send jobs %q, want %q", got, want)
	}
	if got := r.counts(); !slices.Equal(got, []int{1, 1}) {
		t.Errorf("attempts %v, want one for each of the two messages", got)
	}
}

func TestUndeliverableIsCancelledOnSQLite(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sched.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	testUndeliverableIsCancelled(t, s, func(cfg riverjobs.Config) (*riverjobs.Scheduler, error) {
		return riverjobs.NewSQLite(ctx, s.WriteDB(), cfg)
	}, func(t *testing.T) []string { return sqliteRows(t, s.WriteDB()) })
}

func TestUndeliverableIsCancelledOnPostgres(t *testing.T) {
	ctx := context.Background()
	s, err := postgres.Open(ctx, pgtest.FreshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	testUndeliverableIsCancelled(t, s, func(cfg riverjobs.Config) (*riverjobs.Scheduler, error) {
		return riverjobs.NewPostgres(ctx, s.Pool(), cfg)
	}, func(t *testing.T) []string { return postgresRows(t, s.Pool()) })
}

func sqliteRows(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(sendJobsQuery)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func postgresRows(t *testing.T, pool *pgxpool.Pool) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(), sendJobsQuery)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
