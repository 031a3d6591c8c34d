package checklist_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/standardbot/standardbot/checklist"
)

// wantInvalid fails the test unless err is EINVALID with a message for
// the user.
func wantInvalid(t *testing.T, err error) {
	t.Helper()
	if code := checklist.ErrorCode(err); code != checklist.EINVALID {
		t.Fatalf("error %v (code %q), want %q", err, code, checklist.EINVALID)
	}
	if e := (*checklist.Error)(nil); errors.As(err, &e) && e.UserMessage() == "" {
		t.Error("EINVALID error without a message for the user")
	}
}

// parseTest is one case of a parse function: in gives want, or, when
// invalid, an EINVALID error. want is compared with reflect.DeepEqual, so
// an empty list is not nil.
type parseTest[In, Out any] struct {
	name    string
	in      In
	want    Out
	invalid bool
}

// runParseTests runs the cases against parse, a subtest each.
func runParseTests[In, Out any](t *testing.T, fn string, parse func(In) (Out, error), tests []parseTest[In, Out]) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(tt.in)
			if tt.invalid {
				wantInvalid(t, err)
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s(%#v) = %#v, %v; want %#v", fn, tt.in, got, err, tt.want)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	runParseTests(t, "ParseClock", checklist.ParseClock, []parseTest[string, string]{
		{"padded", "09:30", "09:30", false},
		{"one-digit hour", "9:30", "09:30", false},
		{"spaces", "  17:05 ", "17:05", false},
		{"midnight", "00:00", "00:00", false},
		{"empty is off", "", "", false},
		{"blank is off", "   ", "", false},
		{"hour past 23", "25:00", "", true},
		{"minute past 59", "09:60", "", true},
		{"no minutes", "9", "", true},
		{"am/pm", "9:30am", "", true},
		{"words", "noon", "", true},
	})
}

func TestParseDays(t *testing.T) {
	runParseTests(t, "ParseDays", checklist.ParseDays, []parseTest[string, string]{
		{"daily", "daily", "daily", false},
		{"weekdays", "weekdays", "weekdays", false},
		{"upper case", "WeekDays", "weekdays", false},
		{"list", "mon,wed", "mon,wed", false},
		{"list with a space", "mon, wed", "mon,wed", false},
		{"week order", "fri,mon,wed", "mon,wed,fri", false},
		{"repeats", "wed,mon,wed", "mon,wed", false},
		{"weekend", "Sat,Sun", "sat,sun", false},
		{"empty is the default", "", "", false},
		{"bad day", "mon,funday", "", true},
		{"full name", "monday", "", true},
		{"empty item", "mon,,wed", "", true},
		{"space-separated", "mon wed", "", true},
	})
}

func TestNormReminders(t *testing.T) {
	runParseTests(t, "NormReminders", checklist.NormReminders, []parseTest[[]int, []int]{
		{"furthest first", []int{7, 28, 14}, []int{28, 14, 7}, false},
		{"already ordered", []int{28, 14, 7, 3, 1}, []int{28, 14, 7, 3, 1}, false},
		{"duplicates", []int{7, 14, 7, 14}, []int{14, 7}, false},
		{"bounds", []int{0, 365}, []int{365, 0}, false},
		{"empty is off", []int{}, []int{}, false},
		{"nil is off, not the default", nil, []int{}, false},
		{"negative", []int{7, -1}, nil, true},
		{"over a year", []int{366}, nil, true},
	})
}

func TestParseReminders(t *testing.T) {
	runParseTests(t, "ParseReminders", checklist.ParseReminders, []parseTest[string, []int]{
		{"commas", "28,14,7", []int{28, 14, 7}, false},
		{"commas and spaces", "28, 14, 7", []int{28, 14, 7}, false},
		{"spaces", "7 28 14", []int{28, 14, 7}, false},
		{"duplicates", "7,7,14", []int{14, 7}, false},
		{"off", "OFF", []int{}, false},
		{"empty is off", "", []int{}, false},
		{"negative", "28,-1", nil, true},
		{"over a year", "400", nil, true},
		{"not a number", "28,soon", nil, true},
		{"a fraction", "1.5", nil, true},
	})
}

// TestRemindersTextRoundTrips checks what RemindersText shows the user,
// typed back, sets the same reminders.
func TestRemindersTextRoundTrips(t *testing.T) {
	for _, days := range [][]int{{28, 14, 7, 3, 1}, {0}, {}} {
		text := checklist.RemindersText(days)
		got, err := checklist.ParseReminders(text)
		if err != nil || !slices.Equal(got, days) {
			t.Errorf("ParseReminders(RemindersText(%v) = %q) = %v, %v", days, text, got, err)
		}
	}
}

func TestStandupText(t *testing.T) {
	tests := []struct {
		s    checklist.Schedule
		want string
	}{
		{checklist.Schedule{StandupAt: "09:30", StandupDays: "weekdays"}, "09:30 weekdays"},
		{checklist.Schedule{StandupAt: "17:00", StandupDays: "mon,wed"}, "17:00 mon,wed"},
		{checklist.Schedule{StandupDays: "daily"}, "off"},
	}
	for _, tt := range tests {
		if got := checklist.StandupText(tt.s); got != tt.want {
			t.Errorf("StandupText(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}
