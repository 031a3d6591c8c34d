package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// SchedulePurge records that platform's workspace team is to be purged at at.
func (s *Store) SchedulePurge(ctx context.Context, platform, team string, at time.Time) error {
	_, err := s.exec(ctx, `INSERT INTO workspace_purges (platform, team, due_at) VALUES (?, ?, ?)
		ON CONFLICT (platform, team) DO UPDATE SET due_at = excluded.due_at`, platform, team, ts(at))
	return storeutil.Wrap("schedule purge", err)
}

// CancelPurge forgets a workspace's scheduled purge.
func (s *Store) CancelPurge(ctx context.Context, platform, team string) error {
	_, err := s.exec(ctx, `DELETE FROM workspace_purges WHERE platform = ? AND team = ?`, platform, team)
	return storeutil.Wrap("cancel purge", err)
}

// DuePurges returns up to limit workspaces whose purge is due at now.
func (s *Store) DuePurges(ctx context.Context, now time.Time, limit int) ([]checklist.Binding, error) {
	rows, err := s.reads.QueryContext(ctx, `SELECT platform, team FROM workspace_purges WHERE due_at <= ?
		ORDER BY due_at, platform, team LIMIT ?`, ts(now), limit)
	if err != nil {
		return nil, storeutil.Wrap("due purges", err)
	}
	defer rows.Close()
	var out []checklist.Binding
	for rows.Next() {
		var b checklist.Binding
		if err := rows.Scan(&b.Platform, &b.Team); err != nil {
			return nil, storeutil.Wrap("due purges", err)
		}
		out = append(out, b)
	}
	return out, storeutil.Wrap("due purges", rows.Err())
}

// PurgeWorkspace deletes what is kept of platform's workspace team.
func (s *Store) PurgeWorkspace(ctx context.Context, platform, team string) error {
	err := s.update(ctx, func(tx *sql.Tx) error {
		return storeutil.PurgeWorkspace(ctx, sqlTx{tx}, platform, team)
	})
	return storeutil.Wrap("purge workspace", err)
}
