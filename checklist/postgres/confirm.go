package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// PutConfirmation deletes the confirmations expired by now, then stores c
// under its key, replacing what waited there: two statements, not one
// transaction, so replicas pruning at once never hold each other's rows.
func (s *Store) PutConfirmation(ctx context.Context, c *checklist.Confirmation, now time.Time) error {
	if err := storeutil.CheckConfirmation(c); err != nil {
		return err
	}
	if _, err := s.pool.Exec(ctx, `DELETE FROM confirmations WHERE expires_at < $1`, now); err != nil {
		return storeutil.Wrap("prune confirmations", err)
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO confirmations (key, kind, payload, no_reply, dropped, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, payload = excluded.payload,
		no_reply = excluded.no_reply, dropped = excluded.dropped, expires_at = excluded.expires_at`,
		c.Key, c.Kind, string(c.Payload), c.No, c.Dropped, c.Expires)
	return storeutil.Wrap("put confirmation", err)
}

// TakeConfirmation deletes and returns the confirmation under key unless
// it expired by now. DELETE ... RETURNING is one statement: of two
// replicas taking one key, the second waits for the first to commit, then
// finds the row gone.
func (s *Store) TakeConfirmation(ctx context.Context, key string, now time.Time) (*checklist.Confirmation, error) {
	c := &checklist.Confirmation{Key: key}
	var payload string
	err := s.pool.QueryRow(ctx, `DELETE FROM confirmations WHERE key = $1
		RETURNING kind, payload, no_reply, dropped, expires_at`, key).
		Scan(&c.Kind, &payload, &c.No, &c.Dropped, &c.Expires)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil, checklist.ErrNoConfirmation()
	case err != nil:
		return nil, storeutil.Wrap("take confirmation", err)
	case now.After(c.Expires):
		return nil, checklist.ErrNoConfirmation()
	}
	c.Payload, c.Expires = []byte(payload), c.Expires.UTC()
	return c, nil
}
