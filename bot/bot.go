package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// Bot is the conversation core. Adapters call Handle for every message and
// render the replies; the Bot holds no per-platform state.
type Bot struct {
	Answerer *knowledge.Answerer
	Library  *knowledge.Library
	// Store keeps projects; nil leaves the bot answering questions only.
	Store Store
	// DefaultStandard answers questions asked outside a project and is the
	// standard of new projects.
	DefaultStandard string
	// DefaultTimeZone is new projects' time zone.
	DefaultTimeZone string
	Log             *slog.Logger
	// Now is the clock, injectable for tests.
	Now func() time.Time
	// OnAnswer, when set, is told the status of every answer (for metrics).
	OnAnswer func(status string)
	// Admins are the platform user ids (STANDARDBOT_ADMINS) allowed the
	// admin commands, besides the users an adapter vouches for
	// (Message.Admin).
	Admins []string
	// ReportFetcher reads published assessment reports for `assessment
	// import URL`; nil when GOV.UK is not fetched, and then import by
	// address says so and suggests pasting.
	ReportFetcher ReportFetcher
	// ReportText reads an assessment report's pasted text for `assessment
	// import` (internal/govuk/reports.FromText); nil turns pasting off.
	ReportText func(text string) (*checklist.Assessment, error)
	// PanelExamples gives what published panels said about a point, for
	// `examples`; nil when the published reports are not kept.
	PanelExamples PanelExamples
	// Links makes the addresses of the full report and the web pages for
	// `report` and `portfolio`; nil names the command that writes the
	// report instead.
	Links Links
	// Rounds reaches people privately and finds who they are, for the
	// stand-up words that act at once (standup now, standup members);
	// cmd sets it to the Notifier. nil: those words say they cannot.
	Rounds Rounds
	// Later queues what the schedule does not know to be sent when it
	// falls due: the summary of a stand-up asked at once (standup now).
	// cmd sets it to the scheduler. nil: standup now says to ask for the
	// summary instead.
	Later Later

	// zonesSeen are the platform zones kept this process, by
	// workspace|user (see notePlatformZone).
	zonesSeen sync.Map
}

// request is one message being handled, with its parsed command.
type request struct {
	msg  Message
	word string // the command word, lower case
	args string // the rest of the text
	text string // the whole text, as written
	// settings are the channel's settings once read (settingsOf).
	settings *checklist.ChannelSettings
}

// Handle answers one message. Errors meant for the user come back as an
// error Reply; only failures the user cannot fix are returned as errors,
// with an apology reply to deliver. Handle does not log them: whoever
// called it logs each once (the adapters do).
func (b *Bot) Handle(ctx context.Context, msg Message) ([]Reply, error) {
	text := strings.TrimSpace(msg.Text)
	if msg.Action != nil && msg.Action.Command != "" {
		text = msg.Action.Command
		if msg.Action.Note != "" {
			text += " " + msg.Action.Note
		}
	}
	req := &request{msg: msg, text: text}
	if msg.Unaddressed {
		return b.threadReply(ctx, req)
	}
	b.notePlatformZone(ctx, msg)
	req.word, req.args = splitCommand(text)
	replies, err := b.route(ctx, req)
	if err == nil {
		b.noteAnswered(ctx, req, replies)
		b.applyVisibility(ctx, req, replies)
		return replies, nil
	}
	var ue userError
	if errors.As(err, &ue) {
		return []Reply{Errorf(clipQuoted(ue.UserMessage()))}, nil
	}
	return []Reply{Errorf("Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.")}, err
}

func (b *Bot) route(ctx context.Context, req *request) ([]Reply, error) {
	if req.word == "" {
		return []Reply{b.helpReply()}, nil
	}
	if replies, ok, err := b.confirmAnswer(ctx, req); ok {
		return replies, err
	}
	if replies, ok, err := b.practiceAnswer(ctx, req); ok {
		return replies, err
	}
	if replies, ok, err := b.walkAnswer(ctx, req); ok {
		return replies, err
	}
	if replies, ok, err := b.roundAnswer(ctx, req); ok {
		return replies, err
	}
	if c, ok := commandByName[req.word]; ok {
		replies, err := c.run(b, ctx, req)
		if err == nil && req.word == "mark" {
			b.markAnswers(ctx, req)
		}
		if !errors.Is(err, errNotCommand) {
			return replies, err
		}
	}
	text := strings.TrimSpace(req.word + " " + req.args)
	if r, ok := b.smallTalk(text); ok {
		return []Reply{r}, nil
	}
	return b.ask(ctx, req, text)
}

// splitCommand separates the first word (lower case) from the rest.
func splitCommand(text string) (word, args string) {
	text = strings.TrimSpace(text)
	word, args, _ = strings.Cut(text, " ")
	return strings.ToLower(strings.TrimRight(word, ":,")), strings.TrimSpace(args)
}

func (b *Bot) log() *slog.Logger {
	if b.Log != nil {
		return b.Log
	}
	return slog.Default()
}

func (b *Bot) now() time.Time {
	if b.Now != nil {
		return b.Now()
	}
	return time.Now()
}

// errNotCommand makes a command word fall through to a question, for text
// like "point of contact for support?" that only starts like a command.
var errNotCommand = errors.New("not a command")

// userError is an error whose message is for the user: one line saying what
// is wrong and what to do.
type userError interface {
	error
	UserMessage() string
}

// usageError is a user error raised by the bot itself.
type usageError struct{ msg string }

func (e usageError) Error() string       { return e.msg }
func (e usageError) UserMessage() string { return e.msg }

func usage(msg string) error { return usageError{msg: msg} }
