package sqlite

import (
	"context"
	"database/sql"
	"errors"

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
		if _, err := s.exec(ctx, `DELETE FROM conversations WHERE updated_at < ? AND key NOT LIKE '%|'`, ts(t.Add(-storeutil.ThreadRetention))); err != nil {
			return storeutil.Wrap("prune conversations", err)
		}
	}
	_, err := s.exec(ctx, `INSERT INTO conversations (key, standard, last_question, last_answer, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET standard = excluded.standard, last_question = excluded.last_question,
			last_answer = excluded.last_answer, updated_at = excluded.updated_at`,
		c.Key, c.Standard, c.Question, c.Answer, ts(t))
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
	err := s.reads.QueryRowContext(ctx, `SELECT standard, last_question, last_answer, updated_at FROM conversations WHERE key = ?`, key).
		Scan(&c.Standard, &c.Question, &c.Answer, stamp{&c.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, checklist.ErrNoConversation()
	} else if err != nil {
		return nil, storeutil.Wrap("conversation", err)
	}
	return c, nil
}
