package checklist_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/a11ytest"
)

// sampleReport is a project part way to its alpha assessment.
func sampleReport() *checklist.Report {
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	p := &checklist.Project{Name: "Apply for a blue badge", Standard: "govuk", Points: 14, Phase: checklist.Alpha,
		Assessment: checklist.Date{Year: 2027, Month: 1, Day: 15}, TimeZone: "Europe/London"}
	stored := []checklist.PointState{
		{Point: 1, Status: checklist.Met, UpdatedBy: "alice", UpdatedAt: at,
			Notes:    []checklist.Item{{Text: "12 interviews & a survey <done>", By: "alice", At: at}},
			Evidence: []checklist.Item{{Text: "https://example.gov.uk/research", By: "alice", At: at}}},
		{Point: 2, Status: checklist.Partly, UpdatedBy: "bob", UpdatedAt: at, Notes: []checklist.Item{{Text: "journey map, draft", By: "bob", At: at}}},
		{Point: 4, Status: checklist.NotMet, UpdatedBy: "bob", UpdatedAt: at},
		{Point: 5, Status: checklist.NA, UpdatedBy: "alice", UpdatedAt: at},
	}
	var info []checklist.PointInfo
	for i := 1; i <= 14; i++ {
		info = append(info, checklist.PointInfo{Number: i, Title: fmt.Sprintf("Title %d", i), URL: fmt.Sprintf("https://example.gov.uk/p%d", i)})
	}
	return checklist.NewReport(checklist.NewProgress(p, stored), "GOV.UK Service Standard", info, time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
}

func render(t *testing.T, r interface{ Write(io.Writer, string) error }, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.Write(&b, format); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestReportFormatsCarryTheSameFacts(t *testing.T) {
	r := sampleReport()
	var j struct {
		Project    string         `json:"project"`
		Assessment string         `json:"assessment"`
		DaysToGo   int            `json:"days_to_assessment"`
		Counts     map[string]int `json:"counts"`
		Points     []struct {
			Point    int
			Status   string
			Notes    []struct{ Text string }
			Evidence []struct{ Text string }
		} `json:"points"`
		Outstanding []int `json:"outstanding"`
	}
	if err := json.Unmarshal([]byte(render(t, r, "json")), &j); err != nil {
		t.Fatal(err)
	}
	if j.Project != "Apply for a blue badge" || j.Assessment != "2027-01-15" || j.DaysToGo != 49 || len(j.Points) != 14 {
		t.Errorf("json header = %+v", j)
	}
	if j.Counts["met"] != 1 || j.Counts["partly"] != 1 || j.Counts["not-met"] != 1 || j.Counts["n/a"] != 1 || j.Counts["not-started"] != 10 {
		t.Errorf("json counts = %v", j.Counts)
	}
	if j.Points[0].Notes[0].Text != "12 interviews & a survey <done>" || j.Points[0].Evidence[0].Text != "https://example.gov.uk/research" {
		t.Errorf("json point 1 = %+v", j.Points[0])
	}
	if fmt.Sprint(j.Outstanding) != "[4 3 6 7 8 9 10 11 12 13 14 2]" {
		t.Errorf("json outstanding = %v, want not-met, then not-started, then partly", j.Outstanding)
	}

	rows, err := csv.NewReader(strings.NewReader(render(t, r, "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 15 || rows[0][4] != "point" || rows[1][6] != "met" || rows[1][7] != "12 interviews & a survey <done>" ||
		rows[1][8] != "https://example.gov.uk/research" || rows[2][6] != "partly" || rows[4][6] != "not-met" || rows[3][6] != "not-started" {
		t.Errorf("csv rows = %q", rows[:5])
	}

	md := render(t, r, "markdown")
	for _, want := range []string{"# Readiness report: Apply for a blue badge", "2027-01-15 (in 49 days)", "**2 of 14 points met or n/a (14%).**",
		"| 1 | Title 1 | met | 12 interviews &amp; a survey &lt;done&gt; | https://example.gov.uk/research |", "| 4 | Title 4 | not-met |  |  |",
		"Outstanding, most urgent first: 4, 3, 6"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}

	page := render(t, r, "html")
	for _, want := range []string{"<title>Readiness report: Apply for a blue badge</title>", "12 interviews &amp; a survey &lt;done&gt;",
		`<a href="https://example.gov.uk/research" rel="noopener noreferrer">https://example.gov.uk/research</a>`, `class="tag not-met">not-met`,
		"@media print", "@page { size: A4;", "tr, figure.burnup svg { break-inside: avoid; }", "<dd>15 January 2027 (in 49 days)</dd>",
		"Last updated by alice on 20 November 2026", "on 27 November 2026 at 9am GMT.",
		`aria-label="1 met, 1 partly, 1 not-met, 10 not-started, 1 n/a, of 14 points"`} {
		if !strings.Contains(page, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	for _, external := range []string{"<script", "<link", "src=\"http"} {
		if strings.Contains(page, external) {
			t.Errorf("html is not self-contained: has %q", external)
		}
	}
}

func TestReportUnknownFormat(t *testing.T) {
	err := sampleReport().Write(&bytes.Buffer{}, "pdf")
	if checklist.ErrorCode(err) != checklist.EINVALID || !strings.Contains(err.Error(), "use markdown, csv, json or html") {
		t.Errorf("err = %v", err)
	}
}

// TestReportHTMLInChromium opens the page in headless Chromium and takes a
// screenshot: the page must render without error and show the status
// colours, in the bar and in the tags (dark text on a tint). CI installs
// Chromium; elsewhere the test skips without it.
func TestReportHTMLInChromium(t *testing.T) {
	shot := filepath.Join(t.TempDir(), "report.png")
	a11ytest.Screenshot(t, serve(t, render(t, sampleReport(), "html")), 1200, 1400, shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 1400 {
		t.Errorf("screenshot is %v, want 1200x1400", b)
	}
	colours := map[[3]uint32]string{
		{0x00, 0x70, 0x3c}: "met in the bar", {0xd4, 0x35, 0x1c}: "not-met in the bar",
		{0xcc, 0xe2, 0xd8}: "the met tag", {0xfc, 0xd6, 0xc3}: "the partly tag", {0xbb, 0xd4, 0xea}: "the n/a tag",
	}
	found := map[string]bool{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 2 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			if name, ok := colours[[3]uint32{r >> 8, g >> 8, b >> 8}]; ok {
				found[name] = true
			}
		}
	}
	for _, name := range colours {
		if !found[name] {
			t.Errorf("the screenshot does not show %s: the page did not render as designed", name)
		}
	}
}

// TestReportOpenActions: every format carries the open actions with their
// due dates, overdue marked; closed ones are left out.
func TestReportOpenActions(t *testing.T) {
	r := sampleReport()
	closedAt := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	r.AddActions([]checklist.Action{
		{ID: 4, Point: 2, Text: "map the whole journey", By: "alice", Due: checklist.Date{Year: 2026, Month: 10, Day: 1}},
		{ID: 7, Point: 2, Text: "test with assistive technology", By: "bob", Due: checklist.Date{Year: 2027, Month: 2, Day: 27}},
		{ID: 8, Point: 3, Text: "done already", By: "bob", Due: checklist.Date{Year: 2027, Month: 2, Day: 27}, ClosedAt: closedAt},
	}, checklist.Date{Year: 2026, Month: 11, Day: 27})
	var j struct {
		Actions []checklist.ReportAction `json:"open_actions"`
	}
	if err := json.Unmarshal([]byte(render(t, r, "json")), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Actions) != 2 || !j.Actions[0].Overdue || j.Actions[1].Overdue || j.Actions[1].Due != "2027-02-27" || j.Actions[1].By != "bob" {
		t.Errorf("json open actions = %+v", j.Actions)
	}
	rows, err := csv.NewReader(strings.NewReader(render(t, r, "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][12] != "open_actions" || rows[2][12] != "#4 map the whole journey (due 2026-10-01) | #7 test with assistive technology (due 2027-02-27)" || rows[3][12] != "" {
		t.Errorf("csv actions = %q, %q, %q", rows[0][12], rows[2][12], rows[3][12])
	}
	md := render(t, r, "markdown")
	for _, want := range []string{"## Open actions from the panel", "| 4 | 2 | map the whole journey | alice | 2026-10-01 (overdue) |", "| 7 | 2 | test with assistive technology | bob | 2027-02-27 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	page := render(t, r, "html")
	for _, want := range []string{"<h2>Open actions from the panel</h2>", `data-label="Action">test with assistive technology</td>`, `data-label="Added by">bob</td>`, `data-label="Due">27 February 2027</td>`,
		`data-label="Due">1 October 2026 (overdue)</td>`, ">#7</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if strings.Contains(md+page, "done already") {
		t.Errorf("a closed action is in the report")
	}
	if plain := render(t, sampleReport(), "markdown"); strings.Contains(plain, "Open actions") {
		t.Errorf("a report without actions has an actions section")
	}
}

// TestReportSaysArchived: an archived project's report says so in every
// format that has a header, and the others' do not.
func TestReportSaysArchived(t *testing.T) {
	p := &checklist.Project{Name: "Apply for a blue badge", Standard: "govuk", Points: 14, Phase: checklist.Alpha, TimeZone: "Europe/London",
		ArchivedAt: time.Date(2026, 6, 19, 23, 30, 0, 0, time.UTC)} // 20 June in London, on summer time
	r := checklist.NewReport(checklist.NewProgress(p, nil), "GOV.UK Service Standard", nil, time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC))
	for format, want := range map[string]string{
		"markdown": "The project was archived on 2026-06-20",
		"html":     "<dt>Archived</dt><dd>20 June 2026: no stand-ups",
		"json":     `"archived": "2026-06-20"`,
	} {
		if got := render(t, r, format); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", format, want, got)
		}
	}
	if got := render(t, sampleReport(), "html"); strings.Contains(got, "Archived") {
		t.Errorf("a project not archived is reported archived")
	}
}
