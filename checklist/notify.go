package checklist

import (
	"context"
	"errors"
)

// ErrUndeliverable marks a due message that cannot reach a channel however
// often it is tried: the platform refuses the channel for good (the bot was
// removed from it, it was archived or deleted) or the message cannot be
// written. A Notifier wraps it; the scheduler stops trying that message for
// that channel instead of retrying it for hours.
var ErrUndeliverable = errors.New("undeliverable")

// Notifier delivers a message that has fallen due to one of a project's
// channels. checklist declares it; bot.Notifier satisfies it with the
// adapter that owns the channel's platform.
type Notifier interface {
	// Notify writes and sends d to b. An error wrapping ErrUndeliverable
	// is permanent; any other is worth another try later.
	Notify(ctx context.Context, b Binding, p *Project, d Due) error
}
