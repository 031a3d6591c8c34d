package slack

import (
	"context"
	"net/url"
	"strings"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/internal/work"
)

// slashFromForm reads a slash command from its form fields, as Slack
// posts it over HTTP (Socket Mode sends the same fields as JSON).
func slashFromForm(f url.Values) slack.SlashCommand {
	return slack.SlashCommand{
		TeamID:      f.Get("team_id"),
		ChannelID:   f.Get("channel_id"),
		ChannelName: f.Get("channel_name"),
		UserID:      f.Get("user_id"),
		UserName:    f.Get("user_name"),
		Command:     f.Get("command"),
		Text:        f.Get("text"),
		ResponseURL: f.Get("response_url"),
		TriggerID:   f.Get("trigger_id"),
		APIAppID:    f.Get("api_app_id"),
	}
}

// acceptCommand takes "/standard TEXT": the caller acknowledges at once
// and the replies follow through the command's response_url.
func (a *Adapter) acceptCommand(cmd slack.SlashCommand) {
	a.m.event("slash_command", outcomeHandled)
	a.log.Debug("slack slash command", "command", cmd.Command, "team", cmd.TeamID, "channel", cmd.ChannelID)
	a.work.Go("slash_command", func(ctx context.Context) { a.runCommand(ctx, cmd) })
}

func (a *Adapter) runCommand(ctx context.Context, cmd slack.SlashCommand) {
	msg := bot.Message{
		Address:  bot.Address{Platform: bot.Slack, Team: cmd.TeamID, Channel: cmd.ChannelID},
		User:     cmd.UserID,
		UserName: a.userName(ctx, cmd.UserID),
		// Empty text is the core's help.
		Text:   plainText(strings.TrimSpace(cmd.Text)),
		Direct: isDirect(cmd.ChannelID),
	}
	replies, err := work.Slotted(ctx, a.work, func(ctx context.Context) ([]bot.Reply, error) { return a.core.Handle(ctx, msg) })
	if err != nil {
		a.log.Warn("core could not handle a slash command", "channel", cmd.ChannelID, "err", err)
	}
	for _, r := range replies {
		if cmd.ResponseURL == "" {
			a.deliver(msg, "", []bot.Reply{r}, nil)
			continue
		}
		if err := a.respond(ctx, cmd.ResponseURL, cmd.ChannelID, r, forChannel(r)); err != nil {
			a.log.Error("answer slash command", "channel", cmd.ChannelID, "kind", r.Kind, "err", err)
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
	switch r.Kind {
	case bot.KindHelp, bot.KindNoAnswer:
		return false
	}
	return true
}

// isDirect reports whether a channel id is a direct message with the bot.
func isDirect(channel string) bool { return strings.HasPrefix(channel, "D") }
