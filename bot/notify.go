package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/standardbot/standardbot/checklist"
)

// Sender is an adapter's proactive delivery: it posts a reply the bot sends
// on its own initiative (a stand-up, a reminder) to one of its platform's
// channels. Every adapter is one.
type Sender interface {
	// Platform is the name the adapter's channels carry in a
	// checklist.Binding.
	Platform() string
	// Send posts r to the channel b. An error wrapping
	// checklist.ErrUndeliverable means the channel can never have it (the
	// bot was removed, the channel archived); any other is worth another
	// try.
	Send(ctx context.Context, b checklist.Binding, r Reply) error
}

// DirectSender is a Sender that can also reach one person privately: a
// Slack DM, a Teams personal chat, the terminal itself. Stand-up rounds
// ask each member this way; a Sender that is not one cannot ask members.
type DirectSender interface {
	Sender
	// SendDirect delivers r to user in team privately and returns the
	// binding of the direct conversation, so the person's reply there can
	// be matched to their open stand-up round. An error wrapping
	// checklist.ErrUndeliverable means the person cannot be reached (left
	// the workspace, never opened a chat where the platform needs one);
	// any other is worth another try.
	SendDirect(ctx context.Context, team, user string, r Reply) (checklist.Binding, error)
}

// Notifier is the checklist.Notifier of a process: the core composes the
// message that has fallen due, and the Sender registered for the channel's
// platform delivers it.
type Notifier struct {
	core    *Bot
	senders map[string]Sender
}

var _ checklist.Notifier = (*Notifier)(nil)

// NewNotifier composes notices with core and sends them through senders.
func NewNotifier(core *Bot, senders ...Sender) *Notifier {
	n := &Notifier{core: core, senders: map[string]Sender{}}
	for _, s := range senders {
		n.Register(s)
	}
	return n
}

// Register adds the sender for s.Platform(). Register every sender before
// the first Notify: the notifier is not changed while it is in use. A
// second sender for one platform is a wiring mistake, and panics.
func (n *Notifier) Register(s Sender) {
	p := s.Platform()
	if _, dup := n.senders[p]; dup {
		panic("bot: two senders for platform " + p)
	}
	n.senders[p] = s
}

// Notify composes d for p and sends it to b. A platform with no sender in
// this process is an error worth retrying, in case another replica has
// one. A notice the core refuses to write (its standard is not loaded) is
// undeliverable; a store failure while writing it is not.
func (n *Notifier) Notify(ctx context.Context, b checklist.Binding, p *checklist.Project, d checklist.Due) error {
	s, ok := n.senders[b.Platform]
	if !ok {
		return fmt.Errorf("no %s adapter runs in this process", b.Platform)
	}
	r, err := n.core.Notice(ctx, p, d)
	var ue userError
	if errors.As(err, &ue) {
		return fmt.Errorf("compose %s: %w: %w", d.Kind, checklist.ErrUndeliverable, err)
	}
	if err != nil {
		return fmt.Errorf("compose %s: %w", d.Kind, err)
	}
	return s.Send(ctx, b, r)
}
