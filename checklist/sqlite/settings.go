package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// Settings returns channel b's settings, the defaults when it chose none.
func (s *Store) Settings(ctx context.Context, b checklist.Binding) (checklist.ChannelSettings, error) {
	cs, err := settings(ctx, s.reads, b)
	return cs, storeutil.Wrap("channel settings", err)
}

// settingsQuerier is what reads a channel's settings: the read statements
// or a transaction.
type settingsQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func settings(ctx context.Context, q settingsQuerier, b checklist.Binding) (checklist.ChannelSettings, error) {
	var cs checklist.ChannelSettings
	var sources string
	err := q.QueryRowContext(ctx, `SELECT sources, replies, visibility FROM channel_settings
		WHERE platform = ? AND team = ? AND channel = ?`, b.Platform, b.Team, b.Channel).
		Scan(&sources, &cs.Replies, &cs.Visibility)
	if errors.Is(err, sql.ErrNoRows) {
		return checklist.ChannelSettings{}, nil
	}
	cs.Sources = storeutil.SplitSources(sources)
	return cs, err
}

// SaveSettings replaces channel b's settings and records each change in
// the history of the channel's project, if it has one.
func (s *Store) SaveSettings(ctx context.Context, b checklist.Binding, cs checklist.ChannelSettings, by checklist.Person) error {
	if err := cs.Validate(); err != nil {
		return err
	}
	err := s.update(ctx, func(tx *sql.Tx) error {
		old, err := settings(ctx, tx, b)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO channel_settings (platform, team, channel, sources, replies, visibility)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (platform, team, channel) DO UPDATE SET
			sources = excluded.sources, replies = excluded.replies, visibility = excluded.visibility`,
			b.Platform, b.Team, b.Channel, storeutil.JoinSources(cs.Sources), cs.Replies, cs.Visibility); err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `SELECT project_id FROM bindings WHERE platform = ? AND team = ? AND channel = ?`,
			b.Platform, b.Team, b.Channel).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
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
