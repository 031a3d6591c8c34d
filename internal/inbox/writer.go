package inbox

import (
	"context"
	"sync"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// maxBatch bounds the items of one transaction.
const maxBatch = 256

// doneDelay is how long dones wait for company before they are written
// alone. Nobody a platform is timing waits for a done (replies do, but a
// reply takes longer than this to post), so dones share commits with each
// other or ride with the next put, and a busy bot commits about once an
// event rather than twice.
const doneDelay = 2 * time.Millisecond

// writer commits puts and dones in groups: one goroutine writes, and
// whatever arrives while it is writing goes into its next transaction. A
// quiet bot commits each put alone, at once; a busy one shares each commit
// (and PostgreSQL's WAL flush) among many, so an acknowledgement waits for
// about one commit however many arrive together.
type writer struct {
	store Store
	m     *inboxMetrics
	reqs  chan *request
	quit  chan struct{}
	once  sync.Once
	ended chan struct{}
}

// request is one put or one done, and where its result goes.
type request struct {
	put  *checklist.InboxItem
	done int64
	err  chan error
}

var requests = sync.Pool{New: func() any { return &request{err: make(chan error, 1)} }}

func newWriter(store Store, m *inboxMetrics) *writer {
	w := &writer{store: store, m: m, reqs: make(chan *request), quit: make(chan struct{}), ended: make(chan struct{})}
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
	batch := make([]*request, 0, maxBatch)
	var puts []*checklist.InboxItem
	var dones []int64
	for {
		batch, puts, dones = batch[:0], puts[:0], dones[:0]
		select {
		case r := <-w.reqs:
			batch = append(batch, r)
		case <-w.quit:
			return
		}
		if batch[0].put == nil {
			w.awaitPut(&batch)
		}
	gather:
		for len(batch) < maxBatch {
			select {
			case r := <-w.reqs:
				batch = append(batch, r)
			default:
				break gather
			}
		}
		for _, r := range batch {
			if r.put != nil {
				puts = append(puts, r.put)
			} else {
				dones = append(dones, r.done)
			}
		}
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
		err := w.store.WriteInbox(ctx, puts, dones)
		cancel()
		w.m.commit(start, len(batch), err)
		for _, r := range batch {
			r.err <- err
		}
	}
}

// awaitPut adds to a batch of dones what arrives within doneDelay, and
// returns as soon as a put arrives: a put is written at once.
func (w *writer) awaitPut(batch *[]*request) {
	t := time.NewTimer(doneDelay)
	defer t.Stop()
	for len(*batch) < maxBatch {
		select {
		case r := <-w.reqs:
			*batch = append(*batch, r)
			if r.put != nil {
				return
			}
		case <-t.C:
			return
		case <-w.quit:
			return
		}
	}
}

// stop ends the writer once its current transaction is written; later
// requests get ErrClosed.
func (w *writer) stop() {
	w.once.Do(func() { close(w.quit) })
	<-w.ended
}
