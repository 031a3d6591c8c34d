package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// DueProjects returns up to limit projects whose next_due is at or before
// now, earliest first (ties by id), each with its bindings and its open
// actions' due days; a limit of 0 or less means all. The projects in one
// statement, so one snapshot: the partial index on
// next_due finds the due projects, and each one's bindings come by the
// index on bindings.project_id, not a query per project.
func (s *Store) DueProjects(ctx context.Context, now time.Time, limit int) ([]*checklist.Project, error) {
	if limit <= 0 {
		limit = -1 // SQLite's no limit
	}
	ps, err := selectProjects(ctx, s.reads, `SELECT `+projectCols+` FROM
		(SELECT * FROM projects WHERE next_due IS NOT NULL AND next_due <= ? ORDER BY next_due, id LIMIT ?) p
		JOIN bindings b ON b.project_id = p.id ORDER BY p.next_due, p.id, b.id`, ts(now), limit)
	if err == nil {
		err = addActionsDue(ctx, s.reads, ps)
	}
	return ps, storeutil.Wrap("due projects", err)
}

// SetNextDue records when the scheduler next needs to look at a project,
// the zero time for never. It is bookkeeping, not a change a user made: no
// history, and UpdatedAt stays. ENOTFOUND for an unknown project.
func (s *Store) SetNextDue(ctx context.Context, id int64, next, seen time.Time) error {
	res, err := s.exec(ctx, `UPDATE projects SET next_due = ? WHERE id = ? AND (? = '' OR updated_at = ?)`,
		nextDue(next), id, seenValue(seen), seenValue(seen))
	if err != nil {
		return storeutil.Wrap("set next due", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return storeutil.Wrap("set next due", err)
	} else if n == 0 {
		// Changed since it was read, or gone: only the second is an error.
		var one int
		err := s.reads.QueryRowContext(ctx, `SELECT 1 FROM projects WHERE id = ?`, id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return checklist.ErrNoProject(id)
		}
		return storeutil.Wrap("set next due", err)
	}
	return nil
}

// seenValue is the stored form of a time compared with updated_at, "" for
// the zero time (compare nothing).
func seenValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ts(t)
}

// Release forgets a claimed key, so a failed send can be tried again.
// Releasing a key that is not claimed does nothing.
func (s *Store) Release(ctx context.Context, key string) error {
	_, err := s.exec(ctx, `DELETE FROM claims WHERE key = ?`, key)
	return storeutil.Wrap("release", err)
}

// nextDue is next_due's stored form: NULL for the zero time, never.
func nextDue(t time.Time) *string { return timeOrNull(t) }

// backfillNextDue is migration 0003's Go step. The projects already stored
// may have stand-ups and assessments set; left NULL, they would never be
// looked at until someone changed their settings. So each gets what the
// store would have set had it kept next_due all along.
func backfillNextDue(ctx context.Context, tx *sql.Tx, now time.Time) error {
	return fillNextDue(ctx, tx, func(p *checklist.Project) time.Time { return storeutil.NextLook(p, now) })
}

// fillNextDue sets every project's next_due to next(p), in tx.
func fillNextDue(ctx context.Context, tx *sql.Tx, next func(p *checklist.Project) time.Time) error {
	// Migration 0003's step runs before 0010 adds archived_at, 0013
	// holidays and actor_ids created_by_id: no project was archived then,
	// had chosen a division or had its creator's id, and next_due needs
	// none of them.
	cols := strings.NewReplacer("p.archived_at", "NULL", "p.holidays", "''", "p.created_by_id", "''").Replace(projectCols)
	ps, err := selectProjects(ctx, tx, `SELECT `+cols+` FROM projects p JOIN bindings b ON b.project_id = p.id ORDER BY p.id, b.id`)
	if err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE projects SET next_due = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, p := range ps {
		if _, err := stmt.ExecContext(ctx, nextDue(next(p)), p.ID); err != nil {
			return err
		}
	}
	return nil
}
