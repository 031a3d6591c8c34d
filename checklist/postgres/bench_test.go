package postgres

import (
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/storetest"
)

func BenchmarkMarkRoundTrip(b *testing.B) {
	storetest.BenchMark(b, open(b, freshSchema(b)))
}

func BenchmarkStatus10k(b *testing.B) {
	s := open(b, freshSchema(b))
	seed(b, s, 10_000)
	storetest.BenchStatus(b, s, checklist.Binding{Platform: "bench", Team: "T", Channel: "status"})
}

// BenchmarkDueProjects100k times a scheduler tick's search for due work
// among 100,000 projects with varied schedules, about 1-2% of them due.
func BenchmarkDueProjects100k(b *testing.B) {
	s := open(b, freshSchema(b))
	nexts := seedSchedules(b, s, 100_000)
	now, due := storetest.DueMoment(b, nexts, 1_000, 2_000)
	storetest.BenchDueProjects(b, s, now, 5_000, due)
}

// seedAt is when the scheduled seed's projects were last looked at: a
// Tuesday morning in March, 07:50 in London.
var seedAt = time.Date(2027, time.March, 9, 7, 50, 0, 0, time.UTC)

// seedSchedules stores n projects, each bound to a channel, in one
// transaction: a mix of phases, time zones, stand-up times (08:00 to 10:55
// local, on various days, or none), assessment dates (from 20 days before
// seedAt to 220 after, for most in alpha and beta) and reminders. Each
// project's next_due is NextDue(seedAt), as the scheduler would have left
// it. It returns the earliest 5,000 next_due values, in order. The same
// projects as the SQLite store's benchmark.
func seedSchedules(b *testing.B, s *Store, n int) []time.Time {
	b.Helper()
	ctx := b.Context()
	stmts := []string{
		`INSERT INTO projects (workspace, name, name_key, standard, points, phase, assessment, time_zone,
			standup_at, standup_days, reminders, created_by, created_at, updated_at)
		SELECT 'seed:T' || (i % 50), 'Service ' || i, 'service ' || i, 'govuk', 14,
			CASE i % 4 WHEN 0 THEN 'discovery' WHEN 1 THEN 'alpha' WHEN 2 THEN 'beta' ELSE 'live' END,
			CASE WHEN i % 4 IN (1, 2) AND i % 100 != 1 THEN $2::date + ((i * 37) % 240 - 20) END,
			CASE i % 8 WHEN 0 THEN 'America/New_York' WHEN 1 THEN 'Europe/Dublin' WHEN 2 THEN 'Asia/Kolkata'
				WHEN 3 THEN 'Australia/Sydney' ELSE 'Europe/London' END,
			CASE WHEN i % 3 = 0 THEN '' ELSE format('%s:%s', lpad((8 + (i / 7) % 3)::text, 2, '0'), lpad(((i / 3) % 12 * 5)::text, 2, '0')) END,
			CASE i % 5 WHEN 0 THEN 'daily' WHEN 1 THEN 'mon,wed,fri' WHEN 2 THEN 'tue,thu' ELSE 'weekdays' END,
			CASE WHEN i % 7 = 0 THEN '14,7' WHEN i % 13 = 0 THEN '' END,
			'seed', $3::timestamptz, $3::timestamptz
		FROM generate_series(1, $1::int) AS i`,
		`INSERT INTO bindings (platform, team, channel, project_id, bound_by, bound_at)
		SELECT 'seed', 'T' || (id % 50), 'C' || id, id, 'seed', $1::timestamptz FROM projects`,
	}
	err := s.update(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, stmts[0], n, seedAt.Format(time.DateOnly), seedAt); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, stmts[1], seedAt); err != nil {
			return err
		}
		return fillNextDue(ctx, tx, func(p *checklist.Project) time.Time { return p.NextDue(seedAt) })
	})
	if err != nil {
		b.Fatalf("seed: %v", err)
	}
	// Fresh statistics, as autovacuum would have by the time a real
	// database had grown this big.
	if _, err := s.pool.Exec(ctx, `VACUUM ANALYZE projects, bindings`); err != nil {
		b.Fatalf("analyze: %v", err)
	}
	rows, err := s.pool.Query(ctx, `SELECT next_due FROM projects WHERE next_due IS NOT NULL ORDER BY next_due LIMIT 5000`)
	if err != nil {
		b.Fatalf("seeded next_due: %v", err)
	}
	nexts, err := pgx.CollectRows(rows, pgx.RowTo[time.Time])
	if err != nil {
		b.Fatalf("seeded next_due: %v", err)
	}
	return nexts
}

// seed stores n projects in one transaction, each bound to a channel, with
// all 14 points marked, a note on each and the history of the marks.
func seed(b *testing.B, s *Store, n int) {
	b.Helper()
	stmts := []string{
		`INSERT INTO projects (workspace, name, name_key, standard, points, phase, time_zone, created_by, created_at, updated_at)
		SELECT 'seed:T' || (i % 50), 'Service ' || i, 'service ' || i, 'govuk', 14, 'alpha', 'Europe/London', 'seed', now(), now()
		FROM generate_series(1, ` + param(1) + `::int) AS i`,
		`INSERT INTO bindings (platform, team, channel, project_id, bound_by, bound_at)
		SELECT 'seed', 'T' || (id % 50), 'C' || id, id, 'seed', now() FROM projects`,
		`INSERT INTO point_states (project_id, point, status, updated_by, updated_at)
		SELECT id, p, CASE p % 4 WHEN 0 THEN 'met' WHEN 1 THEN 'partly' WHEN 2 THEN 'not-met' ELSE 'n/a' END, 'seed', now()
		FROM projects, generate_series(1, 14) AS p`,
		`INSERT INTO items (project_id, point, kind, body, author, at)
		SELECT project_id, point, 'note', 'seeded note', 'seed', now() FROM point_states`,
		`INSERT INTO history (project_id, at, author, point, field, old_value, new_value, note)
		SELECT project_id, now(), 'seed', point, 'status', 'not-started', status, '' FROM point_states`,
	}
	tx, err := s.pool.Begin(b.Context())
	if err != nil {
		b.Fatalf("seed: %v", err)
	}
	defer tx.Rollback(b.Context())
	for i, q := range stmts {
		var args []any
		if i == 0 {
			args = []any{n}
		}
		if _, err := tx.Exec(b.Context(), q, args...); err != nil {
			b.Fatalf("seed: %v", err)
		}
	}
	if err := tx.Commit(b.Context()); err != nil {
		b.Fatalf("seed: %v", err)
	}
	// Fresh statistics, as autovacuum would have by the time a real
	// database had grown this big.
	var got int
	if _, err := s.pool.Exec(b.Context(), `ANALYZE`); err != nil {
		b.Fatalf("analyze: %v", err)
	}
	if err := s.pool.QueryRow(b.Context(), `SELECT count(*) FROM projects`).Scan(&got); err != nil || got != n {
		b.Fatalf("seeded %d projects (%v), want %d", got, err, n)
	}
}
