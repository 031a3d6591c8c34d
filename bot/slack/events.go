package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack/slackevents"

	"github.com/standardbot/standardbot/bot"
)

// errMalformed marks a verified request the adapter cannot read: a 400,
// since Slack sending it again would not help.
var errMalformed = errors.New("malformed request")

// envelope is the outer Events API callback. The adapter reads it itself
// rather than with slackevents.ParseEvent, which fails on inner event
// types it does not know; those are simply ignored here.
type envelope struct {
	Type      string `json:"type"`
	Challenge string `json:"challenge"`
	TeamID    string `json:"team_id"`
	// EnterpriseID is the Enterprise Grid organisation, if any.
	EnterpriseID string          `json:"enterprise_id"`
	EventID      string          `json:"event_id"`
	Event        json.RawMessage `json:"event"`
}

// acceptEvent takes one Events API delivery, over HTTP or Socket Mode: it
// answers url_verification with the challenge, drops envelopes the bot
// does not act on, and stores a callback in the inbox, claiming its event
// id, and starts its work. An error means the event must not be
// acknowledged.
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
	// A channel's own chatter (message.channels and message.groups bring
	// every message, for the thread replies of replies threads) is
	// dropped before it is stored: most channel messages are not for the
	// bot, and storing each would write for each.
	if typ, ok := chatter(env.Event); ok {
		a.m.event(typ, outcomeIgnored)
		return "", nil
	}
	// The inner event is read after the acknowledgement, with the rest of
	// the work: the envelope has parsed, so it is valid JSON, and what the
	// bot acts on is its business, not Slack's. The event id is claimed as
	// the event is stored, so a retry is not handled twice.
	key := ""
	if env.EventID != "" {
		key = "slack:event:" + env.EventID
	}
	fresh, err := a.accept(ctx, itemEvent, key, raw)
	if err == nil && !fresh {
		a.m.event(innerType(env.Event), outcomeDuplicate)
	}
	return "", err
}

// runEvent does the work of an Events API callback stored by acceptEvent.
func (a *Adapter) runEvent(ctx context.Context, raw []byte) {
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		a.m.event("unknown", outcomeRejected)
		a.log.Warn("stored slack event unreadable", "err", err)
		return
	}
	typ, fn, err := a.eventJob(env)
	switch {
	case err != nil:
		a.m.event(typ, outcomeRejected)
		a.log.Warn("slack event not understood", "event_id", env.EventID, "type", typ, "err", err)
		return
	case fn == nil:
		a.m.event(typ, outcomeIgnored)
		return
	}
	a.log.Debug("slack event", "event_id", env.EventID, "type", typ, "team", env.TeamID)
	a.m.event(typ, outcomeHandled)
	fn(a.seen(ctx, env.EnterpriseID, env.TeamID))
}

// chatter reports whether an inner event is a message in a shared
// channel that is not a reply in a thread, which the bot never acts on
// (mentions come as app_mention), with its type for the metrics.
func chatter(raw json.RawMessage) (string, bool) {
	var ev struct {
		Type        string `json:"type"`
		ChannelType string `json:"channel_type"`
		TS          string `json:"ts"`
		ThreadTS    string `json:"thread_ts"`
	}
	if json.Unmarshal(raw, &ev) != nil || ev.Type != string(slackevents.Message) {
		return "", false
	}
	shared := ev.ChannelType != "" && ev.ChannelType != slackevents.ChannelTypeIM
	return ev.Type, shared && (ev.ThreadTS == "" || ev.ThreadTS == ev.TS)
}

// innerType is an inner event's type, "unknown" when it has none: for
// the metrics of a duplicate, the only event whose inner event is read
// before the acknowledgement.
func innerType(raw json.RawMessage) string {
	var head struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(raw, &head) != nil || head.Type == "" {
		return "unknown"
	}
	return head.Type
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
	if job := a.uninstallJob(head.Type, env); job != nil {
		return head.Type, job, nil
	}
	self := a.knownSelf(env.TeamID)
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
			Address: bot.Address{Platform: Platform, Team: env.TeamID, Channel: ev.Channel, Thread: thread},
			User:    ev.User, Text: ev.Text,
		}
		return head.Type, func(ctx context.Context) { a.converse(ctx, msg, ev.TimeStamp) }, nil
	case slackevents.Message:
		job, err := a.messageJob(env, self)
		return head.Type, job, err
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

// messageJob is the work of a message event: a person's plain text in a
// direct message, or a reply in a channel thread that does not mention
// the bot (see threadReply).
func (a *Adapter) messageJob(env envelope, self string) (func(context.Context), error) {
	var ev slackevents.MessageEvent
	if err := json.Unmarshal(env.Event, &ev); err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformed, err)
	}
	// Only plain text a person wrote: subtypes are edits, deletions,
	// joins and other bots.
	if ev.SubType != "" || ev.BotID != "" || ev.User == "" || ev.User == self {
		return nil, nil
	}
	msg := bot.Message{
		Address: bot.Address{Platform: Platform, Team: env.TeamID, Channel: ev.Channel, Thread: ev.ThreadTimeStamp},
		User:    ev.User, Text: ev.Text, Direct: true,
	}
	if ev.ChannelType != slackevents.ChannelTypeIM {
		// In channels the bot answers app_mention; a reply in a
		// thread that does not mention it goes to the core, which
		// answers it only where the channel chose replies threads.
		if !threadReply(ev, self) {
			return nil, nil
		}
		msg.Direct, msg.Unaddressed = false, true
	}
	return func(ctx context.Context) { a.converse(ctx, msg, ev.TimeStamp) }, nil
}

// threadReply reports whether a channel message is a reply in a thread
// that does not mention the bot (which app_mention brings).
func threadReply(ev slackevents.MessageEvent, self string) bool {
	if ev.ThreadTimeStamp == "" || ev.ThreadTimeStamp == ev.TimeStamp {
		return false
	}
	return self == "" || !strings.Contains(ev.Text, "<@"+self+">")
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
	who := a.person(ctx, msg.User)
	msg.UserName, msg.TimeZone = who.name, who.zone
	done := a.workingOn(ctx, msg.Address.Channel, ts)
	replies, _ := a.handle(ctx, msg) // a failure is logged, its apology in replies
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
	team := msg.Address.Team
	a.enqueue(channel, func(ctx context.Context) {
		ctx = withTeam(ctx, "", team)
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
				a.log.Error("deliver slack reply", "channel", channel, "type", r.Type, "err", err)
			}
		}
	})
}

// private reports whether a reply is for the asker alone: an ephemeral
// reply, an error, or an answer in a channel whose visibility is me-only.
func private(r bot.Reply) bool {
	return r.Ephemeral || r.Private || r.Type == bot.ReplyError
}
