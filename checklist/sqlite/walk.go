package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// SaveWalk stores a walk's state, replacing any under its key, and sets
// w.UpdatedAt; ENOTFOUND if its project does not exist.
func (s *Store) SaveWalk(ctx context.Context, w *checklist.Walk) error {
	if w.Key == "" {
		return checklist.ErrEmptyKey("walk", "checklist.WalkKey(binding, thread, user)")
	}
	t := s.clock.Now()
	err := s.update(ctx, func(tx *sql.Tx) error {
		if _, err := pointsOf(ctx, tx, w.ProjectID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO walks (key, project_id, current_point, skipped, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET project_id = excluded.project_id,
			current_point = excluded.current_point, skipped = excluded.skipped, updated_at = excluded.updated_at`,
			w.Key, w.ProjectID, w.Current, storeutil.JoinInts(w.Skipped), ts(t))
		return err
	})
	if err != nil {
		return storeutil.Wrap("save walk", err)
	}
	w.UpdatedAt = t
	return nil
}

// Walk returns the walk stored under key; ENOTFOUND.
func (s *Store) Walk(ctx context.Context, key string) (*checklist.Walk, error) {
	w := &checklist.Walk{Key: key}
	var skipped string
	err := s.reads.QueryRowContext(ctx, `SELECT project_id, current_point, skipped, updated_at FROM walks WHERE key = ?`, key).
		Scan(&w.ProjectID, &w.Current, &skipped, stamp{&w.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, checklist.ErrNoWalk()
	} else if err != nil {
		return nil, storeutil.Wrap("walk", err)
	}
	w.Skipped = storeutil.SplitInts(skipped)
	return w, nil
}

// EndWalk deletes the walk under key. Ending a walk that is not there
// succeeds, so a repeated "stop" is harmless.
func (s *Store) EndWalk(ctx context.Context, key string) error {
	_, err := s.exec(ctx, `DELETE FROM walks WHERE key = ?`, key)
	return storeutil.Wrap("end walk", err)
}

// Claim records key and reports whether this call was the first to.
// The insert is one statement, atomic across every process on the file.
func (s *Store) Claim(ctx context.Context, key string, at time.Time) (bool, error) {
	if key == "" {
		return false, checklist.ErrEmptyKey("claim", "a platform event id")
	}
	at = at.UTC().Truncate(time.Microsecond)
	if s.pruner.Due() {
		// Before the insert, so a failure here leaves nothing claimed; and
		// relative to at, not the wall clock, so a caller with its own clock
		// (tests, replays) never sees a key it just claimed vanish.
		if _, err := s.exec(ctx, `DELETE FROM claims WHERE at < ?`, ts(at.Add(-storeutil.ClaimRetention))); err != nil {
			return false, storeutil.Wrap("prune claims", err)
		}
	}
	res, err := s.exec(ctx, `INSERT INTO claims (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`, key, ts(at))
	if err != nil {
		return false, storeutil.Wrap("claim", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, storeutil.Wrap("claim", err)
	}
	return n == 1, nil
}
