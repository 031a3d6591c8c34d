// Package postgres is the checklist.Store on PostgreSQL, through pgx: for
// several replicas of the bot sharing one database. A write that reads
// before it writes (a status's old value, a project's settings) first
// locks the project's row, so writers to one project take turns and lose
// nothing; writers to different projects do not wait for each other.
// Claim keys are kept for 90 days.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// Store is a checklist.Store on PostgreSQL. It is safe for concurrent use,
// and for use alongside other replicas on the same database.
type Store struct {
	pool         *pgxpool.Pool
	pruner       storeutil.Pruner
	threadPruner storeutil.Pruner
	clock        storeutil.Clock
}

var _ checklist.Store = (*Store)(nil)

// Option configures Open.
type Option func(*Store)

// WithClock makes the store stamp everything it writes (creation and
// change times, history, conversations, applied migrations) with now's
// time instead of the wall clock's: cmd passes the clock the rest of the
// process reads, tests a fixed one.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.clock = now }
}

// Open connects to the database at url (postgres://user:pass@host/db?...)
// and brings its schema up to date. The tables live in the first schema of
// the search_path, which a search_path parameter in the URL may set (each
// test uses its own schema that way); the schema must exist. pgxpool's URL
// parameters, such as pool_max_conns, apply.
func Open(ctx context.Context, url string, opts ...Option) (*Store, error) {
	ms, err := storeutil.Migrations(migrationFiles)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return openAt(ctx, url, ms, opts...)
}

// openAt is Open with the schema brought up to the last of ms: all the
// migrations, but for tests of upgrading a schema an older version made.
func openAt(ctx context.Context, url string, ms []storeutil.Migration, opts ...Option) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil { // pgx redacts the password from the URL it quotes
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	s := &Store{pool: pool}
	for _, o := range opts {
		o(s)
	}
	if err := migrate(ctx, pool, ms, s.clock); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return s, nil
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("ping postgres: %w", err)
	}
	return nil
}

// Close closes the pool's connections, waiting for those in use.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// update runs fn in a transaction and commits it.
func (s *Store) update(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

// queryer is what reads need: the pool, or a transaction that reads before
// it writes.
type queryer interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// pointRange is what checking a point number needs of its project.
type pointRange struct {
	standard string
	points   int
}

// pointsOf reads a project's standard and number of points; ENOTFOUND.
func pointsOf(ctx context.Context, q queryer, id int64) (pointRange, error) {
	var r pointRange
	err := q.QueryRow(ctx, `SELECT standard, points FROM projects WHERE id = $1`, id).Scan(&r.standard, &r.points)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, checklist.ErrNoProject(id)
	}
	return r, err
}

// lockProject is pointsOf for a writer: it locks the project's row until
// the transaction ends, so writers to one project take turns. NO KEY
// UPDATE, because the key never changes: inserts elsewhere that only check
// the foreign key to the project need not wait.
func lockProject(ctx context.Context, tx pgx.Tx, id int64) (pointRange, error) {
	var r pointRange
	err := tx.QueryRow(ctx, `SELECT standard, points FROM projects WHERE id = $1 FOR NO KEY UPDATE`, id).Scan(&r.standard, &r.points)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, checklist.ErrNoProject(id)
	}
	return r, err
}

// isUnique reports whether err is a unique-constraint violation.
func isUnique(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

// Pool is the store's connection pool, for River, which keeps its job
// tables in the same database.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }
