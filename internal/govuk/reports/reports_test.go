package reports

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
)

// want is what a report should read as: its fields, some points in full
// or in part, and exactly what could not be read.
type want struct {
	title          string
	date           checklist.Date
	stage          checklist.Stage
	result         checklist.Rating
	standard       string
	standardPoints int
	points         int                      // how many points are read
	ratings        map[int]checklist.Rating // a rating per point, "" for none
	wellDone       map[int][]string         // WellDone of some points
	explore        map[int][]string         // Explore of some points
	titles         map[int]string           // titles of some points
	unread         []string
}

func (w want) check(t *testing.T, a *checklist.Assessment) {
	t.Helper()
	if a.Title != w.title || a.Date != w.date || a.Stage != w.stage || a.Result != w.result || a.Standard != w.standard || a.StandardPoints != w.standardPoints {
		t.Errorf("read title %q, date %s, stage %q, result %q, standard %q (%d points); want %q, %s, %q, %q, %q (%d)",
			a.Title, a.Date, a.Stage, a.Result, a.Standard, a.StandardPoints, w.title, w.date, w.stage, w.result, w.standard, w.standardPoints)
	}
	if len(a.Points) != w.points {
		t.Errorf("read %d points, want %d", len(a.Points), w.points)
	}
	for n, r := range w.ratings {
		if p, ok := a.Point(n); !ok || p.Rating != r {
			t.Errorf("point %d: rating %q (read: %v), want %q", n, p.Rating, ok, r)
		}
	}
	for n, items := range w.wellDone {
		if p, _ := a.Point(n); !reflect.DeepEqual(p.WellDone, items) {
			t.Errorf("point %d: done well %q, want %q", n, p.WellDone, items)
		}
	}
	for n, items := range w.explore {
		if p, _ := a.Point(n); !reflect.DeepEqual(p.Explore, items) {
			t.Errorf("point %d: to explore %q, want %q", n, p.Explore, items)
		}
	}
	for n, title := range w.titles {
		if p, _ := a.Point(n); p.Title != title {
			t.Errorf("point %d: title %q, want %q", n, p.Title, title)
		}
	}
	if !reflect.DeepEqual(a.Unread, w.unread) {
		t.Errorf("unread:\n%s\nwant:\n%s", strings.Join(a.Unread, "\n"), strings.Join(w.unread, "\n"))
	}
	if err := a.Check(); err != nil {
		t.Errorf("the assessment read fails its own Check: %v", err)
	}
}

func TestFromContentLayouts(t *testing.T) {
	tests := []struct {
		basePath string
		want     want
	}{
		{govuktest.ReportToday, want{
			title: "Apply for a river permit beta assessment", date: checklist.Date{Year: 2025, Month: 2, Day: 11},
			stage: checklist.StageBeta, result: checklist.RatingAmber, standard: "govuk", standardPoints: 14, points: 14,
			ratings: map[int]checklist.Rating{1: "green", 3: "amber", 5: "amber", 9: "amber", 12: "red", 14: "green"},
			wellDone: map[int][]string{1: {"ran research sessions with applicants in six regions, including people who rarely go online",
				"kept a shared log of what they learned and changed after each round"}},
			explore: map[int][]string{
				5: {"commission a full accessibility audit before public beta and publish an accessibility statement", "test with users of voice control software"},
				6: nil,
				// The last point's remarks stop at "Next steps".
				14: nil,
			},
			titles: map[int]string{9: "Create a secure service which protects users’ privacy"},
		}},
		{govuktest.Report2021, want{
			title: "Register a fishing boat alpha assessment", date: checklist.Date{Year: 2021, Month: 6, Day: 3},
			stage: checklist.StageAlpha, result: checklist.RatingNotMet, standard: "govuk", standardPoints: 14, points: 14,
			// Point 7's decision names point 6, and point 11's gives no
			// verdict: neither is taken.
			ratings: map[int]checklist.Rating{1: "met", 2: "not-met", 5: "not-met", 7: "", 11: ""},
			explore: map[int][]string{2: {"find out what happens before and after a boat is registered, and who else is involved", "talk to harbour offices"}},
			unread: []string{
				`the decision on point 7, which names point 6 ("The service met point 6 of the Standard.")`,
				`the decision on point 11 ("The panel will decide this point once the team has chosen it…")`,
			},
		}},
		{govuktest.Report18, want{
			title: "Book a lock keeper - Beta Assessment", date: checklist.Date{Year: 2016, Month: 9, Day: 14},
			stage: checklist.StageBeta, result: checklist.RatingMet, standard: "dss2015", standardPoints: 18, points: 18,
			ratings: map[int]checklist.Rating{1: "met", 17: "not-met", 18: "met"},
			titles:  map[int]string{17: "Report performance data on the Performance Platform"},
			unread:  []string{"the panel's remarks point by point: this report gives them by theme (User needs, The team, Recommendations)"},
		}},
		{govuktest.Report26, want{
			// No metadata: the stage comes from the title, the result from
			// the body; the date is nowhere.
			title: "Towpath Pass - Alpha Assessment", stage: checklist.StageAlpha, result: checklist.RatingMet,
			standardPoints: 26, points: 26,
			ratings: map[int]checklist.Rating{1: "met", 8: "not-met", 19: "not-met", 26: "met"},
			unread: []string{
				"the assessment date",
				"how the 26-point standard's points map to today's (they are kept as numbered)",
				"the panel's remarks point by point: this report gives them by theme (Reasons, Recommendations)",
			},
		}},
		{govuktest.ReportThemes, want{
			title: "Rod licence renewal - Service Assessment", date: checklist.Date{Year: 2014, Month: 11, Day: 20},
			unread: []string{
				"the stage",
				`the overall result ("After consideration the assessment panel has concluded that…")`,
				"the panel's remarks point by point: this report gives them by theme (Reasons, Recommendations, Summary)",
			},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.basePath, func(t *testing.T) {
			a, err := FromContent(govuktest.ReportFixture(tc.basePath))
			if err != nil {
				t.Fatal(err)
			}
			tc.want.check(t, a)
			if a.Source != "https://www.gov.uk"+tc.basePath {
				t.Errorf("source %q", a.Source)
			}
		})
	}
}

func TestFromTextLayouts(t *testing.T) {
	tests := []struct {
		file string
		want want
	}{
		{"today-reassessment", want{
			// A reassessment covers only the red points: the others are not
			// missing.
			title: "Renew a made-up canal licence beta reassessment report", date: checklist.Date{Year: 2025, Month: 4, Day: 2},
			stage: checklist.StageBetaReassessment, result: checklist.RatingGreen, standard: "govuk", standardPoints: 14, points: 2,
			ratings:  map[int]checklist.Rating{5: "green", 12: "green"},
			wellDone: map[int][]string{5: {"fixed every issue the accessibility audit found", "published an accessibility statement"}},
			explore:  map[int][]string{5: {"keep testing with disabled users as the service grows"}, 12: nil},
		}},
		{"slack-2019", want{
			title: "Apply for a made-up ferry pass – alpha assessment", date: checklist.Date{Year: 2021, Month: 6, Day: 3},
			stage: checklist.StageAlpha, result: checklist.RatingNotMet, standard: "govuk", standardPoints: 14, points: 3,
			ratings: map[int]checklist.Rating{1: "met", 2: "not-met", 3: "met"},
			// A numbered list among the remarks stays remarks.
			explore: map[int][]string{
				1: {"find passengers who travel with a disability", "1. run research at the port that has no ticket office", "2. share findings with the operators"},
				2: {"map what happens after a pass is refused", "talk to the ferry operators about their own checks"},
			},
			wellDone: map[int][]string{3: {"phone and counter staff were part of every research round"}},
			titles:   map[int]string{1: "Understand users and their needs"},
			unread:   []string{"points 4 to 14: not in the report"},
		}},
		{"old-2015", want{
			title: "Made-up Harbour Dues - Service Assessment", date: checklist.Date{Year: 2015, Month: 3, Day: 2},
			stage: checklist.StageBeta, result: checklist.RatingNotMet,
			unread: []string{"the panel's remarks point by point: this report gives them by theme (Reasons, Recommendations)"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/text/" + tc.file + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			a, err := FromText(string(data))
			if err != nil {
				t.Fatal(err)
			}
			tc.want.check(t, a)
			if a.Source != "" {
				t.Errorf("pasted text has source %q", a.Source)
			}
		})
	}
}

func TestFromContentRefuses(t *testing.T) {
	tests := []struct {
		name, doc, says string
	}{
		{"not JSON", "<html>GOV.UK</html>", "not a Content API document"},
		{"a guide", string(govuktest.ReportFixture(govuktest.NotAReport)), "That GOV.UK page is a service manual guide, not a service assessment report"},
		{"no type", `{"title": "x"}`, "not a service assessment report"},
		{"nothing readable", `{"document_type": "service_standard_report", "title": "x", "details": {"body": "<p>Hello.</p>", "metadata": {}}}`, "Nothing in that report could be read"},
	}
	for _, tc := range tests {
		_, err := FromContent([]byte(tc.doc))
		if checklist.ErrorCode(err) != checklist.EINVALID || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v, want EINVALID saying %q", tc.name, err, tc.says)
		}
	}
}

func TestFromTextRefuses(t *testing.T) {
	for name, text := range map[string]string{
		"a greeting": "hello, can you import this?",
		"empty":      "",
		"too long":   "Assessment date: 2 March 2025\n" + strings.Repeat("x", MaxText),
	} {
		if _, err := FromText(text); checklist.ErrorCode(err) != checklist.EINVALID {
			t.Errorf("%s: %v, want EINVALID", name, err)
		}
	}
}

func TestDecisionIn(t *testing.T) {
	tests := []struct {
		text  string
		want  checklist.Rating
		named int
		ok    bool
	}{
		{"The service met point 3 of the Standard.", "met", 3, true},
		{"The service did not meet point 3 of the Standard.", "not-met", 3, true},
		{"The service was rated amber for point 3 of the Standard.", "amber", 3, true},
		{"RAG rating: Red", "red", 0, true},
		{"Green", "green", 0, true},
		{"Not met", "not-met", 0, true},
		{"Met", "met", 0, true},
		{"The panel met the team in Leeds and discussed the point.", "", 0, false},
		{"Amber, moving to green once the audit is done: rated amber", "", 0, false},
		{"The panel will decide later.", "", 0, false},
		{"The team has no plan yet for point 4.", "", 4, false},
	}
	for _, tc := range tests {
		r, named, ok := decisionIn(tc.text)
		if r != tc.want || named != tc.named || ok != tc.ok {
			t.Errorf("decisionIn(%q) = %q, %d, %v; want %q, %d, %v", tc.text, r, named, ok, tc.want, tc.named, tc.ok)
		}
	}
}

func TestDateIn(t *testing.T) {
	good := map[string]checklist.Date{
		"2025-02-11": {Year: 2025, Month: 2, Day: 11}, "11/02/2025": {Year: 2025, Month: 2, Day: 11},
		"1/2/25": {Year: 2025, Month: 2, Day: 1}, "11 February 2025": {Year: 2025, Month: 2, Day: 11},
		"11th Feb 2025": {Year: 2025, Month: 2, Day: 11}, "Tuesday 11 February 2025": {Year: 2025, Month: 2, Day: 11},
		"3 Sept 2019": {Year: 2019, Month: 9, Day: 3},
	}
	for in, want := range good {
		if d, ok := dateIn(in); !ok || d != want {
			t.Errorf("dateIn(%q) = %s, %v; want %s", in, d, ok, want)
		}
	}
	for _, bad := range []string{"", "spring 2025", "31/02/2025", "02/13/2025", "11 February", "1825-01-01"} {
		if d, ok := dateIn(bad); ok {
			t.Errorf("dateIn(%q) = %s, want nothing read", bad, d)
		}
	}
}

func TestStageIn(t *testing.T) {
	good := map[string]checklist.Stage{
		"Alpha": "alpha", "Beta - reassessment": "beta-reassessment", "Private beta": "beta", "Live review": "live-review",
		"Apply for a licence alpha re-assessment": "alpha-reassessment", "Towpath Pass - Live Assessment": "live",
	}
	for in, want := range good {
		if s, ok := stageIn(in); !ok || s != want {
			t.Errorf("stageIn(%q) = %q, %v; want %q", in, s, ok, want)
		}
	}
	for _, bad := range []string{"", "Discovery", "alpha to beta", "Service Assessment"} {
		if s, ok := stageIn(bad); ok {
			t.Errorf("stageIn(%q) = %q, want nothing read", bad, s)
		}
	}
}

func TestJoinAnd(t *testing.T) {
	for want, ns := range map[string][]int{"3": {3}, "3 and 4": {3, 4}, "3, 4 and 7": {3, 4, 7}, "4 to 14": {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, "1, 3 to 5 and 9": {1, 3, 4, 5, 9}} {
		if got := joinAnd(ns); got != want {
			t.Errorf("joinAnd(%v) = %q, want %q", ns, got, want)
		}
	}
}
