package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"

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

// seed stores n projects in one transaction, each bound to a channel, with
// all 14 points marked, a note on each and the history of the marks.
func seed(b *testing.B, s *Store, n int) {
	b.Helper()
	at := ts(storeutil.Now())
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
