package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

// notFound is a connector's 404: the conversation (or activity) is not
// there, as when a person has removed the chat's history.
type notFound struct{ error }

func (e notFound) Unwrap() error { return e.error }

// SendDirect delivers r to one person (user, the Entra object id the core
// knows them by) in their personal chat with the bot, in tenant team, and
// returns that chat's binding, where their reply will come from. It posts
// through the chat's stored reference when there is one (kept as each
// personal message arrives); when there is none, or Teams no longer has
// that chat, it creates the chat with the Bot Connector, through the
// service URL of a reference in the same tenant, and keeps its reference.
// A person the bot cannot reach (Teams answered 403 or 404, a chat marked
// stale, or a tenant the bot has never heard from) fails with
// checklist.ErrUndeliverable.
func (a *Adapter) SendDirect(ctx context.Context, team, user string, r bot.Reply) (checklist.Binding, error) {
	ref, err := a.refs.DirectRef(ctx, Platform, team, user)
	switch {
	case err == nil && ref.Stale:
		return checklist.Binding{}, fmt.Errorf("teams: direct message to %s: %w: the bot was removed from their chat", user, checklist.ErrUndeliverable)
	case err == nil:
		err = a.postDirect(ctx, ref, r)
		var gone notFound
		if err == nil {
			return ref.Binding, nil
		} else if !errors.As(err, &gone) {
			return checklist.Binding{}, wrapDirect(user, err)
		}
		// The chat is gone (its history removed): start it again.
	case checklist.ErrorCode(err) != checklist.ENOTFOUND:
		return checklist.Binding{}, fmt.Errorf("teams: direct message to %s: %w", user, err)
	}
	ref, err = a.openDirect(ctx, team, user)
	if err != nil {
		return checklist.Binding{}, wrapDirect(user, err)
	}
	if err := a.postDirect(ctx, ref, r); err != nil {
		return checklist.Binding{}, wrapDirect(user, err)
	}
	return ref.Binding, nil
}

// wrapDirect says whom a failed direct message was for; a 404 means the
// person cannot be reached.
func wrapDirect(user string, err error) error {
	var gone notFound
	if errors.As(err, &gone) && !errors.Is(err, checklist.ErrUndeliverable) {
		return fmt.Errorf("teams: direct message to %s: %w: %w", user, checklist.ErrUndeliverable, err)
	}
	return fmt.Errorf("teams: direct message to %s: %w", user, err)
}

// postDirect posts r into the personal chat ref reaches.
func (a *Adapter) postDirect(ctx context.Context, ref *checklist.ConversationRef, r bot.Reply) error {
	out := renderActivity(r)
	out.From = &account{ID: ref.BotID, Name: ref.BotName}
	_, err := a.sendTo(ctx, target{serviceURL: ref.ServiceURL, conversation: ref.Binding.Channel, binding: ref.Binding}, out)
	return err
}

// newConversation is the Bot Connector's ConversationParameters for a
// personal chat.
type newConversation struct {
	Bot         account      `json:"bot"`
	Members     []account    `json:"members"`
	ChannelData *channelData `json:"channelData,omitempty"`
	TenantID    string       `json:"tenantId"`
	IsGroup     bool         `json:"isGroup"`
}

// openDirect creates (or, Teams having one already, finds) the personal
// chat with user (POST {serviceUrl}/v3/conversations) and stores its
// reference. The service URL and the bot's id come from the reference in
// the tenant refreshed last.
func (a *Adapter) openDirect(ctx context.Context, team, user string) (*checklist.ConversationRef, error) {
	from, err := a.refs.TeamRef(ctx, Platform, team)
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return nil, fmt.Errorf("%w: the bot has no conversation in tenant %s to start a chat from", checklist.ErrUndeliverable, team)
	} else if err != nil {
		return nil, fmt.Errorf("a conversation reference in the tenant: %w", err)
	}
	base, err := connectorBase(from.ServiceURL)
	if err != nil {
		return nil, fmt.Errorf("create conversation: %w", err)
	}
	params := newConversation{
		Bot: account{ID: from.BotID, Name: from.BotName}, Members: []account{{ID: user}},
		ChannelData: tenantData(team), TenantID: team,
	}
	body, err := json.Marshal(params)
	if err != nil {
		return nil, fmt.Errorf("create conversation: %w", err)
	}
	// No binding: there is no conversation to mark stale yet.
	got, err := a.call(ctx, "create_conversation", http.MethodPost, base+"/v3/conversations", target{serviceURL: from.ServiceURL}, body)
	if err != nil {
		return nil, err
	}
	var res struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(got, &res) != nil || res.ID == "" {
		return nil, fmt.Errorf("create conversation: the connector answered no conversation id")
	}
	ref := &checklist.ConversationRef{
		Binding:    checklist.Binding{Platform: Platform, Team: team, Channel: res.ID},
		ServiceURL: from.ServiceURL, BotID: from.BotID, BotName: from.BotName,
		UserID: user, DirectUser: user, UpdatedAt: a.now(),
	}
	if err := a.refs.SaveRef(ctx, ref); err != nil {
		// The chat exists: the message can still go, and the chat is
		// found again (Teams answers the same id) next time.
		a.log.Error("save teams personal conversation reference", "conversation", res.ID, "err", err)
	}
	return ref, nil
}

// tenantData is channelData naming the tenant, as Teams wants it on a
// new conversation.
func tenantData(team string) *channelData {
	cd := &channelData{}
	cd.Tenant = &struct {
		ID string `json:"id"`
	}{ID: team}
	return cd
}
