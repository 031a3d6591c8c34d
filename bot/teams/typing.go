package teams

import (
	"context"
	"sync"
	"time"
)

// Teams shows "standardbot is typing…" for a few seconds after a typing
// activity, or until the bot's next message. An answer that takes longer
// than TypingAfter (a language model's) gets one, renewed every
// typingEvery until it is delivered; a quick one gets none.
const (
	DefaultTypingAfter = time.Second
	typingEvery        = 3 * time.Second
	typeTyping         = "typing"
)

// typing starts the indicator's timer for an activity's conversation and
// returns the function that stops it, which waits for any typing
// activity in flight, so the reply always comes after it.
func (a *Adapter) typing(ctx context.Context, act *activity) (stop func()) {
	after := a.cfg.TypingAfter
	if after < 0 {
		return func() {}
	}
	if after == 0 {
		after = DefaultTypingAfter
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTimer(after)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			out := &activity{Type: typeTyping, From: act.Recipient, Recipient: act.From}
			if _, err := a.sendTo(ctx, replyTarget(act), out); err != nil {
				a.log.Warn("teams typing indicator", "err", err)
				return
			}
			t.Reset(typingEvery)
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
