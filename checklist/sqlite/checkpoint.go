package sqlite

import (
	"database/sql"
	"sync"
	"time"
)

// checkpointEvery is how often a store moves what has been committed to
// the WAL into the database file.
const checkpointEvery = time.Second

// checkpointer moves the WAL into the database file in the background.
// Left to itself SQLite does it inside whichever commit takes the WAL past
// 1,000 pages, and syncs the file to disk while that commit waits: a few
// milliseconds, every few hundred commits, which an acknowledgement
// waiting for the inbox would feel (docs/BENCHMARKS.md). So the writer's
// automatic checkpoints are off (wal_autocheckpoint(0)), and a connection
// of the checkpointer's own runs a PASSIVE checkpoint every
// checkpointEvery: it never waits for, or holds up, a writer or a reader,
// and with several processes on the file whichever gets there first does
// the work. The WAL still holds every commit until it is checkpointed, so
// nothing committed is less safe.
type checkpointer struct {
	db     *sql.DB
	stop   chan struct{}
	done   chan struct{}
	closed sync.Once
	err    error
}

// startCheckpointer opens the checkpointer's connection to path and
// starts it.
func startCheckpointer(path string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c, nil
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			// A checkpoint that finds another process's in progress, or
			// the file busy, is simply done again next time.
			_, _ = c.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

// close stops the checkpointer and closes its connection; the last
// connection to the file to close checkpoints what is left. Closing twice
// is harmless: a test's cleanup and the code under test may both close
// the store.
func (c *checkpointer) close() error {
	c.closed.Do(func() {
		close(c.stop)
		<-c.done
		c.err = c.db.Close()
	})
	return c.err
}
