package checklist_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// TestNormalise checks what Normalise tidies; the projects it refuses are
// in the store contract, storetest, which every store runs.
func TestNormalise(t *testing.T) {
	b := checklist.Binding{Platform: "slack", Team: "T1", Channel: "C1"}
	p := &checklist.Project{Name: "  Apply   for a licence ", Standard: "govuk", Points: 14, Phase: "Alpha",
		TimeZone: "Europe/London", Bindings: []checklist.Binding{b, b},
		Schedule: checklist.Schedule{StandupAt: "9:30", Reminders: []int{7, 28}}}
	if err := p.Normalise(); err != nil {
		t.Fatalf("Normalise: %v", err)
	}
	want := checklist.Schedule{StandupAt: "09:30", StandupDays: "weekdays", Reminders: []int{28, 7}}
	if p.Name != "Apply for a licence" || p.Workspace != "slack:T1" || len(p.Bindings) != 1 ||
		p.Phase != checklist.Alpha || !reflect.DeepEqual(p.Schedule, want) {
		t.Errorf("normalised project %+v", p)
	}
}

func TestApply(t *testing.T) {
	ptr := func(s string) *string { return &s }
	live, off := checklist.Live, []int{}
	defaults := append([]int{}, checklist.DefaultReminders...)
	yes, no := true, false
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		u       checklist.ProjectUpdate
		changes []checklist.FieldChange
		dirty   bool
	}{
		{"nothing", checklist.ProjectUpdate{}, nil, false},
		{"phase", checklist.ProjectUpdate{Phase: &live},
			[]checklist.FieldChange{{Field: "phase", Old: "alpha", New: "live"}}, true},
		{"same time zone", checklist.ProjectUpdate{TimeZone: ptr("Europe/London")}, nil, false},
		{"stand-up", checklist.ProjectUpdate{StandupAt: ptr("9:30"), StandupDay: ptr("wed, mon")},
			[]checklist.FieldChange{{Field: "standup", Old: "off", New: "09:30 mon,wed"}}, true},
		{"days of a stand-up that is off", checklist.ProjectUpdate{StandupDay: ptr("daily")}, nil, true},
		{"reminders off", checklist.ProjectUpdate{Reminders: &off},
			[]checklist.FieldChange{{Field: "reminders", Old: "28,14,7,3,1", New: "off"}}, true},
		{"the default reminders as a list", checklist.ProjectUpdate{Reminders: &defaults}, nil, true},
		{"rename", checklist.ProjectUpdate{Name: ptr("  Renew   a licence ")},
			[]checklist.FieldChange{{Field: "name", Old: "Apply for a licence", New: "Renew a licence"}}, true},
		{"same name", checklist.ProjectUpdate{Name: ptr("Apply for a licence")}, nil, false},
		{"archive", checklist.ProjectUpdate{Archived: &yes},
			[]checklist.FieldChange{{Field: "archived", Old: "no", New: "yes"}}, true},
		{"unarchive what is not archived", checklist.ProjectUpdate{Archived: &no}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &checklist.Project{Name: "Apply for a licence", Phase: checklist.Alpha, TimeZone: "Europe/London"}
			changes, dirty, err := p.Apply(tt.u, now)
			if err != nil || !reflect.DeepEqual(changes, tt.changes) || dirty != tt.dirty {
				t.Errorf("Apply = %+v, %v, %v; want %+v, %v", changes, dirty, err, tt.changes, tt.dirty)
			}
		})
	}

	t.Run("archived at now, once", func(t *testing.T) {
		p := &checklist.Project{Name: "Apply for a licence", Phase: checklist.Alpha, TimeZone: "Europe/London"}
		if _, _, err := p.Apply(checklist.ProjectUpdate{Archived: &yes}, now); err != nil || !p.ArchivedAt.Equal(now) || !p.Archived() {
			t.Fatalf("archived at %v (%v), want %v", p.ArchivedAt, err, now)
		}
		changes, dirty, err := p.Apply(checklist.ProjectUpdate{Archived: &yes}, now.Add(time.Hour))
		if err != nil || changes != nil || dirty || !p.ArchivedAt.Equal(now) {
			t.Errorf("archived again: %+v, %v, %v, at %v; want no change, still %v", changes, dirty, err, p.ArchivedAt, now)
		}
		if _, _, err := p.Apply(checklist.ProjectUpdate{Archived: &no}, now); err != nil || p.Archived() {
			t.Errorf("unarchived: archived %v, %v", p.Archived(), err)
		}
	})

	t.Run("an empty new name is refused", func(t *testing.T) {
		p := &checklist.Project{Name: "Apply for a licence", Phase: checklist.Alpha, TimeZone: "Europe/London"}
		_, _, err := p.Apply(checklist.ProjectUpdate{Name: ptr(" \t ")}, now)
		wantInvalid(t, err)
		if p.Name != "Apply for a licence" {
			t.Errorf("name after a refused rename: %q", p.Name)
		}
	})

	t.Run("invalid leaves the project as it was", func(t *testing.T) {
		p := &checklist.Project{Phase: checklist.Alpha, TimeZone: "Europe/London"}
		before := *p
		_, _, err := p.Apply(checklist.ProjectUpdate{Phase: &live, Reminders: &[]int{-1}}, now)
		wantInvalid(t, err)
		if !reflect.DeepEqual(*p, before) {
			t.Errorf("after a refused update: %+v, want %+v", *p, before)
		}
	})
}
