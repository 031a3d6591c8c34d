package checklist

import (
	"testing"
	"time"
)

// roundProject has a daily 09:30 stand-up in London with a member there
// and one in New York.
func roundProject() *Project {
	return &Project{ID: 7, TimeZone: "Europe/London", Schedule: Schedule{StandupAt: "09:30", StandupDays: "daily"},
		Members: []Member{
			{Workspace: "slack:T1", User: "U1", Name: "ana", TimeZone: "Europe/London"},
			{Workspace: "slack:T1", User: "U2", Name: "ben", TimeZone: "America/New_York"},
		}}
}

// TestRoundAsksAcrossDST: on the days around the last Sundays of March and
// October 2027 each member is asked at 09:30 on their own clock, whatever
// the clocks did overnight (New York changes on other days than London).
func TestRoundAsksAcrossDST(t *testing.T) {
	p := roundProject()
	ny := mustZone("America/New_York")
	for _, day := range []Date{{2027, 3, 27}, {2027, 3, 28}, {2027, 3, 30}, {2027, 10, 30}, {2027, 10, 31}, {2027, 11, 1}} {
		asks := p.RoundAsks(day)
		if len(asks) != 2 {
			t.Fatalf("%s: %d asks", day, len(asks))
		}
		for i, loc := range []*time.Location{london, ny} {
			local := asks[i].At.In(loc)
			if DateOf(local) != day || local.Hour() != 9 || local.Minute() != 30 {
				t.Errorf("%s: %s asked at %s", day, asks[i].Member.Name, local)
			}
		}
		// The scheduler looks at each moment: NextDue from a minute before
		// finds it, and DueAt then has the ask.
		for _, a := range asks {
			if next := p.NextDue(a.At.Add(-time.Minute)); !next.Equal(a.At) {
				t.Errorf("%s: next due before %s's ask is %s, not %s", day, a.Member.Name, next, a.At)
			}
			if !hasDue(p.DueAt(a.At), KindAsk, a.Member.User) {
				t.Errorf("%s: no ask due for %s at %s", day, a.Member.Name, a.At)
			}
		}
	}
}

// TestRoundReminderAndSummary: one reminder half way through a window, and
// the summary once the last member's window closes.
func TestRoundReminderAndSummary(t *testing.T) {
	p := roundProject()
	day := Date{2027, 3, 30}
	ny := p.RoundAsks(day)[1]
	if got := p.RoundCloses(day); !got.Equal(ny.At.Add(2 * time.Hour)) {
		t.Fatalf("round closes %s, want New York's window end", got)
	}
	if !hasDue(p.DueAt(ny.At.Add(time.Hour)), KindNag, "U2") {
		t.Error("no reminder half way through the window")
	}
	if hasDue(p.DueAt(ny.At.Add(2*time.Hour-time.Second)), KindSummary, "") {
		t.Error("summary before the last window closed")
	}
	if !hasDue(p.DueAt(ny.At.Add(2*time.Hour)), KindSummary, "") {
		t.Error("no summary when the last window closed")
	}
	if next := p.NextDue(ny.At.Add(time.Hour + time.Second)); !next.Equal(ny.At.Add(2 * time.Hour)) {
		t.Errorf("next due after the reminder %s", next)
	}
}

// TestRoundSkipAndHolidays: a member skipping until a date is not asked
// through it and is asked the day after; nobody is asked on a bank
// holiday; an archived project has no rounds; without members the
// channel prompt stays.
func TestRoundSkipAndHolidays(t *testing.T) {
	p := roundProject()
	p.Schedule.StandupDays = "weekdays"
	p.Members[0].SkipUntil = Date{2027, 3, 30}
	for day, want := range map[Date]int{{2027, 3, 30}: 1, {2027, 3, 31}: 2, {2027, 3, 29}: 0 /* Easter Monday */} {
		if got := len(p.RoundAsks(day)); got != want {
			t.Errorf("%s: %d asked, want %d", day, got, want)
		}
	}
	at := p.RoundAsks(Date{2027, 3, 31})[0].At
	if got := p.DueAt(at); !hasDue(got, KindAsk, "U1") || hasDue(got, KindStandup, "") {
		t.Errorf("due with members %+v", got)
	}
	p.ArchivedAt = at
	if got := p.DueAt(at); len(got) != 0 {
		t.Errorf("archived project has %+v due", got)
	}
	p.ArchivedAt, p.Members = time.Time{}, nil
	if !hasDue(p.DueAt(localClock(Date{2027, 3, 31}, "09:30", london)), KindStandup, "") {
		t.Error("without members, no channel stand-up")
	}
}

// TestBlocked: anything but none, no, nothing or n/a is a blocker.
func TestBlocked(t *testing.T) {
	for s, want := range map[string]bool{"none": false, "No.": false, "n/a": false, "Nothing": false, "": false,
		"waiting on the DPIA": true, "no access to the repo": true} {
		if got := (&Answer{Blocking: s}).Blocked(); got != want {
			t.Errorf("%q blocked = %v", s, got)
		}
	}
}

func hasDue(ds []Due, k DueKind, member string) bool {
	for _, d := range ds {
		if d.Kind == k && d.Member == member {
			return true
		}
	}
	return false
}

// TestNowSummaryStillDue: the summary of a round asked at once is its
// own occurrence (a scheduled round the same day keeps its summary), and
// is sent when queued while the project is not archived and within
// SummaryCatchUp; DueAt never lists it.
func TestNowSummaryStillDue(t *testing.T) {
	p := roundProject()
	day := Date{2027, 3, 30}
	closes := time.Date(2027, 3, 30, 7, 0, 0, 0, time.UTC)
	d := p.NowSummary(day, closes)
	if d.Kind != KindSummary || !d.At.Equal(closes) || d.Round != day || !d.AskedNow {
		t.Fatalf("NowSummary = %+v", d)
	}
	for _, due := range p.DueAt(p.RoundCloses(day)) {
		if due.Key == d.Key {
			t.Errorf("the scheduled summary has the key of standup now's: %s", d.Key)
		}
	}
	if other := p.NowSummary(day, closes.Add(time.Hour)); other.Key == d.Key {
		t.Errorf("two standup nows share the key %s", d.Key)
	}
	for _, c := range []struct {
		name string
		at   time.Time
		want bool
	}{
		{"when the window closes", closes, true},
		{"a restart later", closes.Add(SummaryCatchUp), true},
		{"a day later", closes.Add(SummaryCatchUp + time.Minute), false},
	} {
		if got := p.StillDue(d, c.at); got != c.want {
			t.Errorf("%s: StillDue = %v, want %v", c.name, got, c.want)
		}
	}
	p.ArchivedAt = closes.Add(-time.Hour)
	if p.StillDue(d, closes) {
		t.Error("an archived project's summary is still due")
	}
}
