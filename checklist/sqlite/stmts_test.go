package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

func TestStmtsPrepareOnceAndFallBack(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", dsn(filepath.Join(t.TempDir(), "s.db")))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := newStmts(db)
	if _, err := c.ExecContext(ctx, `CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)`); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := c.ExecContext(ctx, `INSERT INTO t (k, v) VALUES (?, ?)`, string(rune('a'+i)), i); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := c.QueryRowContext(ctx, `SELECT count(*) FROM t WHERE v >= ?`, 1).Scan(&n); err != nil || n != 2 {
		t.Errorf("count = %d, %v; want 2", n, err)
	}
	if len(c.m) != 3 {
		t.Errorf("%d statements kept, want 3 (one per distinct query)", len(c.m))
	}
	// A schema change under a kept statement: SQLite recompiles it.
	if _, err := c.ExecContext(ctx, `ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'x'`); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRowContext(ctx, `SELECT count(*) FROM t WHERE v >= ?`, 0).Scan(&n); err != nil || n != 3 {
		t.Errorf("after ALTER: count = %d, %v; want 3", n, err)
	}
	// A query that cannot be prepared runs directly and fails the same way.
	if err := c.QueryRowContext(ctx, `SELECT nope FROM t`).Scan(&n); err == nil {
		t.Error("a bad query succeeded")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&n); err != nil || n != 3 {
		t.Errorf("after Close, unprepared: %d, %v", n, err)
	}
}
