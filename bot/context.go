package bot

import (
	"context"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// What a language model is told besides the question: the project's phase
// (which every answer uses) and the conversation's last exchange, so "and what about beta?" in a
// thread means what the thread was about. An exchange older than
// exchangeWindow is a new conversation, not context. Without a model none
// of this is read or written.
const (
	exchangeWindow = 2 * time.Hour
	// exchangeMax bounds the answer kept: enough for the model to know
	// what was said, not a whole extractive answer's quotes.
	exchangeMax = 1500
)

// addHistory adds the conversation's last exchange to a question for a
// model, if it is recent at now.
func addHistory(pl place, q *knowledge.Question, now time.Time) {
	if c := pl.own; c != nil && c.Question != "" && now.Sub(c.UpdatedAt) < exchangeWindow {
		q.History = []knowledge.Turn{{Question: c.Question, Answer: c.Answer}}
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
