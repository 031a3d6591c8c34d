package inbox

import (
	"context"
	"sync"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// maxBatch bounds the items of one transaction.
const maxBatch = 256

// writer commits puts and dones in groups: one goroutine writes, and
// whatever arrives while it is writing goes into its next transaction. A
// quiet bot commits each item alone, at once; a busy one shares each
// commit (and PostgreSQL's WAL flush) among many, so an acknowledgement
// waits for about one commit however many arrive together.
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

// stop ends the writer once its current transaction is written; later
// requests get ErrClosed.
func (w *writer) stop() {
	w.once.Do(func() { close(w.quit) })
	<-w.ended
}
