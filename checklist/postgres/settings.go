package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// Settings returns channel b's settings, the defaults when it chose none.
func (s *Store) Settings(ctx context.Context, b checklist.Binding) (checklist.ChannelSettings, error) {
	cs, err := settings(ctx, s.pool, b)
	return cs, storeutil.Wrap("channel settings", err)
}

// rowQuerier reads one row: the pool or a transaction.
type rowQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func settings(ctx context.Context, q rowQuerier, b checklist.Binding) (checklist.ChannelSettings, error) {
	var cs checklist.ChannelSettings
	var sources string
	err := q.QueryRow(ctx, `SELECT sources, replies, visibility FROM channel_settings
		WHERE platform = $1 AND team = $2 AND channel = $3`, b.Platform, b.Team, b.Channel).
		Scan(&sources, &cs.Replies, &cs.Visibility)
	if errors.Is(err, pgx.ErrNoRows) {
		return checklist.ChannelSettings{}, nil
	}
	cs.Sources = storeutil.SplitSources(sources)
	return cs, err
}

// SaveSettings replaces channel b's settings and records each change in
// the history of the channel's project, if it has one. The row is locked
// first, so two admins changing it at once each see the other's change.
func (s *Store) SaveSettings(ctx context.Context, b checklist.Binding, cs checklist.ChannelSettings, by checklist.Person) error {
	if err := cs.Validate(); err != nil {
		return err
	}
	err := s.update(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO channel_settings (platform, team, channel) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, b.Platform, b.Team, b.Channel); err != nil {
			return err
		}
		var sources string
		var old checklist.ChannelSettings
		if err := tx.QueryRow(ctx, `SELECT sources, replies, visibility FROM channel_settings
			WHERE platform = $1 AND team = $2 AND channel = $3 FOR UPDATE`, b.Platform, b.Team, b.Channel).
			Scan(&sources, &old.Replies, &old.Visibility); err != nil {
			return err
		}
		old.Sources = storeutil.SplitSources(sources)
		if _, err := tx.Exec(ctx, `UPDATE channel_settings SET sources = $4, replies = $5, visibility = $6
			WHERE platform = $1 AND team = $2 AND channel = $3`,
			b.Platform, b.Team, b.Channel, storeutil.JoinSources(cs.Sources), cs.Replies, cs.Visibility); err != nil {
			return err
		}
		var id int64
		err := tx.QueryRow(ctx, `SELECT project_id FROM bindings WHERE platform = $1 AND team = $2 AND channel = $3`,
			b.Platform, b.Team, b.Channel).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		t := s.clock.Now()
		for _, c := range cs.Changes(old) {
			if err := addHistory(ctx, tx, id, t, by, 0, c, ""); err != nil {
				return err
			}
		}
		return nil
	})
	return storeutil.Wrap("save channel settings", err)
}
