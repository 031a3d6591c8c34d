package checklist

import "sync/atomic"

// bankHolidays are the bank holidays of England and Wales, 2025 to
// 2028, substitute days included, as published on GOV.UK. Stand-ups skip
// them; SetBankHolidays adds the years GOV.UK has published since.
var bankHolidays = map[Date]string{
	{2025, 1, 1}: "New Year's Day", {2025, 4, 18}: "Good Friday", {2025, 4, 21}: "Easter Monday",
	{2025, 5, 5}: "Early May bank holiday", {2025, 5, 26}: "Spring bank holiday", {2025, 8, 25}: "Summer bank holiday",
	{2025, 12, 25}: "Christmas Day", {2025, 12, 26}: "Boxing Day",

	{2026, 1, 1}: "New Year's Day", {2026, 4, 3}: "Good Friday", {2026, 4, 6}: "Easter Monday",
	{2026, 5, 4}: "Early May bank holiday", {2026, 5, 25}: "Spring bank holiday", {2026, 8, 31}: "Summer bank holiday",
	{2026, 12, 25}: "Christmas Day", {2026, 12, 28}: "Boxing Day (substitute day)",

	{2027, 1, 1}: "New Year's Day", {2027, 3, 26}: "Good Friday", {2027, 3, 29}: "Easter Monday",
	{2027, 5, 3}: "Early May bank holiday", {2027, 5, 31}: "Spring bank holiday", {2027, 8, 30}: "Summer bank holiday",
	{2027, 12, 27}: "Christmas Day (substitute day)", {2027, 12, 28}: "Boxing Day (substitute day)",

	{2028, 1, 3}: "New Year's Day (substitute day)", {2028, 4, 14}: "Good Friday", {2028, 4, 17}: "Easter Monday",
	{2028, 5, 1}: "Early May bank holiday", {2028, 5, 29}: "Spring bank holiday", {2028, 8, 28}: "Summer bank holiday",
	{2028, 12, 25}: "Christmas Day", {2028, 12, 26}: "Boxing Day",
}

// holidays is the calendar in use: a year GOV.UK published is taken from
// there whole (a moved holiday, as in 2020, is moved, not doubled); other
// years come from bankHolidays. The calendar is one for the process,
// as the time zone database is, so Project.DueAt stays a function of the
// time alone; it is swapped whole when a fresh list arrives.
var holidays atomic.Pointer[calendar]

type calendar struct {
	days  map[Date]string
	years map[int]bool // years days covers
}

// SetBankHolidays makes the England and Wales bank holidays published on
// GOV.UK (fetched by checklist/govuk) the ones stand-ups skip, for each
// year the list covers; other years keep the built-in list. Safe to call
// while stand-ups are being scheduled.
func SetBankHolidays(days map[Date]string) {
	c := &calendar{days: make(map[Date]string, len(days)), years: map[int]bool{}}
	for d, name := range days {
		c.days[d] = name
		c.years[d.Year] = true
	}
	holidays.Store(c)
}

// BankHoliday names the England and Wales bank holiday on d, or "".
func BankHoliday(d Date) string {
	if c := holidays.Load(); c != nil && c.years[d.Year] {
		return c.days[d]
	}
	return bankHolidays[d]
}
