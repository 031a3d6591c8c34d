package slack

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

// Platform is "slack": the adapter's channels in a binding.
func (a *Adapter) Platform() string { return Platform }

// Send posts a reply on the bot's own initiative (a stand-up, a reminder)
// to the channel b. A channel that refuses the bot for good (see
// refusesForGood) fails with checklist.ErrUndeliverable.
func (a *Adapter) Send(ctx context.Context, b checklist.Binding, r bot.Reply) error {
	ctx = withTeam(ctx, "", b.Team)
	_, err := a.postMessage(ctx, b.Channel, "", r)
	if refusesForGood(err) {
		return fmt.Errorf("slack: send to %s: %w: %w", b.Channel, checklist.ErrUndeliverable, err)
	}
	if err != nil {
		return fmt.Errorf("slack: send to %s: %w", b.Channel, err)
	}
	return nil
}

// SendDirect writes r to one person in their direct conversation with the
// bot, opened (or found) with conversations.open, and returns that
// conversation, where their reply is their stand-up answer. A person
// Slack will not let the bot write to (gone, deactivated, a bot) is
// undeliverable.
func (a *Adapter) SendDirect(ctx context.Context, team, user string, r bot.Reply) (checklist.Binding, error) {
	ctx = withTeam(ctx, "", team)
	var ch *slack.Channel
	api, err := a.api(ctx)
	if err == nil {
		ch, _, _, err = api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}, ReturnIM: true})
	}
	if err == nil {
		_, err = a.postMessage(ctx, ch.ID, "", r)
	}
	if refusesForGood(err) || refusesPerson(err) {
		return checklist.Binding{}, fmt.Errorf("slack: direct message to %s: %w: %w", user, checklist.ErrUndeliverable, err)
	}
	if err != nil {
		return checklist.Binding{}, fmt.Errorf("slack: direct message to %s: %w", user, err)
	}
	return checklist.Binding{Platform: Platform, Team: team, Channel: ch.ID}, nil
}

// refusesPerson reports whether Slack refused to open a conversation with
// a person for what they are: no such user, deactivated, or a bot.
func refusesPerson(err error) bool {
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) {
		return false
	}
	switch se.Err {
	case "user_not_found", "user_disabled", "cannot_dm_bot", "not_allowed_token_type":
		return true
	}
	return false
}

// refusesForGood reports whether Slack refused a post because of what the
// channel has become, which no retry changes until someone acts there:
// it was deleted or archived, the bot was removed from it (or never
// invited into a private one), or posting there is restricted. A revoked
// token or missing scope is left to retry: it is the operator's to fix,
// for every channel at once, and may be fixed while the retries last.
func refusesForGood(err error) bool {
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) {
		return false
	}
	switch se.Err {
	case "channel_not_found", "is_archived", "not_in_channel", "restricted_action",
		"restricted_action_read_only_channel", "team_access_not_granted":
		return true
	}
	return false
}
