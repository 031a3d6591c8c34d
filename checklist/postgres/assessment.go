package postgres

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// SaveAssessment records an assessment's outcome, its points' ratings and
// an action per Explore item in one transaction; see checklist.Assessments.
func (s *Store) SaveAssessment(ctx context.Context, id int64, a *checklist.Assessment, by checklist.Person) (*checklist.AssessmentRecord, error) {
	if err := checkAssessment(a); err != nil {
		return nil, err
	}
	var rec *checklist.AssessmentRecord
	err := s.update(ctx, func(tx pgx.Tx) error {
		r, err := lockProject(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, p := range a.Points {
			if err := checklist.CheckPoint(r.standard, r.points, p.Point); err != nil {
				return err
			}
		}
		t := s.clock.Now()
		aid, err := upsertAssessment(ctx, tx, id, a, by, t)
		if err != nil {
			return err
		}
		if err := addHistory(ctx, tx, id, t, by, 0, checklist.FieldChange{Field: "assessment result", New: outcomeText(a)}, a.Source); err != nil {
			return err
		}
		for _, p := range a.Points {
			if err := savePointOutcome(ctx, tx, id, aid, p, checklist.ActionDue(a.Date), by, t); err != nil {
				return err
			}
		}
		if err := refreshNextDue(ctx, tx, id, t); err != nil {
			return err
		}
		rec, err = readAssessment(ctx, tx, aid)
		return err
	})
	if err != nil {
		return nil, storeutil.Wrap("save assessment", err)
	}
	return rec, nil
}

// checkAssessment refuses what no store keeps: no date, or what
// Assessment.Check refuses.
func checkAssessment(a *checklist.Assessment) error {
	if a.Date.IsZero() {
		return checklist.ErrNoAssessmentDate()
	}
	return a.Check()
}

// outcomeText is an assessment as its history entry records it.
func outcomeText(a *checklist.Assessment) string {
	return strings.Join(strings.Fields(a.Date.String()+" "+a.Stage.Label()+" "+string(a.Result)), " ")
}

// upsertAssessment stores the assessment row for a.Date, keeping what a
// leaves unset, and returns its id.
func upsertAssessment(ctx context.Context, tx pgx.Tx, id int64, a *checklist.Assessment, by checklist.Person, t time.Time) (int64, error) {
	var aid int64
	err := tx.QueryRow(ctx, `INSERT INTO assessments (project_id, held_on, stage, result, source, recorded_by, recorded_by_id, recorded_at)
		VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8) ON CONFLICT (project_id, held_on) DO UPDATE SET
			stage = CASE WHEN excluded.stage = '' THEN assessments.stage ELSE excluded.stage END,
			result = CASE WHEN excluded.result = '' THEN assessments.result ELSE excluded.result END,
			source = CASE WHEN excluded.source = '' THEN assessments.source ELSE excluded.source END,
			recorded_by = excluded.recorded_by, recorded_by_id = excluded.recorded_by_id, recorded_at = excluded.recorded_at
		RETURNING id`, id, a.Date.String(), string(a.Stage), string(a.Result), a.Source, by.Name, by.ID, t).Scan(&aid)
	return aid, err
}

// savePointOutcome stores a point's rating (when it has one) and an action
// per Explore item.
func savePointOutcome(ctx context.Context, tx pgx.Tx, id, aid int64, p checklist.PointOutcome, due checklist.Date, by checklist.Person, t time.Time) error {
	if p.Rating != "" {
		if err := saveRating(ctx, tx, id, aid, p.Point, p.Rating, "", by, t); err != nil {
			return err
		}
	}
	for _, text := range p.Explore {
		text, err := checklist.CheckAction(p.Point, text)
		if err != nil {
			return err
		}
		if _, err := insertAction(ctx, tx, id, aid, p.Point, text, due, by, t); err != nil {
			return err
		}
	}
	return nil
}

func saveRating(ctx context.Context, tx pgx.Tx, id, aid int64, point int, r checklist.Rating, note string, by checklist.Person, t time.Time) error {
	var old string
	err := tx.QueryRow(ctx, `SELECT rating FROM assessment_ratings WHERE assessment_id = $1 AND point = $2`, aid, point).Scan(&old)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO assessment_ratings (assessment_id, point, rating, note, rated_by, rated_by_id, rated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (assessment_id, point) DO UPDATE SET
			rating = excluded.rating, note = excluded.note, rated_by = excluded.rated_by, rated_by_id = excluded.rated_by_id, rated_at = excluded.rated_at`,
		aid, point, string(r), note, by.Name, by.ID, t); err != nil {
		return err
	}
	return addHistory(ctx, tx, id, t, by, point, checklist.FieldChange{Field: "rating", Old: old, New: string(r)}, note)
}

func insertAction(ctx context.Context, tx pgx.Tx, id, aid int64, point int, text string, due checklist.Date, by checklist.Person, t time.Time) (int64, error) {
	var actionID int64
	err := tx.QueryRow(ctx, `INSERT INTO actions (project_id, assessment_id, point, body, added_by, added_by_id, added_at, due)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8::date) RETURNING id`, id, aid, point, text, by.Name, by.ID, t, due.String()).Scan(&actionID)
	if err != nil {
		return 0, err
	}
	return actionID, addHistory(ctx, tx, id, t, by, point, checklist.FieldChange{Field: "action", New: text}, "")
}

// LatestAssessment returns the project's latest assessment; ENOTFOUND.
func (s *Store) LatestAssessment(ctx context.Context, id int64) (*checklist.AssessmentRecord, error) {
	aid, _, err := latestAssessment(ctx, s.pool, id)
	if err != nil {
		return nil, storeutil.Wrap("latest assessment", err)
	}
	rec, err := readAssessment(ctx, s.pool, aid)
	return rec, storeutil.Wrap("latest assessment", err)
}

// latestAssessment is the id and date of the project's latest assessment;
// ENOTFOUND for an unknown project or one without an assessment.
func latestAssessment(ctx context.Context, q queryer, id int64) (int64, checklist.Date, error) {
	var aid int64
	var held string
	err := q.QueryRow(ctx, `SELECT id, to_char(held_on, 'YYYY-MM-DD') FROM assessments WHERE project_id = $1 ORDER BY held_on DESC LIMIT 1`, id).Scan(&aid, &held)
	if errors.Is(err, pgx.ErrNoRows) {
		if _, err := pointsOf(ctx, q, id); err != nil {
			return 0, checklist.Date{}, err
		}
		return 0, checklist.Date{}, checklist.ErrNoAssessment()
	}
	if err != nil {
		return 0, checklist.Date{}, err
	}
	d, err := checklist.ParseDate(held)
	return aid, d, err
}

// readAssessment reads an assessment with its ratings and actions.
func readAssessment(ctx context.Context, q queryer, aid int64) (*checklist.AssessmentRecord, error) {
	rec := &checklist.AssessmentRecord{ID: aid}
	var held, stage, result string
	if err := q.QueryRow(ctx, `SELECT project_id, to_char(held_on, 'YYYY-MM-DD'), stage, result, source, recorded_by, recorded_at
		FROM assessments WHERE id = $1`, aid).Scan(&rec.ProjectID, &held, &stage, &result, &rec.Source, &rec.By, &rec.At); err != nil {
		return nil, err
	}
	var err error
	if rec.Date, err = checklist.ParseDate(held); err != nil {
		return nil, err
	}
	rec.Stage, rec.Result, rec.At = checklist.Stage(stage), checklist.Rating(result), rec.At.UTC()
	rows, err := q.Query(ctx, `SELECT point, rating, note, rated_by, rated_at FROM assessment_ratings
		WHERE assessment_id = $1 ORDER BY point`, aid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r checklist.PointRating
		var rating string
		if err := rows.Scan(&r.Point, &rating, &r.Note, &r.By, &r.At); err != nil {
			return nil, err
		}
		r.Rating, r.At = checklist.Rating(rating), r.At.UTC()
		rec.Ratings = append(rec.Ratings, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rec.Actions, err = readActions(ctx, q, `assessment_id = $1 ORDER BY id`, aid)
	return rec, err
}

// actionColumns are what readActions scans, in order.
const actionColumns = `id, project_id, assessment_id, point, body, added_by, added_at, to_char(due, 'YYYY-MM-DD'), closed_at, closed_by, evidence`

// readActions reads the actions matching where (with its ORDER BY).
func readActions(ctx context.Context, q queryer, where string, args ...any) ([]checklist.Action, error) {
	rows, err := q.Query(ctx, `SELECT `+actionColumns+` FROM actions WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []checklist.Action
	for rows.Next() {
		var a checklist.Action
		var due string
		var closed *time.Time
		if err := rows.Scan(&a.ID, &a.ProjectID, &a.AssessmentID, &a.Point, &a.Text, &a.By, &a.At,
			&due, &closed, &a.ClosedBy, &a.Evidence); err != nil {
			return nil, err
		}
		a.At = a.At.UTC()
		if closed != nil {
			a.ClosedAt = closed.UTC()
		}
		if a.Due, err = checklist.ParseDate(due); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// RatePoint records a point's rating at the latest assessment.
func (s *Store) RatePoint(ctx context.Context, id int64, point int, r checklist.Rating, note string, by checklist.Person) (*checklist.PointRating, error) {
	if err := checklist.CheckRating(r); err != nil {
		return nil, err
	}
	var pr *checklist.PointRating
	err := s.update(ctx, func(tx pgx.Tx) error {
		aid, err := checkedLatest(ctx, tx, id, point)
		if err != nil {
			return err
		}
		t := s.clock.Now()
		note = strings.TrimSpace(note)
		if err := saveRating(ctx, tx, id, aid.id, point, r, note, by, t); err != nil {
			return err
		}
		pr = &checklist.PointRating{Point: point, Rating: r, Note: note, By: by.Name, At: t}
		return nil
	})
	if err != nil {
		return nil, storeutil.Wrap("rate point", err)
	}
	return pr, nil
}

// latest is the project's latest assessment, as rating and actions need it.
type latest struct {
	id   int64
	date checklist.Date
}

// checkedLatest checks point is the project's and returns its latest
// assessment; ENOTFOUND, EINVALID.
func checkedLatest(ctx context.Context, tx pgx.Tx, id int64, point int) (latest, error) {
	r, err := lockProject(ctx, tx, id)
	if err != nil {
		return latest{}, err
	}
	if err := checklist.CheckPoint(r.standard, r.points, point); err != nil {
		return latest{}, err
	}
	aid, d, err := latestAssessment(ctx, tx, id)
	return latest{aid, d}, err
}

// AddAction records an action on a point at the latest assessment.
func (s *Store) AddAction(ctx context.Context, id int64, point int, text string, by checklist.Person) (*checklist.Action, error) {
	text, err := checklist.CheckAction(point, text)
	if err != nil {
		return nil, err
	}
	var act *checklist.Action
	err = s.update(ctx, func(tx pgx.Tx) error {
		l, err := checkedLatest(ctx, tx, id, point)
		if err != nil {
			return err
		}
		t := s.clock.Now()
		due := checklist.ActionDue(l.date)
		actionID, err := insertAction(ctx, tx, id, l.id, point, text, due, by, t)
		if err != nil {
			return err
		}
		act = &checklist.Action{ID: actionID, ProjectID: id, AssessmentID: l.id, Point: point, Text: text, By: by.Name, At: t, Due: due}
		return refreshNextDue(ctx, tx, id, t)
	})
	if err != nil {
		return nil, storeutil.Wrap("add action", err)
	}
	return act, nil
}

// OpenActions returns the project's open actions, earliest due first.
func (s *Store) OpenActions(ctx context.Context, id int64) ([]checklist.Action, error) {
	out, err := readActions(ctx, s.pool, `project_id = $1 AND closed_at IS NULL ORDER BY due, id`, id)
	if err == nil && len(out) == 0 {
		_, err = pointsOf(ctx, s.pool, id)
	}
	return out, storeutil.Wrap("open actions", err)
}

// CloseAction closes an action, adding its evidence to its point in the
// same transaction.
func (s *Store) CloseAction(ctx context.Context, id, action int64, evidence string, by checklist.Person) (*checklist.Action, error) {
	var act *checklist.Action
	err := s.update(ctx, func(tx pgx.Tx) error {
		as, err := readActions(ctx, tx, `id = $1 AND project_id = $2 FOR UPDATE`, action, id)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return checklist.ErrNoAction(action)
		}
		act = &as[0]
		if !act.Open() {
			return checklist.ErrActionClosed(action, act.ClosedBy, act.ClosedAt)
		}
		t := s.clock.Now()
		act.ClosedAt, act.ClosedBy, act.Evidence = t, by.Name, strings.TrimSpace(evidence)
		if _, err := tx.Exec(ctx, `UPDATE actions SET closed_at = $1, closed_by = $2, closed_by_id = $3, evidence = $4 WHERE id = $5`,
			t, by.Name, by.ID, act.Evidence, action); err != nil {
			return err
		}
		if act.Evidence != "" {
			if err := touchPoint(ctx, tx, id, act.Point, by, t); err != nil {
				return err
			}
			if _, err := insertItem(ctx, tx, id, act.Point, "evidence", act.Evidence, by, t); err != nil {
				return err
			}
		}
		if err := addHistory(ctx, tx, id, t, by, act.Point, checklist.FieldChange{Field: "action done", Old: act.Text}, act.Evidence); err != nil {
			return err
		}
		return refreshNextDue(ctx, tx, id, t)
	})
	if err != nil {
		return nil, storeutil.Wrap("close action", err)
	}
	return act, nil
}

// refreshNextDue works the project's next moment out again after its open
// actions changed, whose reminders it counts, and marks the project
// updated, so a tick that read it before stores no stale moment over it
// (see SetNextDue).
func refreshNextDue(ctx context.Context, tx pgx.Tx, id int64, t time.Time) error {
	p, err := project(ctx, tx, id)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE projects SET updated_at = $1, next_due = $2 WHERE id = $3`, t, nextDue(storeutil.NextLook(p, t)), id)
	return err
}
