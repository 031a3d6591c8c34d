package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// WriteInbox stores the items of put and deletes those of done, in one
// transaction: one commit for many acknowledgements (internal/inbox
// gathers them), and one statement for one. An item with a Key claims it
// as it is stored (the trigger inbox_claims; see Claim); when it was
// claimed already, a redelivery, the item is not stored and its ID is 0.
// The others get their ID. EINVALID, and nothing written, for an item
// without its source, type or owner.
func (s *Store) WriteInbox(ctx context.Context, put []*checklist.InboxItem, done []int64) error {
	for _, it := range put {
		if err := storeutil.CheckInboxItem(it); err != nil {
			return err
		}
		it.Received, it.Lease = s.clock.At(it.Received), it.Lease.UTC().Truncate(time.Microsecond)
	}
	if slices.ContainsFunc(put, func(it *checklist.InboxItem) bool { return it.Key != "" }) && s.pruner.Due() {
		// As Claim does, relative to the items' own time.
		oldest := slices.MinFunc(put, func(a, b *checklist.InboxItem) int { return a.Received.Compare(b.Received) })
		if _, err := s.exec(ctx, `DELETE FROM claims WHERE at < ?`, ts(oldest.Received.Add(-storeutil.ClaimRetention))); err != nil {
			return storeutil.Wrap("prune claims", err)
		}
	}
	var err error
	switch {
	case len(put) == 1 && len(done) == 0:
		// What an acknowledgement on a quiet bot waits for.
		it := put[0]
		err = retry(ctx, func() error { return stored(it, s.writes.QueryRowContext(ctx, insertInbox, itemArgs(it)...)) })
	case len(put) == 0 && len(done) == 1:
		_, err = s.exec(ctx, deleteInbox, done[0])
	default:
		// Prepared before the transaction, which holds the one connection
		// preparing needs.
		insertStmt, deleteStmt := s.writes.get(ctx, insertInbox), s.writes.get(ctx, deleteInboxes)
		err = s.update(ctx, func(tx *sql.Tx) error {
			insert, err := inTx(ctx, tx, insertStmt, insertInbox)
			if err != nil {
				return err
			}
			for _, it := range put {
				if err := stored(it, insert.QueryRowContext(ctx, itemArgs(it)...)); err != nil {
					return err
				}
			}
			if len(done) == 0 {
				return nil
			}
			del, err := inTx(ctx, tx, deleteStmt, deleteInboxes)
			if err != nil {
				return err
			}
			_, err = del.ExecContext(ctx, idList(done))
			return err
		})
	}
	if err != nil {
		for _, it := range put {
			it.ID = 0
		}
		return storeutil.Wrap("write inbox", err)
	}
	return nil
}

// The statements WriteInbox runs.
const (
	insertInbox = `INSERT INTO inbox (source, kind, key, payload, received_at, owner, lease_until)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`
	deleteInbox   = `DELETE FROM inbox WHERE id = ?`
	deleteInboxes = `DELETE FROM inbox WHERE id IN (SELECT value FROM json_each(?))`
)

// itemArgs are insertInbox's arguments for it.
func itemArgs(it *checklist.InboxItem) []any {
	return []any{it.Source, it.Type, it.Key, payload(it.Payload), ts(it.Received), it.Owner, ts(it.Lease)}
}

// stored reads the id insertInbox returned into it, or leaves it 0 when
// its key was claimed before, which is no error.
func stored(it *checklist.InboxItem, row *sql.Row) error {
	it.ID = 0
	err := row.Scan(&it.ID)
	if isUnique(err) {
		return nil
	}
	if err == nil {
		it.Attempts = 1
	}
	return err
}

// TakeInbox hands owner up to limit of source's items whose lease ran out
// at or before now, oldest first, each with its lease until until and one
// more attempt. The take is one write transaction, so of processes taking
// at once each item goes to one.
func (s *Store) TakeInbox(ctx context.Context, source, owner string, now, until time.Time, limit int) ([]*checklist.InboxItem, error) {
	var items []*checklist.InboxItem
	until = until.UTC().Truncate(time.Microsecond)
	err := s.update(ctx, func(tx *sql.Tx) error {
		items = items[:0]
		rows, err := tx.QueryContext(ctx, `UPDATE inbox SET owner = ?, lease_until = ?, attempts = attempts + 1
			WHERE id IN (SELECT id FROM inbox WHERE source = ? AND lease_until <= ? ORDER BY id LIMIT ?)
			RETURNING id, kind, key, payload, received_at, attempts`, owner, ts(until), source, ts(now), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			it := &checklist.InboxItem{Source: source, Owner: owner, Lease: until}
			if err := rows.Scan(&it.ID, &it.Type, &it.Key, &it.Payload, stamp{&it.Received}, &it.Attempts); err != nil {
				return err
			}
			items = append(items, it)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, storeutil.Wrap("take inbox", err)
	}
	slices.SortFunc(items, func(a, b *checklist.InboxItem) int { return cmp.Compare(a.ID, b.ID) })
	return items, nil
}

// RenewInbox extends to until the leases owner holds on the items of ids;
// an item another process has taken over, or one already done, is left
// alone.
func (s *Store) RenewInbox(ctx context.Context, owner string, ids []int64, until time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := s.exec(ctx, `UPDATE inbox SET lease_until = ? WHERE owner = ? AND id IN (SELECT value FROM json_each(?))`,
		ts(until), owner, idList(ids))
	return storeutil.Wrap("renew inbox", err)
}

// ReleaseInbox ends every lease owner holds, so any process may take its
// items at once: for a process starting again under the name it had, and
// one stopping with work unfinished.
func (s *Store) ReleaseInbox(ctx context.Context, owner string) error {
	_, err := s.exec(ctx, `UPDATE inbox SET lease_until = ? WHERE owner = ?`, ts(time.Time{}), owner)
	return storeutil.Wrap("release inbox", err)
}

// inTx is st, the writer's kept statement for query, in tx; or query
// prepared in tx when none could be kept.
func inTx(ctx context.Context, tx *sql.Tx, st *sql.Stmt, query string) (*sql.Stmt, error) {
	if st != nil {
		return tx.StmtContext(ctx, st), nil
	}
	return tx.PrepareContext(ctx, query)
}

// idList is ids as a JSON array, for json_each: one statement for any
// number of ids.
func idList(ids []int64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(']')
	return b.String()
}

// payload is never NULL, which the column refuses: nil is stored empty.
func payload(p []byte) []byte {
	if p == nil {
		return []byte{}
	}
	return p
}
