package bot_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
	contentapi "github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
	"github.com/standardbot/standardbot/internal/govuk/reports"
)

// importBot is a bot with a project whose imports fetch from site.
func importBot(t *testing.T, site *govuktest.ReportSite) *bottest.Bot {
	t.Helper()
	b := bottest.NewBot(t)
	c, err := contentapi.New(contentapi.Options{BaseURL: site.URL, Version: "test", Rate: 1000, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	b.Core.ReportFetcher = reports.Reader{Client: c}
	b.Expect("project new Apply for a river permit", "Created project")
	b.Expect("phase beta", "beta")
	return b
}

// latest is the project's latest assessment, nil when none is stored.
func latest(t *testing.T, b *bottest.Bot) *checklist.AssessmentRecord {
	t.Helper()
	ctx := context.Background()
	p, err := b.Core.Store.ProjectByChannel(ctx, checklist.Binding{Platform: "console", Team: "local", Channel: "C1"})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := b.Core.Store.LatestAssessment(ctx, p.ID)
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func wantNothingStored(t *testing.T, b *bottest.Bot, when string) {
	t.Helper()
	if rec := latest(t, b); rec != nil {
		t.Fatalf("%s: an assessment is stored: %+v", when, rec)
	}
}

func ratings(rec *checklist.AssessmentRecord) map[int]checklist.Rating {
	out := map[int]checklist.Rating{}
	for _, r := range rec.Ratings {
		out[r.Point] = r.Rating
	}
	return out
}

// TestImportTodaysLayout: a report in today's layout, read through the
// Content API, is shown in full, stored only after yes, with each point's
// rating and an action per item to explore, due 3 months on.
func TestImportTodaysLayout(t *testing.T) {
	site := govuktest.NewReportSite(t)
	b := importBot(t, site)
	b.Expect("assessment import <https://www.gov.uk/service-standard-reports/apply-for-a-river-permit-beta>",
		"Read from the report: Apply for a river permit beta assessment", "Date: Tuesday 11 February 2025", "Stage: beta", "Result: amber",
		"Source: https://www.gov.uk/service-standard-reports/apply-for-a-river-permit-beta",
		"1. Understand users and their needs: 🟢 green", "3. Provide a joined-up experience across all channels: 🟠 amber", "12. Make new source code open: 🔴 red",
		"as 7 actions due Sunday 11 May 2025", "point 3: make sure the paper form asks the same questions as the online one",
		"point 12: publish the source code in a public repository", "Nothing is stored yet", "Reply with: yes · no")
	wantNothingStored(t, b, "before yes")
	b.Expect("yes", "Recorded the beta assessment on Tuesday 11 February 2025 for Apply for a river permit: 🟠 amber, with 14 point ratings and 7 actions due Sunday 11 May 2025")
	rec := latest(t, b)
	if rec == nil {
		t.Fatal("nothing stored after yes")
	}
	want := map[int]checklist.Rating{1: "green", 2: "green", 3: "amber", 4: "green", 5: "amber", 6: "green", 7: "green", 8: "green", 9: "amber", 10: "green", 11: "green", 12: "red", 13: "green", 14: "green"}
	if got := ratings(rec); len(got) != 14 || !equalRatings(got, want) {
		t.Errorf("ratings %v, want %v", got, want)
	}
	if rec.Source != "https://www.gov.uk"+govuktest.ReportToday || rec.Stage != checklist.StageBeta || rec.Result != checklist.RatingAmber {
		t.Errorf("stored %+v", rec)
	}
	var points []int
	for _, a := range rec.Actions {
		points = append(points, a.Point)
		if a.Due != (checklist.Date{Year: 2025, Month: 5, Day: 11}) {
			t.Errorf("action %+v not due 2025-05-11", a)
		}
	}
	if len(points) != 7 || points[0] != 3 || points[1] != 3 || points[2] != 4 || points[6] != 12 {
		t.Errorf("actions on points %v, want 3, 3, 4, 5, 5, 9, 12", points)
	}
	b.Expect("actions", "#1 · point 3", "⚠️ overdue since Sunday 11 May 2025")
	b.Expect("yes") // the import is done: yes is not a second one
	if again := latest(t, b); len(again.Actions) != 7 {
		t.Errorf("a second yes stored more: %d actions", len(again.Actions))
	}
}

func equalRatings(a, b map[int]checklist.Rating) bool {
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

// TestImportOlderLayout: a 2021 report, met or not met per point, shows
// what it could not read, and stores only what it read.
func TestImportOlderLayout(t *testing.T) {
	site := govuktest.NewReportSite(t)
	b := importBot(t, site)
	b.Expect("phase alpha", "alpha")
	b.Expect("assessment import https://www.gov.uk/service-standard-reports/register-a-fishing-boat-alpha",
		"Date: Thursday 3 June 2021", "Stage: alpha", "Result: not-met", "2. Solve a whole problem for users: 🔴 not-met",
		"7. Use agile ways of working: not read", "1. Understand users and their needs: 🟢 met", "as 15 actions",
		"point 2: talk to harbour offices", "Unread (not imported):", "the decision on point 7, which names point 6", "the decision on point 11")
	wantNothingStored(t, b, "before yes")
	b.Expect("yes", "Recorded the alpha assessment on Thursday 3 June 2021", "not-met", "with 12 point ratings and 15 actions")
	got := ratings(latest(t, b))
	if got[2] != checklist.RatingNotMet || got[5] != checklist.RatingNotMet || got[1] != checklist.RatingMet || got[7] != "" || got[11] != "" || len(got) != 12 {
		t.Errorf("ratings %v", got)
	}
}

// TestImportRefusals: a malformed address, a page that is not a report, a
// report GOV.UK does not have, GOV.UK out of reach, a report of another
// standard: one line each, and nothing changes.
func TestImportRefusals(t *testing.T) {
	site := govuktest.NewReportSite(t)
	b := importBot(t, site)
	for _, tt := range []struct{ say, want string }{
		{"assessment import https://example.com/service-standard-reports/x", "that one is on example.com"},
		{"assessment import https://www.gov.uk/service-manual/service-standard", "not a service assessment report"},
		{"assessment import https://www.gov.uk/service-standard-reports/not-a-report", "not a service assessment report, so nothing was imported"},
		{"assessment import https://www.gov.uk/service-standard-reports/no-such-report", "GOV.UK has no report at that address"},
		{"assessment import https://www.gov.uk/service-standard-reports/book-a-lock-keeper-beta", "18-point dss2015 standard"},
		{"assessment import", "Give the report's address or its text"},
		{"assessment import just some words", "does not read as an assessment report"},
	} {
		got := b.Expect(tt.say, tt.want)
		if strings.Contains(strings.TrimSpace(got), "\n") {
			t.Errorf("%q: more than one line:\n%s", tt.say, got)
		}
		if strings.Contains(b.Say("yes"), "Recorded") {
			t.Errorf("%q then yes: recorded something", tt.say)
		}
		wantNothingStored(t, b, tt.say)
	}
	site.Close()
	got := b.Expect("assessment import https://www.gov.uk/service-standard-reports/apply-for-a-river-permit-beta", "GOV.UK could not be reached, so nothing was imported")
	if strings.Contains(strings.TrimSpace(got), "\n") {
		t.Errorf("unreachable: more than one line:\n%s", got)
	}
	wantNothingStored(t, b, "unreachable")
}

// TestImportConfirmation: no cancels; anything else cancels and is
// handled; another person's yes is not the importer's; an import waits
// half an hour; with GOV.UK off, import by address says to paste.
func TestImportConfirmation(t *testing.T) {
	site := govuktest.NewReportSite(t)
	b := importBot(t, site)
	const url = "assessment import https://www.gov.uk/service-standard-reports/apply-for-a-river-permit-beta"
	b.Expect(url, "Nothing is stored yet")
	b.Expect("no", "Cancelled: nothing from the report was stored.")
	b.Expect(url, "Nothing is stored yet")
	b.Expect("status", "Cancelled the report import: nothing was stored.", "Apply for a river permit: govuk, beta")
	b.Expect(url, "Nothing is stored yet")
	if got := b.As("bob", "C1").Say("yes"); strings.Contains(got, "Recorded") {
		t.Errorf("bob's yes recorded alice's import: %s", got)
	}
	wantNothingStored(t, b, "after bob's yes")
	b.Core.Now = func() time.Time { return bottest.Now.Add(31 * time.Minute) }
	if got := b.Say("yes"); strings.Contains(got, "Recorded") {
		t.Errorf("a yes after half an hour recorded the import: %s", got)
	}
	wantNothingStored(t, b, "after the expiry")
	b.Core.Now = func() time.Time { return bottest.Now }
	b.Core.ReportFetcher = nil
	b.Expect(url, "Import by address is off here (STANDARDBOT_GOVUK=off)", "Paste the report's text")
}

// TestImportPasted: a report pasted after the words, in one message, is
// read as one fetched is.
func TestImportPasted(t *testing.T) {
	text, err := os.ReadFile("../internal/govuk/reports/testdata/text/today-reassessment.txt")
	if err != nil {
		t.Fatal(err)
	}
	b := bottest.NewBot(t)
	b.Expect("project new Renew a canal licence", "Created project")
	b.Expect("assessment import\n"+string(text), "Date: Wednesday 2 April 2025", "Stage: beta reassessment", "Result: green",
		"5. Make sure everyone can use the service: 🟢 green", "point 5: keep testing with disabled users as the service grows", "Source: not read")
	wantNothingStored(t, b, "before yes")
	b.Expect("yes", "Recorded the beta reassessment assessment on Wednesday 2 April 2025")
	if rec := latest(t, b); rec == nil || rec.Rating(5) != checklist.RatingGreen || rec.Source != "" {
		t.Errorf("stored %+v", rec)
	}
}
