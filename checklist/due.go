package checklist

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// DueKind says which kind of message has fallen due. Queued jobs store its
// value, so a kind's value never changes.
type DueKind string

// The kinds of message the scheduler sends.
const (
	KindStandup  DueKind = "standup"
	KindReminder DueKind = "reminder"
	KindNudge    DueKind = "nudge"
	// KindActions reminds of the open panel actions due on one day.
	KindActions DueKind = "actions"
)

// DueKeyPrefixes are how the keys of a project's occurrences begin (see
// Due.Key): what a store deletes, with the project, from the keys claimed
// for sending them, so a project given the same id later is not taken to
// have had them.
func DueKeyPrefixes(id int64) []string {
	var out []string
	for _, k := range []DueKind{KindStandup, KindReminder, KindNudge, KindActions, KindAsk, KindNag, KindSummary} {
		out = append(out, fmt.Sprintf("%s:%d:", k, id))
	}
	return out
}

// ActionReminderDays are how long before open panel actions fall due a
// reminder of them comes: four weeks and one week.
var ActionReminderDays = []int{28, 7}

// StandupCatchUp is how late a stand-up may still be sent: one missed by
// more (the process was down) is skipped, not piled up.
const StandupCatchUp = time.Hour

// DefaultReminderClock is when reminders and nudges go out in a project
// with no stand-up.
const DefaultReminderClock = "09:00"

// Due is one message that has fallen due for a project.
type Due struct {
	Kind DueKind
	// At is the moment it fell due.
	At time.Time
	// Key names the occurrence, unique per project, kind and occasion, so it
	// is sent once however often the scheduler looks.
	Key string
	// DaysBefore is a reminder's offset.
	DaysBefore int
	// Member is the platform id of the member an ask or nag is for.
	Member string
	// Round is the day of the stand-up round an ask, nag or summary
	// belongs to.
	Round Date
	// AskedNow marks the summary of a round asked at once (standup now,
	// NowSummary): the schedule does not know it, so DueAt never lists
	// it, and StillDue judges it by itself.
	AskedNow bool
}

// StillDue reports whether an occurrence queued earlier should still be
// sent at now: one DueAt lists (a stand-up turned off, or an assessment
// moved, drops it), or the summary of a round asked at once while the
// project is not archived and within SummaryCatchUp of its moment.
func (p *Project) StillDue(d Due, now time.Time) bool {
	if d.AskedNow {
		return !p.Archived() && d.Kind == KindSummary && now.Sub(d.At) <= SummaryCatchUp
	}
	for _, due := range p.DueAt(now) {
		if due.Key == d.Key {
			return true
		}
	}
	return false
}

// DueAt lists what is due for the project at now. It depends only on the
// project and the time: what has been sent already is the caller's record.
//
//   - a stand-up from its latest occurrence, if that was at most
//     StandupCatchUp ago;
//   - the reminder of the latest offset whose moment has passed, while the
//     assessment is still ahead (one that passed while the process was down
//     is sent late, once; older ones are superseded by it);
//   - a nudge to book an assessment for a project in alpha or beta without
//     a date, from its phase's first reminder moment;
//   - for each day open actions fall due (ActionsDue), not yet passed, the
//     reminder of the latest of ActionReminderDays whose moment has
//     passed, as for the assessment.
//
// An archived project has nothing due.
func (p *Project) DueAt(now time.Time) []Due {
	if p.Archived() {
		return nil
	}
	loc := p.Location()
	var out []Due
	if p.HasRounds() {
		out = p.dueRounds(now, loc)
	} else if occ, ok := p.lastStandup(now, loc); ok && now.Sub(occ) <= StandupCatchUp {
		out = append(out, Due{Kind: KindStandup, At: occ, Key: fmt.Sprintf("standup:%d:%s", p.ID, DateOf(occ.In(loc)))})
	}
	if d, ok := p.dueReminder(now, loc); ok {
		out = append(out, d)
	}
	if p.needsNudge() {
		if at := p.atClock(DateOf(now.In(loc)), loc); !at.After(now) {
			out = append(out, Due{Kind: KindNudge, At: at, Key: fmt.Sprintf("nudge:%d:%s", p.ID, p.Phase)})
		}
	}
	return append(out, p.dueActionReminders(now, loc)...)
}

// dueActionReminders are the reminders of open actions due now: per day
// actions fall due, the latest offset whose moment has passed, while that
// day has not.
func (p *Project) dueActionReminders(now time.Time, loc *time.Location) []Due {
	today := DateOf(now.In(loc))
	var out []Due
	for _, due := range p.ActionsDue {
		if due.DaysFrom(today) < 0 {
			continue
		}
		best, found := Due{}, false
		for _, d := range ActionReminderDays {
			at := p.atClock(due.AddDays(-d), loc)
			if at.After(now) || (found && d > best.DaysBefore) {
				continue
			}
			best, found = Due{Kind: KindActions, At: at, DaysBefore: d, Key: fmt.Sprintf("actions:%d:%s:%d", p.ID, due, d)}, true
		}
		if found {
			out = append(out, best)
		}
	}
	return out
}

// ActionsDueOn is the day the actions a KindActions reminder is about fall
// due: DaysBefore days after the day it came, in the project's zone.
func (p *Project) ActionsDueOn(d Due) Date {
	return DateOf(d.At.In(p.Location())).AddDays(d.DaysBefore)
}

// NextDue is the first moment after `after` at which something may fall
// due, or the zero time when nothing ever will. The scheduler stores it so
// a tick reads only the projects whose moment has come. An archived
// project's is the zero time: it is not looked at until unarchived.
func (p *Project) NextDue(after time.Time) time.Time {
	if p.Archived() {
		return time.Time{}
	}
	loc := p.Location()
	var next time.Time
	earliest := func(t time.Time) {
		if !t.IsZero() && t.After(after) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	if p.HasRounds() {
		earliest(p.nextRound(after, loc))
	} else {
		earliest(p.nextStandup(after, loc))
	}
	if !p.Assessment.IsZero() {
		for _, d := range p.Schedule.ReminderDays() {
			earliest(p.atClock(p.Assessment.AddDays(-d), loc))
		}
	}
	if p.needsNudge() {
		today := DateOf(after.In(loc))
		earliest(p.atClock(today, loc))
		earliest(p.atClock(today.AddDays(1), loc))
	}
	for _, due := range p.ActionsDue {
		for _, d := range ActionReminderDays {
			earliest(p.atClock(due.AddDays(-d), loc))
		}
	}
	return next
}

// StandupOn reports whether the project holds a stand-up on day d: a day
// its schedule lists that is not a bank holiday in its division.
func (p *Project) StandupOn(d Date) bool {
	return p.Schedule.listsDay(d) && BankHoliday(p.Division(), d) == ""
}

// listsDay reports whether the schedule has a stand-up on day d's
// weekday, bank holidays aside.
func (s Schedule) listsDay(d Date) bool {
	if s.StandupAt == "" {
		return false
	}
	wd := d.In(time.UTC).Weekday()
	switch s.StandupDays {
	case "daily":
		return true
	case "", "weekdays":
		return wd != time.Saturday && wd != time.Sunday
	}
	name := strings.ToLower(wd.String()[:3])
	return slices.Contains(strings.Split(s.StandupDays, ","), name)
}

// lastStandup is the latest stand-up occurrence at or before now.
func (p *Project) lastStandup(now time.Time, loc *time.Location) (time.Time, bool) {
	today := DateOf(now.In(loc))
	for back := 0; back <= 7; back++ {
		d := today.AddDays(-back)
		if !p.StandupOn(d) {
			continue
		}
		if at := localClock(d, p.Schedule.StandupAt, loc); !at.After(now) {
			return at, true
		}
	}
	return time.Time{}, false
}

// nextStandup is the first moment after `after` a stand-up may fall due:
// the next day the schedule lists, bank holiday or not. The scheduler
// stores it, and the calendar can change after: GOV.UK's list arrives or
// moves a holiday, STANDARDBOT_HOLIDAYS changes the default division. So
// it looks on a holiday too, and DueAt, which skips it, then says nothing
// is due.
func (p *Project) nextStandup(after time.Time, loc *time.Location) time.Time {
	if p.Schedule.StandupAt == "" {
		return time.Time{}
	}
	today := DateOf(after.In(loc))
	for ahead := 0; ahead <= 7; ahead++ {
		d := today.AddDays(ahead)
		if !p.Schedule.listsDay(d) {
			continue
		}
		if at := localClock(d, p.Schedule.StandupAt, loc); at.After(after) {
			return at
		}
	}
	return time.Time{}
}

// dueReminder is the reminder of the latest offset whose moment has passed,
// while the assessment day has not.
func (p *Project) dueReminder(now time.Time, loc *time.Location) (Due, bool) {
	if p.Assessment.IsZero() || p.Assessment.DaysFrom(DateOf(now.In(loc))) < 0 {
		return Due{}, false
	}
	best, found := Due{}, false
	for _, d := range p.Schedule.ReminderDays() {
		at := p.atClock(p.Assessment.AddDays(-d), loc)
		if at.After(now) || (found && d > best.DaysBefore) {
			continue
		}
		best, found = Due{Kind: KindReminder, At: at, DaysBefore: d,
			Key: fmt.Sprintf("reminder:%d:%s:%d", p.ID, p.Assessment, d)}, true
	}
	return best, found
}

// needsNudge: alpha and beta end in an assessment, which needs booking.
func (p *Project) needsNudge() bool {
	return p.Assessment.IsZero() && (p.Phase == Alpha || p.Phase == Beta)
}

// atClock is day d at the project's stand-up time, or 09:00 without one.
func (p *Project) atClock(d Date, loc *time.Location) time.Time {
	clock := p.Schedule.StandupAt
	if clock == "" {
		clock = DefaultReminderClock
	}
	return localClock(d, clock, loc)
}

// localClock is day d at HH:MM in loc. A time skipped when the clocks go
// forward moves on by the gap (01:30 becomes 02:30 BST); a time that
// happens twice when they go back is taken the first time.
func localClock(d Date, hhmm string, loc *time.Location) time.Time {
	var h, m int
	fmt.Sscanf(hhmm, "%d:%d", &h, &m)
	t := time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, loc)
	if earlier := t.Add(-time.Hour); earlier.Hour() == h && earlier.Minute() == m && DateOf(earlier) == d {
		return earlier
	}
	return t
}
