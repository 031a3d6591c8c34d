package checklist

import (
	"strings"
	"time"
)

// Status is where a point stands.
type Status string

// The statuses. Every point is NotStarted until marked.
const (
	NotStarted Status = "not-started"
	Met        Status = "met"
	Partly     Status = "partly"
	NotMet     Status = "not-met"
	NA         Status = "n/a"
)

// Statuses lists them in the order reports show them.
var Statuses = []Status{Met, Partly, NotMet, NotStarted, NA}

// ParseStatus reads a status a user can set (not not-started), accepting
// common spellings: "not met", "notmet", "na", "n/a", "part".
func ParseStatus(s string) (Status, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "met", "done", "yes":
		return Met, nil
	case "partly", "partial", "partially", "part", "amber":
		return Partly, nil
	case "not-met", "notmet", "not_met", "no", "red":
		return NotMet, nil
	case "n/a", "na", "n-a", "not-applicable", "skip-point":
		return NA, nil
	}
	return "", errNotStatus(s)
}

// Outstanding reports whether a point still needs work.
func (s Status) Outstanding() bool { return s == NotStarted || s == NotMet || s == Partly }

// Item is a note or a piece of evidence.
type Item struct {
	ID   int64
	Text string
	// By is the author's display name; ByID their platform user id, ""
	// for an item written before the stores kept ids (see Person.Is).
	By   string
	ByID string
	At   time.Time
}

// PointState is one point's progress in a project.
type PointState struct {
	Point     int
	Status    Status
	Notes     []Item
	Evidence  []Item
	UpdatedBy string
	UpdatedAt time.Time
}

// Change is one entry of a project's append-only history.
type Change struct {
	ID        int64
	ProjectID int64
	At        time.Time
	// By is who made the change, by display name; ByID their platform
	// user id, "" before the stores kept ids and for FormerMember.
	By   string
	ByID string
	// Point is the point changed, 0 for a project-level change.
	Point int
	// Field is what changed: status, note, evidence, phase, assessment,
	// timezone, standup, reminders, created, channel; and, for a setting
	// of one of the project's channels (ChannelSettings), sources,
	// replies or visibility.
	Field string
	Old   string
	New   string
	Note  string
}

// Progress is every point of a project, not-started ones included.
type Progress struct {
	Project *Project
	Points  []PointState // index i is point i+1
}

// NewProgress fills the gaps in stored states with not-started points.
func NewProgress(p *Project, stored []PointState) *Progress {
	pr := &Progress{Project: p, Points: make([]PointState, p.Points)}
	for i := range pr.Points {
		pr.Points[i] = PointState{Point: i + 1, Status: NotStarted}
	}
	for _, s := range stored {
		if s.Point >= 1 && s.Point <= p.Points {
			pr.Points[s.Point-1] = s
		}
	}
	return pr
}

// Counts tallies the statuses.
func (pr *Progress) Counts() map[Status]int {
	c := make(map[Status]int, len(Statuses))
	for _, s := range pr.Points {
		c[s.Status]++
	}
	return c
}

// Outstanding lists the points still to do, most urgent first: not-met,
// then not-started, then partly, each in point order.
func (pr *Progress) Outstanding() []PointState {
	var out []PointState
	for _, want := range []Status{NotMet, NotStarted, Partly} {
		for _, s := range pr.Points {
			if s.Status == want {
				out = append(out, s)
			}
		}
	}
	return out
}

// Done is the share of points met or not applicable, 0 to 1.
func (pr *Progress) Done() float64 {
	if len(pr.Points) == 0 {
		return 0
	}
	c := pr.Counts()
	return float64(c[Met]+c[NA]) / float64(len(pr.Points))
}

// Author is who wrote the item, as Person.Is compares them.
func (it Item) Author() Person { return Person{ID: it.ByID, Name: it.By} }
