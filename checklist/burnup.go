package checklist

import (
	"slices"
	"strings"
	"time"
)

// BurnUp is a project's progress over time: how many points were met, and
// partly met, at the end of each day since the project began, replayed
// from its history, with its assessments. Past MaxDailyRows days it keeps
// one row a week (StepDays 7), each the state at the end of that week.
type BurnUp struct {
	// Start is the day the project began (YYYY-MM-DD); the last row is the
	// report's day.
	Start string `json:"start"`
	// StepDays is 1 for a row a day, 7 for a row a week.
	StepDays int `json:"step_days"`
	// Points is how many points the standard has.
	Points int         `json:"points"`
	Rows   []BurnUpRow `json:"rows"`
	// Assessment is the planned assessment's day (YYYY-MM-DD), "" when none
	// is booked.
	Assessment string `json:"assessment,omitempty"`
	// Past are the assessments held, earliest first.
	Past []BurnUpAssessment `json:"past_assessments"`

	start, end, planned Date
}

// BurnUpRow is the state of a project's points at the end of a day.
type BurnUpRow struct {
	Date   string `json:"date"`
	Met    int    `json:"met"`
	Partly int    `json:"partly"`
	// Applicable is the points not marked n/a: the most that can be met.
	Applicable int `json:"applicable"`

	day Date
}

// BurnUpAssessment is an assessment held, marked on the chart.
type BurnUpAssessment struct {
	Date string `json:"date"`
	// Label is its stage and result when known ("alpha green"), else "".
	Label string `json:"label,omitempty"`

	day Date
}

// MaxDailyRows is the longest history a burn-up gives day by day; a
// longer one gets a row a week, so the table stays readable and the chart
// light.
const MaxDailyRows = 120

// AddHistory adds what the project's history tells: who set each point's
// status and when (StatusBy, StatusAt, from its latest status change),
// and the burn-up (BurnUp). changes are the project's history (any order);
// assessments are those recorded, whose days are marked with the days of
// the "assessment result" changes; loc is the project's time zone, whose
// days the burn-up counts (UTC when nil).
func (r *Report) AddHistory(changes []Change, assessments []Assessment, loc *time.Location) {
	if loc == nil {
		loc = time.UTC
	}
	r.loc = loc
	sorted := slices.Clone(changes)
	slices.SortStableFunc(sorted, func(a, b Change) int { return a.At.Compare(b.At) })
	r.addStatusSetters(sorted)
	r.BurnUp = r.burnUp(sorted, assessments, loc)
}

// addStatusSetters fills StatusBy and StatusAt of each point from its
// latest status change, when that change set the status it has now.
func (r *Report) addStatusSetters(sorted []Change) {
	latest := map[int]Change{}
	for _, c := range sorted {
		if c.Field == "status" && c.Point > 0 {
			latest[c.Point] = c
		}
	}
	for i := range r.Points {
		p := &r.Points[i]
		c, ok := latest[p.Number]
		if !ok || Status(c.New) != p.Status {
			continue
		}
		at := c.At.UTC()
		p.StatusBy, p.StatusAt = c.By, &at
	}
}

// burnUp replays the status changes backwards from the points' statuses
// now: the state at the end of a day is today's with every later change
// undone. Going backwards means the last row always agrees with the
// report, even when some early history is missing.
func (r *Report) burnUp(sorted []Change, assessments []Assessment, loc *time.Location) *BurnUp {
	day := func(c Change) Date { return DateOf(c.At.In(loc)) }
	end := DateOf(r.GeneratedAt.In(loc))
	start := end
	if len(sorted) > 0 && day(sorted[0]).DaysFrom(end) < 0 {
		// The first change is the project's creation.
		start = day(sorted[0])
	}
	days, step := rowDays(start, end)
	b := &BurnUp{Start: start.String(), StepDays: step, Points: len(r.Points), start: start, end: end,
		Past: pastAssessments(sorted, assessments, end, loc)}
	if planned, err := ParseDate(r.Assessment); err == nil {
		b.Assessment, b.planned = planned.String(), planned
	}
	state := map[int]Status{}
	for _, p := range r.Points {
		state[p.Number] = p.Status
	}
	b.Rows = make([]BurnUpRow, len(days))
	next := len(sorted) - 1
	for i := len(days) - 1; i >= 0; i-- {
		for ; next >= 0 && day(sorted[next]).DaysFrom(days[i]) > 0; next-- {
			undo(state, sorted[next])
		}
		b.Rows[i] = countRow(days[i], state)
	}
	return b
}

// rowDays are the days a burn-up has a row for, and the days between
// rows: every day from start to end, or, past MaxDailyRows days, every
// seventh day back from end, and start.
func rowDays(start, end Date) ([]Date, int) {
	n := end.DaysFrom(start) + 1
	if n <= MaxDailyRows {
		days := make([]Date, n)
		for i := range days {
			days[i] = start.AddDays(i)
		}
		return days, 1
	}
	var days []Date
	for d := end; d.DaysFrom(start) > 0; d = d.AddDays(-7) {
		days = append(days, d)
	}
	days = append(days, start)
	slices.Reverse(days)
	return days, 7
}

// undo takes a status change back: the point has its old status again.
func undo(state map[int]Status, c Change) {
	if _, ok := state[c.Point]; !ok || c.Field != "status" {
		return
	}
	old := Status(c.Old)
	if old == "" {
		old = NotStarted
	}
	state[c.Point] = old
}

func countRow(d Date, state map[int]Status) BurnUpRow {
	row := BurnUpRow{Date: d.String(), day: d, Applicable: len(state)}
	for _, s := range state {
		switch s {
		case Met:
			row.Met++
		case Partly:
			row.Partly++
		case NA:
			row.Applicable--
		}
	}
	return row
}

// pastAssessments are the assessments held by end, one a day, earliest
// first: those recorded, and the days of "assessment result" changes,
// whose new value starts with the assessment's date (as storetest
// requires), then its stage and result.
func pastAssessments(sorted []Change, assessments []Assessment, end Date, loc *time.Location) []BurnUpAssessment {
	byDay := map[Date]string{}
	for _, a := range assessments {
		if !a.Date.IsZero() {
			byDay[a.Date] = strings.TrimSpace(a.Stage.Label() + " " + string(a.Result))
		}
	}
	for _, c := range sorted {
		if c.Field != "assessment result" {
			continue
		}
		words := strings.Fields(c.New)
		d, err := ParseDate(strings.Join(words[:min(1, len(words))], ""))
		if err != nil {
			d, words = DateOf(c.At.In(loc)), append([]string{""}, words...)
		}
		if byDay[d] == "" {
			byDay[d] = strings.Join(words[1:], " ")
		}
	}
	out := []BurnUpAssessment{}
	for d, label := range byDay {
		if d.DaysFrom(end) <= 0 {
			out = append(out, BurnUpAssessment{Date: d.String(), Label: label, day: d})
		}
	}
	slices.SortFunc(out, func(a, b BurnUpAssessment) int { return strings.Compare(a.Date, b.Date) })
	return out
}

// cleaned is a copy with its labels cleaned, as every report text is.
func (b *BurnUp) cleaned() *BurnUp {
	if b == nil {
		return nil
	}
	c := *b
	c.Past = make([]BurnUpAssessment, len(b.Past))
	for i, a := range b.Past {
		a.Label = CleanLine(a.Label)
		c.Past[i] = a
	}
	return &c
}
