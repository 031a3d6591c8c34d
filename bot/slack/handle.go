package slack

import (
	"context"
	"runtime"

	"github.com/standardbot/standardbot/bot"
)

// workSlots bounds how many messages the core works on at once: one less
// than the CPUs, so one stays free to acknowledge events within Slack's
// deadline while answers queue briefly. Only the core's work is bounded:
// sends mostly wait on Slack and the pacer, and holding a slot across them
// would let one slow API call hold up every answer.
func workSlots() chan struct{} {
	return make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))
}

// handle runs the core on one message within the slots.
func (a *Adapter) handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error) {
	select {
	case a.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-a.slots }()
	return a.core.Handle(ctx, msg)
}
