package bot

import (
	"context"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// What a language model is told besides the question: the project's phase
// and the conversation's last exchange, so "and what about beta?" in a
// thread means what the thread was about. An exchange older than
// exchangeWindow is a new conversation, not context. Without a model none
// of this is read or written.
const (
	exchangeWindow = 2 * time.Hour
	// exchangeMax bounds the answer kept: enough for the model to know
	// what was said, not a whole extractive answer's quotes.
	exchangeMax = 1500
)

// addContext adds the project's phase and the conversation's last
// exchange to a question. Failing to read them is logged, not shown: the
// question can still be answered.
func (b *Bot) addContext(ctx context.Context, req *request, q *knowledge.Question) {
	if p, err := b.Store.ProjectByChannel(ctx, binding(req.msg)); err == nil {
		q.Phase = knowledge.Phase(p.Phase)
	} else if checklist.ErrorCode(err) != checklist.ENOTFOUND {
		b.log().Warn("read project for answer context", "err", err)
	}
	c, err := b.Store.Conversation(ctx, conversationKey(req.msg))
	switch {
	case err == nil && c.Question != "" && time.Since(c.UpdatedAt) < exchangeWindow:
		q.History = []knowledge.Turn{{Question: c.Question, Answer: c.Answer}}
	case err != nil && checklist.ErrorCode(err) != checklist.ENOTFOUND:
		b.log().Warn("read conversation for answer context", "err", err)
	}
}

// rememberExchange keeps a question and its answer as the conversation's
// last exchange.
func (b *Bot) rememberExchange(ctx context.Context, req *request, question, answer string) {
	if r := []rune(answer); len(r) > exchangeMax {
		answer = string(r[:exchangeMax]) + "…"
	}
	err := b.updateConversation(ctx, req, func(c *checklist.Conversation) { c.Question, c.Answer = question, answer })
	if err != nil {
		b.log().Warn("remember conversation exchange", "err", err)
	}
}
