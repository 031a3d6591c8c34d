package panels

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
	"github.com/standardbot/standardbot/knowledge"
)

// report is a Content API document of a made-up report in today's layout,
// with the remarks given per point.
func report(slug, date, stage, result, lead string, explore map[int]string, titles map[int]string) (string, []byte) {
	var b strings.Builder
	fmt.Fprintf(&b, "<p>%s</p>", lead)
	for n := 1; n <= 26; n++ {
		what, ok := explore[n]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "<h2>%d. %s</h2><h3>Decision</h3><p>Met</p><h3>What the team needs to explore</h3><ul><li>%s</li></ul>", n, titles[n], what)
	}
	doc := map[string]any{
		"base_path": "/service-standard-reports/" + slug, "title": slug, "document_type": "service_standard_report",
		"public_updated_at": date + "T10:00:00Z",
		"details":           map[string]any{"body": b.String(), "metadata": map[string]any{"assessment_date": date, "stage": stage, "result": result}},
	}
	data, _ := json.Marshal(doc)
	return "/service-standard-reports/" + slug, data
}

var fiveTitle = map[int]string{5: "Make sure everyone can use the service"}

func loaded(t *testing.T, site *govuktest.ReportSite) *Copy {
	t.Helper()
	dir := t.TempDir()
	syncOK(t, client(t, site.URL), dir)
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLoadSplitsReportsByPoint(t *testing.T) {
	site := govuktest.NewReportSite(t)
	site.Add(report("walk-a-towpath-alpha", "2015-03-02", "alpha", "met", "Reviewed against the 26 points of the standard.",
		map[int]string{19: "test the pass with cyclists"}, map[int]string{19: "Make it simple"}))
	c := loaded(t, site)
	if c.Reports != 6 || c.ByTheme != 3 || len(c.Unreadable) != 0 {
		t.Errorf("read %d reports, %d by theme, unreadable %q; want 6, 3 (the 18-point, the 26-point table and the 2014 one), none", c.Reports, c.ByTheme, c.Unreadable)
	}
	// Today's and 2021's reports give remarks on all 14 points; the added
	// 26-point one on one.
	if len(c.Sections) != 29 || len(c.Remarks) != 29 {
		t.Fatalf("%d sections, %d remarks; want 29", len(c.Sections), len(c.Remarks))
	}
	byID := map[string]knowledge.Section{}
	for _, s := range c.Sections {
		byID[s.ID] = s
	}
	today := "https://www.gov.uk" + govuktest.ReportToday
	s, ok := byID[today+"#point-5"]
	if !ok {
		t.Fatalf("no section for point 5 of today's report")
	}
	want := knowledge.Section{
		ID: today + "#point-5", Source: today, URL: today, Title: "Apply for a river permit beta assessment",
		Heading:    "Point 5, Make sure everyone can use the service (beta, 11 February 2025, rated amber)",
		Text:       "What the team has done well:\ntested the forms with screen reader users in private beta\n\nWhat the team needs to explore:\ncommission a full accessibility audit before public beta and publish an accessibility statement\ntest with users of voice control software",
		Collection: "GOV.UK service assessment reports",
		SourceName: "reports",
		Supports:   []knowledge.PointRef{{Standard: "govuk", Point: 5}},
		Keywords:   "assessment panel, panel, assessors, service assessment, assessment report, beta, beta assessment",
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("section\n%+v\nwant\n%+v", s, want)
	}
	old := byID["https://www.gov.uk/service-standard-reports/walk-a-towpath-alpha#point-19"]
	if old.Supports != nil || !strings.HasPrefix(old.Heading, "Point 19 of the 26-point standard, not mapped to today's points, Make it simple (alpha, 2 March 2015, met)") {
		t.Errorf("a 26-point report's section = %+v, want it unmapped and saying so", old)
	}
	if c.Remarks[0].URL != today || c.Remarks[len(c.Remarks)-1].Date.Year != 2015 {
		t.Errorf("remarks not newest first: first %s, last %s", c.Remarks[0].URL, c.Remarks[len(c.Remarks)-1].Date)
	}
}

func TestLoadHashFollowsTheReports(t *testing.T) {
	site := govuktest.NewReportSite(t)
	dir := t.TempDir()
	syncOK(t, client(t, site.URL), dir)
	a, _ := Load(dir)
	b, _ := Load(dir)
	if a.Hash == "" || a.Hash != b.Hash {
		t.Fatalf("the same copy loaded twice: %q and %q", a.Hash, b.Hash)
	}
	site.Revise(govuktest.ReportToday, "<p>Revised.</p>")
	syncOK(t, client(t, site.URL), dir)
	if c, _ := Load(dir); c.Hash == a.Hash {
		t.Error("a revised report left the hash unchanged")
	}
	if c, err := Load(t.TempDir()); err != nil || c.Reports != 0 || len(c.Sections) != 0 || !c.FetchedAt.IsZero() {
		t.Errorf("Load of an empty folder = %+v, %v", c, err)
	}
}

func TestExamples(t *testing.T) {
	site := govuktest.NewReportSite(t)
	// Three more beta panels on point 5, one of them older than today's
	// fixture, one with two remarks that map to the same point.
	site.Add(report("b-beta", "2025-05-01", "beta", "green", "", map[int]string{5: "b: test with more screen readers"}, fiveTitle))
	site.Add(report("c-beta-reassessment", "2025-04-01", "beta-reassessment", "green", "", map[int]string{5: "c: publish the audit"}, fiveTitle))
	site.Add(report("d-beta", "2024-01-01", "beta", "amber", "", map[int]string{5: "d: plan assisted digital"}, fiveTitle))
	site.Add(report("e-lock-keeper-beta", "2017-01-01", "beta", "met", "Assessed against the 18 points.",
		map[int]string{12: "e: make sure users succeed first time"}, map[int]string{12: "Make sure users succeed first time"}))
	c := loaded(t, site)
	_, mapping, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	urls := func(rs []Remark) []string {
		var out []string
		for _, r := range rs {
			out = append(out, strings.TrimPrefix(r.URL, "https://www.gov.uk/service-standard-reports/")+fmt.Sprint(r.Point))
		}
		return out
	}
	tests := []struct {
		name  string
		std   string
		point int
		phase checklist.Phase
		m     *knowledge.Mapping
		want  []string
	}{
		{"newest three at beta", "govuk", 5, checklist.Beta, nil, []string{"b-beta5", "c-beta-reassessment5", "apply-for-a-river-permit-beta5"}},
		{"at alpha", "govuk", 5, checklist.Alpha, nil, []string{"register-a-fishing-boat-alpha5"}},
		{"at live: none", "govuk", 5, checklist.Live, nil, nil},
		{"another point", "govuk", 12, checklist.Beta, nil, []string{"apply-for-a-river-permit-beta12"}},
		{"the 2015 standard", "dss2015", 12, "", nil, []string{"e-lock-keeper-beta12"}},
		{"no mapping, no other standard", "localgov", 5, checklist.Beta, nil, nil},
	}
	for _, tc := range tests {
		if got := urls(c.Examples(tc.std, tc.point, tc.phase, tc.m)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: Examples = %q, want %q", tc.name, got, tc.want)
		}
	}
	// Through the mapping, a local government point sees GOV.UK's panels
	// on the points it maps to, and the 2015 standard's on its own.
	for n := 1; n <= 20; n++ {
		var govuk []int
		for _, m := range mapping.Equivalents("localgov", n, "govuk") {
			govuk = append(govuk, m.Point)
		}
		if !slices.Contains(govuk, 5) {
			continue
		}
		got := c.Examples("localgov", n, checklist.Beta, mapping)
		if len(got) == 0 || got[0].Standard != "govuk" {
			t.Errorf("localgov point %d (govuk %v): Examples = %q, want GOV.UK panels' remarks", n, govuk, urls(got))
		}
		return
	}
	t.Fatal("no localgov point maps to govuk point 5: the mapping test has nothing to check")
}

func TestAnswerCitesAReport(t *testing.T) {
	site := govuktest.NewReportSite(t)
	c := loaded(t, site)
	builtins, mapping, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := knowledge.NewLibrary(mapping, builtins...)
	if err != nil {
		t.Fatal(err)
	}
	corpus := &knowledge.Corpus{}
	corpus.AddSections(Origin, c.Hash, c.Sections)
	ix, err := knowledge.OpenIndex(context.Background(), t.TempDir(), lib, corpus, knowledge.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	a := &knowledge.Answerer{Index: ix}
	ans, err := a.Answer(context.Background(), knowledge.Question{Text: "what do assessment panels look for on accessibility audits at beta?", Standard: "govuk"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ans.Sources {
		if s.URL == "https://www.gov.uk"+govuktest.ReportToday {
			if !strings.Contains(s.Label, "GOV.UK service assessment reports") || !strings.Contains(s.Label, "beta") {
				t.Errorf("the report is cited as %q, want the collection and the stage", s.Label)
			}
			return
		}
	}
	t.Errorf("no source cites the beta report; sources:\n%+v", ans.Sources)
}
