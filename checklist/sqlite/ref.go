package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// SaveRef stores how to post into r's channel, replacing any reference
// there and clearing Stale, and sets r.UpdatedAt: one statement, so
// concurrent messages leave the last. EINVALID without a channel or
// service URL.
func (s *Store) SaveRef(ctx context.Context, r *checklist.ConversationRef) error {
	if err := storeutil.CheckRef(r); err != nil {
		return err
	}
	t := s.clock.Now()
	b := r.Binding
	_, err := s.exec(ctx, `INSERT INTO conversation_refs (platform, team, channel, service_url,
		bot_id, bot_name, user_id, user_name, direct_user, stale, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
		ON CONFLICT (platform, team, channel) DO UPDATE SET service_url = excluded.service_url,
		bot_id = excluded.bot_id, bot_name = excluded.bot_name, user_id = excluded.user_id,
		user_name = excluded.user_name, direct_user = excluded.direct_user, stale = 0, updated_at = excluded.updated_at`,
		b.Platform, b.Team, b.Channel, r.ServiceURL, r.BotID, r.BotName, r.UserID, r.UserName, r.DirectUser, ts(t))
	if err != nil {
		return storeutil.Wrap("save conversation ref", err)
	}
	r.Stale, r.UpdatedAt = false, t
	return nil
}

// Ref returns how to post into channel b; ENOTFOUND.
func (s *Store) Ref(ctx context.Context, b checklist.Binding) (*checklist.ConversationRef, error) {
	r := &checklist.ConversationRef{Binding: b}
	err := s.reads.QueryRowContext(ctx, `SELECT service_url, bot_id, bot_name, user_id, user_name, direct_user, stale, updated_at
		FROM conversation_refs WHERE platform = ? AND team = ? AND channel = ?`, b.Platform, b.Team, b.Channel).
		Scan(&r.ServiceURL, &r.BotID, &r.BotName, &r.UserID, &r.UserName, &r.DirectUser, &r.Stale, stamp{&r.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, checklist.ErrNoRef()
	} else if err != nil {
		return nil, storeutil.Wrap("conversation ref", err)
	}
	return r, nil
}

// MarkRefStale records that the platform refused a post into channel b.
// UpdatedAt stays: it says when the reference was last refreshed.
// ENOTFOUND for a channel with no reference.
func (s *Store) MarkRefStale(ctx context.Context, b checklist.Binding) error {
	res, err := s.exec(ctx, `UPDATE conversation_refs SET stale = 1
		WHERE platform = ? AND team = ? AND channel = ?`, b.Platform, b.Team, b.Channel)
	if err != nil {
		return storeutil.Wrap("mark conversation ref stale", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return storeutil.Wrap("mark conversation ref stale", err)
	} else if n == 0 {
		return checklist.ErrNoRef()
	}
	return nil
}

// DirectRef returns the reference of the one-to-one conversation with
// user in platform's team, the one refreshed last; ENOTFOUND.
func (s *Store) DirectRef(ctx context.Context, platform, team, user string) (*checklist.ConversationRef, error) {
	if user == "" {
		return nil, checklist.ErrNoRef()
	}
	r := &checklist.ConversationRef{Binding: checklist.Binding{Platform: platform, Team: team}}
	err := s.reads.QueryRowContext(ctx, `SELECT channel, service_url, bot_id, bot_name, user_id, user_name, direct_user, stale, updated_at
		FROM conversation_refs WHERE platform = ? AND team = ? AND direct_user = ? ORDER BY updated_at DESC, channel LIMIT 1`, platform, team, user).
		Scan(&r.Binding.Channel, &r.ServiceURL, &r.BotID, &r.BotName, &r.UserID, &r.UserName, &r.DirectUser, &r.Stale, stamp{&r.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, checklist.ErrNoRef()
	} else if err != nil {
		return nil, storeutil.Wrap("direct conversation ref", err)
	}
	return r, nil
}

// TeamRef returns the reference in platform's team refreshed last that is
// not stale; ENOTFOUND.
func (s *Store) TeamRef(ctx context.Context, platform, team string) (*checklist.ConversationRef, error) {
	r := &checklist.ConversationRef{Binding: checklist.Binding{Platform: platform, Team: team}}
	err := s.reads.QueryRowContext(ctx, `SELECT channel, service_url, bot_id, bot_name, user_id, user_name, direct_user, stale, updated_at
		FROM conversation_refs WHERE platform = ? AND team = ? AND stale = 0 ORDER BY updated_at DESC, channel LIMIT 1`, platform, team).
		Scan(&r.Binding.Channel, &r.ServiceURL, &r.BotID, &r.BotName, &r.UserID, &r.UserName, &r.DirectUser, &r.Stale, stamp{&r.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, checklist.ErrNoRef()
	} else if err != nil {
		return nil, storeutil.Wrap("team conversation ref", err)
	}
	return r, nil
}
