package checklist

// bankHolidays are the bank holidays of England and Wales, 2025 to 2028,
// substitute days included, as published on GOV.UK. Stand-ups skip them.
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

// BankHoliday names the England and Wales bank holiday on d, or "".
func BankHoliday(d Date) string { return bankHolidays[d] }
