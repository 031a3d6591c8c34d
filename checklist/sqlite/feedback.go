package sqlite

import (
	"context"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// SaveFeedback records one person's verdict on an answer, replacing their
// earlier one: one statement, so concurrent clicks leave the last.
// EINVALID without a ref or user. A zero f.At stores the store's clock.
func (s *Store) SaveFeedback(ctx context.Context, f checklist.Feedback) error {
	if f.Ref == "" || f.User == "" {
		return checklist.ErrEmptyKey("feedback click", "an answer's ref and the clicking user's id")
	}
	_, err := s.exec(ctx, `INSERT INTO feedback (ref, user_id, helpful, question, platform, at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ref, user_id) DO UPDATE SET helpful = excluded.helpful,
		question = excluded.question, platform = excluded.platform, at = excluded.at`,
		f.Ref, f.User, f.Helpful, f.Question, f.Platform, ts(s.clock.At(f.At)))
	return storeutil.Wrap("save feedback", err)
}

// RecentFeedback returns the feedback given at or after since, newest
// first (then by answer and user), at most limit of it.
func (s *Store) RecentFeedback(ctx context.Context, since time.Time, limit int) ([]checklist.Feedback, error) {
	out, err := s.recentFeedback(ctx, since, limit)
	return out, storeutil.Wrap("recent feedback", err)
}

// recentFeedback is RecentFeedback unwrapped; none is an empty list.
func (s *Store) recentFeedback(ctx context.Context, since time.Time, limit int) ([]checklist.Feedback, error) {
	rows, err := s.reads.QueryContext(ctx, `SELECT ref, user_id, helpful, question, platform, at FROM feedback
		WHERE at >= ? ORDER BY at DESC, ref, user_id LIMIT ?`, ts(since), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []checklist.Feedback{}
	for rows.Next() {
		var f checklist.Feedback
		if err := rows.Scan(&f.Ref, &f.User, &f.Helpful, &f.Question, &f.Platform, stamp{&f.At}); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
