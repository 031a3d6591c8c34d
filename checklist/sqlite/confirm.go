package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// PutConfirmation stores c under its key, replacing what waited there,
// and deletes the confirmations expired by now, in one transaction.
func (s *Store) PutConfirmation(ctx context.Context, c *checklist.Confirmation, now time.Time) error {
	if err := storeutil.CheckConfirmation(c); err != nil {
		return err
	}
	err := s.update(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM confirmations WHERE expires_at < ?`, ts(now)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO confirmations (key, kind, payload, no_reply, dropped, expires_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, payload = excluded.payload,
			no_reply = excluded.no_reply, dropped = excluded.dropped, expires_at = excluded.expires_at`,
			c.Key, c.Kind, string(c.Payload), c.No, c.Dropped, ts(c.Expires))
		return err
	})
	return storeutil.Wrap("put confirmation", err)
}

// TakeConfirmation deletes and returns the confirmation under key unless
// it expired by now. Every message asks, and few have one waiting, so a
// read on the read pool answers most without taking the write lock; the
// DELETE ... RETURNING that takes it is one statement, so of two takers
// (in this process or another on the file) only one gets the row.
func (s *Store) TakeConfirmation(ctx context.Context, key string, now time.Time) (*checklist.Confirmation, error) {
	var waiting int
	err := s.reads.QueryRowContext(ctx, `SELECT count(*) FROM confirmations WHERE key = ?`, key).Scan(&waiting)
	if err != nil {
		return nil, storeutil.Wrap("take confirmation", err)
	}
	if waiting == 0 {
		return nil, checklist.ErrNoConfirmation()
	}
	c := &checklist.Confirmation{Key: key}
	var payload string
	err = retry(ctx, func() error {
		return s.writes.QueryRowContext(ctx, `DELETE FROM confirmations WHERE key = ?
			RETURNING kind, payload, no_reply, dropped, expires_at`, key).
			Scan(&c.Kind, &payload, &c.No, &c.Dropped, stamp{&c.Expires})
	})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, checklist.ErrNoConfirmation()
	case err != nil:
		return nil, storeutil.Wrap("take confirmation", err)
	case now.After(c.Expires):
		return nil, checklist.ErrNoConfirmation()
	}
	c.Payload = []byte(payload)
	return c, nil
}
