package sqlite

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// busyTimeout is how long one attempt waits for another process's lock
// inside SQLite (its busy_timeout) before the store tries again.
var busyTimeout = 5 * time.Second

// busyRetryFor bounds how long a write keeps trying while other processes
// hold the file's lock, beyond its own context.
const busyRetryFor = time.Minute

// isBusy reports whether err is SQLite saying another connection holds a
// lock it needs: SQLITE_BUSY or SQLITE_LOCKED, with any extended code.
// busy_timeout does not cover every case (a lock held longer than it; a
// WAL file being reset as the last connection to it closes; a read
// snapshot that went stale before its write), so the store tries again.
func isBusy(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return false
}

// retry runs fn, and again while it fails because the database is busy,
// waiting a little longer each time (with jitter, so processes that
// collided do not collide again), until ctx ends or busyRetryFor has
// passed. fn must leave nothing behind when it fails: a statement or a
// whole transaction. busyRetryFor is measured on the wall clock, not the
// store's: it bounds how long a caller waits, and stamps nothing.
func retry(ctx context.Context, fn func() error) error {
	deadline := time.Now().Add(busyRetryFor)
	wait := 2 * time.Millisecond
	for {
		err := fn()
		if !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		t := time.NewTimer(wait/2 + rand.N(wait))
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait = min(2*wait, 250*time.Millisecond)
	}
}
