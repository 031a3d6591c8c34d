package checklist

// The built-in bank holidays, 2025 to 2028, substitute days included, as
// published on GOV.UK (www.gov.uk/bank-holidays). They are the fallback
// when no copy of GOV.UK's list is kept, and for the years it does not
// cover; SetBankHolidays adds the years GOV.UK has published since.

// bankHolidays are England and Wales's.
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

// scottishHolidays are Scotland's: 2 January as well as New Year's Day,
// no Easter Monday, the summer holiday on the first Monday of August, and
// St Andrew's Day (30 November, or the Monday after when it falls at a
// weekend).
var scottishHolidays = map[Date]string{
	{2025, 1, 1}: "New Year's Day", {2025, 1, 2}: "2nd January", {2025, 4, 18}: "Good Friday",
	{2025, 5, 5}: "Early May bank holiday", {2025, 5, 26}: "Spring bank holiday", {2025, 8, 4}: "Summer bank holiday",
	{2025, 12, 1}: "St Andrew's Day (substitute day)", {2025, 12, 25}: "Christmas Day", {2025, 12, 26}: "Boxing Day",

	{2026, 1, 1}: "New Year's Day", {2026, 1, 2}: "2nd January", {2026, 4, 3}: "Good Friday",
	{2026, 5, 4}: "Early May bank holiday", {2026, 5, 25}: "Spring bank holiday", {2026, 8, 3}: "Summer bank holiday",
	{2026, 11, 30}: "St Andrew's Day", {2026, 12, 25}: "Christmas Day", {2026, 12, 28}: "Boxing Day (substitute day)",

	{2027, 1, 1}: "New Year's Day", {2027, 1, 4}: "2nd January (substitute day)", {2027, 3, 26}: "Good Friday",
	{2027, 5, 3}: "Early May bank holiday", {2027, 5, 31}: "Spring bank holiday", {2027, 8, 2}: "Summer bank holiday",
	{2027, 11, 30}: "St Andrew's Day", {2027, 12, 27}: "Christmas Day (substitute day)", {2027, 12, 28}: "Boxing Day (substitute day)",

	{2028, 1, 3}: "New Year's Day (substitute day)", {2028, 1, 4}: "2nd January (substitute day)", {2028, 4, 14}: "Good Friday",
	{2028, 5, 1}: "Early May bank holiday", {2028, 5, 29}: "Spring bank holiday", {2028, 8, 7}: "Summer bank holiday",
	{2028, 11, 30}: "St Andrew's Day", {2028, 12, 25}: "Christmas Day", {2028, 12, 26}: "Boxing Day",
}

// northernIrishHolidays are Northern Ireland's: England and Wales's with
// St Patrick's Day (17 March) and the Battle of the Boyne (12 July), each
// moved to the Monday after when it falls at a weekend.
var northernIrishHolidays = map[Date]string{
	{2025, 1, 1}: "New Year's Day", {2025, 3, 17}: "St Patrick's Day", {2025, 4, 18}: "Good Friday", {2025, 4, 21}: "Easter Monday",
	{2025, 5, 5}: "Early May bank holiday", {2025, 5, 26}: "Spring bank holiday",
	{2025, 7, 14}: "Battle of the Boyne (Orangemen's Day) (substitute day)", {2025, 8, 25}: "Summer bank holiday",
	{2025, 12, 25}: "Christmas Day", {2025, 12, 26}: "Boxing Day",

	{2026, 1, 1}: "New Year's Day", {2026, 3, 17}: "St Patrick's Day", {2026, 4, 3}: "Good Friday", {2026, 4, 6}: "Easter Monday",
	{2026, 5, 4}: "Early May bank holiday", {2026, 5, 25}: "Spring bank holiday",
	{2026, 7, 13}: "Battle of the Boyne (Orangemen's Day) (substitute day)", {2026, 8, 31}: "Summer bank holiday",
	{2026, 12, 25}: "Christmas Day", {2026, 12, 28}: "Boxing Day (substitute day)",

	{2027, 1, 1}: "New Year's Day", {2027, 3, 17}: "St Patrick's Day", {2027, 3, 26}: "Good Friday", {2027, 3, 29}: "Easter Monday",
	{2027, 5, 3}: "Early May bank holiday", {2027, 5, 31}: "Spring bank holiday",
	{2027, 7, 12}: "Battle of the Boyne (Orangemen's Day)", {2027, 8, 30}: "Summer bank holiday",
	{2027, 12, 27}: "Christmas Day (substitute day)", {2027, 12, 28}: "Boxing Day (substitute day)",

	{2028, 1, 3}: "New Year's Day (substitute day)", {2028, 3, 17}: "St Patrick's Day", {2028, 4, 14}: "Good Friday", {2028, 4, 17}: "Easter Monday",
	{2028, 5, 1}: "Early May bank holiday", {2028, 5, 29}: "Spring bank holiday",
	{2028, 7, 12}: "Battle of the Boyne (Orangemen's Day)", {2028, 8, 28}: "Summer bank holiday",
	{2028, 12, 25}: "Christmas Day", {2028, 12, 26}: "Boxing Day",
}
