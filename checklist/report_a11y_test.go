package checklist_test

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/a11ytest"
)

// serviceStandard is the GOV.UK Service Standard's points, as a report
// on it shows them.
var serviceStandard = []string{"Understand users and their needs", "Solve a whole problem for users",
	"Provide a joined up experience across all channels", "Make the service simple to use", "Make sure everyone can use the service",
	"Have a multidisciplinary team", "Use agile ways of working", "Iterate and improve frequently",
	"Create a secure service which protects users' privacy", "Define what success looks like and publish performance data",
	"Choose the right tools and technology", "Make new source code open", "Use and contribute to open standards, common components and patterns",
	"Operate a reliable service"}

// fullReport is a report as a team three months into alpha would have it:
// notes and evidence with ids and addresses (one long and unbroken), who
// set each status, open actions, and progress since the project began,
// with a past assessment and the next one booked.
func fullReport() *checklist.Report {
	day := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }
	p := &checklist.Project{Name: "Apply for a blue badge", Standard: "govuk", Points: 14, Phase: checklist.Alpha,
		Assessment: checklist.Date{Year: 2027, Month: 1, Day: 15}, TimeZone: "Europe/London"}
	item := func(id int64, text, by string, at time.Time) checklist.Item {
		return checklist.Item{ID: id, Text: text, By: by, At: at}
	}
	stored := []checklist.PointState{
		{Point: 1, Status: checklist.Met, UpdatedBy: "Priya Shah", UpdatedAt: day(11, 24, 10),
			Notes:    []checklist.Item{item(3, "12 interviews with badge holders and 4 with council staff; findings at https://example.gov.uk/research/round-2.", "Priya Shah", day(9, 14, 10))},
			Evidence: []checklist.Item{item(7, "https://example.gov.uk/research/blue-badge-alpha-user-research-findings-round-two-with-council-staff-interviews", "Priya Shah", day(11, 24, 10))}},
		{Point: 2, Status: checklist.Partly, UpdatedBy: "Tom Evans", UpdatedAt: day(11, 2, 10),
			Notes: []checklist.Item{item(5, "Journey map drafted; the renewal part is not yet tested", "Tom Evans", day(11, 2, 10))}},
		{Point: 4, Status: checklist.NotMet, UpdatedBy: "Tom Evans", UpdatedAt: day(10, 20, 10)},
		{Point: 5, Status: checklist.Partly, UpdatedBy: "Ana Costa", UpdatedAt: day(11, 10, 10),
			Notes: []checklist.Item{item(9, "Audit booked with the Digital Accessibility Centre (https://digitalaccessibilitycentre.org)", "Ana Costa", day(11, 10, 10))}},
		{Point: 6, Status: checklist.Met, UpdatedBy: "Ana Costa", UpdatedAt: day(9, 20, 10)},
		{Point: 7, Status: checklist.Met, UpdatedBy: "Ana Costa", UpdatedAt: day(10, 1, 10)},
		{Point: 12, Status: checklist.NA, UpdatedBy: "Ana Costa", UpdatedAt: day(10, 8, 10),
			Notes: []checklist.Item{item(11, "No new code in alpha: prototypes only", "Ana Costa", day(10, 8, 10))}},
	}
	var info []checklist.PointInfo
	for i, title := range serviceStandard {
		info = append(info, checklist.PointInfo{Number: i + 1, Title: title, URL: fmt.Sprintf("https://www.gov.uk/service-manual/service-standard/point-%d", i+1)})
	}
	r := checklist.NewReport(checklist.NewProgress(p, stored), "GOV.UK Service Standard", info, day(11, 27, 9))
	r.AddActions([]checklist.Action{
		{ID: 4, Point: 2, Text: "Map the whole journey, renewals included", By: "Panel", Due: checklist.Date{Year: 2026, Month: 11, Day: 20}},
		{ID: 6, Point: 5, Text: "Test with screen reader users; see https://www.gov.uk/service-manual/helping-people-to-use-your-service", By: "Panel", Due: checklist.Date{Year: 2027, Month: 1, Day: 5}},
	}, checklist.Date{Year: 2026, Month: 11, Day: 27})
	set := func(at time.Time, point int, by string, old, new checklist.Status) checklist.Change {
		return checklist.Change{At: at, By: by, Point: point, Field: "status", Old: string(old), New: string(new)}
	}
	r.AddHistory([]checklist.Change{
		{At: day(9, 1, 9), By: "Ana Costa", Field: "created", New: p.Name},
		set(day(9, 14, 10), 1, "Priya Shah", "", checklist.Partly), set(day(9, 20, 10), 6, "Ana Costa", "", checklist.Met),
		set(day(10, 1, 10), 7, "Ana Costa", "", checklist.Met), set(day(10, 8, 10), 12, "Ana Costa", "", checklist.NA),
		{At: day(10, 20, 16), By: "Ana Costa", Field: "assessment result", New: "2026-10-20 alpha red"},
		set(day(10, 20, 10), 4, "Tom Evans", "", checklist.NotMet), set(day(11, 2, 10), 2, "Tom Evans", "", checklist.Partly),
		set(day(11, 10, 10), 5, "Ana Costa", "", checklist.Partly), set(day(11, 16, 10), 1, "Priya Shah", checklist.Partly, checklist.Met),
	}, nil, p.Location())
	return r
}

// serve serves a page as an application would, for the browser.
func serve(t *testing.T, page string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestReportHTMLAccessible: the HTML report, a full one (its progress
// table open too) and a nearly empty one, passes axe-core's WCAG 2.2 A and
// AA rules at 1280 and 390 pixels and does not scroll sideways.
func TestReportHTMLAccessible(t *testing.T) {
	full := render(t, fullReport(), "html")
	for name, page := range map[string]string{"full": full, "sample": render(t, sampleReport(), "html"),
		"full, numbers shown": strings.Replace(full, "<details>", "<details open>", 1)} {
		t.Run(name, func(t *testing.T) {
			res := a11ytest.Check(t, serve(t, page), 1280, 390)
			for _, run := range res.Runs {
				t.Logf("%d px: %d violations, %d rules passed, %d px wide", run.Width, len(run.Violations), run.Passes, run.ScrollWidth)
			}
		})
	}
}

// TestReportScreenshots writes the report's screenshots for docs: run
// with STANDARDBOT_SCREENSHOTS=docs/screenshots (relative to the
// repository root) to refresh them. Without it the test skips, so a
// normal run writes nothing into the repository.
func TestReportScreenshots(t *testing.T) {
	dir := os.Getenv("STANDARDBOT_SCREENSHOTS")
	if dir == "" {
		t.Skip("set STANDARDBOT_SCREENSHOTS=docs/screenshots to write the report's screenshots")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir)
	}
	url := serve(t, render(t, fullReport(), "html"))
	a11ytest.Screenshot(t, url, 1280, 2420, filepath.Join(dir, "report-1280.png"))
	a11ytest.Screenshot(t, url, 390, 3920, filepath.Join(dir, "report-390.png"))
}

// mediaBox is a PDF page's size in points.
var mediaBox = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)

// TestReportPrintsOnA4: Chromium prints the report on A4 pages (595 by 842
// points), not its default US Letter, because of the page's @page rule.
func TestReportPrintsOnA4(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.pdf")
	a11ytest.PDF(t, serve(t, render(t, fullReport(), "html")), path)
	pdf, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages := mediaBox.FindAllSubmatch(pdf, -1)
	if len(pages) < 2 {
		t.Fatalf("%d pages with a size in the PDF, want the report's 2 or more", len(pages))
	}
	for i, m := range pages {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if math.Abs(w-595.3) > 1 || math.Abs(h-841.9) > 1 {
			t.Errorf("page %d is %.1f by %.1f points, want A4's 595.3 by 841.9", i+1, w, h)
		}
	}
}

// TestPracticeReportAccessible: the practice report passes axe-core at
// 1280 and 390 pixels, a long address in its feedback breaking rather
// than widening the page, and prints on A4.
func TestPracticeReportAccessible(t *testing.T) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	r := &checklist.PracticeReport{Project: "Apply for a blue badge", Standard: "govuk", StandardName: "GOV.UK Service Standard", Phase: checklist.Alpha, GeneratedAt: at,
		Points: []checklist.PracticePoint{
			{Number: 1, Title: serviceStandard[0], URL: "https://www.gov.uk/service-manual/service-standard/point-1", Status: checklist.Met, Rating: checklist.RatingAmber, By: "rules",
				WellDone: []string{"Badge holders interviewed: https://example.gov.uk/research/blue-badge-alpha-user-research-findings-round-two-with-council-staff"},
				Explore:  []string{"Record evidence"},
				Answers:  []checklist.AnswerView{{Question: "Who are your users?", Answer: "Badge holders and council staff.", By: "Priya Shah", At: at}}},
			{Number: 2, Title: serviceStandard[1], Status: checklist.NotMet, Rating: checklist.RatingRed, By: "rules"},
			{Number: 3, Title: serviceStandard[2], Status: checklist.Met, Rating: checklist.RatingGreen, By: "model"},
		}}
	page := render(t, r, "html")
	for _, want := range []string{"@page { size: A4;", "Generated by standardbot on 27 November 2026 at 9am UTC.", `rel="noopener noreferrer"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the practice report lacks %q", want)
		}
	}
	a11ytest.Check(t, serve(t, page), 1280, 390)
}
