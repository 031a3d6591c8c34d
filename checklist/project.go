package checklist

import (
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Phase is a stage of a service's life.
type Phase string

// The phases, in order.
const (
	Discovery Phase = "discovery"
	Alpha     Phase = "alpha"
	Beta      Phase = "beta"
	Live      Phase = "live"
)

// Phases lists the phases in order.
var Phases = []Phase{Discovery, Alpha, Beta, Live}

// ParsePhase reads a phase name, case-insensitive.
func ParsePhase(s string) (Phase, error) {
	p := Phase(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Phases {
		if p == known {
			return p, nil
		}
	}
	return "", Errorf(EINVALID, "%q is not a phase: use discovery, alpha, beta or live", s)
}

// Binding ties a project to a conversation on a platform.
type Binding struct {
	Platform string
	Team     string // Slack workspace, Teams tenant, "local" for the terminal
	Channel  string
}

// Workspace is the scope a project's name is unique in: one platform's team.
func (b Binding) Workspace() string { return b.Platform + ":" + b.Team }

// Project is a service being readied for its assessments.
type Project struct {
	ID   int64
	Name string
	// Workspace is Binding.Workspace() of the channel the project was made
	// in; names are unique within it, case-insensitive.
	Workspace  string
	Standard   string
	Points     int // how many points the standard has
	Phase      Phase
	Assessment Date // zero when not booked
	TimeZone   string
	// Holidays is the bank holiday division the project chose, "" for
	// none; Division says which one its stand-ups follow.
	Holidays Division
	Bindings []Binding
	Schedule Schedule
	// CreatedBy is the display name of who made the project;
	// CreatedByID their platform user id, "" for a project made before
	// the stores kept ids (see Person.Is).
	CreatedBy   string
	CreatedByID string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// ArchivedAt is when the project was archived, zero while it is not:
	// an archived project keeps its data but hears nothing unprompted
	// (see Archived).
	ArchivedAt time.Time
	// ActionsDue are the days the project's open panel actions fall due,
	// each once, earliest first, for the reminders before them. Not a
	// setting: the stores' Project and DueProjects, what the scheduler
	// reads, fill it; the other reads leave it nil.
	ActionsDue []Date
	// StandupWindow is how long a round gathers answers; 0 is
	// DefaultStandupWindow.
	StandupWindow time.Duration
	// Members are the people each stand-up asks, by name; with none, the
	// stand-up is one prompt to the channel. Filled by the stores'
	// Project and DueProjects, as ActionsDue is.
	Members []Member
}

// Archived reports whether the project is archived: it gets no
// stand-ups, reminders, nudges, action reminders or practice panels, and
// pages and reports show it as archived.
func (p *Project) Archived() bool { return !p.ArchivedAt.IsZero() }

// Location is the project's time zone, UTC if it cannot be loaded (the zone
// is checked when set, so that only happens if tzdata changes).
func (p *Project) Location() *time.Location { return Zone(p.TimeZone) }

// Zone loads an IANA time zone once, UTC for "" or one that cannot be
// loaded.
func Zone(name string) *time.Location {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	zones.Store(name, loc)
	return loc
}

// zones caches loaded time zones: loading one reads a file, and a
// scheduler tick asks for thousands.
var zones sync.Map

// Schedule is when the project hears from the bot unprompted: a stand-up
// time and days, and reminder offsets before the assessment.
type Schedule struct {
	// StandupAt is "HH:MM" local time; empty means no stand-up.
	StandupAt string
	// StandupDays is "daily", "weekdays" or a comma list such as "mon,wed".
	StandupDays string
	// Reminders are days before the assessment; nil means the default,
	// an empty non-nil slice means off.
	Reminders []int
}

// DefaultReminders are the days before an assessment a team is reminded.
var DefaultReminders = []int{28, 14, 7, 3, 1}

// ReminderDays is the effective reminder offsets.
func (s Schedule) ReminderDays() []int {
	if s.Reminders == nil {
		return DefaultReminders
	}
	return s.Reminders
}

// ParseTimeZone checks an IANA zone name.
func ParseTimeZone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "local") {
		return "", Errorf(EINVALID, "give an IANA time zone such as Europe/London")
	}
	if _, err := time.LoadLocation(s); err != nil {
		return "", Errorf(EINVALID, "%q is not a time zone: use an IANA name such as Europe/London or Europe/Belfast", s)
	}
	return s, nil
}

// ValidName cleans a project name (see CleanText) onto one line and checks
// it is not empty and at most MaxNameLength characters.
func ValidName(name string) (string, error) { return validName(name, "project new NAME") }

// validName is ValidName with the words its messages suggest.
func validName(name, try string) (string, error) {
	name = strings.Join(strings.Fields(CleanText(name)), " ")
	switch n := utf8.RuneCountInString(name); {
	case name == "":
		return "", Errorf(EINVALID, "give the project a name: %s", try)
	case n > MaxNameLength:
		return "", Errorf(EINVALID, "That name is %s characters; project names are at most %d. Try a shorter one: %s", thousands(n), MaxNameLength, try)
	}
	return name, nil
}

// Creator is who made the project, as Person.Is compares them.
func (p *Project) Creator() Person { return Person{ID: p.CreatedByID, Name: p.CreatedBy} }
