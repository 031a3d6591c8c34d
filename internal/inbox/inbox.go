// Package inbox keeps every platform event the bot acknowledges in the
// database until its work is done, so a crash loses none of them.
//
// An adapter puts an event in before it acknowledges it (Put waits for the
// commit; concurrent puts share one, see writer), records it done once the
// core has handled it (Done, before any reply goes out, so a reply is sent
// at most once), and gives it back when its work could not start (Retry).
// Each item is held by one process under a lease the holder renews while
// it works. When a process dies its leases run out and another process
// takes its items over (Run); a process starting again under the same name
// takes them over at once (New releases them). On PostgreSQL each
// leftover goes to exactly one replica.
package inbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/metrics"
)

// Handler starts the work of an item taken over from a process that did
// not finish it. It should not wait for the work: the item is the
// handler's until it calls Done or Retry.
type Handler func(it *checklist.InboxItem)

// Defaults.
const (
	// DefaultLease is how long a process's hold on an item lasts unless
	// renewed, so how long a dead replica's items wait for another one.
	DefaultLease = 30 * time.Second
	// maxAttempts is how many processes may take an item before it is
	// dropped: one that makes every process that works it die would
	// otherwise take each replica down in turn.
	maxAttempts = 10
	// maxHeld stops taking items over while this process already holds
	// so many, fresh ones included: an item is taken only when it can be
	// worked soon, so that a process killed while busy has not taken (and
	// counted an attempt at) what it never started, and a replica with
	// time to spare takes more than a busy one.
	maxHeld = 64
	// retakeAfter is how soon taking over goes on while items may be
	// waiting: this process was holding too many to take them all.
	retakeAfter = 100 * time.Millisecond
	// writeTimeout bounds one transaction of the writer.
	writeTimeout = 10 * time.Second
)

// ErrClosed is Put's and Done's error once the inbox has stopped.
var ErrClosed = errors.New("inbox closed")

// Config is how an inbox runs.
type Config struct {
	// Owner names this process in the database: stable across restarts
	// and unique among the processes sharing the database (cmd uses the
	// host name and listen address), so that a restart takes over at once
	// what the process it replaces left.
	Owner string
	// Lease is DefaultLease when 0.
	Lease time.Duration
	// Log receives the inbox's logs; nil is slog.Default().
	Log *slog.Logger
	// Metrics, when set, receives the inbox's metrics.
	Metrics *metrics.Registry
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// Inbox is the database's inbox as one process uses it. Its methods are
// safe for concurrent use.
type Inbox struct {
	store checklist.Inbox
	cfg   Config
	log   *slog.Logger
	w     *writer
	m     *inboxMetrics

	// taking is held while items are taken over; draining, set under
	// it, ends taking over for good.
	taking   sync.Mutex
	draining bool

	mu       sync.Mutex
	handlers map[string]Handler
	// held are the items this process works, whose leases it renews.
	held map[int64]struct{}
	// undone are held items whose Done could not be written: tried again
	// at each renewal, and held (so not worked again) meanwhile.
	undone map[int64]struct{}
}

// New returns the inbox of store for the process cfg.Owner names, and
// releases the items that process left when it last stopped (or died),
// so that they are worked again at once. Call it before any event is
// acknowledged.
func New(ctx context.Context, store checklist.Inbox, cfg Config) (*Inbox, error) {
	if cfg.Owner == "" {
		return nil, errors.New("inbox: an owner is required")
	}
	if cfg.Lease <= 0 {
		cfg.Lease = DefaultLease
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if err := store.ReleaseInbox(ctx, cfg.Owner); err != nil {
		return nil, fmt.Errorf("inbox: %w", err)
	}
	ib := &Inbox{
		store: store, cfg: cfg, log: cfg.Log.With("owner", cfg.Owner),
		handlers: map[string]Handler{}, held: map[int64]struct{}{}, undone: map[int64]struct{}{},
	}
	ib.m = newInboxMetrics(cfg.Metrics, ib)
	ib.w = newWriter(store, ib.m)
	return ib, nil
}

// Handle makes h the handler of source's items taken over from a process
// that did not finish them.
func (ib *Inbox) Handle(source string, h Handler) {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	ib.handlers[source] = h
}

// Put stores it, held by this process, and returns once it is committed:
// true when it is new, false when its Key was put before (a redelivery,
// whose work is already done or in hand). Only after Put returns true
// without error may the event be acknowledged and worked; an error means
// it must not be acknowledged (the platform will deliver it again). Put
// sets its ID, Owner, Lease and Attempts.
func (ib *Inbox) Put(ctx context.Context, it *checklist.InboxItem) (bool, error) {
	if it.Received.IsZero() {
		it.Received = ib.cfg.Now()
	}
	it.Owner, it.Lease = ib.cfg.Owner, ib.cfg.Now().Add(ib.cfg.Lease)
	start := time.Now()
	if err := ib.w.do(ctx, it, 0); err != nil {
		return false, err
	}
	ib.m.put(start)
	if it.ID == 0 {
		return false, nil
	}
	ib.hold(it.ID)
	return true, nil
}

// Done records that an item has been handled: it will not be worked
// again, even if this process dies before the replies are out. If the
// database cannot be written the item stays held, not worked again, and
// the inbox tries again at each renewal.
func (ib *Inbox) Done(ctx context.Context, id int64) error {
	if err := ib.w.do(ctx, nil, id); err != nil {
		ib.mu.Lock()
		ib.undone[id] = struct{}{}
		ib.mu.Unlock()
		return fmt.Errorf("inbox: record item %d done: %w", id, err)
	}
	ib.release(id)
	return nil
}

// Retry gives back an item whose work could not start: this process stops
// renewing its lease, so it is worked again, here or by another replica,
// once the lease runs out.
func (ib *Inbox) Retry(id int64) { ib.release(id) }

func (ib *Inbox) hold(id int64) {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	ib.held[id] = struct{}{}
}

func (ib *Inbox) release(id int64) {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	delete(ib.held, id)
	delete(ib.undone, id)
}

// Held is how many items this process is working.
func (ib *Inbox) Held() int {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	return len(ib.held)
}

// Name names the inbox among serve's services.
func (ib *Inbox) Name() string { return "inbox" }
