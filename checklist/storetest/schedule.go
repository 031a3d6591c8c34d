package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Lengths of time the schedule tests look ahead by.
const (
	day  = 24 * time.Hour
	year = 366 * day
)

// middayZone is an IANA zone, without daylight saving, in which it is about
// noon at t: far enough from midnight that a time a few minutes either side
// is on the same day.
func middayZone(t time.Time) string {
	switch h := 12 - t.UTC().Hour(); { // Etc/GMT-h is h hours ahead of UTC
	case h > 0:
		return fmt.Sprintf("Etc/GMT-%d", h)
	case h < 0:
		return fmt.Sprintf("Etc/GMT+%d", -h)
	}
	return "Etc/GMT"
}

func testDueStandupJustPassed(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	before := time.Now()
	zone := middayZone(before)
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatalf("load %s: %v", zone, err)
	}
	local := before.In(loc)
	p := newProject("Apply for a licence", chanT1C1)
	p.TimeZone = zone
	p.Schedule = checklist.Schedule{StandupAt: local.Add(-2 * time.Minute).Format("15:04"), StandupDays: "daily"}
	if err := s.CreateProject(ctx, p); err != nil {
		t.Fatalf("create project: %v", err)
	}
	wantDue(t, s, before.Add(-time.Second), 10)
	if holiday := checklist.BankHoliday("", checklist.DateOf(local)); holiday != "" {
		// No stand-up today: the next is on the next working day.
		wantDue(t, s, time.Now(), 10)
		wantDue(t, s, time.Now().Add(15*day), 10, p.Name)
		return
	}
	wantDue(t, s, time.Now(), 10, p.Name)

	later := time.Now().Add(time.Hour)
	if err := s.SetNextDue(ctx, p.ID, later, time.Time{}); err != nil {
		t.Fatalf("set next due: %v", err)
	}
	wantDue(t, s, time.Now(), 10)
	wantDue(t, s, later, 10, p.Name)
	if err := s.SetNextDue(ctx, p.ID, time.Time{}, time.Time{}); err != nil {
		t.Fatalf("set next due to never: %v", err)
	}
	wantDue(t, s, time.Now().Add(year), 10)
	got, err := s.Project(ctx, p.ID)
	if err != nil {
		t.Fatalf("project: %v", err)
	}
	sameProject(t, got, p) // the scheduler's bookkeeping is not an update
	wantCode(t, "set next due of an unknown project", s.SetNextDue(ctx, p.ID+1000, later, time.Time{}), checklist.ENOTFOUND)
}

func testDueLimitAndOrder(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	a := create(t, s, "Apply for a licence", chanT1C1)
	b := create(t, s, "Book a test", chanT1C2)
	c := create(t, s, "Check a record", chanT2C1)
	if err := s.BindChannel(ctx, c.ID, chanT1C3, as("alice")); err != nil {
		t.Fatalf("bind channel: %v", err)
	}
	wantDue(t, s, time.Now().Add(year), 10) // nothing scheduled: never due
	at := time.Date(2026, 11, 27, 9, 0, 0, 123456789, time.UTC)
	for p, next := range map[*checklist.Project]time.Time{a: at.Add(2 * time.Hour), b: at, c: at.Add(time.Hour)} {
		if err := s.SetNextDue(ctx, p.ID, next, time.Time{}); err != nil {
			t.Fatalf("set next due of %q: %v", p.Name, err)
		}
	}
	tests := []struct {
		name  string
		now   time.Time
		limit int
		want  []string
	}{
		{"before any", at.Add(-time.Microsecond), 10, nil},
		{"at the moment", at, 10, []string{b.Name}},
		{"two due", at.Add(90 * time.Minute), 10, []string{b.Name, c.Name}},
		{"all due, limit 2", at.Add(3 * time.Hour), 2, []string{b.Name, c.Name}},
		{"all due, limit 1", at.Add(3 * time.Hour), 1, []string{b.Name}},
		{"all due, no limit", at.Add(3 * time.Hour), 0, []string{b.Name, c.Name, a.Name}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantDue(t, s, tt.now, tt.limit, tt.want...) })
	}
}

// testNextDueFollowsUpdates checks the store recomputes next_due when a
// project's settings change. The moments compared against are days apart,
// so the test does not depend on the time of day it runs at.
func testNextDueFollowsUpdates(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	update := func(u checklist.ProjectUpdate) {
		t.Helper()
		if _, err := s.UpdateProject(ctx, p.ID, u, as("bob")); err != nil {
			t.Fatalf("update project: %v", err)
		}
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatalf("load Europe/London: %v", err)
	}
	in60days := checklist.DateOf(time.Now().In(london)).AddDays(60)

	update(checklist.ProjectUpdate{Phase: ptr(checklist.Alpha)}) // to be nudged to book, by tomorrow 09:00
	wantDue(t, s, time.Now().Add(25*time.Hour), 10, p.Name)
	update(checklist.ProjectUpdate{Assessment: &in60days}) // booked: first reminder 28 days before
	wantDue(t, s, time.Now().Add(25*time.Hour), 10)
	wantDue(t, s, time.Now().Add(33*day), 10, p.Name)
	update(checklist.ProjectUpdate{Reminders: &[]int{}})
	wantDue(t, s, time.Now().Add(year), 10)
	update(checklist.ProjectUpdate{StandupAt: ptr("10:00")}) // weekdays
	wantDue(t, s, time.Now().Add(15*day), 10, p.Name)
	update(checklist.ProjectUpdate{StandupAt: ptr("")})
	wantDue(t, s, time.Now().Add(year), 10)

	// An assessment booked for tomorrow after today's reminder moment (09:00
	// where it is about noon): the reminder is due now, not never.
	zone := middayZone(time.Now())
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatalf("load %s: %v", zone, err)
	}
	tomorrow := checklist.DateOf(time.Now().In(loc)).AddDays(1)
	update(checklist.ProjectUpdate{TimeZone: &zone, Assessment: &tomorrow, Reminders: &[]int{1}})
	wantDue(t, s, time.Now(), 10, p.Name)
}

func testRelease(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	key := "standup:1:2026-11-27"
	wantClaim(t, s, key, at, true)
	wantClaim(t, s, "slack:Ev1", at, true)
	if err := s.Release(ctx, key); err != nil {
		t.Fatalf("release: %v", err)
	}
	wantClaim(t, s, key, at, true)
	wantClaim(t, s, key, at, false)
	wantClaim(t, s, "slack:Ev1", at, false) // another key stays claimed
	if err := s.Release(ctx, "never claimed"); err != nil {
		t.Errorf("release a key never claimed: %v, want nil", err)
	}
}

func testDueAcrossStores(t *testing.T, a, b checklist.Store) {
	p := newProject("Register to vote", chanT1C1)
	p.Phase = checklist.Beta // to be nudged to book, by tomorrow 09:00
	if err := a.CreateProject(t.Context(), p); err != nil {
		t.Fatalf("create project: %v", err)
	}
	wantDue(t, b, time.Now().Add(25*time.Hour), 10, p.Name)
	if err := b.SetNextDue(t.Context(), p.ID, time.Time{}, time.Time{}); err != nil {
		t.Fatalf("set next due: %v", err)
	}
	wantDue(t, a, time.Now().Add(year), 10)
}

func testReleaseAcrossStores(t *testing.T, a, b checklist.Store) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	wantClaim(t, a, "reminder:1:2027-03-15:7", at, true)
	if err := b.Release(t.Context(), "reminder:1:2027-03-15:7"); err != nil {
		t.Fatalf("release: %v", err)
	}
	wantClaim(t, b, "reminder:1:2027-03-15:7", at, true)
	wantClaim(t, a, "reminder:1:2027-03-15:7", at, false)
}

// wantDue fails the test unless DueProjects(now, limit) returns the
// projects named, in order, each whole: as Project returns it.
func wantDue(t *testing.T, s checklist.Store, now time.Time, limit int, want ...string) {
	t.Helper()
	ps, err := s.DueProjects(t.Context(), now, limit)
	if err != nil {
		t.Fatalf("due projects at %v: %v", now, err)
	}
	if got := names(ps); !slices.Equal(got, append([]string{}, want...)) {
		t.Fatalf("due projects at %v, limit %d: %q, want %q", now, limit, got, want)
	}
	for _, p := range ps {
		stored, err := s.Project(t.Context(), p.ID)
		if err != nil {
			t.Fatalf("project %d: %v", p.ID, err)
		}
		sameProject(t, p, stored)
	}
}

// testStaleNextDueIgnored: a scheduler that read a project before someone
// changed it must not overwrite the next moment the change worked out.
func testStaleNextDueIgnored(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	seen := p.UpdatedAt
	time.Sleep(2 * time.Millisecond) // UpdatedAt has microsecond precision
	ph := checklist.Alpha
	if _, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Phase: &ph}, as("alice")); err != nil {
		t.Fatalf("update: %v", err)
	}
	// An alpha project with no assessment is nudged, so it has a next moment.
	far := time.Now().Add(3 * 24 * time.Hour)
	wantDue(t, s, far, 10, p.Name)
	if err := s.SetNextDue(ctx, p.ID, time.Time{}, seen); err != nil {
		t.Fatalf("stale set next due: %v", err)
	}
	wantDue(t, s, far, 10, p.Name) // the stale "never" was not written
	fresh, err := s.Project(ctx, p.ID)
	if err != nil {
		t.Fatalf("project: %v", err)
	}
	if err := s.SetNextDue(ctx, p.ID, time.Time{}, fresh.UpdatedAt); err != nil {
		t.Fatalf("set next due: %v", err)
	}
	wantDue(t, s, far, 10)
}
