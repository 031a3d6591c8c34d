// Package work runs the background work behind acknowledged platform
// events and bounds its CPU-heavy part.
//
// A Pool tracks background work, so a graceful stop can wait for all of
// it, and gives each piece its own context that outlives the request.
// Slots bound how many messages are answered at once, on worker threads
// at a lower priority, so a CPU stays free to acknowledge new events; an
// adapter takes a slot for each message by wrapping the conversation
// core's handler once (Slot), and a call that waits on the network inside
// a slot gives it back meanwhile (Blocking).
package work

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Pool runs and tracks background work. The zero Pool is not usable; use New.
type Pool struct {
	log     *slog.Logger
	timeout time.Duration

	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to zero; nil while idle
}

// New returns a pool whose work each gets timeout to finish.
func New(log *slog.Logger, timeout time.Duration) *Pool {
	return &Pool{log: log, timeout: timeout}
}

// Add counts a piece of work in progress; Done ends it. Unlike a
// sync.WaitGroup, work may start while someone waits, which happens when an
// event arrives during shutdown.
func (p *Pool) Add() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.n == 0 {
		p.idle = make(chan struct{})
	}
	p.n++
}

// Done ends a piece of work counted by Add.
func (p *Pool) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n--
	if p.n == 0 {
		close(p.idle)
		p.idle = nil
	}
}

// Count is how much work is in progress.
func (p *Pool) Count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}

// Wait returns when no work is in progress, or with ctx's error.
func (p *Pool) Wait(ctx context.Context) error {
	p.mu.Lock()
	idle := p.idle
	p.mu.Unlock()
	if idle == nil {
		return nil
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Go runs fn in the background, tracked, on a fresh context bounded by the
// pool's timeout. A panic is logged, not fatal: one bad event must not stop
// the bot.
func (p *Pool) Go(name string, fn func(ctx context.Context)) {
	p.Add()
	go func() {
		defer p.Done()
		ctx, cancel := context.WithTimeout(context.Background(), p.timeout)
		defer cancel()
		defer func() {
			if r := recover(); r != nil {
				p.log.Error("background work panicked", "work", name, "panic", fmt.Sprint(r))
			}
		}()
		fn(ctx)
	}()
}
