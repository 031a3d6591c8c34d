package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
)

// acceptInteraction takes a button press or a modal submission, over HTTP
// or Socket Mode: one the bot acts on is stored in the inbox and its work
// started; the caller then acknowledges it (an empty acknowledgement also
// closes a submitted modal). An error means it must not be acknowledged.
// Slack gives an interaction no id to claim, and does not send one twice.
func (a *Adapter) acceptInteraction(ctx context.Context, payload []byte) error {
	var cb slack.InteractionCallback
	if err := json.Unmarshal(payload, &cb); err != nil {
		a.m.event("interaction", outcomeRejected)
		return fmt.Errorf("%w: interaction payload: %v", errMalformed, err)
	}
	typ := string(cb.Type)
	if a.interactionJob(cb) == nil {
		a.m.event(typ, outcomeIgnored)
		return nil
	}
	if _, err := a.accept(ctx, itemInteraction, "", payload); err != nil {
		return err
	}
	a.m.event(typ, outcomeHandled)
	return nil
}

// runInteraction does the work of an interaction stored by
// acceptInteraction.
func (a *Adapter) runInteraction(ctx context.Context, payload []byte) {
	var cb slack.InteractionCallback
	if err := json.Unmarshal(payload, &cb); err != nil {
		a.log.Warn("stored slack interaction unreadable", "err", err)
		return
	}
	if fn := a.interactionJob(cb); fn != nil {
		fn(a.seen(ctx, cb.Enterprise.ID, firstNonEmpty(cb.Team.ID, cb.User.TeamID)))
	}
}

// interactionJob is the work an interaction calls for, or nil when the bot
// does not act on it: buttons and modals that are not its own.
func (a *Adapter) interactionJob(cb slack.InteractionCallback) func(context.Context) {
	switch {
	case cb.Type == slack.InteractionTypeBlockActions && len(cb.ActionCallback.BlockActions) > 0 &&
		strings.HasPrefix(cb.ActionCallback.BlockActions[0].ActionID, "sb_"):
		return func(ctx context.Context) { a.press(ctx, cb) }
	case cb.Type == slack.InteractionTypeViewSubmission && cb.View.CallbackID == noteCallback:
		return func(ctx context.Context) { a.submitNote(ctx, cb) }
	}
	return nil
}

// press runs a button's command as the person who pressed it. A plain
// button's message then shows who chose what in place of its buttons, and
// the replies (the walk's next step) follow in the same thread; a note
// button first asks for the note; a quiet (feedback) button answers only
// the presser and leaves the message as it was.
func (a *Adapter) press(ctx context.Context, cb slack.InteractionCallback) {
	act := cb.ActionCallback.BlockActions[0]
	channel := firstNonEmpty(cb.Channel.ID, cb.Container.ChannelID)
	ref := firstNonEmpty(cb.Container.MessageTs, cb.Message.Timestamp)
	thread := firstNonEmpty(cb.Container.ThreadTs, cb.Message.ThreadTimestamp)
	if thread == ref {
		// The pressed message starts a thread of its own: it was posted
		// outside any thread, which is the conversation it belongs to.
		thread = ""
	}
	msg := bot.Message{
		Address: bot.Address{Platform: Platform, Team: firstNonEmpty(cb.Team.ID, cb.User.TeamID), Channel: channel, Thread: thread},
		User:    cb.User.ID,
		Action:  &bot.Action{Command: act.Value, Ref: ref},
		Direct:  isDirect(channel),
	}
	if strings.HasPrefix(act.ActionID, actionNote) {
		a.askNote(ctx, cb, msg, act)
		return
	}
	who := a.person(ctx, msg.User)
	msg.UserName, msg.TimeZone = who.name, who.zone
	replies, err := a.handle(ctx, msg)
	if err == nil && !strings.HasPrefix(act.ActionID, actionQuiet) && !anyError(replies) {
		a.markPressed(ctx, cb, channel, ref, pressedLine(cb.User.ID, act))
	}
	if cb.Container.IsEphemeral && cb.ResponseURL != "" {
		// Nobody else saw the message, so nobody else sees the answer,
		// and the bot may not even be in the channel to post it.
		for _, r := range replies {
			if err := a.respond(ctx, cb.ResponseURL, channel, r, false); err != nil {
				a.log.Error("answer slack button", "channel", channel, "err", err)
			}
		}
		return
	}
	a.deliver(msg, cb.ResponseURL, replies, nil)
}

func anyError(replies []bot.Reply) bool {
	for _, r := range replies {
		if r.Type == bot.ReplyError {
			return true
		}
	}
	return false
}

// pressedLine records a press on the message in place of its buttons.
func pressedLine(user string, act *slack.BlockAction) string {
	if f := strings.Fields(act.Value); len(f) >= 3 && f[0] == "mark" {
		return fmt.Sprintf("✅ <@%s> marked point %s %s", user, escape(f[1]), escape(strings.Join(f[2:], " ")))
	}
	return fmt.Sprintf("✅ <@%s> chose “%s”", user, escape(firstNonEmpty(act.Text.Text, act.Value)))
}

// markPressed replaces a message's buttons with a line saying who chose
// what, so a walk step cannot be answered twice. chat.update cannot reach
// an ephemeral message, and fails on one posted through a response_url in
// a channel the bot is not in; the response_url replaces both.
func (a *Adapter) markPressed(ctx context.Context, cb slack.InteractionCallback, channel, ref, line string) {
	if len(cb.Message.Blocks.BlockSet) == 0 {
		return // nothing known of the message to keep
	}
	var blocks []slack.Block
	for _, b := range cb.Message.Blocks.BlockSet {
		if b.BlockType() != slack.MBTAction {
			blocks = append(blocks, b)
		}
	}
	blocks = append(blocks, contextBlock(line))
	text := cb.Message.Text
	var err error
	if !cb.Container.IsEphemeral {
		if err = a.update(ctx, channel, ref, text, blocks); err == nil {
			return
		}
	}
	if cb.ResponseURL == "" {
		a.log.Warn("update pressed slack message", "channel", channel, "err", err)
		return
	}
	if err := a.replaceOriginal(ctx, cb.ResponseURL, text, blocks); err != nil {
		a.log.Warn("update pressed slack message", "channel", channel, "err", err)
	}
}
