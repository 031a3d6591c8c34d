package storetest

import (
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// standupDay is a Wednesday, no bank holiday.
var standupDay = checklist.Date{Year: 2027, Month: 3, Day: 31}

func member(user, name, zone string) checklist.Member {
	return checklist.Member{Workspace: chanT1C1.Workspace(), User: user, Name: name, TimeZone: zone}
}

// testMembers: members are added once (a second add renames), listed by
// name with their own zones (a platform's zone never replaces one the
// person chose), skip until a date and come back, leave, and each change
// is in the history; the project read for scheduling carries them and the
// window.
func testMembers(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	must("add ben", s.AddMember(ctx, p.ID, member("U2", "ben", ""), checklist.Person{ID: "U-ANN", Name: "ann"}))
	must("add ann", s.AddMember(ctx, p.ID, member("U1", "ann", ""), checklist.Person{ID: "U-ANN", Name: "ann"}))
	must("rename ann", s.AddMember(ctx, p.ID, member("U1", "Ann", ""), checklist.Person{ID: "U-ANN", Name: "ann"}))
	must("zone ann", s.SetPersonZone(ctx, chanT1C1.Workspace(), "U1", "Asia/Kolkata", "person"))
	must("platform zone ann", s.SetPersonZone(ctx, chanT1C1.Workspace(), "U1", "Europe/London", "platform"))
	must("platform zone ben", s.SetPersonZone(ctx, chanT1C1.Workspace(), "U2", "America/New_York", "platform"))
	must("skip ben", s.SkipMember(ctx, p.ID, "U2", standupDay, checklist.Person{ID: "U-BEN", Name: "ben"}))
	if err := s.SetPersonZone(ctx, chanT1C1.Workspace(), "U1", "Mars/Olympus", "person"); checklist.ErrorCode(err) != checklist.EINVALID {
		t.Errorf("unknown zone: %v, want EINVALID", err)
	}
	if err := s.SkipMember(ctx, p.ID, "U9", standupDay, checklist.Person{ID: "U-X", Name: "x"}); checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("skip by a non-member: %v, want ENOTFOUND", err)
	}
	if err := s.AddMember(ctx, p.ID+99, member("U1", "Ann", ""), checklist.Person{ID: "U-ANN", Name: "ann"}); checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("member of an unknown project: %v, want ENOTFOUND", err)
	}
	want := []checklist.Member{member("U1", "Ann", "Asia/Kolkata"), member("U2", "ben", "America/New_York")}
	want[1].SkipUntil = standupDay
	got, err := s.Members(ctx, p.ID)
	must("members", err)
	sameMembers(t, "Members", got, want)
	w := 30 * time.Minute
	_, err = s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{StandupWindow: &w}, checklist.Person{ID: "U-ANN", Name: "ann"})
	must("window", err)
	full, err := s.Project(ctx, p.ID)
	must("project", err)
	sameMembers(t, "Project.Members", full.Members, want)
	if full.StandupWindow != w {
		t.Errorf("window %s, want %s", full.StandupWindow, w)
	}
	must("back", s.SkipMember(ctx, p.ID, "U2", checklist.Date{}, checklist.Person{ID: "U-BEN", Name: "ben"}))
	must("leave", s.RemoveMember(ctx, p.ID, "U1", checklist.Person{ID: "U-ANN", Name: "Ann"}))
	must("leave again", s.RemoveMember(ctx, p.ID, "U1", checklist.Person{ID: "U-ANN", Name: "Ann"}))
	got, err = s.Members(ctx, p.ID)
	must("members", err)
	sameMembers(t, "after leaving", got, []checklist.Member{member("U2", "ben", "America/New_York")})
	hist, err := s.History(ctx, p.ID, 0, 0)
	must("history", err)
	var fields []string
	for _, c := range hist {
		fields = append(fields, c.Field+" "+c.Old+">"+c.New)
	}
	for _, f := range []string{"standup member >ben", "standup member >ann", "standup skip ben>until 2027-03-31", "standup window 2h>30m",
		"standup skip ben>back", "standup member Ann>"} {
		if !contains(fields, f) {
			t.Errorf("history %q lacks %q", fields, f)
		}
	}
}

// testMembersScheduled: adding a member with a stand-up set moves the
// project's next look to their ask, in their own zone.
func testMembersScheduled(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	at, days := "09:30", "weekdays"
	if _, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{StandupAt: &at, StandupDay: &days}, checklist.Person{ID: "U-ANN", Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPersonZone(ctx, chanT1C1.Workspace(), "U1", "Asia/Kolkata", "person"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddMember(ctx, p.ID, member("U1", "ann", ""), checklist.Person{ID: "U-ANN", Name: "ann"}); err != nil {
		t.Fatal(err)
	}
	ask := time.Date(2027, 3, 31, 9, 30, 0, 0, checklist.Zone("Asia/Kolkata"))
	due, err := s.DueProjects(ctx, ask, 0)
	if err != nil || len(due) != 1 || len(due[0].Members) != 1 {
		t.Fatalf("due at the ask: %v, %v", due, err)
	}
	if got := due[0].DueAt(ask); len(got) != 1 || got[0].Kind != checklist.KindAsk || got[0].Member != "U1" {
		t.Errorf("due at the ask: %+v", got)
	}
}

// testAnswers: a member's part is saved and replaced, found open in the
// conversation they were asked in until their window closes, listed by
// round, and deleted once older than the retention.
func testAnswers(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	dm := checklist.Binding{Platform: "slack", Team: "T1", Channel: "D1"}
	asked := time.Date(2027, 3, 31, 8, 30, 0, 0, time.UTC)
	a := &checklist.Answer{ProjectID: p.ID, Round: standupDay, Workspace: chanT1C1.Workspace(), User: "U1", Name: "ann",
		Direct: dm, AskedAt: asked, ClosesAt: asked.Add(2 * time.Hour)}
	if err := s.SaveAnswer(ctx, a); err != nil {
		t.Fatal(err)
	}
	a.Moved, a.Blocking, a.AnsweredAt = "point 3 research done", "waiting on the DPIA", asked.Add(time.Minute)
	if err := s.SaveAnswer(ctx, a); err != nil {
		t.Fatal(err)
	}
	was := *a
	next := *a
	next.Next = "usability testing"
	if ok, err := s.UpdateAnswer(ctx, &was, &next); err != nil || !ok {
		t.Fatalf("update answer: %v, %v", ok, err)
	}
	next.Blocking = "none"
	if ok, err := s.UpdateAnswer(ctx, &was, &next); err != nil || ok {
		t.Errorf("update over answers changed since: %v, %v; want false", ok, err)
	}
	next.Blocking = a.Blocking
	a = &next
	open, err := s.OpenAnswer(ctx, dm, "U1", asked.Add(time.Hour))
	if err != nil || *open != *a {
		t.Errorf("open answer %+v, %v; want %+v", open, err, a)
	}
	for _, c := range []struct {
		b    checklist.Binding
		user string
		at   time.Time
	}{{dm, "U1", asked.Add(2 * time.Hour)}, {dm, "U2", asked.Add(time.Hour)}, {chanT1C1, "U1", asked.Add(time.Hour)}, {dm, "U1", asked.Add(-time.Minute)}} {
		if _, err := s.OpenAnswer(ctx, c.b, c.user, c.at); checklist.ErrorCode(err) != checklist.ENOTFOUND {
			t.Errorf("open answer %v %s at %s: %v, want ENOTFOUND", c.b, c.user, c.at, err)
		}
	}
	round, err := s.RoundAnswers(ctx, p.ID, standupDay)
	if err != nil || len(round) != 1 || round[0] != *a {
		t.Errorf("round answers %+v, %v", round, err)
	}
	if n, err := s.DeleteAnswers(ctx, asked); err != nil || n != 0 {
		t.Errorf("delete before the ask: %d, %v", n, err)
	}
	if n, err := s.DeleteAnswers(ctx, asked.Add(time.Second)); err != nil || n != 1 {
		t.Errorf("delete after the ask: %d, %v", n, err)
	}
}

func sameMembers(t *testing.T, what string, got, want []checklist.Member) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %+v, want %+v", what, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s[%d]: %+v, want %+v", what, i, got[i], want[i])
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
