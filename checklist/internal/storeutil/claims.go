package storeutil

import (
	"sync/atomic"
	"time"
)

// ClaimRetention is how long Claim remembers a key: far longer than any
// platform retries an event or the scheduler catches up a missed send.
const ClaimRetention = 90 * 24 * time.Hour

// ThreadRetention is how long a thread's conversation (its standard, its
// last exchange) is kept after it was last saved. A channel's own
// conversation (its chosen standard) is kept for good.
const ThreadRetention = 90 * 24 * time.Hour

// Pruner spaces out the deletion of old claims: at most once an hour per
// store, so Claim stays one insert almost always. The zero Pruner is due at
// once. It is safe for concurrent use. The hour is measured on the wall
// clock, not the store's Clock: it paces work, and stamps nothing (what is
// old enough to delete is reckoned from the stored times).
type Pruner struct{ last atomic.Int64 }

// Due reports whether it is time to prune, and if so claims the turn, so
// of concurrent callers only one prunes.
func (p *Pruner) Due() bool {
	t, last := time.Now().UnixNano(), p.last.Load()
	return t-last >= int64(time.Hour) && p.last.CompareAndSwap(last, t)
}

// Reset makes the next Due true, as if an hour had passed since the last
// pruning: for tests of pruning, which cannot wait an hour.
func (p *Pruner) Reset() { p.last.Store(0) }
