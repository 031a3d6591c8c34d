package riverjobs

import (
	"context"

	"github.com/standardbot/standardbot/checklist"
)

// Store is what the scheduler keeps in the checklist store: the timetable
// the tick reads and moves on, and what a send needs.
type Store interface {
	checklist.Timetable
	SendStore
}

// SendStore is what a send needs: the project as it is now, and claims
// that make each channel's message go once.
type SendStore interface {
	checklist.Claims
	// Project returns a project by id; ENOTFOUND.
	Project(ctx context.Context, id int64) (*checklist.Project, error)
}

var _ Store = (checklist.Store)(nil)
