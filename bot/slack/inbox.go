package slack

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/inbox"
	"github.com/standardbot/standardbot/internal/work"
)

// Inbox keeps each event the adapter acknowledges until the core has
// handled it, so that a crash loses none (internal/inbox).
type Inbox interface {
	// Put stores an event before it is acknowledged, and says whether it
	// is new: false for a redelivery of one put before, whose work is done
	// or in hand. An error means it must not be acknowledged.
	Put(ctx context.Context, it *checklist.InboxItem) (bool, error)
	// Done records an event handled. It is called before the replies go
	// out, so a reply is sent at most once.
	Done(ctx context.Context, id int64) error
	// Retry gives back an event whose work could not start, to be worked
	// again later, here or by another replica.
	Retry(id int64)
}

// Source names the adapter's items in the inbox.
const Source = "slack"

// What the adapter's inbox items hold.
const (
	itemEvent       = "event"       // an Events API envelope, as Slack sent it
	itemCommand     = "command"     // a slash command, as JSON of slack.SlashCommand
	itemInteraction = "interaction" // an interaction's payload, as Slack sent it
)

// accept puts an event in the inbox and, if it is new, starts its work.
// It returns once the event is stored, and whether it was new (false for
// a redelivery, which needs no work): an error means the event must not
// be acknowledged, so that Slack sends it again.
func (a *Adapter) accept(ctx context.Context, typ, key string, payload []byte) (bool, error) {
	it := &checklist.InboxItem{Source: Source, Type: typ, Key: key, Payload: payload, Received: a.now()}
	fresh, err := a.inbox.Put(ctx, it)
	if err != nil {
		a.log.Error("slack event not stored, so not acknowledged: Slack will send it again", "type", typ, "err", err)
		return false, err
	}
	if !fresh {
		a.log.Debug("duplicate slack event dropped", "key", key)
		return false, nil
	}
	a.start(it)
	return true, nil
}

// Resume starts the work of an item a process stored but did not finish:
// this one before a restart, or another replica that died.
func (a *Adapter) Resume(it *checklist.InboxItem) { a.start(it) }

// start works an inbox item in the background and then records it done,
// or gives it back when its work could not start.
func (a *Adapter) start(it *checklist.InboxItem) {
	a.work.Go("slack "+it.Type, func(ctx context.Context) {
		j := inbox.NewJob(a.inbox, it.ID, a.log)
		ctx = inbox.WithJob(ctx, j)
		defer j.Finish(ctx)
		switch it.Type {
		case itemEvent:
			a.runEvent(ctx, it.Payload)
		case itemCommand:
			var cmd slack.SlashCommand
			if err := json.Unmarshal(it.Payload, &cmd); err != nil {
				a.log.Error("stored slash command unreadable", "item", it.ID, "err", err)
				return
			}
			a.runCommand(ctx, cmd)
		case itemInteraction:
			a.runInteraction(ctx, it.Payload)
		default:
			a.log.Error("stored slack item of an unknown type", "item", it.ID, "type", it.Type)
		}
	})
}

// handle answers msg through the core in one of the answering slots (see
// New) and then records the event done (see inbox.Job), so the replies it
// returns are delivered at most once. A failure is logged here, once; the
// replies then hold the apology to deliver. When no slot came before the
// work's time ran out, the event is given back, to be worked again.
func (a *Adapter) handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error) {
	replies, err := a.handler.Handle(ctx, msg)
	j := inbox.JobFrom(ctx)
	if errors.Is(err, work.ErrNoSlot) {
		j.NotStarted()
		a.log.Warn("slack message not answered in time: given back to the inbox", "channel", msg.Address.Channel, "err", err)
		return nil, err
	}
	j.Handled(ctx)
	if err != nil {
		a.log.Error("core could not handle a slack message", "channel", msg.Address.Channel, "err", err)
	}
	return replies, err
}
