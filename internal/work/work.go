// Package work runs the background work behind acknowledged platform
// events: tracked, so a graceful stop can wait for all of it, each piece on
// its own context that outlives the request, and with the CPU-heavy part
// bounded so a CPU stays free to acknowledge new events.
package work

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"
)

// Pool runs and tracks background work. The zero Pool is not usable; use New.
type Pool struct {
	log     *slog.Logger
	timeout time.Duration
	slots   chan struct{}

	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to zero; nil while idle
}

// New returns a pool whose work each gets timeout to finish, and whose
// slotted work runs at most GOMAXPROCS-1 at a time (at least one).
func New(log *slog.Logger, timeout time.Duration) *Pool {
	return &Pool{log: log, timeout: timeout, slots: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))}
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

// Slotted runs fn within a slot: the CPU-heavy part of the work (the
// core's answer), bounded so acknowledgements keep a CPU. Sends, which wait
// on the network, should not be slotted: one slow call would hold up all.
func Slotted[T any](ctx context.Context, p *Pool, fn func() (T, error)) (T, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
	defer func() { <-p.slots }()
	return fn()
}
