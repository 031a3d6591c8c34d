package checklist

import (
	"fmt"
	"testing"
	"time"
)

var london = mustZone("Europe/London")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a wall-clock time in London.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, london)
}

func TestLocalClockAcrossDaylightSaving(t *testing.T) {
	tests := []struct {
		name  string
		day   Date
		clock string
		want  string // UTC
	}{
		{"winter", Date{2026, 3, 28}, "09:30", "2026-03-28T09:30:00Z"},
		{"last Sunday of March: clocks go forward", Date{2026, 3, 29}, "09:30", "2026-03-29T08:30:00Z"},
		{"skipped hour moves on", Date{2026, 3, 29}, "01:30", "2026-03-29T01:30:00Z"},
		{"summer", Date{2026, 3, 30}, "09:30", "2026-03-30T08:30:00Z"},
		{"last Sunday of October: clocks go back", Date{2026, 10, 25}, "09:30", "2026-10-25T09:30:00Z"},
		{"repeated hour taken the first time", Date{2026, 10, 25}, "01:30", "2026-10-25T00:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := localClock(tt.day, tt.clock, london).UTC().Format(time.RFC3339); got != tt.want {
				t.Errorf("localClock(%s %s) = %s, want %s", tt.day, tt.clock, got, tt.want)
			}
		})
	}
}

func TestStandupOn(t *testing.T) {
	tests := []struct {
		days string
		day  Date
		want bool
	}{
		{"weekdays", Date{2026, 11, 27}, true},  // Friday
		{"weekdays", Date{2026, 11, 28}, false}, // Saturday
		{"", Date{2026, 11, 30}, true},          // default is weekdays
		{"daily", Date{2026, 11, 29}, true},     // Sunday
		{"mon,wed", Date{2026, 12, 2}, true},    // Wednesday
		{"mon,wed", Date{2026, 12, 3}, false},   // Thursday
		{"daily", Date{2026, 12, 25}, false},    // Christmas Day
		{"weekdays", Date{2026, 12, 28}, false}, // Boxing Day substitute
		{"weekdays", Date{2027, 3, 26}, false},  // Good Friday
		{"mon,wed", Date{2026, 8, 31}, false},   // Summer bank holiday (a Monday)
		{"weekdays", Date{2028, 1, 3}, false},   // New Year substitute
	}
	for _, tt := range tests {
		t.Run(tt.days+" "+tt.day.String(), func(t *testing.T) {
			p := &Project{Schedule: Schedule{StandupAt: "09:30", StandupDays: tt.days}}
			if got := p.StandupOn(tt.day); got != tt.want {
				t.Errorf("StandupOn = %v, want %v", got, tt.want)
			}
		})
	}
	if (&Project{}).StandupOn(Date{2026, 11, 27}) {
		t.Error("a schedule with no stand-up time holds stand-ups")
	}
}

func project(s Schedule, assessment Date, phase Phase) *Project {
	return &Project{ID: 7, Name: "P", Phase: phase, Assessment: assessment, TimeZone: "Europe/London", Schedule: s}
}

func TestDueAt(t *testing.T) {
	standup := Schedule{StandupAt: "09:30", StandupDays: "weekdays", Reminders: []int{}}
	tests := []struct {
		name string
		p    *Project
		now  time.Time
		want []string // keys
	}{
		{"stand-up on time", project(standup, Date{}, Discovery), at(2026, 11, 27, 9, 30), []string{"standup:7:2026-11-27"}},
		{"stand-up 59 minutes late is caught up", project(standup, Date{}, Discovery), at(2026, 11, 27, 10, 29), []string{"standup:7:2026-11-27"}},
		{"stand-up missed by more than an hour is skipped", project(standup, Date{}, Discovery), at(2026, 11, 27, 10, 31), nil},
		{"not before its time", project(standup, Date{}, Discovery), at(2026, 11, 27, 9, 29), nil},
		{"not at the weekend", project(standup, Date{}, Discovery), at(2026, 11, 28, 9, 45), nil},
		{"not on a bank holiday", project(standup, Date{}, Discovery), at(2026, 12, 28, 9, 45), nil},
		{"after the clocks go forward, 09:30 local", project(standup, Date{}, Discovery), time.Date(2026, 3, 30, 8, 31, 0, 0, time.UTC), []string{"standup:7:2026-03-30"}},
		{"after the clocks go back, 09:30 local", project(standup, Date{}, Discovery), time.Date(2026, 10, 26, 9, 31, 0, 0, time.UTC), []string{"standup:7:2026-10-26"}},
		{"reminder at 09:00 without a stand-up", project(Schedule{Reminders: []int{1}}, Date{2026, 12, 1}, Alpha), at(2026, 11, 30, 9, 0), []string{"reminder:7:2026-12-01:1"}},
		{"reminder waits for its moment", project(Schedule{Reminders: []int{1}}, Date{2026, 12, 1}, Alpha), at(2026, 11, 30, 8, 59), nil},
		{"reminder at the stand-up time", project(Schedule{StandupAt: "10:15", StandupDays: "daily", Reminders: []int{3}}, Date{2026, 12, 3}, Beta),
			at(2026, 11, 30, 10, 15), []string{"standup:7:2026-11-30", "reminder:7:2026-12-03:3"}},
		{"a missed reminder is sent late, the latest offset only", project(Schedule{}, Date{2026, 12, 10}, Alpha), at(2026, 12, 4, 15, 0), []string{"reminder:7:2026-12-10:7"}},
		{"on the day of a 0-day reminder", project(Schedule{Reminders: []int{0}}, Date{2026, 12, 10}, Alpha), at(2026, 12, 10, 11, 0), []string{"reminder:7:2026-12-10:0"}},
		{"no reminder once the assessment has passed", project(Schedule{}, Date{2026, 12, 10}, Alpha), at(2026, 12, 11, 9, 5), nil},
		{"reminders off", project(Schedule{Reminders: []int{}}, Date{2026, 12, 10}, Alpha), at(2026, 12, 9, 12, 0), nil},
		{"alpha with no date gets a nudge", project(Schedule{}, Date{}, Alpha), at(2026, 11, 27, 9, 0), []string{"nudge:7:alpha"}},
		{"discovery gets no nudge", project(Schedule{}, Date{}, Discovery), at(2026, 11, 27, 12, 0), nil},
		{"live gets no nudge", project(Schedule{}, Date{}, Live), at(2026, 11, 27, 12, 0), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range tt.p.DueAt(tt.now) {
				got = append(got, d.Key)
				if d.At.After(tt.now) {
					t.Errorf("%s is due at %v, after now %v", d.Key, d.At, tt.now)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("due = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("due = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestNextDue(t *testing.T) {
	tests := []struct {
		name  string
		p     *Project
		after time.Time
		want  time.Time
	}{
		{"next stand-up later today", project(Schedule{StandupAt: "09:30", StandupDays: "weekdays", Reminders: []int{}}, Date{}, Discovery), at(2026, 11, 27, 8, 0), at(2026, 11, 27, 9, 30)},
		{"Friday evening: Monday's stand-up", project(Schedule{StandupAt: "09:30", StandupDays: "weekdays", Reminders: []int{}}, Date{}, Discovery), at(2026, 11, 27, 18, 0), at(2026, 11, 30, 9, 30)},
		// A bank holiday is looked at (the calendar may change after
		// next_due is stored); DueAt then finds nothing due.
		{"over Christmas", project(Schedule{StandupAt: "09:30", StandupDays: "weekdays", Reminders: []int{}}, Date{}, Discovery), at(2026, 12, 24, 12, 0), at(2026, 12, 25, 9, 30)},
		{"after Boxing Day's substitute", project(Schedule{StandupAt: "09:30", StandupDays: "weekdays", Reminders: []int{}}, Date{}, Discovery), at(2026, 12, 28, 9, 30), at(2026, 12, 29, 9, 30)},
		{"across the clocks going forward", project(Schedule{StandupAt: "09:30", StandupDays: "daily", Reminders: []int{}}, Date{}, Discovery), at(2026, 3, 28, 10, 0), at(2026, 3, 29, 9, 30)},
		{"the next reminder", project(Schedule{Reminders: []int{14, 7}}, Date{2027, 1, 15}, Alpha), at(2026, 12, 20, 12, 0), at(2027, 1, 1, 9, 0)},
		{"nothing scheduled", project(Schedule{Reminders: []int{}}, Date{}, Discovery), at(2026, 12, 20, 12, 0), time.Time{}},
		{"nudge tomorrow morning", project(Schedule{}, Date{}, Beta), at(2026, 11, 27, 12, 0), at(2026, 11, 28, 9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.NextDue(tt.after); !got.Equal(tt.want) {
				t.Errorf("NextDue = %v, want %v", got, tt.want)
			}
		})
	}
	p := project(Schedule{StandupAt: "09:30", StandupDays: "weekdays", Reminders: []int{}}, Date{}, Discovery)
	if due := p.DueAt(at(2026, 12, 25, 9, 30)); len(due) != 0 {
		t.Errorf("the look on Christmas Day finds %+v due", due)
	}
}

func TestBankHolidays(t *testing.T) {
	for div, want := range map[Division]int{EnglandAndWales: 8, Scotland: 9, NorthernIreland: 10} {
		perYear := map[int]int{}
		for d, name := range builtIn[div].days {
			perYear[d.Year]++
			if wd := d.In(time.UTC).Weekday(); wd == time.Saturday || wd == time.Sunday {
				t.Errorf("%s: %s (%s) falls at a weekend: substitute days are what is listed", div, d, name)
			}
		}
		for y := 2025; y <= 2028; y++ {
			if perYear[y] != want {
				t.Errorf("%s: %d has %d bank holidays, want %d", div, y, perYear[y], want)
			}
		}
	}
}

// TestActionReminders: open actions due on a day are reminded of 4 weeks
// and 1 week before, at the project's clock, once per day and offset; a
// late look sends the latest passed offset; none once the day has gone.
func TestActionReminders(t *testing.T) {
	p := &Project{ID: 7, TimeZone: "Europe/London", Phase: Live, ActionsDue: []Date{{2027, 2, 27}, {2027, 3, 10}}}
	keys := func(now time.Time) []string {
		var out []string
		for _, d := range p.DueAt(now) {
			if d.Kind == KindActions {
				out = append(out, d.Key)
				if got := p.ActionsDueOn(d); got.String() != d.Key[len("actions:7:"):len("actions:7:")+10] {
					t.Errorf("%s: due on %s", d.Key, got)
				}
			}
		}
		return out
	}
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{at(2027, 1, 30, 8, 59), "[]"},
		{at(2027, 1, 30, 9, 0), "[actions:7:2027-02-27:28]"},
		{at(2027, 2, 10, 12, 0), "[actions:7:2027-02-27:28 actions:7:2027-03-10:28]"},
		{at(2027, 2, 20, 9, 0), "[actions:7:2027-02-27:7 actions:7:2027-03-10:28]"},
		{at(2027, 2, 27, 18, 0), "[actions:7:2027-02-27:7 actions:7:2027-03-10:28]"},
		{at(2027, 2, 28, 9, 0), "[actions:7:2027-03-10:28]"},
		{at(2027, 3, 11, 9, 0), "[]"},
	} {
		if got := fmt.Sprint(keys(tt.now)); got != tt.want {
			t.Errorf("at %s: %s, want %s", tt.now.Format(time.DateTime), got, tt.want)
		}
	}
	if got := p.NextDue(at(2027, 1, 1, 0, 0)); !got.Equal(at(2027, 1, 30, 9, 0)) {
		t.Errorf("next due %s, want the first 4-week reminder", got)
	}
	if got := p.NextDue(at(2027, 2, 10, 9, 0)); !got.Equal(at(2027, 2, 20, 9, 0)) {
		t.Errorf("next due %s, want the 1-week reminder of 27 February", got)
	}
	p.ActionsDue = nil
	if got := p.NextDue(at(2027, 1, 1, 0, 0)); !got.IsZero() {
		t.Errorf("next due with no actions: %s", got)
	}
}

// TestArchivedProjectHasNothingDue: a project with a stand-up, an
// assessment, a nudge and an action due has all four at once, and none
// once archived, nor any next moment; every key begins as DueKeyPrefixes
// says, so deleting the project can take its claims.
func TestArchivedProjectHasNothingDue(t *testing.T) {
	p := &Project{ID: 17, Phase: Beta, TimeZone: "Europe/London",
		Schedule:   Schedule{StandupAt: "09:30", StandupDays: "weekdays"},
		ActionsDue: []Date{{2026, 12, 4}}}
	now := at(2026, 11, 27, 9, 45)
	due := p.DueAt(now)
	p.Assessment = Date{2026, 11, 28}
	due = append(due, p.DueAt(now)...)
	kinds := map[DueKind]bool{}
	for _, d := range due {
		kinds[d.Kind] = true
		found := false
		for _, prefix := range DueKeyPrefixes(p.ID) {
			found = found || len(d.Key) > len(prefix) && d.Key[:len(prefix)] == prefix
		}
		if !found {
			t.Errorf("key %q begins with none of %q", d.Key, DueKeyPrefixes(p.ID))
		}
	}
	if len(kinds) != 4 {
		t.Fatalf("due before archiving: %+v, want a stand-up, a reminder, a nudge and an action reminder", due)
	}
	p.ArchivedAt = now
	if got := p.DueAt(now); len(got) != 0 {
		t.Errorf("archived, due: %+v", got)
	}
	if next := p.NextDue(now); !next.IsZero() {
		t.Errorf("archived, next due %v, want never", next)
	}
}
