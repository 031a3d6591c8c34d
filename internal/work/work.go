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

// CPUs is the number of CPUs Go found the process may use (GOMAXPROCS as
// it was at start, which follows cgroup limits), read before serve raises
// GOMAXPROCS.
var CPUs = runtime.GOMAXPROCS(0)

// Pool runs and tracks background work. The zero Pool is not usable; use New.
type Pool struct {
	log     *slog.Logger
	timeout time.Duration
	// slots bounds the slotted work running at once.
	slots *semaphore
	// jobs hands work to idle workers.
	jobs chan func()

	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to zero; nil while idle
}

// New returns a pool whose work each gets timeout to finish, and whose
// slotted work runs at most CPUs-1 at a time (at least one), on
// workers started when needed that stop when idle.
func New(log *slog.Logger, timeout time.Duration) *Pool {
	n := max(1, CPUs-1)
	return &Pool{log: log, timeout: timeout, jobs: make(chan func()), slots: newSemaphore(n)}
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
