package postgres

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// WriteInbox stores the items of put and deletes those of done, in one
// implicit transaction and one round trip: one commit, whose WAL flush is
// the cost, for many acknowledgements (internal/inbox gathers them). An
// item with a Key claims it first (see Claim); when it was claimed
// already, a redelivery, perhaps to another replica, the item is not
// stored and its ID is 0. The others get their ID. EINVALID, and nothing
// written, for an item without its source, type or owner.
func (s *Store) WriteInbox(ctx context.Context, put []*checklist.InboxItem, done []int64) error {
	for _, it := range put {
		if err := storeutil.CheckInboxItem(it); err != nil {
			return err
		}
	}
	b := &pgx.Batch{}
	prune := slices.ContainsFunc(put, func(it *checklist.InboxItem) bool { return it.Key != "" }) && s.pruner.Due()
	if prune {
		// As Claim does, relative to the items' own time.
		oldest := slices.MinFunc(put, func(a, b *checklist.InboxItem) int { return a.Received.Compare(b.Received) })
		b.Queue(`DELETE FROM claims WHERE at < $1`, s.clock.At(oldest.Received).Add(-storeutil.ClaimRetention))
	}
	for _, it := range put {
		it.Received, it.Lease = s.clock.At(it.Received), it.Lease.UTC().Truncate(time.Microsecond)
		args := []any{it.Source, it.Type, it.Key, payload(it.Payload), it.Received, it.Owner, it.Lease}
		if it.Key == "" {
			b.Queue(`INSERT INTO inbox (source, kind, key, payload, received_at, owner, lease_until)
				VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, args...)
			continue
		}
		// The claim and the item in one statement: the item only if the
		// key was not claimed before.
		b.Queue(`WITH c AS (INSERT INTO claims (key, at) VALUES ($3, $5) ON CONFLICT (key) DO NOTHING RETURNING 1)
			INSERT INTO inbox (source, kind, key, payload, received_at, owner, lease_until)
			SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM c) RETURNING id`, args...)
	}
	if len(done) > 0 {
		b.Queue(`DELETE FROM inbox WHERE id = ANY($1)`, done)
	}
	// A batch is one round trip, and one implicit transaction: its
	// statements commit together or not at all.
	br := s.pool.SendBatch(ctx, b)
	err := readInboxBatch(br, prune, put, len(done) > 0)
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		for _, it := range put {
			it.ID = 0
		}
		return storeutil.Wrap("write inbox", err)
	}
	return nil
}

// readInboxBatch reads WriteInbox's results in the order it queued them.
func readInboxBatch(br pgx.BatchResults, prune bool, put []*checklist.InboxItem, done bool) error {
	if prune {
		if _, err := br.Exec(); err != nil {
			return err
		}
	}
	for _, it := range put {
		it.ID = 0
		switch err := br.QueryRow().Scan(&it.ID); {
		case errors.Is(err, pgx.ErrNoRows):
			// Claimed before: a redelivery.
		case err != nil:
			return err
		default:
			it.Attempts = 1
		}
	}
	if done {
		if _, err := br.Exec(); err != nil {
			return err
		}
	}
	return nil
}

// TakeInbox hands owner up to limit of source's items whose lease ran out
// at or before now, oldest first, each with its lease until until and one
// more attempt. Rows another replica is taking at the same moment are
// skipped (FOR UPDATE SKIP LOCKED), so each item goes to one replica and
// neither waits for the other.
func (s *Store) TakeInbox(ctx context.Context, source, owner string, now, until time.Time, limit int) ([]*checklist.InboxItem, error) {
	until = until.UTC().Truncate(time.Microsecond)
	rows, err := s.pool.Query(ctx, `UPDATE inbox SET owner = $1, lease_until = $2, attempts = attempts + 1
		WHERE id IN (SELECT id FROM inbox WHERE source = $3 AND lease_until <= $4 ORDER BY id LIMIT $5 FOR UPDATE SKIP LOCKED)
		RETURNING id, kind, key, payload, received_at, attempts`, owner, until, source, now, limit)
	if err != nil {
		return nil, storeutil.Wrap("take inbox", err)
	}
	items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*checklist.InboxItem, error) {
		it := &checklist.InboxItem{Source: source, Owner: owner, Lease: until}
		err := row.Scan(&it.ID, &it.Type, &it.Key, &it.Payload, &it.Received, &it.Attempts)
		it.Received = it.Received.UTC()
		return it, err
	})
	if err != nil {
		return nil, storeutil.Wrap("take inbox", err)
	}
	slices.SortFunc(items, func(a, b *checklist.InboxItem) int { return cmp.Compare(a.ID, b.ID) })
	return items, nil
}

// RenewInbox extends to until the leases owner holds on the items of ids;
// an item another replica has taken over, or one already done, is left
// alone.
func (s *Store) RenewInbox(ctx context.Context, owner string, ids []int64, until time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := s.pool.Exec(ctx, `UPDATE inbox SET lease_until = $1 WHERE owner = $2 AND id = ANY($3)`, until, owner, ids)
	return storeutil.Wrap("renew inbox", err)
}

// ReleaseInbox ends every lease owner holds, so any replica may take its
// items at once: for a replica starting again under the name it had, and
// one stopping with work unfinished.
func (s *Store) ReleaseInbox(ctx context.Context, owner string) error {
	_, err := s.pool.Exec(ctx, `UPDATE inbox SET lease_until = $1 WHERE owner = $2`, time.Time{}, owner)
	return storeutil.Wrap("release inbox", err)
}

// payload is never NULL, which the column refuses: nil is stored empty.
func payload(p []byte) []byte {
	if p == nil {
		return []byte{}
	}
	return p
}
