package teams

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/inbox"
)

// welcome greets a conversation the bot has just joined: Teams asks a bot
// to say what it is for, and how to start, before anyone asks.
const welcome = "Hello, I'm standardbot. I answer questions about the digital service standards, with citations, and keep your project's checklist. Type **help** to see what I can do (in a channel, @mention me first)."

// refBinding is where an activity's conversation is bound: the tenant
// and the conversation, without a channel thread's ";messageid=".
func refBinding(act *activity) checklist.Binding {
	channel, _ := splitConversation(act.conversationID())
	return checklist.Binding{Platform: Platform, Team: act.tenant(), Channel: channel}
}

// message is the bot.Message an activity stands for. A channel thread's
// root message id is the Thread, so a walk or a question's context stays
// in its thread while the project belongs to the channel.
func message(act *activity, text string) bot.Message {
	b := refBinding(act)
	_, thread := splitConversation(act.conversationID())
	if thread == "" && act.Conversation.ConversationType == "channel" && act.Value == nil {
		thread = act.ReplyToID
	}
	msg := bot.Message{
		Address:  bot.Address{Platform: Platform, Team: b.Team, Channel: b.Channel, Thread: thread},
		Text:     text,
		Direct:   act.personal(),
		TimeZone: act.timeZone(),
	}
	if act.From != nil {
		msg.User, msg.UserName = personID(act.From), act.From.Name
	}
	return msg
}

// personID is the id the core knows a person by: the Entra object id,
// which names them the same way in every conversation (from.id differs
// from bot to bot), else from.id.
func personID(from *account) string {
	if from.AADObjectID != "" {
		return from.AADObjectID
	}
	return from.ID
}

// replyTarget is where replies to an activity go: its own conversation, thread
// included.
func replyTarget(act *activity) target {
	return target{serviceURL: act.ServiceURL, conversation: act.conversationID(), binding: refBinding(act)}
}

// saveRef stores how to reach the activity's conversation later, for
// stand-ups and reminders, and clears a stale mark: the bot has just
// heard from it, so it is there again.
func (a *Adapter) saveRef(ctx context.Context, act *activity) {
	ref := &checklist.ConversationRef{
		Binding:    refBinding(act),
		ServiceURL: act.ServiceURL,
		BotID:      act.Recipient.ID,
		BotName:    act.Recipient.Name,
		UpdatedAt:  a.now(),
	}
	if act.From != nil {
		ref.UserID, ref.UserName = act.From.ID, act.From.Name
		if act.personal() {
			// The person's own chat with the bot: where a stand-up's
			// question to them goes (SendDirect), found by the id the
			// core knows them by.
			ref.DirectUser = personID(act.From)
		}
	}
	if err := a.refs.SaveRef(ctx, ref); err != nil {
		a.log.Error("save teams conversation reference", "conversation", ref.Binding.Channel, "err", err)
	}
}

// unaddressed marks, for converse, a message that does not mention the
// bot (bot.Message.Unaddressed).
func unaddressed(msg *bot.Message) { msg.Unaddressed = true }

// converse hands a message to the core and replies in its conversation;
// opts adjust the message first.
func (a *Adapter) converse(ctx context.Context, act *activity, text string, opts ...func(*bot.Message)) {
	a.saveRef(ctx, act)
	msg := message(act, text)
	for _, o := range opts {
		o(&msg)
	}
	msg.Mentions = a.mentions(ctx, act)
	stop := a.typing(ctx, act)
	replies, _ := a.handle(ctx, msg) // a failure is logged, its apology in replies
	stop()
	a.deliver(ctx, act, replies)
}

// submit runs a card's button as the person who pressed it. A plain
// button's card then says who chose what in place of its buttons, and
// the replies (the walk's next step) follow. A quiet (feedback) button
// leaves the card, and its thanks goes only where nobody else would read
// it: Teams has no messages for one person in a shared conversation.
func (a *Adapter) submit(ctx context.Context, act *activity, data submitData) {
	a.saveRef(ctx, act)
	msg := message(act, "")
	note := strings.TrimSpace(data.Note)
	if data.Mode == modeNote && note == "" {
		a.deliver(ctx, act, []bot.Reply{bot.Errorf("Type the note in the box first, then press the button again.")})
		return
	}
	if data.Mode != modeNote && !strings.HasPrefix(data.Command, "mark ") {
		note = "" // only a note button and a mark take the note box's text
	}
	msg.Action = &bot.Action{Command: data.Command, Note: note, Ref: act.ReplyToID}
	replies, err := a.handle(ctx, msg)
	failed := err != nil || anyError(replies)
	if data.Mode == modeQuiet && !msg.Direct && !failed {
		return
	}
	if !failed && data.Mode == modePlain && act.ReplyToID != "" {
		// The status the walk card's title gave before the press is
		// not repeated on the pressed card.
		title := bot.TrimWalkStatus(data.Ref)
		out := cardActivity(pressedCard(title, pressedLine(msg, data.Command, note)), title)
		if err := a.update(ctx, replyTarget(act), act.ReplyToID, out); err != nil {
			a.log.Warn("update pressed teams card", "conversation", msg.Address.Channel, "err", err)
		}
	}
	a.deliver(ctx, act, replies)
}

// added stores the reference of a conversation the bot has joined and,
// when told by a conversationUpdate, greets it (an installationUpdate
// comes with one, and a second greeting would be noise).
func (a *Adapter) added(ctx context.Context, act *activity, greet bool) {
	a.saveRef(ctx, act)
	if !greet {
		return
	}
	// Recorded handled before the greeting goes out, as replies are, so
	// it is sent at most once.
	inbox.JobFrom(ctx).Handled(ctx)
	out := renderActivity(bot.Text(bot.ReplyInfo, welcome))
	out.From = act.Recipient
	if _, err := a.sendTo(ctx, replyTarget(act), out); err != nil {
		a.log.Warn("greet teams conversation", "conversation", refBinding(act).Channel, "err", err)
	}
}

// deliver posts replies as replies to the activity: in its thread, in a
// channel.
func (a *Adapter) deliver(ctx context.Context, act *activity, replies []bot.Reply) {
	t := replyTarget(act)
	for _, r := range replies {
		if r.Private && !act.personal() && act.From != nil {
			r = a.deliverPrivately(ctx, act, r)
		}
		out := renderActivity(r)
		out.From, out.Recipient = act.Recipient, act.From
		if _, err := a.replyTo(ctx, t, act.ID, out); err != nil {
			a.log.Error("deliver teams reply", "conversation", t.binding.Channel, "type", r.Type, "err", err)
		}
	}
}

// deliverPrivately sends a reply meant for the asker alone (an answer in
// a channel whose visibility is me-only) to their personal chat, as Teams
// has no messages for one person in a shared conversation, and returns
// what the conversation is told instead: where the answer went, or, when
// the personal chat cannot be reached, how to get it, never the answer.
func (a *Adapter) deliverPrivately(ctx context.Context, act *activity, r bot.Reply) bot.Reply {
	if _, err := a.SendDirect(ctx, act.tenant(), personID(act.From), r); err != nil {
		a.log.Warn("deliver teams reply privately", "conversation", refBinding(act).Channel, "err", err)
		return bot.Errorf("Answers here are shown only to whoever asked, and I could not reach you in a personal chat: open a chat with me and ask there.")
	}
	return bot.Text(bot.ReplyInfo, "I have answered you in our personal chat: answers here are shown only to whoever asked.")
}

// submitted reads a card submit: a message whose value carries a command
// (Action.Submit), or an adaptiveCard/action invoke (Action.Execute),
// whose data sits under action.data.
func submitted(act *activity) (submitData, bool) {
	if len(act.Value) == 0 || (act.Type == typeMessage && strings.TrimSpace(act.Text) != "") {
		return submitData{}, false
	}
	var v struct {
		submitData
		Action *struct {
			Data submitData `json:"data"`
		} `json:"action"`
	}
	if json.Unmarshal(act.Value, &v) != nil {
		return submitData{}, false
	}
	d := v.submitData
	if act.Type == typeInvoke && v.Action != nil {
		d = v.Action.Data
	}
	d.Command = strings.TrimSpace(d.Command)
	return d, d.Command != ""
}

// pressedLine records a press on the card in place of its buttons.
func pressedLine(msg bot.Message, command, note string) string {
	who := msg.UserName
	if who == "" {
		who = "Someone"
	}
	line := fmt.Sprintf("✅ %s chose: %s", who, command)
	if f := strings.Fields(command); len(f) >= 3 && f[0] == "mark" {
		line = fmt.Sprintf("✅ %s marked point %s %s", who, f[1], strings.Join(f[2:], " "))
	}
	if note != "" {
		line += " (note: " + note + ")"
	}
	return line
}

func anyError(replies []bot.Reply) bool {
	for _, r := range replies {
		if r.Type == bot.ReplyError {
			return true
		}
	}
	return false
}
