package checklist

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Division is a part of the UK with its own bank holidays, named as
// GOV.UK's bank-holidays.json names it.
type Division string

// The divisions GOV.UK publishes bank holidays for.
const (
	EnglandAndWales Division = "england-and-wales"
	Scotland        Division = "scotland"
	NorthernIreland Division = "northern-ireland"
)

// Divisions lists the divisions, England and Wales first.
var Divisions = []Division{EnglandAndWales, Scotland, NorthernIreland}

// ParseDivision reads a division's name, case-insensitive, with spaces or
// hyphens ("Northern Ireland", "northern-ireland"); "england" and "wales"
// are England and Wales. EINVALID for anything else.
func ParseDivision(s string) (Division, error) {
	w := strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "-", " "))), "-")
	switch w {
	case "england", "wales", "england-&-wales", "england-wales":
		return EnglandAndWales, nil
	case "ni":
		return NorthernIreland, nil
	}
	if d := Division(w); slices.Contains(Divisions, d) {
		return d, nil
	}
	return "", Errorf(EINVALID, "%q is not a bank holiday division: use england-and-wales, scotland or northern-ireland", s)
}

// Title is the division as people read it.
func (d Division) Title() string {
	switch d {
	case Scotland:
		return "Scotland"
	case NorthernIreland:
		return "Northern Ireland"
	}
	return "England and Wales"
}

// DivisionOfZone is the division a time zone's name tells, "" when it
// tells none. Only Europe/Belfast does: Europe/London covers all three
// divisions, so a project there takes the default (SetDefaultDivision).
func DivisionOfZone(zone string) Division {
	if zone == "Europe/Belfast" {
		return NorthernIreland
	}
	return ""
}

// Division is the bank holiday division the project's stand-ups follow:
// the one it chose (Holidays), else the one its time zone tells, else
// the default (STANDARDBOT_HOLIDAYS, England and Wales unless set).
func (p *Project) Division() Division {
	if p.Holidays != "" {
		return p.Holidays
	}
	if d := DivisionOfZone(p.TimeZone); d != "" {
		return d
	}
	return DefaultDivision()
}

// calendar is a division's bank holidays from one source.
type calendar struct {
	days  map[Date]string
	years map[int]bool // years days covers
	last  int          // latest year covered, 0 for none
}

func newCalendar(days map[Date]string) *calendar {
	c := &calendar{days: make(map[Date]string, len(days)), years: map[int]bool{}}
	for d, name := range days {
		c.days[d] = name
		c.years[d.Year] = true
		c.last = max(c.last, d.Year)
	}
	return c
}

// published holds the calendars GOV.UK published, by division: a year
// GOV.UK published is taken from there whole (a moved holiday, as in
// 2020, is moved, not doubled); other years come from the built-in
// tables. The calendars are one for the process, as the time zone
// database is, so Project.DueAt stays a function of the time alone; they
// are swapped whole when a fresh list arrives.
var published atomic.Pointer[map[Division]*calendar]

// builtIn are the built-in tables as calendars.
var builtIn = map[Division]*calendar{
	EnglandAndWales: newCalendar(bankHolidays),
	Scotland:        newCalendar(scottishHolidays),
	NorthernIreland: newCalendar(northernIrishHolidays),
}

// defaultDivision is the division of projects that chose none and whose
// time zone tells none.
var defaultDivision atomic.Value

// SetDefaultDivision makes d the division of projects that chose none
// (STANDARDBOT_HOLIDAYS); "" is England and Wales.
func SetDefaultDivision(d Division) { defaultDivision.Store(d) }

// DefaultDivision is the division set by SetDefaultDivision, England and
// Wales unless set.
func DefaultDivision() Division {
	if d, _ := defaultDivision.Load().(Division); d != "" {
		return d
	}
	return EnglandAndWales
}

// SetBankHolidays makes the bank holidays published on GOV.UK (fetched by
// checklist/govuk), by division, the ones stand-ups skip, for each year
// each division's list covers; other years and divisions keep the
// built-in tables. nil goes back to the built-in tables. Safe to call
// while stand-ups are being scheduled.
func SetBankHolidays(days map[Division]map[Date]string) {
	if days == nil {
		published.Store(nil)
		return
	}
	m := make(map[Division]*calendar, len(days))
	for div, ds := range days {
		m[div] = newCalendar(ds)
	}
	published.Store(&m)
}

// BankHoliday names the bank holiday on d in the division, or "". The
// division "" is the default one.
func BankHoliday(div Division, d Date) string {
	if div == "" {
		div = DefaultDivision()
	}
	used.Store(div, true)
	if m := published.Load(); m != nil {
		if c := (*m)[div]; c != nil && c.years[d.Year] {
			return c.days[d]
		}
	}
	if c := builtIn[div]; c != nil {
		return c.days[d]
	}
	return ""
}

// used records the divisions BankHoliday has been asked about: the
// divisions in use, which RunsOut watches.
var used sync.Map

// DivisionsInUse lists the divisions asked about since the process began,
// the default one always among them, in the order of Divisions.
func DivisionsInUse() []Division {
	var out []Division
	for _, d := range Divisions {
		if _, ok := used.Load(d); ok || d == DefaultDivision() {
			out = append(out, d)
		}
	}
	return out
}

// calendarFor is the calendar of the division's year y: GOV.UK's when it
// published that year, else the built-in table.
func calendarFor(div Division, y int) *calendar {
	if m := published.Load(); m != nil {
		if c := (*m)[div]; c != nil && c.years[y] {
			return c
		}
	}
	return builtIn[div]
}

// HolidaysEnd is the last day the division's calendar covers: 31
// December of the latest year GOV.UK published or the built-in table
// holds. After it, stand-ups go out on every listed day.
func HolidaysEnd(div Division) Date {
	last := 0
	if c := builtIn[div]; c != nil {
		last = c.last
	}
	if m := published.Load(); m != nil {
		if c := (*m)[div]; c != nil {
			last = max(last, c.last)
		}
	}
	if last == 0 {
		return Date{}
	}
	return Date{last, 12, 31}
}

// Holiday is one bank holiday.
type Holiday struct {
	Date Date
	Name string
}

// NextBankHolidays lists up to n of the division's bank holidays on or
// after from, earliest first.
func NextBankHolidays(div Division, from Date, n int) []Holiday {
	var out []Holiday
	for y := from.Year; y <= HolidaysEnd(div).Year && len(out) < n; y++ {
		c := calendarFor(div, y)
		if c == nil {
			continue
		}
		var year []Holiday
		for d, name := range c.days {
			if d.Year == y && d.DaysFrom(from) >= 0 {
				year = append(year, Holiday{d, name})
			}
		}
		slices.SortFunc(year, func(a, b Holiday) int { return a.Date.DaysFrom(b.Date) })
		out = append(out, year...)
	}
	return out[:min(n, len(out))]
}
