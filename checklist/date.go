package checklist

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time or zone, such as an assessment date.
// The zero Date means "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYY-MM-DD and rejects days that do not exist (2026-02-30).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	// Year 0 is the zero Date, which means not set.
	if err != nil || t.Year() == 0 {
		return Date{}, Errorf(EINVALID, "%q is not a date: write it as YYYY-MM-DD, for example 2027-03-15", s)
	}
	return DateOf(t), nil
}

// DateOf is the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// String is YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// In is the start of the day in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// DaysFrom counts calendar days from `from` (a day in some zone) to d:
// 1 means tomorrow, 0 today, negative in the past.
func (d Date) DaysFrom(from Date) int {
	a := time.Date(from.Year, from.Month, from.Day, 12, 0, 0, 0, time.UTC)
	b := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// Pretty is a date as people read it: "Monday 15 March 2027".
func (d Date) Pretty() string {
	if d.IsZero() {
		return "not set"
	}
	return d.In(time.UTC).Format("Monday 2 January 2006")
}

// CheckDate refuses a day that does not exist, such as 2027-02-30, which a
// Date built field by field can hold; the zero Date, not set, is fine.
// EINVALID.
func CheckDate(d Date) error {
	if !d.IsZero() && DateOf(d.In(time.UTC)) != d {
		return Errorf(EINVALID, "%04d-%02d-%02d is not a date: write it as YYYY-MM-DD, for example 2027-03-15", d.Year, d.Month, d.Day)
	}
	return nil
}

// AddDays is the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}
