package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// SavePractice stores a practice panel's state, replacing any under its
// key, and sets p.UpdatedAt; ENOTFOUND if its project does not exist.
func (s *Store) SavePractice(ctx context.Context, p *checklist.PracticePanel) error {
	if p.Key == "" {
		return checklist.ErrEmptyKey("practice panel", "checklist.WalkKey(binding, thread, user)")
	}
	t := s.clock.Now()
	// One statement: it writes nothing when the project does not exist.
	tag, err := s.pool.Exec(ctx, `INSERT INTO practice_panels (key, project_id, points, current_point, question, updated_at)
		SELECT $1, $2, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM projects WHERE id = $2)
		ON CONFLICT (key) DO UPDATE SET project_id = excluded.project_id, points = excluded.points,
		current_point = excluded.current_point, question = excluded.question, updated_at = excluded.updated_at`,
		p.Key, p.ProjectID, storeutil.JoinInts(p.Points), p.Current, p.Question, t)
	if err != nil {
		return storeutil.Wrap("save practice panel", err)
	}
	if tag.RowsAffected() == 0 {
		return checklist.ErrNoProject(p.ProjectID)
	}
	p.UpdatedAt = t
	return nil
}

// Practice returns the practice panel stored under key; ENOTFOUND.
func (s *Store) Practice(ctx context.Context, key string) (*checklist.PracticePanel, error) {
	p := &checklist.PracticePanel{Key: key}
	var points string
	err := s.pool.QueryRow(ctx, `SELECT project_id, points, current_point, question, updated_at FROM practice_panels WHERE key = $1`, key).
		Scan(&p.ProjectID, &points, &p.Current, &p.Question, &p.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, checklist.ErrNoPractice()
	} else if err != nil {
		return nil, storeutil.Wrap("practice panel", err)
	}
	p.Points, p.UpdatedAt = storeutil.SplitInts(points), p.UpdatedAt.UTC()
	return p, nil
}

// EndPractice deletes the practice panel under key; ending one that is not
// there succeeds.
func (s *Store) EndPractice(ctx context.Context, key string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM practice_panels WHERE key = $1`, key)
	return storeutil.Wrap("end practice panel", err)
}

// AddPracticeAnswer keeps a practice answer and sets its ID and At;
// ENOTFOUND, EINVALID.
func (s *Store) AddPracticeAnswer(ctx context.Context, a *checklist.PracticeAnswer) error {
	t := s.clock.Now()
	var text string
	var id int64
	err := s.update(ctx, func(tx pgx.Tx) error {
		r, err := lockProject(ctx, tx, a.ProjectID)
		if err != nil {
			return err
		}
		if err := checklist.CheckPoint(r.standard, r.points, a.Point); err != nil {
			return err
		}
		if text, err = checklist.CheckPracticeAnswer(a.Point, a.Answer); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `INSERT INTO practice_answers (project_id, point, question, answer, author, author_id, at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, a.ProjectID, a.Point, a.Question, text, a.By, a.ByID, t).Scan(&id)
	})
	if err != nil {
		return storeutil.Wrap("add practice answer", err)
	}
	a.ID, a.Answer, a.At = id, text, t
	return nil
}

// PracticeAnswers returns a project's practice answers, oldest first.
func (s *Store) PracticeAnswers(ctx context.Context, projectID int64) ([]checklist.PracticeAnswer, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, point, question, answer, author, author_id, at FROM practice_answers
		WHERE project_id = $1 ORDER BY id`, projectID)
	if err != nil {
		return nil, storeutil.Wrap("practice answers", err)
	}
	defer rows.Close()
	var out []checklist.PracticeAnswer
	for rows.Next() {
		a := checklist.PracticeAnswer{ProjectID: projectID}
		if err := rows.Scan(&a.ID, &a.Point, &a.Question, &a.Answer, &a.By, &a.ByID, &a.At); err != nil {
			return nil, storeutil.Wrap("practice answers", err)
		}
		a.At = a.At.UTC()
		out = append(out, a)
	}
	return out, storeutil.Wrap("practice answers", rows.Err())
}
