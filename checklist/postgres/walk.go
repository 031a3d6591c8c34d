package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

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
	// One statement: it writes nothing when the project does not exist.
	tag, err := s.pool.Exec(ctx, `INSERT INTO walks (key, project_id, current_point, skipped, updated_at)
		SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM projects WHERE id = $2)
		ON CONFLICT (key) DO UPDATE SET project_id = excluded.project_id,
		current_point = excluded.current_point, skipped = excluded.skipped, updated_at = excluded.updated_at`,
		w.Key, w.ProjectID, w.Current, storeutil.JoinInts(w.Skipped), t)
	if err != nil {
		return storeutil.Wrap("save walk", err)
	}
	if tag.RowsAffected() == 0 {
		return checklist.ErrNoProject(w.ProjectID)
	}
	w.UpdatedAt = t
	return nil
}

// Walk returns the walk stored under key; ENOTFOUND.
func (s *Store) Walk(ctx context.Context, key string) (*checklist.Walk, error) {
	w := &checklist.Walk{Key: key}
	var skipped string
	err := s.pool.QueryRow(ctx, `SELECT project_id, current_point, skipped, updated_at FROM walks WHERE key = $1`, key).
		Scan(&w.ProjectID, &w.Current, &skipped, &w.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, checklist.ErrNoWalk()
	} else if err != nil {
		return nil, storeutil.Wrap("walk", err)
	}
	w.Skipped, w.UpdatedAt = storeutil.SplitInts(skipped), w.UpdatedAt.UTC()
	return w, nil
}

// EndWalk deletes the walk under key. Ending a walk that is not there
// succeeds, so a repeated "stop" is harmless.
func (s *Store) EndWalk(ctx context.Context, key string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM walks WHERE key = $1`, key)
	return storeutil.Wrap("end walk", err)
}

// Claim records key and reports whether this call was the first to. The
// insert is one statement, and the primary key settles a race between
// replicas: the loser waits for the winner to commit, then inserts nothing.
func (s *Store) Claim(ctx context.Context, key string, at time.Time) (bool, error) {
	if key == "" {
		return false, checklist.ErrEmptyKey("claim", "a platform event id")
	}
	at = at.UTC().Truncate(time.Microsecond)
	if s.pruner.Due() {
		// Before the insert, so a failure here leaves nothing claimed; and
		// relative to at, not the wall clock, so a caller with its own clock
		// (tests, replays) never sees a key it just claimed vanish.
		if _, err := s.pool.Exec(ctx, `DELETE FROM claims WHERE at < $1`, at.Add(-storeutil.ClaimRetention)); err != nil {
			return false, storeutil.Wrap("prune claims", err)
		}
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO claims (key, at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, key, at)
	if err != nil {
		return false, storeutil.Wrap("claim", err)
	}
	return tag.RowsAffected() == 1, nil
}
