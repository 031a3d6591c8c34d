package inbox

import (
	"context"
	"log/slog"
	"time"
)

// Finisher is what a Job needs of an inbox: Inbox, Volatile, or an
// adapter's view of either.
type Finisher interface {
	Done(ctx context.Context, id int64) error
	Retry(id int64)
}

// doneTimeout bounds recording an item done after its work's own context
// has ended.
const doneTimeout = 10 * time.Second

// Job is the work of one inbox item in progress. It travels in the work's
// context (WithJob), so that whatever runs the core can record the item
// done the moment the core has handled it (Handled), before any reply
// goes out: then a reply is sent at most once, even if the process dies
// while sending it. Finish, deferred by whoever started the work, records
// done an item no core handled (an event the bot ignores), or gives back
// one whose work could not start (NotStarted). A Job is used by one
// goroutine at a time.
type Job struct {
	ib       Finisher
	id       int64
	log      *slog.Logger
	finished bool
	retry    bool
}

// NewJob starts the job of item id of ib; log receives a failure to
// record it done.
func NewJob(ib Finisher, id int64, log *slog.Logger) *Job {
	return &Job{ib: ib, id: id, log: log}
}

type jobKey struct{}

// WithJob returns ctx carrying j.
func WithJob(ctx context.Context, j *Job) context.Context {
	return context.WithValue(ctx, jobKey{}, j)
}

// JobFrom returns the job ctx carries, or nil.
func JobFrom(ctx context.Context) *Job {
	j, _ := ctx.Value(jobKey{}).(*Job)
	return j
}

// Handled records the item done now, before its replies go out. A nil Job
// does nothing.
func (j *Job) Handled(ctx context.Context) {
	if j != nil {
		j.Finish(ctx)
	}
}

// NotStarted marks the item to be given back rather than recorded done:
// its work could not start (no slot came before its time ran out). A nil
// Job does nothing.
func (j *Job) NotStarted() {
	if j != nil {
		j.retry = true
	}
}

// Finish records the item done, or gives it back when NotStarted was
// called, once: later calls do nothing.
func (j *Job) Finish(ctx context.Context) {
	if j.finished {
		return
	}
	j.finished = true
	if j.retry {
		j.ib.Retry(j.id)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), doneTimeout)
	defer cancel()
	if err := j.ib.Done(ctx, j.id); err != nil {
		j.log.Error("event handled but not recorded done: the inbox tries again", "item", j.id, "err", err)
	}
}
