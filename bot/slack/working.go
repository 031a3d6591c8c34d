package slack

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// DefaultWorkingAfter is how long an answer may take before the person's
// message gets the working reaction: quick answers should not flicker.
const DefaultWorkingAfter = time.Second

// reactTimeout bounds one reactions call, retries included.
const reactTimeout = 30 * time.Second

// workingOn marks a person's message with the working reaction if its
// answer takes longer than WorkingAfter (as one from a language model
// does), and returns the function that takes the mark off once the answer
// is delivered. A workspace that has not granted reactions:write gets no
// marks: the first refusal turns them off, with one log line.
func (a *Adapter) workingOn(ctx context.Context, channel, ts string) (done func()) {
	if a.cfg.WorkingReaction == "" || ts == "" || a.noReactions.Load() {
		return func() {}
	}
	// The mark comes off after the answer is out, which the outbox may do
	// after the event's own work (and its context) has ended.
	ctx = context.WithoutCancel(ctx)
	after := a.cfg.WorkingAfter
	if after <= 0 {
		after = DefaultWorkingAfter
	}
	var (
		mu       sync.Mutex
		added    bool
		finished bool
	)
	item := slack.NewRefToMessage(channel, ts)
	t := time.AfterFunc(after, func() {
		mu.Lock()
		defer mu.Unlock() // done waits for the add, so the remove comes after it
		if finished {
			return
		}
		added = a.react(ctx, "reactions.add", func(ctx context.Context, api *slack.Client) error {
			return api.AddReactionContext(ctx, a.cfg.WorkingReaction, item)
		})
	})
	return func() {
		t.Stop()
		mu.Lock()
		finished = true
		wasAdded := added
		mu.Unlock()
		if wasAdded {
			a.react(ctx, "reactions.remove", func(ctx context.Context, api *slack.Client) error {
				return api.RemoveReactionContext(ctx, a.cfg.WorkingReaction, item)
			})
		}
	}
}

// react makes one reactions call, unpaced (reactions are not posts), and
// reports whether it worked. A missing scope turns reactions off.
func (a *Adapter) react(ctx context.Context, method string, fn func(context.Context, *slack.Client) error) bool {
	ctx, cancel := context.WithTimeout(ctx, reactTimeout)
	defer cancel()
	err := a.call(ctx, method, "", fn)
	if err == nil {
		return true
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) && (se.Err == "missing_scope" || se.Err == "not_allowed_token_type") {
		if a.noReactions.CompareAndSwap(false, true) {
			a.log.Warn("slack refused a reaction: no working marks on slow answers until the app has the reactions:write scope (see deploy/slack-app-manifest.yaml)", "err", err)
		}
		return false
	}
	a.log.Warn("slack reaction failed", "method", method, "err", err)
	return false
}
