package storetest

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

func testCreateAndGet(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	before := time.Now()
	p := create(t, s, "Apply for a licence", chanT1C1)
	if p.ID == 0 {
		t.Fatal("CreateProject left the ID zero")
	}
	if p.CreatedAt.Location() != time.UTC || !p.CreatedAt.Equal(p.UpdatedAt) ||
		p.CreatedAt.Before(before.Add(-time.Second)) || p.CreatedAt.After(time.Now().Add(time.Second)) {
		t.Errorf("created/updated %v/%v: want now, equal, in UTC", p.CreatedAt, p.UpdatedAt)
	}
	byChannel, err := s.ProjectByChannel(ctx, chanT1C1)
	if err != nil {
		t.Fatalf("project by channel: %v", err)
	}
	sameProject(t, byChannel, p)
	byName, err := s.ProjectByName(ctx, chanT1C1.Workspace(), "  APPLY for a   LICENCE ")
	if err != nil {
		t.Fatalf("project by name, other case: %v", err)
	}
	sameProject(t, byName, p)
	byID, err := s.Project(ctx, p.ID)
	if err != nil {
		t.Fatalf("project by id: %v", err)
	}
	sameProject(t, byID, p)

	hs := history(t, s, p.ID)
	if len(hs) != 1 || hs[0].Field != "created" || hs[0].New != p.Name || hs[0].By != "alice" ||
		hs[0].ProjectID != p.ID || !hs[0].At.Equal(p.CreatedAt) || hs[0].At.Location() != time.UTC {
		t.Errorf("history after create: %+v, want one \"created\" entry by alice at %v", hs, p.CreatedAt)
	}
	_, err = s.ProjectByChannel(ctx, chanT1C2)
	wantCode(t, "project by unbound channel", err, checklist.ENOTFOUND)
}

func testCreateWithSettings(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := newProject("Apply for a licence", chanT1C1)
	p.Phase, p.TimeZone = checklist.Beta, "Europe/Belfast"
	p.Assessment = checklist.Date{Year: 2027, Month: time.March, Day: 15}
	p.Schedule = checklist.Schedule{StandupAt: "9:05", StandupDays: "fri, MON", Reminders: []int{7, 14, 7}}
	p.Holidays = "Scotland"
	if err := s.CreateProject(ctx, p); err != nil {
		t.Fatalf("create project: %v", err)
	}
	if p.Holidays != checklist.Scotland {
		t.Errorf("holidays after create: %q, want it normalised to scotland", p.Holidays)
	}
	want := checklist.Schedule{StandupAt: "09:05", StandupDays: "mon,fri", Reminders: []int{14, 7}}
	if !reflect.DeepEqual(p.Schedule, want) {
		t.Errorf("schedule after create: %+v, want it normalised to %+v", p.Schedule, want)
	}
	got, err := s.Project(ctx, p.ID)
	if err != nil {
		t.Fatalf("project: %v", err)
	}
	sameProject(t, got, p)

	off := newProject("Renew a licence", chanT1C2)
	off.Schedule.Reminders = []int{}
	if err := s.CreateProject(ctx, off); err != nil {
		t.Fatalf("create project with reminders off: %v", err)
	}
	got, err = s.Project(ctx, off.ID)
	if err != nil {
		t.Fatalf("project: %v", err)
	}
	if got.Schedule.Reminders == nil || len(got.Schedule.Reminders) != 0 {
		t.Errorf("reminders off came back as %#v, want an empty list (nil is the default)", got.Schedule.Reminders)
	}
}

func testCreateInvalid(t *testing.T, s checklist.Store) {
	tests := []struct {
		name  string
		spoil func(p *checklist.Project)
	}{
		{"no channel", func(p *checklist.Project) { p.Bindings = nil }},
		{"empty channel", func(p *checklist.Project) { p.Bindings[0].Channel = "" }},
		{"empty name", func(p *checklist.Project) { p.Name = "  " }},
		{"long name", func(p *checklist.Project) { p.Name = strings.Repeat("x", 101) }},
		{"no standard", func(p *checklist.Project) { p.Standard = "" }},
		{"no points", func(p *checklist.Project) { p.Points = 0 }},
		{"bad phase", func(p *checklist.Project) { p.Phase = "gamma" }},
		{"bad time zone", func(p *checklist.Project) { p.TimeZone = "Mars/Olympus" }},
		{"bad stand-up time", func(p *checklist.Project) { p.Schedule.StandupAt = "25:00" }},
		{"bad reminder", func(p *checklist.Project) { p.Schedule.Reminders = []int{-1} }},
		{"bad assessment date", func(p *checklist.Project) { p.Assessment = checklist.Date{Year: 2027, Month: 2, Day: 30} }},
	}
	for _, tt := range tests {
		p := newProject("Invalid", chanT1C1)
		tt.spoil(p)
		wantCode(t, tt.name, s.CreateProject(t.Context(), p), checklist.EINVALID)
	}
	ps, err := s.Projects(t.Context(), checklist.ProjectFilter{})
	if err != nil || len(ps) != 0 {
		t.Errorf("projects after invalid creates: %v, %v; want none", names(ps), err)
	}
}

func testDuplicateName(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	first := create(t, s, "Apply for a licence", chanT1C1)
	err := s.CreateProject(ctx, newProject("APPLY FOR A LICENCE", chanT1C2))
	wantCode(t, "same name, other case, same workspace", err, checklist.ECONFLICT)
	if !strings.Contains(err.Error(), "APPLY FOR A LICENCE") {
		t.Errorf("conflict message %q does not name the project", err)
	}
	_, err = s.ProjectByChannel(ctx, chanT1C2)
	wantCode(t, "channel of the refused project", err, checklist.ENOTFOUND)
	ps, err := s.Projects(ctx, checklist.ProjectFilter{Workspace: chanT1C1.Workspace()})
	if err != nil || len(ps) != 1 || ps[0].ID != first.ID {
		t.Errorf("projects after the refused create: %v, %v; want only the first", names(ps), err)
	}
	if hs := history(t, s, first.ID); len(hs) != 1 {
		t.Errorf("first project's history: %+v, want only its creation", hs)
	}
}

func testSameNameOtherWorkspace(t *testing.T, s checklist.Store) {
	a := create(t, s, "Apply for a licence", chanT1C1)
	b := create(t, s, "Apply for a licence", chanT2C1)
	for _, want := range []*checklist.Project{a, b} {
		got, err := s.ProjectByName(t.Context(), want.Workspace, "apply for a licence")
		if err != nil {
			t.Fatalf("project by name in %s: %v", want.Workspace, err)
		}
		sameProject(t, got, want)
	}
}

func testChannelAlreadyBound(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	create(t, s, "Apply for a licence", chanT1C1)
	wantCode(t, "second project in a channel", s.CreateProject(ctx, newProject("Renew a licence", chanT1C1)), checklist.ECONFLICT)
	_, err := s.ProjectByName(ctx, chanT1C1.Workspace(), "Renew a licence")
	wantCode(t, "the refused project", err, checklist.ENOTFOUND)
}

func testProjectByNameAnyWorkspace(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	only := create(t, s, "Register to vote", chanT1C1)
	got, err := s.ProjectByName(ctx, "", "register to vote")
	if err != nil {
		t.Fatalf("unique name in any workspace: %v", err)
	}
	sameProject(t, got, only)

	create(t, s, "Apply for a licence", chanT1C2)
	create(t, s, "Apply for a licence", chanT2C1)
	_, err = s.ProjectByName(ctx, "", "Apply for a licence")
	wantCode(t, "name in two workspaces", err, checklist.ECONFLICT)
	_, err = s.ProjectByName(ctx, "", "No such project")
	wantCode(t, "unknown name", err, checklist.ENOTFOUND)
	_, err = s.ProjectByName(ctx, chanT2C1.Workspace(), "Register to vote")
	wantCode(t, "name from another workspace", err, checklist.ENOTFOUND)
}

func testProjectsFilter(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	create(t, s, "beta service", chanT1C1)
	alpha := create(t, s, "Alpha service", chanT1C2)
	create(t, s, "Gamma service", chanT2C1)
	extra := checklist.Binding{Platform: "teams", Team: "tenant", Channel: "19:abc"}
	if err := s.BindChannel(ctx, alpha.ID, extra, as("alice")); err != nil {
		t.Fatalf("bind channel: %v", err)
	}
	tests := []struct {
		name string
		f    checklist.ProjectFilter
		want []string
	}{
		{"all, by name", checklist.ProjectFilter{}, []string{"Alpha service", "beta service", "Gamma service"}},
		{"workspace", checklist.ProjectFilter{Workspace: "slack:T1"}, []string{"Alpha service", "beta service"}},
		{"other workspace", checklist.ProjectFilter{Workspace: "slack:T2"}, []string{"Gamma service"}},
		{"unknown workspace", checklist.ProjectFilter{Workspace: "slack:T9"}, []string{}},
		{"channels", checklist.ProjectFilter{Channels: []checklist.Binding{chanT2C1, chanT1C1}}, []string{"beta service", "Gamma service"}},
		{"second binding", checklist.ProjectFilter{Channels: []checklist.Binding{extra}}, []string{"Alpha service"}},
		{"unbound channel", checklist.ProjectFilter{Channels: []checklist.Binding{chanT1C3}}, []string{}},
		{"workspace and channels", checklist.ProjectFilter{Workspace: "slack:T1", Channels: []checklist.Binding{chanT2C1, chanT1C1}}, []string{"beta service"}},
		{"limit", checklist.ProjectFilter{Limit: 2}, []string{"Alpha service", "beta service"}},
		{"workspace and limit", checklist.ProjectFilter{Workspace: "slack:T2", Limit: 1}, []string{"Gamma service"}},
	}
	for _, tt := range tests {
		ps, err := s.Projects(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := names(ps); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	ps, err := s.Projects(ctx, checklist.ProjectFilter{Channels: []checklist.Binding{extra}})
	if err != nil || len(ps) != 1 || !slices.Equal(ps[0].Bindings, []checklist.Binding{chanT1C2, extra}) {
		t.Errorf("listed project's bindings: %v; want both channels, first first", ps)
	}
}

func testBindChannel(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	if err := s.BindChannel(ctx, p.ID, chanT1C2, as("bob")); err != nil {
		t.Fatalf("bind channel: %v", err)
	}
	got, err := s.ProjectByChannel(ctx, chanT1C2)
	if err != nil {
		t.Fatalf("project by the new channel: %v", err)
	}
	if got.ID != p.ID || !slices.Equal(got.Bindings, []checklist.Binding{chanT1C1, chanT1C2}) {
		t.Errorf("project by new channel: id %d, bindings %v; want %d with both channels", got.ID, got.Bindings, p.ID)
	}
	c := lastChange(t, s, p.ID)
	if c.Field != "channel" || c.By != "bob" || c.Point != 0 || !strings.Contains(c.New, "C2") {
		t.Errorf("history entry for the binding: %+v", c)
	}
	if err := s.BindChannel(ctx, p.ID, chanT1C2, as("bob")); err != nil {
		t.Errorf("binding the same channel again: %v, want nil", err)
	}
	if n := len(history(t, s, p.ID)); n != 2 {
		t.Errorf("history has %d entries after binding twice, want 2", n)
	}
	q := create(t, s, "Renew a licence", chanT1C3)
	wantCode(t, "bind a channel of another project", s.BindChannel(ctx, q.ID, chanT1C1, as("bob")), checklist.ECONFLICT)
	wantCode(t, "bind to unknown project", s.BindChannel(ctx, q.ID+1000, chanT2C1, as("bob")), checklist.ENOTFOUND)
	if _, err := s.ProjectByChannel(ctx, chanT2C1); checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("channel of the refused binding: %v, want not found", err)
	}
}

func ptr[T any](v T) *T { return &v }

func testUpdateProject(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	march := checklist.Date{Year: 2027, Month: time.March, Day: 15}
	steps := []struct {
		name  string
		u     checklist.ProjectUpdate
		field string
		old   string
		new   string
		check func(p *checklist.Project) bool
	}{
		{"phase", checklist.ProjectUpdate{Phase: ptr(checklist.Alpha)}, "phase", "discovery", "alpha",
			func(p *checklist.Project) bool { return p.Phase == checklist.Alpha }},
		{"assessment", checklist.ProjectUpdate{Assessment: &march}, "assessment", "", "2027-03-15",
			func(p *checklist.Project) bool { return p.Assessment == march }},
		{"time zone", checklist.ProjectUpdate{TimeZone: ptr("Europe/Belfast")}, "timezone", "Europe/London", "Europe/Belfast",
			func(p *checklist.Project) bool { return p.TimeZone == "Europe/Belfast" }},
		{"holidays", checklist.ProjectUpdate{Holidays: ptr(checklist.Division("Northern Ireland"))}, "holidays", "", "northern-ireland",
			func(p *checklist.Project) bool { return p.Holidays == checklist.NorthernIreland }},
		{"holidays again", checklist.ProjectUpdate{Holidays: ptr(checklist.Scotland)}, "holidays", "northern-ireland", "scotland",
			func(p *checklist.Project) bool {
				return p.Holidays == checklist.Scotland && p.Division() == checklist.Scotland
			}},
		{"holidays default", checklist.ProjectUpdate{Holidays: ptr(checklist.Division(""))}, "holidays", "scotland", "",
			func(p *checklist.Project) bool { return p.Holidays == "" && p.Division() == checklist.NorthernIreland }},
		{"stand-up on", checklist.ProjectUpdate{StandupAt: ptr("09:30")}, "standup", "off", "09:30 weekdays",
			func(p *checklist.Project) bool {
				return p.Schedule.StandupAt == "09:30" && p.Schedule.StandupDays == "weekdays"
			}},
		{"stand-up days", checklist.ProjectUpdate{StandupDay: ptr("wed,mon")}, "standup", "09:30 weekdays", "09:30 mon,wed",
			func(p *checklist.Project) bool { return p.Schedule.StandupDays == "mon,wed" }},
		{"stand-up off", checklist.ProjectUpdate{StandupAt: ptr("")}, "standup", "09:30 mon,wed", "off",
			func(p *checklist.Project) bool { return p.Schedule.StandupAt == "" }},
		{"reminders", checklist.ProjectUpdate{Reminders: &[]int{7, 28, 14}}, "reminders", "28,14,7,3,1", "28,14,7",
			func(p *checklist.Project) bool { return slices.Equal(p.Schedule.Reminders, []int{28, 14, 7}) }},
		{"reminders off", checklist.ProjectUpdate{Reminders: &[]int{}}, "reminders", "28,14,7", "off",
			func(p *checklist.Project) bool { return p.Schedule.Reminders != nil && len(p.Schedule.Reminders) == 0 }},
	}
	for _, st := range steps {
		got, err := s.UpdateProject(ctx, p.ID, st.u, as("bob"))
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if !st.check(got) || got.UpdatedAt.Before(got.CreatedAt) {
			t.Errorf("%s: returned project %+v", st.name, got)
		}
		reread, err := s.Project(ctx, p.ID)
		if err != nil {
			t.Fatalf("%s: reread: %v", st.name, err)
		}
		sameProject(t, reread, got)
		c := lastChange(t, s, p.ID)
		if c.Field != st.field || c.Old != st.old || c.New != st.new || c.By != "bob" || c.Point != 0 || !c.At.Equal(got.UpdatedAt) {
			t.Errorf("%s: history entry %+v, want %s %q -> %q by bob at %v", st.name, c, st.field, st.old, st.new, got.UpdatedAt)
		}
	}
	n := len(history(t, s, p.ID))
	if _, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Phase: ptr(checklist.Alpha)}, as("bob")); err != nil {
		t.Fatalf("unchanged phase: %v", err)
	}
	if got := len(history(t, s, p.ID)); got != n {
		t.Errorf("setting the phase it has added %d history entries, want 0", got-n)
	}
	if _, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Phase: ptr(checklist.Beta), TimeZone: ptr("Europe/London")}, as("carol")); err != nil {
		t.Fatalf("two fields: %v", err)
	}
	hs := history(t, s, p.ID)[n:]
	if len(hs) != 2 || hs[0].Field != "phase" || hs[1].Field != "timezone" || hs[0].By != "carol" {
		t.Errorf("two fields at once: history %+v, want phase then timezone by carol", hs)
	}
}

func testUpdateProjectInvalid(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	tests := []struct {
		name string
		u    checklist.ProjectUpdate
	}{
		{"phase", checklist.ProjectUpdate{Phase: ptr(checklist.Phase("gamma"))}},
		{"date", checklist.ProjectUpdate{Assessment: &checklist.Date{Year: 2027, Month: 2, Day: 30}}},
		{"time zone", checklist.ProjectUpdate{TimeZone: ptr("Mars/Olympus")}},
		{"holidays", checklist.ProjectUpdate{Holidays: ptr(checklist.Division("ireland"))}},
		{"stand-up time", checklist.ProjectUpdate{StandupAt: ptr("9.30am")}},
		{"stand-up days", checklist.ProjectUpdate{StandupDay: ptr("mon,funday")}},
		{"reminders", checklist.ProjectUpdate{Reminders: &[]int{14, 400}}},
		{"good and bad together", checklist.ProjectUpdate{Phase: ptr(checklist.Beta), TimeZone: ptr("Nowhere")}},
	}
	for _, tt := range tests {
		_, err := s.UpdateProject(ctx, p.ID, tt.u, as("bob"))
		wantCode(t, tt.name, err, checklist.EINVALID)
	}
	got, err := s.Project(ctx, p.ID)
	if err != nil {
		t.Fatalf("project: %v", err)
	}
	sameProject(t, got, p)
	if n := len(history(t, s, p.ID)); n != 1 {
		t.Errorf("history has %d entries after refused updates, want 1", n)
	}
	_, err = s.UpdateProject(ctx, p.ID+1000, checklist.ProjectUpdate{Phase: ptr(checklist.Beta)}, as("bob"))
	wantCode(t, "unknown project", err, checklist.ENOTFOUND)
}

func testClearAssessment(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	d := checklist.Date{Year: 2027, Month: time.January, Day: 4}
	if _, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Assessment: &d}, as("bob")); err != nil {
		t.Fatalf("set assessment: %v", err)
	}
	if _, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Assessment: &checklist.Date{}}, as("bob")); err != nil {
		t.Fatalf("clear assessment: %v", err)
	}
	got, err := s.Project(ctx, p.ID)
	if err != nil {
		t.Fatalf("project: %v", err)
	}
	if !got.Assessment.IsZero() {
		t.Errorf("assessment after clearing: %v, want not set", got.Assessment)
	}
	if c := lastChange(t, s, p.ID); c.Field != "assessment" || c.Old != "2027-01-04" || c.New != "" {
		t.Errorf("history entry for clearing: %+v", c)
	}
}
