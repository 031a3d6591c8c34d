package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

func (b *Bot) cmdAsk(ctx context.Context, req *request) ([]Reply, error) {
	if req.args == "" {
		return nil, usage("Ask me something after `ask`, for example: ask how do we make our service accessible?")
	}
	return b.ask(ctx, req, req.args)
}

// Ask answers text as a question, whatever its first word, as chat
// answers anything that is not a command: a greeting or thanks kindly, a
// mapping question ("which govuk point matches localgov 9?") from the
// mapping table, anything else from the standards and guidance. It is
// `standardbot ask`'s way in: besides the replies chat would show, it
// returns the answer they render when search gave one (nil for a greeting
// or a mapping question). A mistake the asker can fix (an empty question,
// an unknown standard) is an error with a UserMessage method.
func (b *Bot) Ask(ctx context.Context, msg Message) ([]Reply, *knowledge.Answer, error) {
	text := strings.TrimSpace(msg.Text)
	if r, ok := b.smallTalk(text); ok {
		return []Reply{r}, nil, nil
	}
	return b.answer(ctx, &request{msg: msg}, text)
}

// ask answers a question in chat.
func (b *Bot) ask(ctx context.Context, req *request, question string) ([]Reply, error) {
	replies, _, err := b.answer(ctx, req, question)
	return replies, err
}

// answer answers a question: a mapping question from the mapping table,
// anything else from search, whose answer it also returns.
func (b *Bot) answer(ctx context.Context, req *request, question string) ([]Reply, *knowledge.Answer, error) {
	withModel := b.Answerer.LLM != nil && b.Store != nil
	// The project is read for every question: its phase picks the
	// quote (what a panel looks for in beta, for a team in beta).
	pl := b.placeOf(ctx, req, b.Store != nil)
	if m, ok := parseMappingQuestion(question, b.Library, pl.standard); ok {
		replies, err := b.mapAnswer(ctx, req, m)
		return replies, nil, err
	}
	q := knowledge.Question{Text: question, Standard: pl.standard}
	if id, ok := namedStandard(question, b.Library); ok {
		q.Standard = id
	}
	if pl.project != nil {
		q.Phase = knowledge.Phase(pl.project.Phase)
	}
	if withModel {
		addHistory(pl, &q, b.now())
	}
	b.questionSources(ctx, req, &q)
	ans, err := b.Answerer.Answer(ctx, q)
	if err != nil {
		return nil, nil, answerError(err)
	}
	if b.OnAnswer != nil {
		b.OnAnswer(ans.Status)
	}
	if withModel && ans.Status == knowledge.StatusAnswered {
		b.rememberExchange(ctx, req, question, ans.Answer)
	}
	r := answerReply(ans)
	if ans.Status == knowledge.StatusAnswered && b.Store != nil {
		r.Buttons = feedbackButtons(answerRef(req.msg, question), question)
	}
	return []Reply{r}, ans, nil
}

// answerError tells the asker what they can fix (an empty question, an
// unknown standard); anything else is the bot's own failure.
func answerError(err error) error {
	if errors.Is(err, knowledge.ErrEmptyQuestion) {
		return usage(err.Error())
	}
	var unknown *knowledge.UnknownStandardError
	if errors.As(err, &unknown) {
		return usage(unknown.Error() + ". Try: standards")
	}
	return fmt.Errorf("answer: %w", err)
}

// standardFor is the standard a conversation's questions prefer: the one
// the thread or conversation turned to, else its project's, else the
// default.
func (b *Bot) standardFor(ctx context.Context, req *request) string {
	return b.placeOf(ctx, req, false).standard
}

// place is what the store says about where a message was written.
type place struct {
	// standard is the standard its questions prefer (see standardFor).
	standard string
	// own is the conversation the message belongs to (its thread, else
	// its channel); nil when the bot remembers none.
	own *checklist.Conversation
	// project is the channel's project; nil when there is none or it was
	// not needed.
	project *checklist.Project
}

// placeOf looks up where a message was written, reading each thing once.
// The project is read when the standard depends on it, or always for a
// question (whose answer depends on the project's phase); only then are
// read failures logged, as they cost the answer its context.
func (b *Bot) placeOf(ctx context.Context, req *request, forModel bool) place {
	std, own, ownErr := b.rememberedStandard(ctx, req)
	pl := place{own: own}
	if forModel && ownErr != nil && checklist.ErrorCode(ownErr) != checklist.ENOTFOUND {
		b.log().Warn("read conversation for answer context", "err", ownErr)
	}
	if b.Store != nil && (std == "" || forModel) {
		p, err := b.Store.ProjectByChannel(ctx, binding(req.msg))
		switch {
		case err == nil:
			pl.project = p
			if _, ok := b.Library.Standard(p.Standard); ok && std == "" {
				std = p.Standard
			}
		case forModel && checklist.ErrorCode(err) != checklist.ENOTFOUND:
			b.log().Warn("read project for answer context", "err", err)
		}
	}
	if std == "" {
		std = b.DefaultStandard
	}
	pl.standard = std
	return pl
}

// answerReply renders an answer: each source quoted with its citation, or the
// generated text with its numbered sources.
func answerReply(ans *knowledge.Answer) Reply {
	if ans.Status == knowledge.StatusNoAnswer {
		return Text(ReplyNoAnswer, ans.Answer)
	}
	r := Reply{Type: ReplyAnswer}
	if ans.Generated {
		links := make([]string, len(ans.Sources))
		for i, s := range ans.Sources {
			links[i] = s.URL
		}
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: ans.Answer, Links: links})
		for i, s := range ans.Sources {
			r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("[%d] %s", i+1, s.Label), URL: s.URL})
			r.Blocks = append(r.Blocks, appliedBlocks(s)...)
		}
		return r
	}
	for _, s := range ans.Sources {
		r.Blocks = append(r.Blocks, Block{Type: Quote, Text: s.Snippet, Cite: s.Label, URL: s.URL})
		r.Blocks = append(r.Blocks, appliedBlocks(s)...)
	}
	return r
}

// appliedBlocks cite, under a point, the points of another standard that
// apply with it: "The GOV.UK Service Standard point 9 applies too (Create
// a secure service which protects users' privacy)", with its link.
func appliedBlocks(s knowledge.Source) []Block {
	var out []Block
	for _, a := range s.Applies {
		text := a.Sentence()
		if _, title, ok := strings.Cut(a.Label, ": "); ok {
			text += " (" + title + ")"
		}
		out = append(out, Block{Type: Context, Text: strings.ToUpper(text[:1]) + text[1:], URL: a.URL})
	}
	return out
}
