// Package sqlite is the checklist.Store on one SQLite file, through
// modernc.org/sqlite (pure Go, no cgo): the embedded default, with nothing
// else to run. Several processes may share the file; every write is a
// BEGIN IMMEDIATE transaction, so a read-modify-write such as "old status ->
// new" cannot interleave with another writer's. Claim keys are kept for 90
// days.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// Store is a checklist.Store on one SQLite file. It is safe for concurrent
// use, and for use alongside other processes opening the same file.
type Store struct {
	// write has exactly one connection, so the process's writers queue in
	// database/sql (honouring their contexts) instead of contending for
	// SQLite's single write lock and spinning in the busy handler; only
	// other processes ever make it wait, for at most busy_timeout.
	write *sql.DB
	// read is a small pool of query_only connections: under WAL a reader
	// sees the last commit and never waits behind a write, so status pages
	// stay fast while someone marks a point.
	read *sql.DB
	// reads and writes run the store's queries on read and write through
	// statements prepared once.
	reads, writes *stmts
	pruner        storeutil.Pruner
	threadPruner  storeutil.Pruner
	clock         storeutil.Clock
	// checkpoints moves the WAL into the file off the writer's path.
	checkpoints *checkpointer
}

var _ checklist.Store = (*Store)(nil)

// readConns bounds the read pool: enough for a bot's concurrent requests,
// few enough that each connection's page cache stays warm.
const readConns = 4

// Option configures Open.
type Option func(*Store)

// WithClock makes the store stamp everything it writes (creation and
// change times, history, conversations, applied migrations) with now's
// time instead of the wall clock's: cmd passes the clock the rest of the
// process reads, tests a fixed one.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.clock = now }
}

// Open opens or creates the database file at path, creating its folder,
// and brings its schema up to date.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	ms, err := storeutil.Migrations(migrationFiles)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	return openAt(ctx, path, ms, opts...)
}

// openAt is Open with the schema brought up to the last of ms: all the
// migrations, but for tests of upgrading a file an older version made.
func openAt(ctx context.Context, path string, ms []storeutil.Migration, opts ...Option) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	s := &Store{}
	for _, o := range opts {
		o(s)
	}
	if s.write, err = sql.Open("sqlite", dsn(abs, "_txlock=immediate", "_pragma=wal_autocheckpoint(0)")); err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	s.write.SetMaxOpenConns(1)
	// The writer's connection creates the file and switches it to WAL,
	// which another process doing the same at that moment can make busy.
	if err := retry(ctx, func() error { return s.write.PingContext(ctx) }); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", abs, err)
	}
	if err := migrateFile(ctx, abs, ms, s.clock); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", abs, err)
	}
	// Opened once the writer has created the file, switched it to WAL and
	// migrated it: a query_only connection can do none of those.
	if s.read, err = sql.Open("sqlite", dsn(abs, "_pragma=query_only(1)")); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	s.read.SetMaxOpenConns(readConns)
	s.read.SetMaxIdleConns(readConns)
	s.reads, s.writes = newStmts(s.read), newStmts(s.write)
	if err := retry(ctx, func() error { return s.read.PingContext(ctx) }); err != nil {
		s.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", abs, err)
	}
	if s.checkpoints, err = startCheckpointer(abs); err != nil {
		s.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", abs, err)
	}
	return s, nil
}

// dsn is the connection string every connection shares, plus extra. The
// pragmas are per connection, so they go in the DSN rather than an Exec.
//
// synchronous=NORMAL under WAL syncs at checkpoints, not at each commit: a
// commit survives the process crashing or being killed (SIGKILL, OOM), which
// is what the Store promises, but the last commits before a power cut or
// kernel panic may be lost. FULL would add an fsync to every commit.
func dsn(path string, extra ...string) string {
	q := append([]string{
		fmt.Sprintf("_pragma=busy_timeout(%d)", busyTimeout.Milliseconds()), // another process's write: wait, then retry
		"_pragma=journal_mode(WAL)",
		"_pragma=synchronous(NORMAL)",
		"_pragma=foreign_keys(1)",
	}, extra...)
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + strings.Join(q, "&")
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.read.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("ping sqlite: %w", err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	var errs []error
	if s.checkpoints != nil {
		errs = append(errs, s.checkpoints.close())
	}
	return errors.Join(append(errs, s.reads.Close(), s.writes.Close(), s.read.Close(), s.write.Close())...)
}

// update runs fn in a write transaction, BEGIN IMMEDIATE: the write lock is
// taken up front, so what fn reads cannot change before it writes, even
// from another process. While another process holds the lock for longer
// than busy_timeout, the whole transaction is tried again (see retry), so
// fn may run more than once: it must only read and write through tx and
// set what it returns afresh.
func (s *Store) update(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return retry(ctx, func() error {
		tx, err := s.write.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := fn(tx); err != nil {
			return err
		}
		return tx.Commit()
	})
}

// exec runs one write statement on its own (its own transaction), tried
// again while the database is busy.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := retry(ctx, func() error {
		var err error
		res, err = s.writes.ExecContext(ctx, query, args...)
		return err
	})
	return res, err
}

// queryer is what reads need: the read pool, or a write transaction that
// reads before it writes.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// timeFormat is how times are stored: fixed width, so text order is time order.
const timeFormat = "2006-01-02T15:04:05.000000Z"

func ts(t time.Time) string { return t.UTC().Format(timeFormat) }

// timeOrNull is an optional time's stored form: NULL for the zero time.
func timeOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := ts(t)
	return &s
}

// stamp scans a stored time; NULL (from an outer join) leaves it zero.
type stamp struct{ t *time.Time }

func (s stamp) Scan(v any) error {
	var text string
	switch v := v.(type) {
	case nil:
		*s.t = time.Time{}
		return nil
	case string:
		text = v
	case []byte:
		text = string(v)
	default:
		return fmt.Errorf("scan time: unexpected %T", v)
	}
	t, err := time.Parse(timeFormat, text)
	if err != nil {
		return fmt.Errorf("scan time: %w", err)
	}
	*s.t = t.UTC()
	return nil
}

// isUnique reports whether err is a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// WriteDB is the store's single writer connection, for River, which keeps
// its job tables in the same file: sharing the one writer means the two
// never contend for SQLite's write lock.
func (s *Store) WriteDB() *sql.DB { return s.write }
