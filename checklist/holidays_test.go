package checklist

import (
	"fmt"
	"testing"
	"time"
)

func TestSetBankHolidays(t *testing.T) {
	t.Cleanup(func() { SetBankHolidays(nil) })
	if got := BankHoliday(EnglandAndWales, Date{2029, 12, 25}); got != "" {
		t.Fatalf("before any list is fetched, 2029 is beyond the built-in list, got %q", got)
	}
	// GOV.UK's list moves 2028's early May holiday (as it moved 2020's)
	// and reaches into 2029.
	SetBankHolidays(map[Division]map[Date]string{
		EnglandAndWales: {{2028, 5, 8}: "Early May bank holiday (moved)", {2029, 12, 25}: "Christmas Day"},
		Scotland:        {{2029, 1, 2}: "2nd January"},
	})
	tests := []struct {
		div  Division
		d    Date
		want string
	}{
		{EnglandAndWales, Date{2029, 12, 25}, "Christmas Day"},
		{EnglandAndWales, Date{2028, 5, 8}, "Early May bank holiday (moved)"},
		{EnglandAndWales, Date{2028, 5, 1}, ""},                // a covered year is taken whole from GOV.UK
		{EnglandAndWales, Date{2026, 12, 25}, "Christmas Day"}, // an uncovered year keeps the built-in list
		{"", Date{2029, 12, 25}, "Christmas Day"},              // "" is the default division
		{Scotland, Date{2029, 1, 2}, "2nd January"},
		{Scotland, Date{2029, 12, 25}, ""}, // Scotland's 2029 is GOV.UK's, whole
		{Scotland, Date{2028, 11, 30}, "St Andrew's Day"},
		{NorthernIreland, Date{2029, 12, 25}, ""}, // nothing published, beyond the table
		{NorthernIreland, Date{2028, 7, 12}, "Battle of the Boyne (Orangemen's Day)"},
	}
	for _, tc := range tests {
		if got := BankHoliday(tc.div, tc.d); got != tc.want {
			t.Errorf("BankHoliday(%s, %s) = %q, want %q", tc.div, tc.d, got, tc.want)
		}
	}
	if end := HolidaysEnd(EnglandAndWales); end != (Date{2029, 12, 31}) {
		t.Errorf("England and Wales end %s", end)
	}
	if end := HolidaysEnd(NorthernIreland); end != (Date{2028, 12, 31}) {
		t.Errorf("Northern Ireland end %s", end)
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

// TestStandupsByDivision: a Scottish project has no stand-up on St
// Andrew's Day but has one on Easter Monday; a Northern Irish one has
// none on 12 July; England and Wales the other way about. Reminders,
// which count days to the assessment, go out on any day.
func TestStandupsByDivision(t *testing.T) {
	standup := func(div Division, zone string, d Date) bool {
		p := &Project{ID: 3, TimeZone: zone, Holidays: div, Schedule: Schedule{StandupAt: "09:30", StandupDays: "weekdays"}}
		at := time.Date(d.Year, d.Month, d.Day, 9, 31, 0, 0, Zone(zone))
		for _, due := range p.DueAt(at) {
			if due.Kind == KindStandup {
				return true
			}
		}
		return false
	}
	for _, tt := range []struct {
		div  Division
		zone string
		d    Date
		want bool
	}{
		{Scotland, "Europe/London", Date{2027, 11, 30}, false}, // St Andrew's Day, a Tuesday
		{Scotland, "Europe/London", Date{2026, 11, 30}, false}, // St Andrew's Day, a Monday
		{Scotland, "Europe/London", Date{2025, 12, 1}, false},  // its substitute
		{Scotland, "Europe/London", Date{2027, 3, 29}, true},   // Easter Monday
		{Scotland, "Europe/London", Date{2027, 1, 4}, false},   // 2nd January's substitute
		{Scotland, "Europe/London", Date{2027, 8, 30}, true},   // England's summer holiday
		{Scotland, "Europe/London", Date{2027, 8, 2}, false},   // Scotland's
		{NorthernIreland, "Europe/London", Date{2027, 7, 12}, false},
		{NorthernIreland, "Europe/London", Date{2026, 7, 13}, false}, // the Boyne's substitute
		{NorthernIreland, "Europe/London", Date{2027, 3, 17}, false},
		{"", "Europe/Belfast", Date{2027, 7, 12}, false}, // the zone tells Northern Ireland
		{EnglandAndWales, "Europe/Belfast", Date{2027, 7, 12}, true},
		{EnglandAndWales, "Europe/London", Date{2027, 11, 30}, true},
		{EnglandAndWales, "Europe/London", Date{2027, 3, 29}, false},
		{"", "Europe/London", Date{2027, 3, 29}, false}, // the default, England and Wales
		{"", "Europe/London", Date{2027, 7, 12}, true},
	} {
		if got := standup(tt.div, tt.zone, tt.d); got != tt.want {
			t.Errorf("%q in %s on %s: stand-up %v, want %v", tt.div, tt.zone, tt.d, got, tt.want)
		}
	}
	// The default is what STANDARDBOT_HOLIDAYS sets.
	SetDefaultDivision(Scotland)
	t.Cleanup(func() { SetDefaultDivision("") })
	if standup("", "Europe/London", Date{2027, 11, 30}) || !standup("", "Europe/London", Date{2027, 3, 29}) {
		t.Error("a project with no division does not follow the default, Scotland")
	}
}

func TestParseDivision(t *testing.T) {
	for in, want := range map[string]Division{
		"scotland": Scotland, "Northern Ireland": NorthernIreland, "northern-ireland": NorthernIreland,
		"England and Wales": EnglandAndWales, "england-and-wales": EnglandAndWales, "Wales": EnglandAndWales, "NI": NorthernIreland,
	} {
		if got, err := ParseDivision(in); err != nil || got != want {
			t.Errorf("ParseDivision(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "ireland", "scotland wales"} {
		if _, err := ParseDivision(in); ErrorCode(err) != EINVALID {
			t.Errorf("ParseDivision(%q): %v, want EINVALID", in, err)
		}
	}
}

func TestNextBankHolidays(t *testing.T) {
	t.Cleanup(func() { SetBankHolidays(nil) })
	got := fmt.Sprint(NextBankHolidays(Scotland, Date{2026, 11, 30}, 3))
	if want := "[{2026-11-30 St Andrew's Day} {2026-12-25 Christmas Day} {2026-12-28 Boxing Day (substitute day)}]"; got != want {
		t.Errorf("next three in Scotland: %s, want %s", got, want)
	}
	if got := NextBankHolidays(NorthernIreland, Date{2028, 12, 27}, 3); len(got) != 0 {
		t.Errorf("beyond the table: %v", got)
	}
	SetBankHolidays(map[Division]map[Date]string{NorthernIreland: {{2029, 1, 1}: "New Year's Day"}})
	if got := fmt.Sprint(NextBankHolidays(NorthernIreland, Date{2028, 12, 26}, 3)); got != "[{2028-12-26 Boxing Day} {2029-01-01 New Year's Day}]" {
		t.Errorf("across the table and GOV.UK's: %s", got)
	}
}

// TestDivisionsInUse: the default division is always in use; another
// once a stand-up has asked about it.
func TestDivisionsInUse(t *testing.T) {
	used.Clear()
	t.Cleanup(func() { SetDefaultDivision("") })
	if got := fmt.Sprint(DivisionsInUse()); got != "[england-and-wales]" {
		t.Errorf("at first: %s", got)
	}
	p := &Project{TimeZone: "Europe/London", Holidays: NorthernIreland, Schedule: Schedule{StandupAt: "09:30"}}
	p.DueAt(time.Date(2027, 7, 12, 9, 31, 0, 0, time.UTC))
	SetDefaultDivision(Scotland)
	if got := fmt.Sprint(DivisionsInUse()); got != "[scotland northern-ireland]" {
		t.Errorf("after a Northern Irish stand-up, Scotland the default: %s", got)
	}
}
