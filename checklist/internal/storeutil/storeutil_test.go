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

func TestAt(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	at := At(time.Date(2026, 11, 27, 10, 0, 0, 1234567, berlin))
	if want := time.Date(2026, 11, 27, 9, 0, 0, 1234000, time.UTC); !at.Equal(want) || at.Location() != time.UTC {
		t.Errorf("At = %v, want %v: UTC to the microsecond", at, want)
	}
	if now := At(time.Time{}); now.IsZero() || now.Location() != time.UTC || now.Nanosecond()%1000 != 0 {
		t.Errorf("At of the zero time = %v, want now in UTC to the microsecond", now)
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
