package slack

import (
	"context"
	"sync"
	"time"

	"github.com/standardbot/standardbot/internal/retry"
)

// pacer spaces posts to one channel about interval apart, the rate Slack
// allows per channel, without slowing other channels: each post reserves
// the channel's next free slot and sleeps until it comes.
type pacer struct {
	interval time.Duration
	// now and sleep are the clock: time.Now and retry.Sleep, or a test's.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
	mu    sync.Mutex
	next  map[string]time.Time // channel -> earliest time of its next post
}

// maxPacedChannels is when the pacer forgets channels whose slots have
// passed, so the map stays as small as the set of busy channels.
const maxPacedChannels = 1024

func newPacer(interval time.Duration) *pacer {
	return &pacer{interval: interval, now: time.Now, sleep: retry.Sleep, next: map[string]time.Time{}}
}

// wait blocks until a post to channel may go, or ctx ends.
func (p *pacer) wait(ctx context.Context, channel string) error {
	now := p.now()
	p.mu.Lock()
	if len(p.next) >= maxPacedChannels {
		for ch, t := range p.next {
			if !t.After(now) {
				delete(p.next, ch)
			}
		}
	}
	at := now
	if t, ok := p.next[channel]; ok && t.After(now) {
		at = t
	}
	p.next[channel] = at.Add(p.interval)
	p.mu.Unlock()
	return p.sleep(ctx, at.Sub(now))
}
