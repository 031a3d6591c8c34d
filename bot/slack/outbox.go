package slack

import (
	"context"
	"sync"
	"time"
)

// outboxTimeout bounds a queued delivery from when it is queued: long
// enough to wait its turn in a busy channel, short enough that a reply
// that could not go out in time is given up and logged, not posted late.
const outboxTimeout = 2 * time.Minute

// outbox delivers replies one channel at a time, in the order they were
// queued. Slack takes about one message a second a channel, so a burst in
// one channel has to wait: waiting here costs a queue entry, not a
// goroutine and its stack, and leaves the event's own work free to end.
// Every queued delivery counts as the pool's work until it is done, so a
// graceful stop still delivers everything it acknowledged.
type outbox struct {
	mu     sync.Mutex
	queues map[string][]func(context.Context) // channel -> pending deliveries
}

// enqueue queues send for channel and starts the channel's sender if it
// is not running.
func (a *Adapter) enqueue(channel string, send func(ctx context.Context)) {
	a.work.Add()
	o := &a.out
	o.mu.Lock()
	if o.queues == nil {
		o.queues = map[string][]func(context.Context){}
	}
	q, running := o.queues[channel]
	o.queues[channel] = append(q, deadlined(send))
	o.mu.Unlock()
	if !running {
		go a.sendAll(channel)
	}
}

// deadlined gives send its own deadline, counted from now.
func deadlined(send func(context.Context)) func(context.Context) {
	deadline := time.Now().Add(outboxTimeout)
	return func(ctx context.Context) {
		ctx, cancel := context.WithDeadline(ctx, deadline)
		defer cancel()
		send(ctx)
	}
}

// sendAll delivers a channel's queue until it is empty, then forgets the
// channel.
func (a *Adapter) sendAll(channel string) {
	o := &a.out
	for {
		o.mu.Lock()
		q := o.queues[channel]
		if len(q) == 0 {
			delete(o.queues, channel)
			o.mu.Unlock()
			return
		}
		send := q[0]
		q[0] = nil
		o.queues[channel] = q[1:]
		o.mu.Unlock()
		send(context.Background())
		a.work.Done()
	}
}

// queued is how many deliveries wait in the outbox.
func (a *Adapter) queued() int {
	o := &a.out
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, q := range o.queues {
		n += len(q)
	}
	return n
}
