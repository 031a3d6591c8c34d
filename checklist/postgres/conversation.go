package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// SaveConversation stores what the bot remembers of a conversation,
// replacing any under its key, and sets c.UpdatedAt; EINVALID without a key.
func (s *Store) SaveConversation(ctx context.Context, c *checklist.Conversation) error {
	if c.Key == "" {
		return checklist.ErrEmptyKey("conversation", "checklist.ConversationKey(binding, thread)")
	}
	t := s.clock.Now()
	if s.threadPruner.Due() {
		// Threads' conversations, one a question once a model answers,
		// would otherwise grow for ever; a channel's (key ending "|")
		// holds its chosen standard and stays.
		if _, err := s.pool.Exec(ctx, `DELETE FROM conversations WHERE updated_at < $1 AND key NOT LIKE '%|'`, t.Add(-storeutil.ThreadRetention)); err != nil {
			return storeutil.Wrap("prune conversations", err)
		}
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO conversations (key, standard, last_question, last_answer, updated_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (key) DO UPDATE SET standard = excluded.standard, last_question = excluded.last_question,
			last_answer = excluded.last_answer, updated_at = excluded.updated_at`,
		c.Key, c.Standard, c.Question, c.Answer, t)
	if err != nil {
		return storeutil.Wrap("save conversation", err)
	}
	c.UpdatedAt = t
	return nil
}

// Conversation returns what the bot remembers of the conversation under
// key; ENOTFOUND.
func (s *Store) Conversation(ctx context.Context, key string) (*checklist.Conversation, error) {
	c := &checklist.Conversation{Key: key}
	err := s.pool.QueryRow(ctx, `SELECT standard, last_question, last_answer, updated_at FROM conversations WHERE key = $1`, key).
		Scan(&c.Standard, &c.Question, &c.Answer, &c.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, checklist.ErrNoConversation()
	} else if err != nil {
		return nil, storeutil.Wrap("conversation", err)
	}
	c.UpdatedAt = c.UpdatedAt.UTC()
	return c, nil
}
