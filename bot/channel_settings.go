package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// settingsHint names the words that change a channel's settings.
const settingsHint = "sources govuk,manual (or sources all) / replies mentions|threads / visibility everyone|me-only"

// settingsOf is the settings of the channel req was written in, read once
// per message; the defaults without a store or when reading fails (logged:
// answering as the defaults beats not answering).
func (b *Bot) settingsOf(ctx context.Context, req *request) checklist.ChannelSettings {
	if req.settings != nil {
		return *req.settings
	}
	var cs checklist.ChannelSettings
	if b.Store != nil && req.msg.Address.Channel != "" {
		got, err := b.Store.Settings(ctx, binding(req.msg))
		if err != nil {
			b.log().Warn("read channel settings", "err", err)
		} else {
			cs = got
		}
	}
	req.settings = &cs
	return cs
}

// applyVisibility makes answers private to the asker in a channel whose
// visibility is me-only: the adapter shows them to the asker alone (Slack's
// ephemeral messages, Teams' personal chat).
func (b *Bot) applyVisibility(ctx context.Context, req *request, replies []Reply) {
	if req.msg.Direct || !slices.ContainsFunc(replies, isAnswer) {
		return
	}
	if b.settingsOf(ctx, req).VisibilityMode() != checklist.VisibleMeOnly {
		return
	}
	for i := range replies {
		if isAnswer(replies[i]) {
			replies[i].Private = true
		}
	}
}

// isAnswer reports whether r answers a question.
func isAnswer(r Reply) bool { return r.Type == ReplyAnswer || r.Type == ReplyNoAnswer }

// questionSources narrows a question to the channel's sources. A preferred
// standard the channel left out is dropped, so the channel's own choice
// of standards answers.
func (b *Bot) questionSources(ctx context.Context, req *request, q *knowledge.Question) {
	cs := b.settingsOf(ctx, req)
	if len(cs.Sources) == 0 {
		return
	}
	q.Sources = cs.Sources
	if q.Standard != "" && !slices.ContainsFunc(cs.Sources, func(s string) bool { return strings.EqualFold(s, q.Standard) }) {
		q.Standard = ""
	}
}

func (b *Bot) cmdSettings(ctx context.Context, req *request) ([]Reply, error) {
	if word, rest := cutWord(req.args); word != "" {
		sub := &request{msg: req.msg, word: strings.ToLower(word), args: rest, text: req.text, settings: req.settings}
		switch sub.word {
		case "sources":
			return b.cmdSources(ctx, sub)
		case "replies":
			return b.cmdReplies(ctx, sub)
		case "visibility":
			return b.cmdVisibility(ctx, sub)
		}
		return nil, usage(fmt.Sprintf("settings has no %q. Show them with: settings; admins change them with: %s", word, settingsHint))
	}
	if b.Store == nil {
		return nil, errNoStore
	}
	cs, err := b.Store.Settings(ctx, binding(req.msg))
	if err != nil {
		return nil, err
	}
	r := Reply{Type: ReplyInfo, Title: "Settings for this channel", Blocks: []Block{{Type: Fields, Pairs: []Pair{
		{Label: "Sources", Value: cs.SourcesText() + " (loaded: " + strings.Join(b.sourceNames(), ", ") + ")"},
		{Label: "Replies", Value: repliesText(cs.RepliesMode())},
		{Label: "Visibility", Value: visibilityText(cs.VisibilityMode())},
	}}, {Type: Context, Text: "Admins change them with: " + settingsHint}}}
	return r.one(), nil
}

func repliesText(mode string) string {
	if mode == checklist.RepliesThreads {
		return "threads: when mentioned, and to replies in a thread I have answered in"
	}
	return "mentions: only when mentioned"
}

func visibilityText(mode string) string {
	if mode == checklist.VisibleMeOnly {
		return "me-only: answers are shown only to whoever asked"
	}
	return "everyone: answers are posted for the whole channel"
}

// sourceNames are the sources a channel can choose from.
func (b *Bot) sourceNames() []string {
	if b.Answerer == nil || b.Answerer.Current() == nil {
		return nil
	}
	return b.Answerer.Current().SourceNames()
}

func (b *Bot) cmdSources(ctx context.Context, req *request) ([]Reply, error) {
	if req.args == "" {
		return b.cmdSettings(ctx, &request{msg: req.msg, settings: req.settings})
	}
	if strings.Contains(req.args, "?") {
		return nil, errNotCommand // "sources for user research?" is a question
	}
	var names []string
	if !strings.EqualFold(strings.TrimSpace(req.args), "all") {
		var err error
		names, err = b.Answerer.Current().CheckSources(strings.FieldsFunc(req.args, func(r rune) bool { return r == ',' || r == ' ' }))
		var unknown *knowledge.UnknownSourceError
		if errors.As(err, &unknown) {
			return nil, usage(fmt.Sprintf("No source is called %q. Loaded: %s. Try: sources %s, or sources all", unknown.Name, strings.Join(unknown.Known, ", "), strings.Join(unknown.Known[:min(2, len(unknown.Known))], ",")))
		} else if err != nil {
			return nil, err
		}
	}
	return b.changeSettings(ctx, req, func(cs *checklist.ChannelSettings) string {
		cs.Sources = names
		if len(names) == 0 {
			return "This channel now answers from every source loaded."
		}
		return "This channel now answers only from " + strings.Join(names, ", ") + "."
	})
}

func (b *Bot) cmdReplies(ctx context.Context, req *request) ([]Reply, error) {
	mode := strings.ToLower(strings.TrimSpace(req.args))
	switch mode {
	case "":
		return b.cmdSettings(ctx, &request{msg: req.msg, settings: req.settings})
	case checklist.RepliesMentions, checklist.RepliesThreads:
	default:
		if strings.Contains(mode, "?") {
			return nil, errNotCommand
		}
		return nil, usage(fmt.Sprintf("replies is mentions or threads, not %q. Try: replies threads", req.args))
	}
	return b.changeSettings(ctx, req, func(cs *checklist.ChannelSettings) string {
		cs.Replies = mode
		return "Replies in this channel: " + repliesText(mode) + "."
	})
}

func (b *Bot) cmdVisibility(ctx context.Context, req *request) ([]Reply, error) {
	mode := strings.ToLower(strings.TrimSpace(req.args))
	switch mode {
	case "":
		return b.cmdSettings(ctx, &request{msg: req.msg, settings: req.settings})
	case checklist.VisibleEveryone, checklist.VisibleMeOnly:
	default:
		if strings.Contains(mode, "?") {
			return nil, errNotCommand
		}
		return nil, usage(fmt.Sprintf("visibility is everyone or me-only, not %q. Try: visibility me-only", req.args))
	}
	return b.changeSettings(ctx, req, func(cs *checklist.ChannelSettings) string {
		cs.Visibility = mode
		return "Visibility in this channel: " + visibilityText(mode) + "."
	})
}

// changeSettings applies change to the channel's settings, for admins
// only, and says what it did; the store puts the change in the history of
// the channel's project.
func (b *Bot) changeSettings(ctx context.Context, req *request, change func(*checklist.ChannelSettings) string) ([]Reply, error) {
	if err := b.adminOnly(req.msg, "change this channel's settings (anyone can see them with: settings)"); err != nil {
		return nil, err
	}
	if b.Store == nil {
		return nil, errNoStore
	}
	cs, err := b.Store.Settings(ctx, binding(req.msg))
	if err != nil {
		return nil, err
	}
	said := change(&cs)
	if err := b.Store.SaveSettings(ctx, binding(req.msg), cs, who(req.msg)); err != nil {
		return nil, err
	}
	req.settings = &cs
	if p, err := b.Store.ProjectByChannel(ctx, binding(req.msg)); err == nil {
		said += " (in " + p.Name + "'s history)"
	}
	return Text(ReplyInfo, said).one(), nil
}

// threadReply answers a reply in a thread that did not mention the bot
// (Message.Unaddressed): a question, where the channel's replies setting
// is threads and the bot has answered in the thread before; nothing
// otherwise, and nothing when it has no answer, as people in a thread
// also talk among themselves. Commands are not run from such replies.
func (b *Bot) threadReply(ctx context.Context, req *request) ([]Reply, error) {
	msg := req.msg
	if b.Store == nil || msg.Direct || msg.Action != nil || msg.Address.Thread == "" || strings.TrimSpace(req.text) == "" {
		return nil, nil
	}
	if b.settingsOf(ctx, req).RepliesMode() != checklist.RepliesThreads {
		return nil, nil
	}
	if _, err := b.Store.Conversation(ctx, conversationKey(msg)); err != nil {
		if checklist.ErrorCode(err) != checklist.ENOTFOUND {
			b.log().Warn("read thread for a reply", "err", err)
		}
		return nil, nil
	}
	replies, err := b.ask(ctx, req, req.text)
	if err != nil || len(replies) == 0 || replies[0].Type != ReplyAnswer {
		var ue userError
		if errors.As(err, &ue) {
			err = nil
		}
		return nil, err
	}
	b.applyVisibility(ctx, req, replies)
	return replies, nil
}

// noteAnswered remembers that the bot answered in a thread of a channel
// whose replies setting is threads, so later replies there are answered
// without a mention (threadReply).
func (b *Bot) noteAnswered(ctx context.Context, req *request, replies []Reply) {
	msg := req.msg
	if b.Store == nil || msg.Direct || msg.Unaddressed || msg.Address.Thread == "" || !slices.ContainsFunc(replies, isAnswer) {
		return
	}
	if b.settingsOf(ctx, req).RepliesMode() != checklist.RepliesThreads {
		return
	}
	if err := b.updateConversation(ctx, req, func(*checklist.Conversation) {}); err != nil {
		b.log().Warn("remember a thread answered", "err", err)
	}
}
