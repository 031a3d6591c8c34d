package storeutil

import (
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// NextLook is when the scheduler should next look at p, as the stores keep
// it in next_due whenever a project is created or changed at now: now
// itself when something is due already, else p.NextDue(now), which is the
// zero time for never.
//
// Due already is not rare: an assessment booked for tomorrow after today's
// reminder moment, or a stand-up set for a time an hour ago. p.NextDue(now)
// alone looks only forward and would never see those, though DueAt says
// they are due; an early look costs the scheduler nothing, because what it
// has sent is claimed by key.
func NextLook(p *checklist.Project, now time.Time) time.Time {
	if len(p.DueAt(now)) > 0 {
		return now
	}
	return p.NextDue(now)
}
