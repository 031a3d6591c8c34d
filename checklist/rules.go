package checklist

import (
	"slices"
	"strings"
	"time"
)

// Normalise checks a project before it is created and puts it in its
// stored form: the name tidied, bindings without repeats, the workspace
// taken from the first binding when unset, and the phase, time zone and
// schedule normalised. Every store calls it in CreateProject, so they
// refuse the same projects with the same messages. EINVALID.
func (p *Project) Normalise() error {
	name, err := ValidName(p.Name)
	if err != nil {
		return err
	}
	p.Name = name
	var binds []Binding
	for _, b := range p.Bindings {
		if b.Platform == "" || b.Team == "" || b.Channel == "" {
			return errNoBinding()
		}
		if !slices.Contains(binds, b) {
			binds = append(binds, b)
		}
	}
	if len(binds) == 0 {
		return errNoBinding()
	}
	p.Bindings = binds
	if p.Workspace == "" {
		p.Workspace = binds[0].Workspace()
	}
	if strings.TrimSpace(p.Standard) == "" {
		return errNoStandard()
	}
	if p.Points < 1 {
		return errNoPoints(p.Standard)
	}
	if p.Phase, err = ParsePhase(string(p.Phase)); err != nil {
		return err
	}
	if p.TimeZone, err = ParseTimeZone(p.TimeZone); err != nil {
		return err
	}
	if err := CheckDate(p.Assessment); err != nil {
		return err
	}
	if err := p.normaliseHolidays(); err != nil {
		return err
	}
	return p.Schedule.normalise()
}

// FieldChange is one project setting's change, as a project-level history
// entry records it: Field is name, archived, phase, assessment, timezone,
// holidays, standup or reminders, and Old and New are the values as users read them.
type FieldChange struct{ Field, Old, New string }

// Apply checks u and applies it to p, archiving it at now when u archives
// it. It returns one FieldChange for each setting whose shown value
// changed, for the history, and whether anything the store keeps changed,
// which can happen with no FieldChange: the days of a stand-up that is
// off, or the default reminders set as a list, change what is stored but
// not what is shown. EINVALID, and then p is unchanged.
func (p *Project) Apply(u ProjectUpdate, now time.Time) (changes []FieldChange, dirty bool, err error) {
	next := *p
	if err := next.applyIdentity(u, now); err != nil {
		return nil, false, err
	}
	if err := next.applySettings(u); err != nil {
		return nil, false, err
	}
	add := func(field, old, new string) {
		if old != new {
			changes = append(changes, FieldChange{field, old, new})
		}
	}
	add("name", p.Name, next.Name)
	add("archived", yesNo(p.Archived()), yesNo(next.Archived()))
	add("phase", string(p.Phase), string(next.Phase))
	add("assessment", p.Assessment.String(), next.Assessment.String())
	add("timezone", p.TimeZone, next.TimeZone)
	add("holidays", string(p.Holidays), string(next.Holidays))
	add("standup", StandupText(p.Schedule), StandupText(next.Schedule))
	add("reminders", RemindersText(p.Schedule.ReminderDays()), RemindersText(next.Schedule.ReminderDays()))
	add("standup window", WindowText(p.Window()), WindowText(next.Window()))
	dirty = len(changes) > 0 || p.Schedule.StandupDays != next.Schedule.StandupDays ||
		(p.Schedule.Reminders == nil) != (next.Schedule.Reminders == nil) ||
		!slices.Equal(p.Schedule.Reminders, next.Schedule.Reminders)
	*p = next
	return changes, dirty, nil
}

// applyIdentity applies u's name and archiving to p. Archiving an
// archived project keeps its first date.
func (p *Project) applyIdentity(u ProjectUpdate, now time.Time) error {
	if u.Name != nil {
		name, err := validName(*u.Name, "project rename NEW NAME")
		if err != nil {
			return err
		}
		p.Name = name
	}
	switch {
	case u.Archived == nil:
	case !*u.Archived:
		p.ArchivedAt = time.Time{}
	case !p.Archived():
		p.ArchivedAt = now
	}
	return nil
}

// applySettings applies u's settings to p.
func (p *Project) applySettings(u ProjectUpdate) (err error) {
	if u.Phase != nil {
		if p.Phase, err = ParsePhase(string(*u.Phase)); err != nil {
			return err
		}
	}
	if u.Assessment != nil {
		if err := CheckDate(*u.Assessment); err != nil {
			return err
		}
		p.Assessment = *u.Assessment
	}
	if u.TimeZone != nil {
		if p.TimeZone, err = ParseTimeZone(*u.TimeZone); err != nil {
			return err
		}
	}
	if u.Holidays != nil {
		p.Holidays = *u.Holidays
		if err := p.normaliseHolidays(); err != nil {
			return err
		}
	}
	if u.StandupAt != nil {
		p.Schedule.StandupAt = *u.StandupAt
	}
	if u.StandupDay != nil {
		p.Schedule.StandupDays = *u.StandupDay
	}
	if u.StandupWindow != nil {
		if p.StandupWindow, err = checkWindow(*u.StandupWindow); err != nil {
			return err
		}
	}
	if u.Reminders != nil {
		// An empty list, nil included, turns reminders off.
		p.Schedule.Reminders = append([]int{}, *u.Reminders...)
	}
	return p.Schedule.normalise()
}

// normaliseHolidays checks the project's division, "" allowed.
func (p *Project) normaliseHolidays() (err error) {
	if p.Holidays != "" {
		p.Holidays, err = ParseDivision(string(p.Holidays))
	}
	return err
}

// yesNo is a flag as the history shows it.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// CheckStatus refuses a status outside Statuses; EINVALID.
func CheckStatus(s Status) error {
	if !slices.Contains(Statuses, s) {
		return errNotStatus(string(s))
	}
	return nil
}

// CheckPoint refuses a point outside 1..points of a project's standard;
// EINVALID.
func CheckPoint(standard string, points, point int) error {
	if point < 1 || point > points {
		return errPointOutOfRange(standard, points, point)
	}
	return nil
}

// CheckItem trims a note or a piece of evidence for a point and refuses an
// empty one; kind is "note" or "evidence", as the command the user typed.
// EINVALID.
func CheckItem(kind string, point int, text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", errEmptyItem(kind, point)
	}
	return text, nil
}

// CheckPracticeAnswer trims a practice panel answer on a point and refuses
// an empty one. EINVALID.
func CheckPracticeAnswer(point int, text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", errEmptyPracticeAnswer(point)
	}
	return text, nil
}
