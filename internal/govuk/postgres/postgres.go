// Package postgres keeps the GOV.UK copy's shelf (govuk.Shelf) in the
// shared PostgreSQL database: one row holding the packed copy, its hash,
// a version that goes up when the content changes, and when it was
// fetched. The replica that fetches from GOV.UK puts it there; the others
// compare the hash on each tick and pull it when it differs.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/standardbot/standardbot/internal/govuk"
)

// rowName is the shelf's row: one copy of GOV.UK content per database.
const rowName = "govuk"

// schema creates the table. It is run under an advisory lock, so replicas
// starting together do not race to create it.
const schema = `CREATE TABLE IF NOT EXISTS standardbot_govuk_copy (
	name       text PRIMARY KEY,
	version    bigint NOT NULL,
	sha256     text NOT NULL,
	fetched_at timestamptz NOT NULL,
	data       bytea NOT NULL,
	updated_at timestamptz NOT NULL DEFAULT now()
)`

// Shelf is a govuk.Shelf in PostgreSQL.
type Shelf struct {
	pool *pgxpool.Pool
}

var _ govuk.Shelf = (*Shelf)(nil)

// New creates the shelf's table if it is missing (in the first schema of
// the pool's search_path) and returns the shelf.
func New(ctx context.Context, pool *pgxpool.Pool) (*Shelf, error) {
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtext('standardbot govuk shelf'))"); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, schema)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("govuk shelf: create table: %w", err)
	}
	return &Shelf{pool: pool}, nil
}

// Stamp describes the copy on the shelf without reading it.
func (s *Shelf) Stamp(ctx context.Context) (govuk.Stamp, error) {
	var st govuk.Stamp
	err := s.pool.QueryRow(ctx, `SELECT version, sha256, fetched_at FROM standardbot_govuk_copy WHERE name = $1`, rowName).
		Scan(&st.Version, &st.SHA256, &st.FetchedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return govuk.Stamp{}, nil
	}
	if err != nil {
		return govuk.Stamp{}, fmt.Errorf("govuk shelf: stamp: %w", err)
	}
	return st, nil
}

// Get returns the packed copy and its stamp.
func (s *Shelf) Get(ctx context.Context) (govuk.Stamp, []byte, error) {
	var st govuk.Stamp
	var data []byte
	err := s.pool.QueryRow(ctx, `SELECT version, sha256, fetched_at, data FROM standardbot_govuk_copy WHERE name = $1`, rowName).
		Scan(&st.Version, &st.SHA256, &st.FetchedAt, &data)
	if errors.Is(err, pgx.ErrNoRows) {
		return govuk.Stamp{}, nil, nil
	}
	if err != nil {
		return govuk.Stamp{}, nil, fmt.Errorf("govuk shelf: get: %w", err)
	}
	return st, data, nil
}

// Put publishes a packed copy. Unchanged content keeps its version and
// only moves fetched_at on; a copy fetched before the one on the shelf is
// not put at all.
func (s *Shelf) Put(ctx context.Context, packed []byte, fetchedAt time.Time) (govuk.Stamp, error) {
	sum := govuk.Hash(packed)
	_, err := s.pool.Exec(ctx, `
INSERT INTO standardbot_govuk_copy AS c (name, version, sha256, fetched_at, data)
VALUES ($1, 1, $2, $3, $4)
ON CONFLICT (name) DO UPDATE SET
	version    = CASE WHEN c.sha256 = EXCLUDED.sha256 THEN c.version ELSE c.version + 1 END,
	data       = CASE WHEN c.sha256 = EXCLUDED.sha256 THEN c.data ELSE EXCLUDED.data END,
	sha256     = EXCLUDED.sha256,
	fetched_at = EXCLUDED.fetched_at,
	updated_at = now()
WHERE c.fetched_at <= EXCLUDED.fetched_at`, rowName, sum, fetchedAt, packed)
	if err != nil {
		return govuk.Stamp{}, fmt.Errorf("govuk shelf: put: %w", err)
	}
	return s.Stamp(ctx)
}
