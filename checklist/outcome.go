package checklist

import (
	"context"
	"strings"
	"time"
)

// Assessments keeps what happened at a project's service assessments: the
// outcome of each, each point's rating there, and the panel's actions.
type Assessments interface {
	// SaveAssessment records the outcome of a project's assessment on
	// a.Date in one transaction: its stage, result and source replace
	// those of an assessment already recorded that day (the ones a gives),
	// each point of a.Points with a rating replaces that point's rating
	// there, and each Explore item becomes an open action due
	// ActionDue(a.Date). It returns the assessment as stored, with every
	// rating and action it has. EINVALID for a zero date, an assessment
	// Check refuses or a point outside the project's standard; ENOTFOUND.
	SaveAssessment(ctx context.Context, id int64, a *Assessment, by Person) (*AssessmentRecord, error)
	// LatestAssessment returns the project's assessment with the latest
	// date; ENOTFOUND (ErrNoAssessment) when none is recorded.
	LatestAssessment(ctx context.Context, id int64) (*AssessmentRecord, error)
	// RatePoint records a point's rating at the latest assessment, with an
	// optional note, and a history entry. ENOTFOUND without an assessment;
	// EINVALID for a point out of range or an unknown rating.
	RatePoint(ctx context.Context, id int64, point int, r Rating, note string, by Person) (*PointRating, error)
	// AddAction records a panel's action on a point at the latest
	// assessment, due ActionDue of its date, with a history entry.
	// ENOTFOUND without an assessment; EINVALID for a point out of range or
	// empty text.
	AddAction(ctx context.Context, id int64, point int, text string, by Person) (*Action, error)
	// OpenActions returns the project's actions not yet closed, earliest
	// due first, then by id.
	OpenActions(ctx context.Context, id int64) ([]Action, error)
	// CloseAction closes one of the project's actions and, in the same
	// transaction, adds the evidence (when there is any) to its point and
	// a history entry. ENOTFOUND (ErrNoAction) for an action the project
	// does not have; ECONFLICT (ErrActionClosed) for one closed before.
	CloseAction(ctx context.Context, id, action int64, evidence string, by Person) (*Action, error)
}

// AssessmentRecord is an assessment as a store keeps it.
type AssessmentRecord struct {
	ID        int64
	ProjectID int64
	Date      Date
	// Stage and Result are "" when not known.
	Stage  Stage
	Result Rating
	// Source is the report's www.gov.uk address, or "".
	Source string
	// Ratings are the points rated there, by point number.
	Ratings []PointRating
	// Actions are the panel's actions raised there, open and closed, by id.
	Actions []Action
	By      string
	At      time.Time
}

// Rating returns the rating of point n, "" when it has none.
func (a *AssessmentRecord) Rating(n int) Rating {
	for _, r := range a.Ratings {
		if r.Point == n {
			return r.Rating
		}
	}
	return ""
}

// PointRating is a point's rating at one assessment.
type PointRating struct {
	Point  int
	Rating Rating
	Note   string
	By     string
	At     time.Time
}

// Action is something a panel asked a team to do on a point.
type Action struct {
	ID           int64
	ProjectID    int64
	AssessmentID int64
	Point        int
	Text         string
	By           string
	At           time.Time
	Due          Date
	// ClosedAt is zero while the action is open.
	ClosedAt time.Time
	ClosedBy string
	Evidence string
}

// Open reports whether the action is still to be done.
func (a *Action) Open() bool { return a.ClosedAt.IsZero() }

// Overdue reports whether an open action's due date is before today.
func (a *Action) Overdue(today Date) bool { return a.Open() && a.Due.DaysFrom(today) < 0 }

// ActionMonths is how long a team has for a panel's actions: amber ones
// must be dealt with within three months of the assessment, and the bot
// gives every action the same time.
const ActionMonths = 3

// ActionDue is when an action raised at an assessment on d is due:
// ActionMonths later, on the last day of the month when that month is
// shorter (30 November -> 28 February).
func ActionDue(d Date) Date {
	if d.IsZero() {
		return d
	}
	first := time.Date(d.Year, d.Month+ActionMonths, 1, 12, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return Date{first.Year(), first.Month(), min(d.Day, last)}
}

// CheckAction trims an action's text and refuses an empty one;
// EINVALID.
func CheckAction(point int, text string) (string, error) {
	if t := strings.TrimSpace(text); t != "" {
		return t, nil
	}
	return "", errEmptyAction(point)
}

// CheckRating refuses an empty or unknown rating; EINVALID.
func CheckRating(r Rating) error {
	if r == "" {
		return Errorf(EINVALID, "A rating is needed: use green, amber or red (met or not-met for older assessments)")
	}
	return checkRating(r)
}
