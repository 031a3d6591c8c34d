package teams

import (
	"context"
	"fmt"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

// Platform is "teams": the adapter's conversations in a binding.
func (a *Adapter) Platform() string { return Platform }

// Send posts a reply on the bot's own initiative (a stand-up, a reminder)
// to a conversation, through the reference stored when the bot last heard
// from it; in a channel it starts a new post. A conversation the bot was
// removed from (Teams answered 403) fails with checklist.ErrUndeliverable,
// without a call to Teams once its reference is marked stale, until
// someone there speaks to the bot again; one it has never heard from fails
// with the store's ENOTFOUND.
func (a *Adapter) Send(ctx context.Context, b checklist.Binding, r bot.Reply) error {
	ref, err := a.refs.Ref(ctx, b)
	if err != nil {
		return fmt.Errorf("teams: conversation reference for %s: %w", b.Channel, err)
	}
	if ref.Stale {
		return fmt.Errorf("teams: send to %s: %w: the bot was removed from this conversation", b.Channel, checklist.ErrUndeliverable)
	}
	out := renderActivity(r)
	out.From = &account{ID: ref.BotID, Name: ref.BotName}
	_, err = a.sendTo(ctx, target{serviceURL: ref.ServiceURL, conversation: b.Channel, binding: b}, out)
	if err != nil {
		return fmt.Errorf("teams: send to %s: %w", b.Channel, err)
	}
	return nil
}
