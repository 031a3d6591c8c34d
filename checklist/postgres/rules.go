package postgres

// This file is the same in checklist/sqlite and checklist/postgres but for
// the package line, and a test in checklist/sqlite keeps it so: the rules
// both stores apply before they write and the messages users see, so the two
// stores cannot drift apart. It lives here rather than in the checklist
// package to leave the domain API as it is while others code against it.

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// claimRetention is how long Claim remembers a key: far longer than any
// platform retries an event or the scheduler catches up a missed send.
const claimRetention = 90 * 24 * time.Hour

// now is the stores' clock: UTC to the microsecond, the precision both
// databases keep, so a time a store hands back equals the one it reads later.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// nameKey is what makes names unique case-insensitively. It is computed in
// Go rather than with SQL lower() so both databases fold Unicode the same.
func nameKey(name string) string { return strings.ToLower(name) }

// wrap adds context to an internal error and leaves domain errors as they
// are, so their message reaches the user unchanged.
func wrap(op string, err error) error {
	var e *checklist.Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}

// change is one project-level history entry.
type change struct{ field, old, new string }

// checkNew validates a project before it is created and normalises its
// name, workspace, bindings and schedule.
func checkNew(p *checklist.Project) error {
	name, err := checklist.ValidName(p.Name)
	if err != nil {
		return err
	}
	p.Name = name
	var binds []checklist.Binding
	for _, b := range p.Bindings {
		if b.Platform == "" || b.Team == "" || b.Channel == "" {
			return checklist.Errorf(checklist.EINVALID, "A project belongs to a channel. Create it in one with: project new NAME")
		}
		if !slices.Contains(binds, b) {
			binds = append(binds, b)
		}
	}
	if len(binds) == 0 {
		return checklist.Errorf(checklist.EINVALID, "A project belongs to a channel. Create it in one with: project new NAME")
	}
	p.Bindings = binds
	if p.Workspace == "" {
		p.Workspace = binds[0].Workspace()
	}
	if strings.TrimSpace(p.Standard) == "" {
		return checklist.Errorf(checklist.EINVALID, "Choose a standard for the project. Try: standards")
	}
	if p.Points < 1 {
		return checklist.Errorf(checklist.EINVALID, "The %s standard has no points to track. Try: standards", p.Standard)
	}
	if p.Phase, err = checklist.ParsePhase(string(p.Phase)); err != nil {
		return err
	}
	if p.TimeZone, err = checklist.ParseTimeZone(p.TimeZone); err != nil {
		return err
	}
	if err := checkDate(p.Assessment); err != nil {
		return err
	}
	return normSchedule(&p.Schedule)
}

// checkDate rejects a day that does not exist, such as 2027-02-30; the
// zero Date, not set, is fine.
func checkDate(d checklist.Date) error {
	if !d.IsZero() && checklist.DateOf(d.In(time.UTC)) != d {
		return checklist.Errorf(checklist.EINVALID, "%04d-%02d-%02d is not a date: write it as YYYY-MM-DD, for example 2027-03-15", d.Year, d.Month, d.Day)
	}
	return nil
}

// normSchedule checks a schedule and puts it in its stored form.
func normSchedule(s *checklist.Schedule) error {
	var err error
	if s.StandupAt, err = normClock(s.StandupAt); err != nil {
		return err
	}
	if s.StandupDays, err = normDays(s.StandupDays); err != nil {
		return err
	}
	if s.StandupAt != "" && s.StandupDays == "" {
		s.StandupDays = "weekdays"
	}
	if s.Reminders != nil {
		s.Reminders, err = normReminders(s.Reminders)
	}
	return err
}

// applyUpdate applies u to p and returns the changes to record, one per
// setting whose shown value changed, and whether any stored column changed.
// On error p is unchanged.
func applyUpdate(p *checklist.Project, u checklist.ProjectUpdate) ([]change, bool, error) {
	next := *p
	var err error
	if u.Phase != nil {
		if next.Phase, err = checklist.ParsePhase(string(*u.Phase)); err != nil {
			return nil, false, err
		}
	}
	if u.Assessment != nil {
		if err := checkDate(*u.Assessment); err != nil {
			return nil, false, err
		}
		next.Assessment = *u.Assessment
	}
	if u.TimeZone != nil {
		if next.TimeZone, err = checklist.ParseTimeZone(*u.TimeZone); err != nil {
			return nil, false, err
		}
	}
	if u.StandupAt != nil {
		next.Schedule.StandupAt = *u.StandupAt
	}
	if u.StandupDay != nil {
		next.Schedule.StandupDays = *u.StandupDay
	}
	if u.Reminders != nil {
		// An empty list, nil included, turns reminders off.
		next.Schedule.Reminders = append([]int{}, *u.Reminders...)
	}
	if err := normSchedule(&next.Schedule); err != nil {
		return nil, false, err
	}
	var cs []change
	add := func(field, old, new string) {
		if old != new {
			cs = append(cs, change{field, old, new})
		}
	}
	add("phase", string(p.Phase), string(next.Phase))
	add("assessment", p.Assessment.String(), next.Assessment.String())
	add("timezone", p.TimeZone, next.TimeZone)
	add("standup", standupText(p.Schedule), standupText(next.Schedule))
	add("reminders", remindersText(p.Schedule.ReminderDays()), remindersText(next.Schedule.ReminderDays()))
	dirty := len(cs) > 0 || p.Schedule.StandupDays != next.Schedule.StandupDays ||
		(p.Schedule.Reminders == nil) != (next.Schedule.Reminders == nil) ||
		!slices.Equal(p.Schedule.Reminders, next.Schedule.Reminders)
	*p = next
	return cs, dirty, nil
}

// normClock checks a stand-up time and writes it as HH:MM.
func normClock(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return "", checklist.Errorf(checklist.EINVALID, "%q is not a time of day: use HH:MM, for example: standup at 09:30 weekdays", s)
	}
	return t.Format("15:04"), nil
}

var weekDays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// normDays checks stand-up days: "daily", "weekdays" or days such as
// "mon,wed", written lower case in week order without repeats.
func normDays(s string) (string, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), ""))
	if s == "" || s == "daily" || s == "weekdays" {
		return s, nil
	}
	var days []string
	for d := range strings.SplitSeq(s, ",") {
		if !slices.Contains(weekDays, d) {
			return "", checklist.Errorf(checklist.EINVALID, "%q is not a day: use daily, weekdays or days such as mon,wed. Try: standup at 09:30 mon,wed", d)
		}
		days = append(days, d)
	}
	var out []string
	for _, d := range weekDays {
		if slices.Contains(days, d) {
			out = append(out, d)
		}
	}
	return strings.Join(out, ","), nil
}

// normReminders checks reminder offsets and sorts them furthest first,
// without repeats; the result is never nil, as nil means the default.
func normReminders(days []int) ([]int, error) {
	out := []int{}
	for _, d := range days {
		if d < 0 || d > 365 {
			return nil, checklist.Errorf(checklist.EINVALID, "Reminders are 0 to 365 days before the assessment, not %d. Try: reminders 28,14,7", d)
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out, nil
}

// standupText is a stand-up schedule as history shows it: "09:30 weekdays" or "off".
func standupText(s checklist.Schedule) string {
	if s.StandupAt == "" {
		return "off"
	}
	return s.StandupAt + " " + s.StandupDays
}

// remindersText is reminder offsets as history shows them: "28,14,7" or "off".
func remindersText(days []int) string {
	if len(days) == 0 {
		return "off"
	}
	return joinInts(days)
}

// remindersValue is the stored form of reminders: nil (NULL) for the
// default, "" for off, else "28,14,7".
func remindersValue(days []int) *string {
	if days == nil {
		return nil
	}
	s := joinInts(days)
	return &s
}

// remindersFrom reads the stored form back.
func remindersFrom(s *string) []int {
	if s == nil {
		return nil
	}
	return append([]int{}, splitInts(*s)...)
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// splitInts reads what joinInts wrote, which is all the stores pass it.
func splitInts(s string) []int {
	var v []int
	for f := range strings.SplitSeq(s, ",") {
		if n, err := strconv.Atoi(f); err == nil {
			v = append(v, n)
		}
	}
	return v
}

// dateValue is a date's stored form: nil (NULL) when not set, else YYYY-MM-DD.
func dateValue(d checklist.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// bindingText is a channel as history shows it.
func bindingText(b checklist.Binding) string { return b.Workspace() + "/" + b.Channel }

// checkStatus rejects a status outside checklist.Statuses.
func checkStatus(s checklist.Status) error {
	if !slices.Contains(checklist.Statuses, s) {
		return checklist.Errorf(checklist.EINVALID, "%q is not a status: use met, partly, not-met or n/a", s)
	}
	return nil
}

// checkPoint rejects a point outside 1..points of a project's standard.
func checkPoint(standard string, points, point int) error {
	if point < 1 || point > points {
		return checklist.Errorf(checklist.EINVALID, "%s has points 1 to %d, so %d is not one of them. Try: status", standard, points, point)
	}
	return nil
}

// checkItem trims a note or a piece of evidence and rejects an empty one.
func checkItem(kind string, point int, text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		hint := "TEXT"
		if kind == "evidence" {
			hint = "TEXT-OR-LINK"
		}
		return "", checklist.Errorf(checklist.EINVALID, "Say what the %s is. Try: %s %d %s", kind, kind, point, hint)
	}
	return text, nil
}

func errNoProject(id int64) error {
	return checklist.Errorf(checklist.ENOTFOUND, "That project (id %d) does not exist. Try: project", id)
}

func errNoChannelProject() error {
	return checklist.Errorf(checklist.ENOTFOUND, "No project in this channel. Try: project new NAME")
}

func errNoProjectNamed(name string) error {
	return checklist.Errorf(checklist.ENOTFOUND, "No project called %q. Check the name, or create it with: project new %s", name, name)
}

func errAmbiguous(name string) error {
	return checklist.Errorf(checklist.ECONFLICT, "Several workspaces have a project called %q. Ask in the project's own channel.", name)
}

func errNameTaken(name string) error {
	return checklist.Errorf(checklist.ECONFLICT, "A project called %q already exists here. Pick another name, or use: project", name)
}

// errChannelTaken names the channel's project when it is known ("" if not).
func errChannelTaken(project string) error {
	if project == "" {
		return checklist.Errorf(checklist.ECONFLICT, "This channel already has a project. See it with: project")
	}
	return checklist.Errorf(checklist.ECONFLICT, "This channel already has a project, %q. See it with: project", project)
}

func errNoWalk() error {
	return checklist.Errorf(checklist.ENOTFOUND, "No checklist walk in progress here. Start one with: checklist")
}

// errEmptyKey is a caller's mistake rather than a user's: the hint is for
// whoever reads the log.
func errEmptyKey(what, example string) error {
	return checklist.Errorf(checklist.EINVALID, "A %s needs a key, such as %s.", what, example)
}

// pruner spaces out the deletion of old claims: at most once an hour per
// store, so Claim stays one insert almost always.
type pruner struct{ last atomic.Int64 }

// due reports whether it is time to prune, and if so claims the turn.
func (p *pruner) due() bool {
	t, last := time.Now().UnixNano(), p.last.Load()
	return t-last >= int64(time.Hour) && p.last.CompareAndSwap(last, t)
}
