package inbox

import (
	"context"
	"sync"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// maxBatch bounds the items of one transaction.
const maxBatch = 256

// doneDelay is how long dones wait for each other before they are
// written. Puts are written at once, each alone when they come one at a
// time (on SQLite one statement), for an acknowledgement waits for them;
// nobody a platform is timing waits for a done (the replies do, but Slack
// paces them a second apart anyway), so dones gather into a commit of
// their own every doneDelay and seldom hold a put up.
const doneDelay = 10 * time.Millisecond

// writer commits puts and dones in groups: one goroutine writes, and the
// puts that arrive while it is writing go into its next transaction. A
// quiet bot commits each put alone, at once; a busy one shares each commit
// (and PostgreSQL's WAL flush) among many, so an acknowledgement waits for
// about one commit however many arrive together. Dones wait doneDelay and
// are committed together, apart from the puts.
type writer struct {
	// writeInbox is the store's, all the writer asks of it.
	writeInbox func(ctx context.Context, put []*checklist.InboxItem, done []int64) error
	m          *inboxMetrics
	reqs       chan *request
	quit       chan struct{}
	once       sync.Once
	ended      chan struct{}
}

// request is one put or one done, and where its result goes.
type request struct {
	put  *checklist.InboxItem
	done int64
	err  chan error
}

var requests = sync.Pool{New: func() any { return &request{err: make(chan error, 1)} }}

func newWriter(store checklist.Inbox, m *inboxMetrics) *writer {
	w := &writer{writeInbox: store.WriteInbox, m: m, reqs: make(chan *request), quit: make(chan struct{}), ended: make(chan struct{})}
	go w.run()
	return w
}

// do puts it, or records done, in the next transaction and waits for it
// to commit or for ctx to end. When ctx ends first the write may still
// happen: a put nobody then holds is worked once its lease runs out.
func (w *writer) do(ctx context.Context, it *checklist.InboxItem, done int64) error {
	r := requests.Get().(*request)
	r.put, r.done = it, done
	select {
	case w.reqs <- r:
	case <-w.quit:
		requests.Put(r)
		return ErrClosed
	case <-ctx.Done():
		requests.Put(r)
		return ctx.Err()
	}
	select {
	case err := <-r.err:
		r.put = nil
		requests.Put(r)
		return err
	case <-ctx.Done():
		// r is the writer's until it answers; not reused.
		return ctx.Err()
	}
}

func (w *writer) run() {
	defer close(w.ended)
	puts := make([]*request, 0, maxBatch)
	var dones []*request
	t := time.NewTimer(doneDelay)
	t.Stop()
	// done queues r, and starts its wait when it is the first.
	done := func(r *request) {
		if dones = append(dones, r); len(dones) == 1 {
			t.Reset(doneDelay)
		}
	}
	for {
		select {
		case r := <-w.reqs:
			if r.put == nil {
				if done(r); len(dones) == maxBatch {
					t.Stop()
					dones = w.write(dones)
				}
				continue
			}
			puts = append(puts[:0], r)
		gather:
			for len(puts) < maxBatch {
				select {
				case r := <-w.reqs:
					if r.put == nil {
						done(r)
						continue
					}
					puts = append(puts, r)
				default:
					break gather
				}
			}
			puts = w.write(puts)
		case <-t.C:
			if len(dones) > 0 {
				dones = w.write(dones)
			}
		case <-w.quit:
			// Nobody waits long for a done: write those waiting.
			if len(dones) > 0 {
				w.write(dones)
			}
			return
		}
	}
}

// write commits a batch of requests in one transaction, answers each, and
// returns the batch emptied for reuse.
func (w *writer) write(batch []*request) []*request {
	var puts []*checklist.InboxItem
	var dones []int64
	for _, r := range batch {
		if r.put != nil {
			puts = append(puts, r.put)
		} else {
			dones = append(dones, r.done)
		}
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	err := w.writeInbox(ctx, puts, dones)
	cancel()
	w.m.commit(start, len(batch), err)
	for _, r := range batch {
		r.err <- err
	}
	return batch[:0]
}

// stop ends the writer once its current transaction is written; later
// requests get ErrClosed.
func (w *writer) stop() {
	w.once.Do(func() { close(w.quit) })
	<-w.ended
}
