package checklist

import (
	"context"
	"time"
)

// Practice keeps practice panels: each person's mock assessment in
// progress, and the answers the team gave the panel's questions.
type Practice interface {
	// SavePractice stores a practice panel's state, replacing any under its
	// key, and sets UpdatedAt; ENOTFOUND for an unknown project. Practice
	// returns it (ENOTFOUND); EndPractice deletes it, and ending one that is
	// not there succeeds.
	SavePractice(ctx context.Context, p *PracticePanel) error
	Practice(ctx context.Context, key string) (*PracticePanel, error)
	EndPractice(ctx context.Context, key string) error
	// AddPracticeAnswer keeps a team's answer to a panel's question on a
	// point, setting its ID and At. ENOTFOUND for an unknown project;
	// EINVALID for a point outside the standard or an empty answer.
	AddPracticeAnswer(ctx context.Context, a *PracticeAnswer) error
	// PracticeAnswers returns a project's practice answers, oldest first.
	PracticeAnswers(ctx context.Context, projectID int64) ([]PracticeAnswer, error)
}

// PracticePanel is one person's practice panel (a mock assessment) in one
// conversation: stored, so it survives a restart, and keyed per person
// (WalkKey), as a checklist walk is.
type PracticePanel struct {
	Key       string
	ProjectID int64
	// Points are the points the panel covers, in the order it asks them.
	Points []int
	// Current is the point being asked about; Question is the index of the
	// question on it, from 0.
	Current   int
	Question  int
	UpdatedAt time.Time
}

// PracticeAnswer is what the team answered to one of a practice panel's
// questions.
type PracticeAnswer struct {
	ID        int64
	ProjectID int64
	Point     int
	Question  string
	Answer    string
	// By is who answered, by display name; ByID their platform user id.
	By   string
	ByID string
	At   time.Time
}
