package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// DueProjects returns up to limit projects whose next_due is at or before
// now, earliest first (ties by id), each with its bindings; a limit of 0 or
// less means all. Two statements in one read-only snapshot: the due
// projects, in order from the partial index on (next_due, id), then all
// their bindings by the index on bindings.project_id. Joined in one
// statement, the planner hashes the whole bindings table instead, which
// grows with every project rather than with the due ones.
func (s *Store) DueProjects(ctx context.Context, now time.Time, limit int) ([]*checklist.Project, error) {
	var n *int // NULL: no limit
	if limit > 0 {
		n = &limit
	}
	var ps []*checklist.Project
	snapshot := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
	err := pgx.BeginTxFunc(ctx, s.pool, snapshot, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+projectFields+` FROM projects p
			WHERE next_due IS NOT NULL AND next_due <= $1 ORDER BY next_due, id LIMIT $2`, now, n)
		if err != nil {
			return err
		}
		if ps, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (*checklist.Project, error) {
			var r projectRow
			if err := row.Scan(r.dest()...); err != nil {
				return nil, err
			}
			return r.project()
		}); err != nil {
			return err
		}
		if err := addBindings(ctx, tx, ps); err != nil {
			return err
		}
		return addActionsDue(ctx, tx, ps)
	})
	return ps, storeutil.Wrap("due projects", err)
}

// addBindings gives each of ps its bindings, in the order they were bound.
func addBindings(ctx context.Context, q queryer, ps []*checklist.Project) error {
	if len(ps) == 0 {
		return nil
	}
	byID := make(map[int64]*checklist.Project, len(ps))
	ids := make([]int64, len(ps))
	for i, p := range ps {
		byID[p.ID], ids[i] = p, p.ID
	}
	rows, err := q.Query(ctx, `SELECT project_id, platform, team, channel FROM bindings
		WHERE project_id = ANY($1) ORDER BY id`, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var b checklist.Binding
		if err := rows.Scan(&id, &b.Platform, &b.Team, &b.Channel); err != nil {
			return err
		}
		byID[id].Bindings = append(byID[id].Bindings, b)
	}
	return rows.Err()
}

// SetNextDue records when the scheduler next needs to look at a project,
// the zero time for never. It is bookkeeping, not a change a user made: no
// history, and UpdatedAt stays. ENOTFOUND for an unknown project.
func (s *Store) SetNextDue(ctx context.Context, id int64, next, seen time.Time) error {
	var seenAt *time.Time
	if !seen.IsZero() {
		t := seen.UTC().Truncate(time.Microsecond)
		seenAt = &t
	}
	tag, err := s.pool.Exec(ctx, `UPDATE projects SET next_due = $1 WHERE id = $2 AND ($3::timestamptz IS NULL OR updated_at = $3)`,
		nextDue(next), id, seenAt)
	if err != nil {
		return storeutil.Wrap("set next due", err)
	}
	if tag.RowsAffected() == 0 {
		// Changed since it was read, or gone: only the second is an error.
		var exists bool
		if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM projects WHERE id = $1)`, id).Scan(&exists); err != nil {
			return storeutil.Wrap("set next due", err)
		}
		if !exists {
			return checklist.ErrNoProject(id)
		}
	}
	return nil
}

// Release forgets a claimed key, so a failed send can be tried again.
// Releasing a key that is not claimed does nothing.
func (s *Store) Release(ctx context.Context, key string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM claims WHERE key = $1`, key)
	return storeutil.Wrap("release", err)
}

// nextDue is next_due's stored form: NULL for the zero time, never, and
// otherwise the time to the microsecond, as PostgreSQL keeps it.
func nextDue(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC().Truncate(time.Microsecond)
	return &t
}

// backfillNextDue is migration 0003's Go step. The projects already stored
// may have stand-ups and assessments set; left NULL, they would never be
// looked at until someone changed their settings. So each gets what the
// store would have set had it kept next_due all along.
func backfillNextDue(ctx context.Context, tx pgx.Tx, now time.Time) error {
	return fillNextDue(ctx, tx, func(p *checklist.Project) time.Time { return storeutil.NextLook(p, now) })
}

// fillNextDue sets every project's next_due to next(p), in tx: one UPDATE
// from arrays, however many projects.
func fillNextDue(ctx context.Context, tx pgx.Tx, next func(p *checklist.Project) time.Time) error {
	// Migration 0003's step runs before 0010 adds archived_at, 0013
	// holidays and actor_ids created_by_id: no project was archived then,
	// had chosen a division or had its creator's id, and next_due needs
	// none of them.
	cols := strings.NewReplacer("p.archived_at", "NULL::timestamptz", "p.holidays", "''", "p.created_by_id", "''").Replace(projectCols)
	ps, err := selectProjects(ctx, tx, cols, "true")
	if err != nil {
		return err
	}
	ids, nexts := make([]int64, len(ps)), make([]*time.Time, len(ps))
	for i, p := range ps {
		ids[i], nexts[i] = p.ID, nextDue(next(p))
	}
	_, err = tx.Exec(ctx, `UPDATE projects p SET next_due = v.next_due
		FROM unnest($1::bigint[], $2::timestamptz[]) AS v (id, next_due) WHERE p.id = v.id`, ids, nexts)
	return err
}
