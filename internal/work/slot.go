package work

import (
	"context"
	"errors"
	"log/slog"
)

// Slots bound the CPU-heavy part of the work, answering messages: at most
// Size run at once, and on Linux each on a thread at a lower scheduling
// priority, so acknowledging a new event (which Slack wants within 3
// seconds) always wins a CPU over answering an old one. One Slots is
// shared by every adapter of a process. Sends should not take a slot.
type Slots struct {
	log *slog.Logger
	sem *semaphore
	// jobs hands work to idle workers.
	jobs chan func()
}

// NewSlots returns n slots (at least one), whose work runs on worker
// threads started when needed that stop when idle. serve gives one fewer
// than the CPUs the process may use, keeping one for acknowledgements.
func NewSlots(n int, log *slog.Logger) *Slots {
	return &Slots{log: log, sem: newSemaphore(max(1, n)), jobs: make(chan func())}
}

// Size is how many pieces of slotted work may run at once.
func (s *Slots) Size() int { return s.sem.size }

// ErrNoSlot is returned, with the context's error, when the context ended
// before a slot came: the work never started.
var ErrNoSlot = errors.New("no answering slot came in time")

// slotKey marks a context as running in a slot.
type slotKey struct{}

// slot is a running piece of slotted work. held is only touched by the
// goroutine running it, and read by whoever took the slot after it ends.
type slot struct {
	s     *Slots
	heavy bool
	held  bool
}

// Blocking runs fn, which waits on the network, and when ctx is slotted
// work's, gives the slot back for fn's duration so other answers can run
// meanwhile; it takes a slot again before returning (unless ctx ends
// first). One slow model call must not hold up every other message.
// Outside a slot it only runs fn.
func Blocking(ctx context.Context, fn func()) {
	sl, _ := ctx.Value(slotKey{}).(*slot)
	if sl == nil || !sl.held {
		fn()
		return
	}
	sl.s.sem.release()
	sl.held = false
	fn()
	if sl.s.sem.acquire(ctx, sl.heavy) == nil {
		sl.held = true
	}
}
