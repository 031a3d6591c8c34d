package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"time"

	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// migrationFiles are the schema's versions, NNNN_name.sql, applied in order.
// A released file never changes: a new version is a new file.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// steps are the Go parts of migrations, run after their SQL in the same
// transaction: what SQL cannot compute.
var steps = map[int]func(ctx context.Context, tx *sql.Tx, now time.Time) error{
	3: backfillNextDue,
}

// migrateFile brings the file at path up to the last of ms, on a
// connection of its own whose transactions are BEGIN EXCLUSIVE: nobody
// else writes while the schema changes. Processes starting together take
// turns, each reading the version under the lock, so the later ones find
// nothing left to do; one that finds the file busy for longer than
// busy_timeout tries again (see retry).
func migrateFile(ctx context.Context, path string, ms []storeutil.Migration, clock storeutil.Clock) error {
	db, err := sql.Open("sqlite", dsn(path, "_txlock=exclusive"))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return retry(ctx, func() error { return migrate(ctx, db, ms, clock) })
}

// migrate applies the migrations of ms the database lacks, with their Go
// steps, all in one transaction: a failure leaves the schema as it was.
// The transaction takes the write lock as it begins (db's transactions are
// IMMEDIATE or EXCLUSIVE), so a second process starting at the same moment
// waits, then finds nothing left to do.
func migrate(ctx context.Context, db *sql.DB, ms []storeutil.Migration, clock storeutil.Clock) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	) STRICT`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if latest := len(ms); have > latest {
		return fmt.Errorf("database schema is version %d, newer than this standardbot knows (%d): run a newer standardbot, or point it at another database", have, latest)
	}
	for _, m := range ms[have:] {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("migrate %s: %w", m.Name, err)
		}
		if step := steps[m.Version]; step != nil {
			if err := step(ctx, tx, clock.Now()); err != nil {
				return fmt.Errorf("migrate %s: %w", m.Name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			m.Version, m.Name, ts(clock.Now())); err != nil {
			return fmt.Errorf("migrate %s: %w", m.Name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}
