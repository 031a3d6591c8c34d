package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/slack-go/slack/slackevents"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/internal/work"
)

// errMalformed marks a verified request the adapter cannot read: a 400,
// since Slack sending it again would not help.
var errMalformed = errors.New("malformed request")

// envelope is the outer Events API callback. The adapter reads it itself
// rather than with slackevents.ParseEvent, which fails on inner event
// types it does not know; those are simply ignored here.
type envelope struct {
	Type      string          `json:"type"`
	Challenge string          `json:"challenge"`
	TeamID    string          `json:"team_id"`
	EventID   string          `json:"event_id"`
	Event     json.RawMessage `json:"event"`
}

// acceptEvent takes one Events API delivery, over HTTP or Socket Mode: it
// answers url_verification with the challenge, drops what the bot does not
// act on, and starts the work, which first claims the event id so a retry
// is not handled twice. An error means the event must not be acknowledged.
func (a *Adapter) acceptEvent(ctx context.Context, raw []byte) (challenge string, err error) {
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		a.m.event("unknown", outcomeRejected)
		return "", fmt.Errorf("%w: %v", errMalformed, err)
	}
	switch env.Type {
	case slackevents.URLVerification:
		if env.Challenge == "" {
			a.m.event(env.Type, outcomeRejected)
			return "", fmt.Errorf("%w: url_verification without a challenge", errMalformed)
		}
		a.m.event(env.Type, outcomeHandled)
		return env.Challenge, nil
	case slackevents.CallbackEvent:
		// The events the bot acts on: below.
	case slackevents.AppRateLimited:
		// Slack is dropping events for the app: worth an operator's look.
		a.m.event(env.Type, outcomeIgnored)
		a.log.Warn("slack is rate-limiting the app's events", "team", env.TeamID)
		return "", nil
	default:
		a.m.event(env.Type, outcomeIgnored)
		a.log.Debug("slack envelope ignored", "type", env.Type)
		return "", nil
	}
	if len(env.Event) == 0 {
		a.m.event("unknown", outcomeRejected)
		return "", fmt.Errorf("%w: event_callback without an event", errMalformed)
	}
	// The inner event is read after the acknowledgement, with the rest of
	// the work: the envelope has parsed, so it is valid JSON, and what the
	// bot acts on is its business, not Slack's.
	a.work.Go("slack event", func(ctx context.Context) {
		typ, job, err := a.eventJob(env)
		switch {
		case err != nil:
			a.m.event(typ, outcomeRejected)
			a.log.Warn("slack event not understood", "event_id", env.EventID, "type", typ, "err", err)
			return
		case job == nil:
			a.m.event(typ, outcomeIgnored)
			return
		}
		a.log.Debug("slack event", "event_id", env.EventID, "type", typ, "team", env.TeamID)
		if env.EventID != "" && !a.claimEvent(ctx, typ, env.EventID) {
			return
		}
		a.m.event(typ, outcomeHandled)
		job(ctx)
	})
	return "", nil
}

// claimEvent records an event id once across retries, restarts and
// replicas, and reports whether this delivery is the first. It runs after
// the acknowledgement, so the database is never on the path Slack times:
// acknowledgements stay fast under load. If the store cannot be reached the
// event is handled anyway: it has been acknowledged, so Slack will not send
// it again, and answering is better than dropping it.
func (a *Adapter) claimEvent(ctx context.Context, typ, id string) bool {
	first, err := work.Claim(ctx, a.work, a.claims.Claim, "slack:event:"+id, a.now())
	if err != nil {
		a.log.Error("claim slack event: handling it unclaimed", "event_id", id, "err", err)
		return true
	}
	if !first {
		a.m.event(typ, outcomeDuplicate)
		a.log.Debug("duplicate slack event dropped", "event_id", id, "type", typ)
	}
	return first
}

// eventJob reads an inner event and returns the work it calls for, or a
// nil job when the bot does not act on it: its own messages, edits and
// other message subtypes, and events it did not ask for.
func (a *Adapter) eventJob(env envelope) (typ string, job func(context.Context), err error) {
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(env.Event, &head); err != nil {
		return "unknown", nil, fmt.Errorf("%w: %v", errMalformed, err)
	}
	self := a.knownSelf()
	switch slackevents.EventsAPIType(head.Type) {
	case slackevents.AppMention:
		var ev slackevents.AppMentionEvent
		if err := json.Unmarshal(env.Event, &ev); err != nil {
			return head.Type, nil, fmt.Errorf("%w: %v", errMalformed, err)
		}
		// An edited message mentions the bot again; it was answered once.
		if ev.BotID != "" || ev.User == "" || ev.User == self || ev.Edited != nil {
			return head.Type, nil, nil
		}
		thread := ev.ThreadTimeStamp
		if thread == "" {
			thread = ev.TimeStamp
		}
		msg := bot.Message{
			Address: bot.Address{Platform: bot.Slack, Team: env.TeamID, Channel: ev.Channel, Thread: thread},
			User:    ev.User, Text: ev.Text,
		}
		return head.Type, func(ctx context.Context) { a.converse(ctx, msg, ev.TimeStamp) }, nil
	case slackevents.Message:
		var ev slackevents.MessageEvent
		if err := json.Unmarshal(env.Event, &ev); err != nil {
			return head.Type, nil, fmt.Errorf("%w: %v", errMalformed, err)
		}
		// Only plain text a person wrote in a direct message: in channels
		// the bot answers app_mention, and subtypes are edits, deletions,
		// joins and other bots.
		if ev.ChannelType != slackevents.ChannelTypeIM || ev.SubType != "" || ev.BotID != "" || ev.User == "" || ev.User == self {
			return head.Type, nil, nil
		}
		msg := bot.Message{
			Address: bot.Address{Platform: bot.Slack, Team: env.TeamID, Channel: ev.Channel, Thread: ev.ThreadTimeStamp},
			User:    ev.User, Text: ev.Text, Direct: true,
		}
		return head.Type, func(ctx context.Context) { a.converse(ctx, msg, ev.TimeStamp) }, nil
	case slackevents.AppHomeOpened:
		var ev slackevents.AppHomeOpenedEvent
		if err := json.Unmarshal(env.Event, &ev); err != nil {
			return head.Type, nil, fmt.Errorf("%w: %v", errMalformed, err)
		}
		if ev.Tab != "home" || ev.User == "" {
			return head.Type, nil, nil
		}
		return head.Type, func(ctx context.Context) { a.publishHome(ctx, env.TeamID, ev.User) }, nil
	}
	return head.Type, nil, nil
}

// converse hands a message to the core and delivers the replies where the
// message was written; ts is the message's own timestamp, which a slow
// answer marks with the working reaction meanwhile.
func (a *Adapter) converse(ctx context.Context, msg bot.Message, ts string) {
	self := a.selfID(ctx)
	if self != "" && msg.User == self {
		return
	}
	msg.Text = plainText(stripMention(msg.Text, self))
	msg.UserName = a.userName(ctx, msg.User)
	done := a.workingOn(ctx, msg.Address.Channel, ts)
	replies, err := work.Slotted(ctx, a.work, func(ctx context.Context) ([]bot.Reply, error) { return a.core.Handle(ctx, msg) })
	if err != nil {
		// The core has logged it and returned an apology to deliver.
		a.log.Warn("core could not handle a slack message", "channel", msg.Address.Channel, "err", err)
	}
	// The working mark comes off once the answer is out.
	a.deliver(msg, "", replies, done)
}

// deliver queues replies for the conversation msg came from (see outbox):
// errors and ephemeral replies only to its author, except in a direct
// message, where everything is. When a post fails and Slack gave a
// response_url (a slash command or a button, perhaps in a channel the bot
// was never invited to), the reply goes through that instead. then, if
// not nil, runs once the replies are out.
func (a *Adapter) deliver(msg bot.Message, responseURL string, replies []bot.Reply, then func()) {
	channel, thread := msg.Address.Channel, msg.Address.Thread
	a.enqueue(channel, func(ctx context.Context) {
		if then != nil {
			defer then()
		}
		for _, r := range replies {
			var err error
			if private(r) && !msg.Direct {
				err = a.postEphemeral(ctx, channel, thread, msg.User, r)
			} else {
				_, err = a.postMessage(ctx, channel, thread, r)
			}
			if err != nil && responseURL != "" {
				err = a.respond(ctx, responseURL, channel, r, !private(r))
			}
			if err != nil {
				a.log.Error("deliver slack reply", "channel", channel, "kind", r.Kind, "err", err)
			}
		}
	})
}

// private reports whether a reply is for the asker alone.
func private(r bot.Reply) bool {
	return r.Ephemeral || r.Kind == bot.KindError
}
