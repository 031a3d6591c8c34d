package work

import "context"

// Slotted runs fn on one of the pool's answering workers: the CPU-heavy
// part of the work (the core's answer). At most CPUs-1 run at once, and on
// Linux each runs on a thread at a lower scheduling priority, so
// acknowledging a new event (which Slack wants within 3 seconds) always
// wins a CPU over answering an old one. fn gets a context that lets a
// call waiting on the network (a language model) give its slot back while
// it waits: see Blocking. Sends should not be slotted at all.
func Slotted[T any](ctx context.Context, p *Pool, fn func(ctx context.Context) (T, error)) (T, error) {
	var zero T
	if err := p.slots.acquire(ctx, isHeavy(ctx)); err != nil {
		return zero, err
	}
	s := &slot{p: p, held: true}
	sctx := context.WithValue(ctx, slotKey{}, s)
	var (
		v        T
		err      error
		panicked any
	)
	done := make(chan struct{})
	p.run(func() {
		defer close(done)
		defer func() { panicked = recover() }()
		v, err = fn(sctx)
	})
	<-done
	if s.held {
		p.slots.release()
	}
	if panicked != nil {
		panic(panicked) // on the caller's goroutine, where Go recovers it
	}
	return v, err
}

// slotKey marks a context as running in a slot.
type slotKey struct{}

// slot is a running piece of slotted work. held is only touched by the
// goroutine running it, and read by Slotted after it ends.
type slot struct {
	p    *Pool
	held bool
}

// Blocking runs fn, which waits on the network, and when ctx is slotted
// work's, gives the slot back for fn's duration so other answers can run
// meanwhile; it takes a slot again before returning (unless ctx ends
// first). One slow model call must not hold up every other message.
func Blocking(ctx context.Context, fn func()) {
	s, _ := ctx.Value(slotKey{}).(*slot)
	if s == nil || !s.held {
		fn()
		return
	}
	s.p.slots.release()
	s.held = false
	fn()
	if s.p.slots.acquire(ctx, isHeavy(ctx)) == nil {
		s.held = true
	}
}

// Slots is how many pieces of slotted work may run at once.
func (p *Pool) Slots() int { return p.slots.size }
