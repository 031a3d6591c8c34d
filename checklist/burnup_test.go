package checklist_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// fourPoints is a report on a 4-point project whose points have the given
// statuses now, made at now.
func fourPoints(now time.Time, statuses map[int]checklist.Status) *checklist.Report {
	p := &checklist.Project{Name: "Renew a licence", Standard: "govuk", Points: 4, Phase: checklist.Alpha, TimeZone: "Europe/London"}
	var stored []checklist.PointState
	for n, s := range statuses {
		stored = append(stored, checklist.PointState{Point: n, Status: s, UpdatedBy: "zoe", UpdatedAt: now})
	}
	return checklist.NewReport(checklist.NewProgress(p, stored), "GOV.UK Service Standard", nil, now)
}

func utc(day, hour, minute int) time.Time {
	return time.Date(2026, 10, day, hour, minute, 0, 0, time.UTC)
}

func status(at time.Time, point int, old, new checklist.Status) checklist.Change {
	return checklist.Change{At: at, By: "amy", Point: point, Field: "status", Old: string(old), New: string(new)}
}

// rows writes a burn-up's rows as "date met/partly/applicable", one a row.
func rows(b *checklist.BurnUp) string {
	var out []string
	for _, r := range b.Rows {
		out = append(out, fmt.Sprintf("%s %d/%d/%d", r.Date, r.Met, r.Partly, r.Applicable))
	}
	return strings.Join(out, ", ")
}

// TestBurnUpReplay: the state at the end of each day, in the project's
// time zone, replayed from the status changes.
func TestBurnUpReplay(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	created := checklist.Change{At: utc(1, 9, 0), By: "amy", Field: "created", New: "Renew a licence"}
	for _, tc := range []struct {
		name    string
		now     map[int]checklist.Status
		changes []checklist.Change
		loc     *time.Location
		want    string
	}{
		{"met, then partly, then back to not-started", map[int]checklist.Status{1: checklist.NotStarted, 2: checklist.Partly},
			[]checklist.Change{created, status(utc(2, 10, 0), 1, "", checklist.Met), status(utc(3, 10, 0), 2, checklist.NotStarted, checklist.Partly),
				status(utc(4, 10, 0), 1, checklist.Met, checklist.NotStarted)}, time.UTC,
			"2026-10-01 0/0/4, 2026-10-02 1/0/4, 2026-10-03 1/1/4, 2026-10-04 0/1/4, 2026-10-05 0/1/4"},
		{"n/a is neither met nor partly, and applies no more", map[int]checklist.Status{3: checklist.NA, 1: checklist.Met},
			[]checklist.Change{created, status(utc(2, 10, 0), 3, checklist.Partly, checklist.NA), status(utc(4, 10, 0), 1, checklist.NotMet, checklist.Met),
				status(utc(1, 12, 0), 3, "", checklist.Partly), status(utc(1, 13, 0), 1, "", checklist.NotMet)}, time.UTC,
			"2026-10-01 0/1/4, 2026-10-02 0/0/3, 2026-10-03 0/0/3, 2026-10-04 1/0/3, 2026-10-05 1/0/3"},
		{"several changes in a day: its end counts", map[int]checklist.Status{1: checklist.Met},
			[]checklist.Change{created, status(utc(2, 9, 0), 1, "", checklist.Partly), status(utc(2, 11, 0), 1, checklist.Partly, checklist.NotMet),
				status(utc(2, 15, 0), 1, checklist.NotMet, checklist.Met), status(utc(3, 9, 0), 1, checklist.Met, checklist.Partly),
				status(utc(3, 17, 0), 1, checklist.Partly, checklist.Met)}, time.UTC,
			"2026-10-01 0/0/4, 2026-10-02 1/0/4, 2026-10-03 1/0/4, 2026-10-04 1/0/4, 2026-10-05 1/0/4"},
		{"a change at 23:30 UTC is the next day in London (BST)", map[int]checklist.Status{1: checklist.Met},
			[]checklist.Change{created, status(utc(2, 23, 30), 1, "", checklist.Met)}, london,
			"2026-10-01 0/0/4, 2026-10-02 0/0/4, 2026-10-03 1/0/4, 2026-10-04 1/0/4, 2026-10-05 1/0/4"},
		{"and the same day in UTC", map[int]checklist.Status{1: checklist.Met},
			[]checklist.Change{created, status(utc(2, 23, 30), 1, "", checklist.Met)}, time.UTC,
			"2026-10-01 0/0/4, 2026-10-02 1/0/4, 2026-10-03 1/0/4, 2026-10-04 1/0/4, 2026-10-05 1/0/4"},
		{"other changes count for nothing", map[int]checklist.Status{},
			[]checklist.Change{created, {At: utc(2, 9, 0), Point: 1, Field: "note", New: "met the users"},
				{At: utc(3, 9, 0), Point: 2, Field: "evidence", New: "https://example.gov.uk"}}, time.UTC,
			"2026-10-01 0/0/4, 2026-10-02 0/0/4, 2026-10-03 0/0/4, 2026-10-04 0/0/4, 2026-10-05 0/0/4"},
		{"history out of order is sorted", map[int]checklist.Status{2: checklist.Met},
			[]checklist.Change{status(utc(4, 9, 0), 2, checklist.Partly, checklist.Met), created, status(utc(3, 9, 0), 2, "", checklist.Partly)}, time.UTC,
			"2026-10-01 0/0/4, 2026-10-02 0/0/4, 2026-10-03 0/1/4, 2026-10-04 1/0/4, 2026-10-05 1/0/4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := fourPoints(utc(5, 12, 0), tc.now)
			r.AddHistory(tc.changes, nil, tc.loc)
			if got := rows(r.BurnUp); got != tc.want {
				t.Errorf("rows:\n got %s\nwant %s", got, tc.want)
			}
			if r.BurnUp.StepDays != 1 || r.BurnUp.Start != "2026-10-01" || r.BurnUp.Points != 4 {
				t.Errorf("step %d, start %s, points %d", r.BurnUp.StepDays, r.BurnUp.Start, r.BurnUp.Points)
			}
		})
	}
}

// TestBurnUpNewProject: a project made today has one row, today's; one
// with no history at all starts today too.
func TestBurnUpNewProject(t *testing.T) {
	r := fourPoints(utc(5, 12, 0), map[int]checklist.Status{1: checklist.Met})
	r.AddHistory([]checklist.Change{{At: utc(5, 9, 0), Field: "created"}, status(utc(5, 10, 0), 1, "", checklist.Met)}, nil, time.UTC)
	if got := rows(r.BurnUp); got != "2026-10-05 1/0/4" {
		t.Errorf("rows = %s", got)
	}
	r = fourPoints(utc(5, 12, 0), nil)
	r.AddHistory(nil, nil, nil)
	if got := rows(r.BurnUp); got != "2026-10-05 0/0/4" {
		t.Errorf("rows without history = %s", got)
	}
	if !strings.Contains(string(r.BurnUp.HTML()), "On 5 October 2026, 0 of the 4 points that apply were met and 0 partly met.") {
		t.Errorf("the description of a one-day chart: %s", r.BurnUp.HTML())
	}
}

// TestBurnUpWeekly: past MaxDailyRows days a row a week, the last today,
// each the state at the end of its day.
func TestBurnUpWeekly(t *testing.T) {
	now := time.Date(2027, 6, 30, 12, 0, 0, 0, time.UTC)
	r := fourPoints(now, map[int]checklist.Status{1: checklist.Met})
	r.AddHistory([]checklist.Change{{At: utc(1, 9, 0), Field: "created"}, status(time.Date(2027, 6, 22, 9, 0, 0, 0, time.UTC), 1, "", checklist.Met)}, nil, time.UTC)
	b := r.BurnUp
	if b.StepDays != 7 || len(b.Rows) != 40 || b.Rows[0].Date != "2026-10-01" || b.Rows[1].Date != "2026-10-07" || b.Rows[39].Date != "2027-06-30" {
		t.Fatalf("step %d, %d rows: %s", b.StepDays, len(b.Rows), rows(b))
	}
	if b.Rows[37].Met != 0 || b.Rows[38].Date != "2027-06-23" || b.Rows[38].Met != 1 {
		t.Errorf("the change on 22 June shows from the week ending 23 June: %s", rows(b))
	}
	if page := string(b.HTML()); !strings.Contains(page, "each week since the project began on 1 October 2026 (a point a week: the project is more than 120 days old)") {
		t.Errorf("the caption does not say the rows are weekly: %s", page)
	}
}

// TestBurnUpAssessments: past assessments from those recorded and from
// "assessment result" changes, one a day, none in the future; the planned
// one from the project.
func TestBurnUpAssessments(t *testing.T) {
	r := fourPoints(utc(20, 12, 0), nil)
	r.Assessment = "2026-11-15"
	recorded := []checklist.Assessment{{Date: checklist.Date{Year: 2026, Month: 10, Day: 6}, Stage: checklist.Stage("alpha"), Result: checklist.RatingAmber}}
	r.AddHistory([]checklist.Change{{At: utc(1, 9, 0), Field: "created"},
		{At: utc(6, 17, 0), Field: "assessment result", New: "2026-10-06 amber"},
		{At: utc(13, 9, 0), Field: "assessment result", New: "2026-10-12 alpha green"},
		{At: utc(14, 9, 0), Field: "assessment result", New: "2026-12-01 beta green"}}, recorded, time.UTC)
	b := r.BurnUp
	got, _ := json.Marshal(b.Past)
	if string(got) != `[{"date":"2026-10-06","label":"alpha amber"},{"date":"2026-10-12","label":"alpha green"}]` || b.Assessment != "2026-11-15" {
		t.Errorf("past = %s, planned %q", got, b.Assessment)
	}
	page := string(b.HTML())
	for _, want := range []string{"Assessed on 6 October 2026 (alpha amber) and 12 October 2026 (alpha green).", "The next assessment is on 15 November 2026.",
		">Assessment</text>", ">Assessed</text>", ">15 Nov 2026</text>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the chart lacks %q", want)
		}
	}
}

// TestStatusSetBy: who set a status comes from its latest status change,
// apart from who last added to the point, in JSON and on the page.
func TestStatusSetBy(t *testing.T) {
	r := fourPoints(utc(5, 12, 0), map[int]checklist.Status{1: checklist.Met, 2: checklist.Partly})
	r.Points[0].UpdatedBy = "bob"
	r.AddHistory([]checklist.Change{{At: utc(1, 9, 0), Field: "created"},
		status(utc(2, 9, 0), 1, "", checklist.Partly), {At: utc(3, 9, 0), By: "carol", Point: 1, Field: "status", Old: "partly", New: "met"},
		{At: utc(4, 9, 0), By: "bob", Point: 1, Field: "note", New: "more research"},
		// Point 2's last status change is not its status now (history lost
		// a change): no setter is claimed.
		status(utc(2, 9, 0), 2, "", checklist.Met)}, nil, time.UTC)
	p := r.Points[0]
	if p.StatusBy != "carol" || p.StatusAt == nil || !p.StatusAt.Equal(utc(3, 9, 0)) || r.Points[1].StatusBy != "" {
		t.Errorf("point 1 set by %q at %v; point 2 by %q", p.StatusBy, p.StatusAt, r.Points[1].StatusBy)
	}
	var j struct {
		Points []struct {
			StatusBy  string `json:"status_by"`
			UpdatedBy string `json:"updated_by"`
		} `json:"points"`
		BurnUp struct {
			Rows []struct {
				Date string
				Met  int
			}
		} `json:"burn_up"`
	}
	if err := json.Unmarshal([]byte(render(t, r, "json")), &j); err != nil {
		t.Fatal(err)
	}
	if j.Points[0].StatusBy != "carol" || j.Points[0].UpdatedBy != "bob" || len(j.BurnUp.Rows) != 5 || j.BurnUp.Rows[2].Met != 1 {
		t.Errorf("json = %+v", j)
	}
	page := render(t, r, "html")
	for _, want := range []string{"Status set by carol on 3 October 2026", "Last updated by bob on 5 October 2026"} {
		if !strings.Contains(page, want) {
			t.Errorf("html lacks %q", want)
		}
	}
}

// TestBurnUpFigure: the chart is a figure with an SVG image named and
// described, a caption, and the numbers in a table.
func TestBurnUpFigure(t *testing.T) {
	r := fourPoints(utc(5, 12, 0), map[int]checklist.Status{1: checklist.Met, 2: checklist.Met, 3: checklist.Partly})
	r.AddHistory([]checklist.Change{{At: utc(1, 9, 0), Field: "created"}, status(utc(2, 9, 0), 1, "", checklist.Met),
		status(utc(2, 10, 0), 2, "", checklist.Met), status(utc(3, 9, 0), 3, "", checklist.Met), status(utc(4, 9, 0), 3, checklist.Met, checklist.Partly)}, nil, time.UTC)
	page := render(t, r, "html")
	for _, want := range []string{
		"<h2>Progress over time</h2>", `<figure class="burnup">`, `role="img" aria-labelledby="burnup-title burnup-desc"`,
		`<title id="burnup-title">Progress over time: points met and partly met</title>`,
		"On 5 October 2026, 2 of the 4 points that apply were met and 1 partly met; on 1 October 2026, when the project began, 0 were met and 0 partly met. The most met was 3, on 3 October 2026.",
		"<figcaption>Points met and partly met at the end of each day since the project began on 1 October 2026.",
		`<th scope="row">3 October 2026</th><td>3</td><td>0</td><td>4</td>`, ">Points</text>", ">Date</text>", ">1 Oct 2026</text>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if n := strings.Count(page, `<th scope="row">`); n != 5 {
		t.Errorf("the table has %d rows, want 5", n)
	}
	if plain := render(t, fourPoints(utc(5, 12, 0), nil), "html"); strings.Contains(plain, "Progress over time") {
		t.Errorf("a report without history has a chart")
	}
}
