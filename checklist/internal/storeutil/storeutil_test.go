package storeutil

import (
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

func TestRemindersRoundTrip(t *testing.T) {
	for _, days := range [][]int{nil, {}, {28, 14, 7}, {0}} {
		got := RemindersFrom(RemindersValue(days))
		if (got == nil) != (days == nil) || !slices.Equal(got, days) {
			t.Errorf("reminders %#v came back as %#v", days, got)
		}
	}
}

func TestDateValue(t *testing.T) {
	if v := DateValue(checklist.Date{}); v != nil {
		t.Errorf("unset date stored as %q, want NULL", *v)
	}
	if v := DateValue(checklist.Date{Year: 2027, Month: 3, Day: 5}); v == nil || *v != "2027-03-05" {
		t.Errorf("date stored as %v, want 2027-03-05", v)
	}
}

func TestClock(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	fixed := time.Date(2026, 11, 27, 10, 0, 0, 1234567, berlin)
	want := time.Date(2026, 11, 27, 9, 0, 0, 1234000, time.UTC)
	var wall Clock
	at := wall.At(fixed)
	if !at.Equal(want) || at.Location() != time.UTC {
		t.Errorf("At = %v, want %v: UTC to the microsecond", at, want)
	}
	if now := wall.At(time.Time{}); now.IsZero() || now.Location() != time.UTC || now.Nanosecond()%1000 != 0 {
		t.Errorf("At of the zero time = %v, want now in UTC to the microsecond", now)
	}
	clock := Clock(func() time.Time { return fixed })
	if now := clock.Now(); !now.Equal(want) || now.Location() != time.UTC {
		t.Errorf("a fixed clock's Now = %v, want %v", now, want)
	}
	if now := clock.At(time.Time{}); !now.Equal(want) {
		t.Errorf("a fixed clock's At of the zero time = %v, want its time %v", now, want)
	}
}

func TestMigrations(t *testing.T) {
	file := func(sql string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(sql)} }
	tests := []struct {
		name  string
		files fstest.MapFS
		want  []string // names, or nil for an error
	}{
		{"in order", fstest.MapFS{
			"migrations/0002_more.sql": file("B"),
			"migrations/0001_init.sql": file("A"),
			"migrations/README":        file("not a migration"),
		}, []string{"0001_init.sql", "0002_more.sql"}},
		{"none", fstest.MapFS{}, []string{}},
		{"gap", fstest.MapFS{"migrations/0001_init.sql": file("A"), "migrations/0003_more.sql": file("C")}, nil},
		{"unnumbered", fstest.MapFS{"migrations/init.sql": file("A")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := Migrations(tt.files)
			if tt.want == nil {
				if err == nil {
					t.Fatalf("migrations %v: no error", ms)
				}
				return
			}
			names := []string{}
			for i, m := range ms {
				if m.Version != i+1 || m.SQL != string(tt.files["migrations/"+m.Name].Data) {
					t.Errorf("migration %d: %+v", i, m)
				}
				names = append(names, m.Name)
			}
			if err != nil || !slices.Equal(names, tt.want) {
				t.Errorf("migrations %v, %v; want %v", names, err, tt.want)
			}
		})
	}
}

func TestPrunerTakesTurns(t *testing.T) {
	var p Pruner
	if !p.Due() || p.Due() {
		t.Fatal("a new pruner: want due once, then not")
	}
	p.Reset()
	if !p.Due() {
		t.Error("after Reset: not due")
	}
}

func TestNextLook(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	// A Wednesday in November, no bank holiday near.
	at := func(hour, min int) time.Time { return time.Date(2026, 11, 25, hour, min, 0, 0, london) }
	tomorrow := checklist.Date{Year: 2026, Month: 11, Day: 26}
	tests := []struct {
		name string
		p    checklist.Project
		now  time.Time
		want time.Time
	}{
		{"nothing scheduled", checklist.Project{Phase: checklist.Discovery}, at(14, 0), time.Time{}},
		{"stand-up later today", checklist.Project{Phase: checklist.Live,
			Schedule: checklist.Schedule{StandupAt: "10:00", StandupDays: "weekdays"}}, at(8, 0), at(10, 0)},
		{"stand-up half an hour ago", checklist.Project{Phase: checklist.Live,
			Schedule: checklist.Schedule{StandupAt: "10:00", StandupDays: "weekdays"}}, at(10, 30), at(10, 30)},
		{"reminder whose moment passed before the date was set", checklist.Project{Phase: checklist.Beta,
			Assessment: tomorrow, Schedule: checklist.Schedule{Reminders: []int{1}}}, at(14, 0), at(14, 0)},
		{"reminder still to come", checklist.Project{Phase: checklist.Beta,
			Assessment: tomorrow, Schedule: checklist.Schedule{Reminders: []int{1}}}, at(8, 0), at(9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.p.TimeZone = "Europe/London"
			if got := NextLook(&tt.p, tt.now); !got.Equal(tt.want) {
				t.Errorf("NextLook at %v = %v, want %v", tt.now, got, tt.want)
			}
		})
	}
}
