package riverjobs_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
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

// refused is a Notifier that can never deliver to channel C, as when
// Teams has removed the bot from the conversation, and delivers to any
// other: it counts each message's attempts by channel.
type refused struct {
	mu       sync.Mutex
	attempts map[string]int // by channel and key
}

func (r *refused) Notify(_ context.Context, b checklist.Binding, _ *checklist.Project, d checklist.Due) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.attempts[b.Channel+" "+d.Key]++
	if b.Channel == "C" {
		return fmt.Errorf("send to %s: %w (the bot was removed)", b.Channel, checklist.ErrUndeliverable)
	}
	return nil
}

// counts are the attempts of each message on channel, fewest first.
func (r *refused) counts(channel string) []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []int
	for k, n := range r.attempts {
		if strings.HasPrefix(k, channel+" ") {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// sendJobs lists each send job's state and attempts, as "cancelled 1",
// from River's own table.
type sendJobs func(t *testing.T) []string

const sendJobsQuery = "SELECT state || ' ' || attempt FROM river_job WHERE kind = 'standardbot_send' ORDER BY id"

// testUndeliverableIsCancelled has a reminder, a stand-up and an action
// reminder fall due for a project in two channels, the first of which can never have them: each
// goes to the second once, is tried once on the first, and its job ends
// cancelled, where a failure worth retrying would leave it retryable and
// River would try it again a second or two later.
func testUndeliverableIsCancelled(t *testing.T, s checklist.Store, start func(riverjobs.Config) (*riverjobs.Scheduler, error), jobs sendJobs) {
	t.Helper()
	p := dueProject(t, s) // in channel C
	if err := s.BindChannel(context.Background(), p.ID, checklist.Binding{Platform: "test", Team: "T", Channel: "D"}, checklist.Person{ID: "U-TEST", Name: "test"}); err != nil {
		t.Fatal(err)
	}
	r := &refused{attempts: map[string]int{}}
	sch, err := start(riverjobs.Config{Store: s, Notifier: r, Tick: 200 * time.Millisecond, Log: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"cancelled 1", "cancelled 1", "cancelled 1"}
	// The settle gives a retry, had there been one, time to happen.
	run(t, sch, func() bool { return slices.Equal(jobs(t), want) }, 20*time.Second, 3*time.Second)
	if got := jobs(t); !slices.Equal(got, want) {
		t.Errorf("send jobs %q, want %q", got, want)
	}
	if got := r.counts("C"); !slices.Equal(got, []int{1, 1, 1}) {
		t.Errorf("attempts on the refusing channel %v, want one for each of the three messages", got)
	}
	if got := r.counts("D"); !slices.Equal(got, []int{1, 1, 1}) {
		t.Errorf("sends to the other channel %v, want each of the three messages once", got)
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
