package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
	"github.com/standardbot/standardbot/checklist/storetest"
)

func BenchmarkMarkRoundTrip(b *testing.B) {
	storetest.BenchMark(b, open(b, filepath.Join(b.TempDir(), "bench.db")))
}

func BenchmarkStatus10k(b *testing.B) {
	s := open(b, filepath.Join(b.TempDir(), "bench.db"))
	seed(b, s, 10_000)
	storetest.BenchStatus(b, s, checklist.Binding{Platform: "bench", Team: "T", Channel: "status"})
}

// BenchmarkDueProjects100k times a scheduler tick's search for due work
// among 100,000 projects with varied schedules, about 1-2% of them due.
func BenchmarkDueProjects100k(b *testing.B) {
	s := open(b, filepath.Join(b.TempDir(), "bench.db"))
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
// it. It returns the earliest 5,000 next_due values, in order.
func seedSchedules(b *testing.B, s *Store, n int) []time.Time {
	b.Helper()
	ctx := b.Context()
	stmts := []string{
		`INSERT INTO projects (workspace, name, name_key, standard, points, phase, assessment, time_zone,
			standup_at, standup_days, reminders, created_by, created_at, updated_at)
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :n)
		SELECT 'seed:T' || (i % 50), 'Service ' || i, 'service ' || i, 'govuk', 14,
			CASE i % 4 WHEN 0 THEN 'discovery' WHEN 1 THEN 'alpha' WHEN 2 THEN 'beta' ELSE 'live' END,
			CASE WHEN i % 4 IN (1, 2) AND i % 100 != 1 THEN date(:day, ((i * 37) % 240 - 20) || ' days') END,
			CASE i % 8 WHEN 0 THEN 'America/New_York' WHEN 1 THEN 'Europe/Dublin' WHEN 2 THEN 'Asia/Kolkata'
				WHEN 3 THEN 'Australia/Sydney' ELSE 'Europe/London' END,
			CASE WHEN i % 3 = 0 THEN '' ELSE printf('%02d:%02d', 8 + (i / 7) % 3, (i / 3) % 12 * 5) END,
			CASE i % 5 WHEN 0 THEN 'daily' WHEN 1 THEN 'mon,wed,fri' WHEN 2 THEN 'tue,thu' ELSE 'weekdays' END,
			CASE WHEN i % 7 = 0 THEN '14,7' WHEN i % 13 = 0 THEN '' END,
			'seed', :at, :at FROM n`,
		`INSERT INTO bindings (platform, team, channel, project_id, bound_by, bound_at)
		SELECT 'seed', 'T' || (id % 50), 'C' || id, id, 'seed', :at FROM projects`,
	}
	err := s.update(ctx, func(tx *sql.Tx) error {
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q, sql.Named("n", n), sql.Named("at", ts(seedAt)),
				sql.Named("day", seedAt.Format(time.DateOnly))); err != nil {
				return err
			}
		}
		if err := fillNextDue(ctx, tx, func(p *checklist.Project) time.Time { return p.NextDue(seedAt) }); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `ANALYZE`)
		return err
	})
	if err != nil {
		b.Fatalf("seed: %v", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT next_due FROM projects WHERE next_due IS NOT NULL ORDER BY next_due LIMIT 5000`)
	if err != nil {
		b.Fatalf("seeded next_due: %v", err)
	}
	defer rows.Close()
	var nexts []time.Time
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(stamp{&t}); err != nil {
			b.Fatalf("seeded next_due: %v", err)
		}
		nexts = append(nexts, t)
	}
	if err := rows.Err(); err != nil {
		b.Fatalf("seeded next_due: %v", err)
	}
	return nexts
}

// seed stores n projects in one transaction, each bound to a channel, with
// all 14 points marked, a note on each and the history of the marks.
func seed(b *testing.B, s *Store, n int) {
	b.Helper()
	at := ts(storeutil.Clock(nil).Now())
	stmts := []string{
		`INSERT INTO projects (workspace, name, name_key, standard, points, phase, time_zone, created_by, created_at, updated_at)
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :n)
		SELECT 'seed:T' || (i % 50), 'Service ' || i, 'service ' || i, 'govuk', 14, 'alpha', 'Europe/London', 'seed', :at, :at FROM n`,
		`INSERT INTO bindings (platform, team, channel, project_id, bound_by, bound_at)
		SELECT 'seed', 'T' || (id % 50), 'C' || id, id, 'seed', :at FROM projects`,
		`INSERT INTO point_states (project_id, point, status, updated_by, updated_at)
		WITH RECURSIVE pt(p) AS (SELECT 1 UNION ALL SELECT p + 1 FROM pt WHERE p < 14)
		SELECT id, p, CASE p % 4 WHEN 0 THEN 'met' WHEN 1 THEN 'partly' WHEN 2 THEN 'not-met' ELSE 'n/a' END, 'seed', :at
		FROM projects, pt`,
		`INSERT INTO items (project_id, point, kind, body, author, at)
		SELECT project_id, point, 'note', 'seeded note', 'seed', :at FROM point_states`,
		`INSERT INTO history (project_id, at, author, point, field, old_value, new_value, note)
		SELECT project_id, :at, 'seed', point, 'status', 'not-started', status, '' FROM point_states`,
		`ANALYZE`,
	}
	tx, err := s.write.BeginTx(b.Context(), nil)
	if err != nil {
		b.Fatalf("seed: %v", err)
	}
	defer tx.Rollback()
	for _, q := range stmts {
		if _, err := tx.ExecContext(b.Context(), q, sql.Named("n", n), sql.Named("at", at)); err != nil {
			b.Fatalf("seed: %v", err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatalf("seed: %v", err)
	}
	var got int
	if err := s.read.QueryRowContext(b.Context(), `SELECT count(*) FROM projects`).Scan(&got); err != nil || got != n {
		b.Fatalf("seeded %d projects (%v), want %d", got, err, n)
	}
}
