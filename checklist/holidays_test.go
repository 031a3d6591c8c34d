package checklist

import (
	"testing"
	"time"
)

func TestSetBankHolidays(t *testing.T) {
	t.Cleanup(func() { holidays.Store(nil) })
	if got := BankHoliday(Date{2029, 12, 25}); got != "" {
		t.Fatalf("before any list is fetched, 2029 is beyond the built-in list, got %q", got)
	}
	// GOV.UK's list moves 2028's early May holiday (as it moved 2020's)
	// and reaches into 2029.
	SetBankHolidays(map[Date]string{
		{2028, 5, 8}:   "Early May bank holiday (moved)",
		{2029, 12, 25}: "Christmas Day",
	})
	tests := []struct {
		d    Date
		want string
	}{
		{Date{2029, 12, 25}, "Christmas Day"},
		{Date{2028, 5, 8}, "Early May bank holiday (moved)"},
		{Date{2028, 5, 1}, ""},                // a covered year is taken whole from GOV.UK
		{Date{2026, 12, 25}, "Christmas Day"}, // an uncovered year keeps the built-in list
	}
	for _, tc := range tests {
		if got := BankHoliday(tc.d); got != tc.want {
			t.Errorf("BankHoliday(%s) = %q, want %q", tc.d, got, tc.want)
		}
	}
	// A stand-up on the fetched holiday is skipped; the day after, it is due.
	p := &Project{ID: 7, TimeZone: "Europe/London", Schedule: Schedule{StandupAt: "09:30", StandupDays: "daily"}}
	if due := p.DueAt(time.Date(2029, 12, 25, 9, 45, 0, 0, time.UTC)); len(due) != 0 {
		t.Errorf("due on Christmas Day 2029: %+v", due)
	}
	if due := p.DueAt(time.Date(2029, 12, 27, 9, 45, 0, 0, time.UTC)); len(due) != 1 || due[0].Kind != KindStandup {
		t.Errorf("due on 27 December 2029: %+v, want the stand-up", due)
	}
}
