package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// migrationFiles are the schema's versions, NNNN_name.sql, applied in order.
// A released file never changes: a new version is a new file.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// steps are the Go parts of migrations, run after their SQL in the same
// transaction: what SQL cannot compute.
var steps = map[int]func(ctx context.Context, tx pgx.Tx, now time.Time) error{
	3: backfillNextDue,
}

// migrate applies the migrations of ms the schema lacks, with their Go
// steps, all in one transaction (PostgreSQL's DDL is transactional): a
// failure leaves the schema as it was. A transaction-scoped advisory lock,
// keyed on the schema, makes replicas starting together take turns: the
// second waits, then finds nothing left to do. Even CREATE TABLE IF NOT
// EXISTS races without it.
func migrate(ctx context.Context, pool *pgxpool.Pool, ms []storeutil.Migration, clock storeutil.Clock) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		var schema *string
		if err := tx.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if schema == nil {
			return errors.New("no schema to create tables in: the search_path names none that exists; create it, or fix search_path")
		}
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('standardbot.migrate:' || $1))`, *schema); err != nil {
			return fmt.Errorf("migrate: lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    integer PRIMARY KEY,
			name       text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		var have int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if latest := len(ms); have > latest {
			return fmt.Errorf("database schema %s is version %d, newer than this standardbot knows (%d): run a newer standardbot, or point it at another database", *schema, have, latest)
		}
		for _, m := range ms[have:] {
			// No arguments: pgx sends it as a simple query, which may hold
			// several statements.
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migrate %s: %w", m.Name, err)
			}
			if step := steps[m.Version]; step != nil {
				if err := step(ctx, tx, clock.Now()); err != nil {
					return fmt.Errorf("migrate %s: %w", m.Name, err)
				}
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, m.Version, m.Name, clock.Now()); err != nil {
				return fmt.Errorf("migrate %s: %w", m.Name, err)
			}
		}
		return nil
	})
}
