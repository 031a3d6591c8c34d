package work

import (
	"context"
	"sync"
)

// semaphore hands out a fixed number of slots, ordinary work before heavy
// work: an ordinary question waits for at most the one piece of work in
// its way, not behind every pasted essay queued before it. Within a kind,
// first come, first served.
type semaphore struct {
	mu      sync.Mutex
	size    int
	free    int
	waiting [2][]chan struct{} // by kind: ordinary, heavy
}

func newSemaphore(n int) *semaphore { return &semaphore{size: n, free: n} }

// acquire takes a slot, waiting its turn, or returns ctx's error.
func (s *semaphore) acquire(ctx context.Context, heavy bool) error {
	kind := 0
	if heavy {
		kind = 1
	}
	s.mu.Lock()
	if s.free > 0 && len(s.waiting[0]) == 0 && (kind == 0 || len(s.waiting[1]) == 0) {
		s.free--
		s.mu.Unlock()
		return nil
	}
	ready := make(chan struct{})
	s.waiting[kind] = append(s.waiting[kind], ready)
	s.mu.Unlock()
	select {
	case <-ready:
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		defer s.mu.Unlock()
		select {
		case <-ready:
			// Handed a slot as ctx ended: pass it on.
			s.releaseLocked()
		default:
			s.waiting[kind] = removeChan(s.waiting[kind], ready)
		}
		return ctx.Err()
	}
}

// release gives a slot back, to the first ordinary waiter, else the
// first heavy one.
func (s *semaphore) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.releaseLocked()
}

func (s *semaphore) releaseLocked() {
	for kind := range s.waiting {
		if q := s.waiting[kind]; len(q) > 0 {
			s.waiting[kind] = q[1:]
			close(q[0])
			return
		}
	}
	s.free++
}

func removeChan(q []chan struct{}, c chan struct{}) []chan struct{} {
	for i, x := range q {
		if x == c {
			return append(q[:i], q[i+1:]...)
		}
	}
	return q
}
