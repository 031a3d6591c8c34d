// Package govuk brings GOV.UK's published bank holidays to the checklist:
// Fetch keeps https://www.gov.uk/bank-holidays.json in a file, and Load
// reads each division's dates (England and Wales, Scotland, Northern
// Ireland) from it for checklist.SetBankHolidays, so stand-ups skip
// holidays beyond the built-in tables' years. The
// checklist itself makes no HTTP requests.
package govuk
