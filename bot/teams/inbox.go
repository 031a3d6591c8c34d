package teams

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/inbox"
	"github.com/standardbot/standardbot/internal/work"
)

// Inbox keeps each activity the adapter acknowledges until the core has
// handled it, so that a crash loses none (internal/inbox).
type Inbox interface {
	// Put stores an activity before it is acknowledged, and says whether
	// it is new: false for a redelivery of one put before, whose work is
	// done or in hand. An error means it must not be acknowledged.
	Put(ctx context.Context, it *checklist.InboxItem) (bool, error)
	// Done records an activity handled. It is called before the replies
	// go out, so a reply is sent at most once.
	Done(ctx context.Context, id int64) error
	// Retry gives back an activity whose work could not start, to be
	// worked again later, here or by another replica.
	Retry(id int64)
}

// Source names the adapter's items in the inbox.
const Source = "teams"

// itemActivity is the adapter's one type of inbox item: an activity, as
// the Bot Framework sent it (its token already checked).
const itemActivity = "activity"

// store puts a verified activity the bot acts on in the inbox, claiming
// its id (unique within its conversation) so that a redelivery is stored
// once, and reports whether it is new. An error means the activity must
// not be acknowledged: the Bot Framework will deliver it again.
func (a *Adapter) store(ctx context.Context, act *activity, body []byte) (*checklist.InboxItem, bool, error) {
	it := &checklist.InboxItem{Source: Source, Type: itemActivity, Payload: body, Received: a.now()}
	if act.ID != "" {
		it.Key = "teams:activity:" + act.conversationID() + "|" + act.ID
	}
	fresh, err := a.inbox.Put(ctx, it)
	if err != nil {
		a.log.Error("teams activity not stored, so not acknowledged: the Bot Framework will send it again", "activity", act.ID, "err", err)
	}
	return it, fresh, err
}

// Resume starts the work of an item a process stored but did not finish:
// this one before a restart, or another replica that died.
func (a *Adapter) Resume(it *checklist.InboxItem) {
	var act activity
	if err := json.Unmarshal(it.Payload, &act); err != nil {
		a.log.Error("stored teams activity unreadable", "item", it.ID, "err", err)
		a.start(it, "other", nil)
		return
	}
	job, _ := a.jobFor(&act)
	if err := a.tenantAllowed(&act); err != nil {
		// Stored before TEAMS_ALLOWED_TENANTS left its tenant out.
		a.log.Warn("stored teams activity from a tenant not allowed dropped", "item", it.ID, "reason", err.Error())
		job = nil
	}
	a.start(it, metricType(act.Type), job)
}

// start runs an inbox item's job in the background and then records the
// item done, or gives it back when its work could not start. A nil job
// only records it done.
func (a *Adapter) start(it *checklist.InboxItem, typ string, job func(context.Context)) {
	a.work.Go(typ, func(ctx context.Context) {
		j := inbox.NewJob(a.inbox, it.ID, a.log)
		ctx = inbox.WithJob(ctx, j)
		defer j.Finish(ctx)
		if job == nil {
			return
		}
		a.m.activity(typ, outcomeHandled)
		job(ctx)
	})
}

// handle answers msg through the core in one of the answering slots (see
// New) and then records the activity done (see inbox.Job), so the replies
// it returns are delivered at most once. A failure is logged here, once;
// the replies then hold the apology to deliver. When no slot came before
// the work's time ran out, the activity is given back, to be worked again.
func (a *Adapter) handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error) {
	replies, err := a.handler.Handle(ctx, msg)
	j := inbox.JobFrom(ctx)
	if errors.Is(err, work.ErrNoSlot) {
		j.NotStarted()
		a.log.Warn("teams message not answered in time: given back to the inbox", "conversation", msg.Address.Channel, "err", err)
		return nil, err
	}
	j.Handled(ctx)
	if err != nil {
		a.log.Error("core could not handle a teams message", "conversation", msg.Address.Channel, "err", err)
	}
	return replies, err
}
