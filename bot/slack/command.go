package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
)

// slashFromForm reads a slash command from its form fields, as Slack
// posts it over HTTP (Socket Mode sends the same fields as JSON).
func slashFromForm(f url.Values) slack.SlashCommand {
	return slack.SlashCommand{
		TeamID:       f.Get("team_id"),
		EnterpriseID: f.Get("enterprise_id"),
		ChannelID:    f.Get("channel_id"),
		ChannelName:  f.Get("channel_name"),
		UserID:       f.Get("user_id"),
		UserName:     f.Get("user_name"),
		Command:      f.Get("command"),
		Text:         f.Get("text"),
		ResponseURL:  f.Get("response_url"),
		TriggerID:    f.Get("trigger_id"),
		APIAppID:     f.Get("api_app_id"),
	}
}

// acceptCommand takes "/standard TEXT": it stores the command in the
// inbox and starts its work; the caller then acknowledges it, and the
// replies follow through the command's response_url. An error means it
// must not be acknowledged. Slack gives a command no id to claim, and
// does not send one twice.
func (a *Adapter) acceptCommand(ctx context.Context, cmd slack.SlashCommand) error {
	payload, err := json.Marshal(cmd)
	if err != nil {
		return fmt.Errorf("%w: slash command: %v", errMalformed, err)
	}
	if _, err := a.accept(ctx, itemCommand, "", payload); err != nil {
		return err
	}
	a.m.event("slash_command", outcomeHandled)
	a.log.Debug("slack slash command", "command", cmd.Command, "team", cmd.TeamID, "channel", cmd.ChannelID)
	return nil
}

func (a *Adapter) runCommand(ctx context.Context, cmd slack.SlashCommand) {
	ctx = a.seen(ctx, cmd.EnterpriseID, cmd.TeamID)
	who := a.person(ctx, cmd.UserID)
	msg := bot.Message{
		Address:  bot.Address{Platform: Platform, Team: cmd.TeamID, Channel: cmd.ChannelID},
		User:     cmd.UserID,
		UserName: who.name, TimeZone: who.zone,
		// Empty text is the core's help.
		Text:   plainText(strings.TrimSpace(cmd.Text)),
		Direct: isDirect(cmd.ChannelID),
	}
	replies, _ := a.handle(ctx, msg) // a failure is logged, its apology in replies
	for _, r := range replies {
		if cmd.ResponseURL == "" {
			a.deliver(msg, "", []bot.Reply{r}, nil)
			continue
		}
		if err := a.respond(ctx, cmd.ResponseURL, cmd.ChannelID, r, forChannel(r)); err != nil {
			a.log.Error("answer slash command", "channel", cmd.ChannelID, "type", r.Type, "err", err)
		}
	}
}

// forChannel says whether a slash command's reply is for the whole
// channel (answers, status, reports, walk steps, changes to the project)
// rather than only the person who typed it (help, errors, no answer, and
// whatever the core marks ephemeral).
func forChannel(r bot.Reply) bool {
	if private(r) {
		return false
	}
	switch r.Type {
	case bot.ReplyHelp, bot.ReplyNoAnswer:
		return false
	}
	return true
}

// isDirect reports whether a channel id is a direct message with the bot.
func isDirect(channel string) bool { return strings.HasPrefix(channel, "D") }
