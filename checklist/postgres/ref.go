package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

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
	_, err := s.pool.Exec(ctx, `INSERT INTO conversation_refs (platform, team, channel, service_url,
		bot_id, bot_name, user_id, user_name, direct_user, stale, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, false, $10)
		ON CONFLICT (platform, team, channel) DO UPDATE SET service_url = excluded.service_url,
		bot_id = excluded.bot_id, bot_name = excluded.bot_name, user_id = excluded.user_id,
		user_name = excluded.user_name, direct_user = excluded.direct_user, stale = false, updated_at = excluded.updated_at`,
		b.Platform, b.Team, b.Channel, r.ServiceURL, r.BotID, r.BotName, r.UserID, r.UserName, r.DirectUser, t)
	if err != nil {
		return storeutil.Wrap("save conversation ref", err)
	}
	r.Stale, r.UpdatedAt = false, t
	return nil
}

// Ref returns how to post into channel b; ENOTFOUND.
func (s *Store) Ref(ctx context.Context, b checklist.Binding) (*checklist.ConversationRef, error) {
	r := &checklist.ConversationRef{Binding: b}
	err := s.pool.QueryRow(ctx, `SELECT service_url, bot_id, bot_name, user_id, user_name, direct_user, stale, updated_at
		FROM conversation_refs WHERE platform = $1 AND team = $2 AND channel = $3`, b.Platform, b.Team, b.Channel).
		Scan(&r.ServiceURL, &r.BotID, &r.BotName, &r.UserID, &r.UserName, &r.DirectUser, &r.Stale, &r.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, checklist.ErrNoRef()
	} else if err != nil {
		return nil, storeutil.Wrap("conversation ref", err)
	}
	r.UpdatedAt = r.UpdatedAt.UTC()
	return r, nil
}

// MarkRefStale records that the platform refused a post into channel b.
// UpdatedAt stays: it says when the reference was last refreshed.
// ENOTFOUND for a channel with no reference.
func (s *Store) MarkRefStale(ctx context.Context, b checklist.Binding) error {
	tag, err := s.pool.Exec(ctx, `UPDATE conversation_refs SET stale = true
		WHERE platform = $1 AND team = $2 AND channel = $3`, b.Platform, b.Team, b.Channel)
	if err != nil {
		return storeutil.Wrap("mark conversation ref stale", err)
	}
	if tag.RowsAffected() == 0 {
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
	err := s.pool.QueryRow(ctx, `SELECT channel, service_url, bot_id, bot_name, user_id, user_name, direct_user, stale, updated_at
		FROM conversation_refs WHERE platform = $1 AND team = $2 AND direct_user = $3 ORDER BY updated_at DESC, channel LIMIT 1`, platform, team, user).
		Scan(&r.Binding.Channel, &r.ServiceURL, &r.BotID, &r.BotName, &r.UserID, &r.UserName, &r.DirectUser, &r.Stale, &r.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, checklist.ErrNoRef()
	} else if err != nil {
		return nil, storeutil.Wrap("direct conversation ref", err)
	}
	r.UpdatedAt = r.UpdatedAt.UTC()
	return r, nil
}

// TeamRef returns the reference in platform's team refreshed last that is
// not stale; ENOTFOUND.
func (s *Store) TeamRef(ctx context.Context, platform, team string) (*checklist.ConversationRef, error) {
	r := &checklist.ConversationRef{Binding: checklist.Binding{Platform: platform, Team: team}}
	err := s.pool.QueryRow(ctx, `SELECT channel, service_url, bot_id, bot_name, user_id, user_name, direct_user, stale, updated_at
		FROM conversation_refs WHERE platform = $1 AND team = $2 AND NOT stale ORDER BY updated_at DESC, channel LIMIT 1`, platform, team).
		Scan(&r.Binding.Channel, &r.ServiceURL, &r.BotID, &r.BotName, &r.UserID, &r.UserName, &r.DirectUser, &r.Stale, &r.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, checklist.ErrNoRef()
	} else if err != nil {
		return nil, storeutil.Wrap("team conversation ref", err)
	}
	r.UpdatedAt = r.UpdatedAt.UTC()
	return r, nil
}
