package inbox

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Volatile is an inbox that keeps nothing, for an adapter given no
// database to keep its events in (its tests): Put claims the item's key,
// so a redelivery is still worked once, but a crash loses whatever was
// acknowledged.
type Volatile struct {
	// Claim records a key once (a store's Claim).
	Claim func(ctx context.Context, key string, at time.Time) (bool, error)
	n     atomic.Int64
}

// Put claims its key and numbers it; false for a key claimed before.
func (v *Volatile) Put(ctx context.Context, it *checklist.InboxItem) (bool, error) {
	if it.Key != "" {
		first, err := v.Claim(ctx, it.Key, it.Received)
		if err != nil || !first {
			return false, err
		}
	}
	it.ID, it.Attempts = v.n.Add(1), 1
	return true, nil
}

// Done does nothing: nothing was kept.
func (v *Volatile) Done(context.Context, int64) error { return nil }

// Retry does nothing: nothing was kept, so nothing is worked again.
func (v *Volatile) Retry(int64) {}
