package postgres

import (
	"testing"

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
