package inbox

import (
	"context"
	"maps"
	"slices"
	"time"
)

// Run keeps this process's leases and takes over items other processes
// left, until ctx ends: at once, then every third of a lease, and every
// retakeAfter while items may be waiting for this process to have room
// for them. The handlers should be registered before it starts.
func (ib *Inbox) Run(ctx context.Context) error {
	renew := time.NewTicker(ib.cfg.Lease / 3)
	defer renew.Stop()
	take := time.NewTimer(0)
	defer take.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-renew.C:
			ib.renew(ctx)
		case <-take.C:
			next := ib.cfg.Lease / 3
			if ib.takeOver(ctx) {
				next = retakeAfter
			}
			take.Reset(next)
		}
	}
}

// Drain stops the writer and ends the leases on items this process has
// not finished, so other replicas (or this one, restarted) work them at
// once rather than a lease later. Call it once the adapters have drained.
func (ib *Inbox) Drain(ctx context.Context) error {
	// No more taking over, and none under way, before the release: an
	// item taken after it would be held by a process about to exit.
	ib.taking.Lock()
	ib.draining = true
	ib.taking.Unlock()
	ib.w.stop()
	// Even when the grace period has run out: it is one statement.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer cancel()
	if err := ib.store.ReleaseInbox(ctx, ib.cfg.Owner); err != nil {
		ib.log.Warn("inbox: release unfinished items", "held", ib.Held(), "err", err)
	}
	return nil
}

// renew extends the leases on the items this process holds, and tries
// again to record those done whose Done could not be written.
func (ib *Inbox) renew(ctx context.Context) {
	ib.mu.Lock()
	held := slices.Collect(maps.Keys(ib.held))
	undone := slices.Collect(maps.Keys(ib.undone))
	ib.mu.Unlock()
	if len(undone) > 0 {
		ib.writeDone(ctx, undone)
	}
	if len(held) == 0 {
		return
	}
	if err := ib.store.RenewInbox(ctx, ib.cfg.Owner, held, ib.cfg.Now().Add(ib.cfg.Lease)); err != nil && ctx.Err() == nil {
		ib.log.Warn("inbox: renew leases", "held", len(held), "err", err)
	}
}

// writeDone records done the items whose Done failed earlier.
func (ib *Inbox) writeDone(ctx context.Context, ids []int64) {
	if err := ib.store.WriteInbox(ctx, nil, ids); err != nil {
		ib.log.Warn("inbox: record items done", "items", len(ids), "err", err)
		return
	}
	for _, id := range ids {
		ib.release(id)
	}
}

// takeOver takes the items whose lease has run out, source by source, and
// hands each to its handler, until none is left or this process holds
// maxHeld. It reports whether items may be left for want of room.
func (ib *Inbox) takeOver(ctx context.Context) (more bool) {
	ib.taking.Lock()
	defer ib.taking.Unlock()
	if ib.draining {
		return false
	}
	ib.mu.Lock()
	handlers := maps.Clone(ib.handlers)
	ib.mu.Unlock()
	for source, h := range handlers {
		taken := 0
		for ctx.Err() == nil {
			room := maxHeld - ib.Held()
			if room <= 0 {
				more = true
				break
			}
			now := ib.cfg.Now()
			items, err := ib.store.TakeInbox(ctx, source, ib.cfg.Owner, now, now.Add(ib.cfg.Lease), room)
			if err != nil {
				if ctx.Err() == nil {
					ib.log.Warn("inbox: take over unfinished items", "source", source, "err", err)
				}
				break
			}
			for _, it := range items {
				ib.hold(it.ID)
				if it.Attempts > maxAttempts {
					ib.log.Error("inbox: item dropped after too many attempts", "source", source, "type", it.Type,
						"item", it.ID, "attempts", it.Attempts, "received", it.Received)
					ib.m.dropped(source)
					_ = ib.Done(ctx, it.ID)
					continue
				}
				taken++
				ib.m.takenOver(source)
				h(it)
			}
			if len(items) < room {
				break
			}
		}
		if taken > 0 {
			ib.log.Info("inbox: working items a process left unfinished", "source", source, "items", taken)
		}
	}
	return more
}
