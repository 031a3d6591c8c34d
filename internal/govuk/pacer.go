package govuk

import (
	"context"
	"sync"
	"time"

	"github.com/standardbot/standardbot/internal/retry"
)

// pacer spaces requests at least interval apart: a token bucket holding
// one token. Each request reserves the next free slot and sleeps until it
// comes, so at most 1/interval requests start in any second, however many
// goroutines ask.
type pacer struct {
	interval time.Duration
	mu       sync.Mutex
	next     time.Time
}

func newPacer(interval time.Duration) *pacer { return &pacer{interval: interval} }

// wait blocks until a request may go, or ctx ends. A cancelled wait keeps
// its slot: the rate errs on the slow side.
func (p *pacer) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := time.Now()
	p.mu.Lock()
	at := now
	if p.next.After(now) {
		at = p.next
	}
	p.next = at.Add(p.interval)
	p.mu.Unlock()
	return retry.Sleep(ctx, at.Sub(now))
}
