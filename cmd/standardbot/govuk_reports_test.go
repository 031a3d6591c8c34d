package main

import (
	"strings"
	"testing"

	"github.com/standardbot/standardbot/internal/govuk/govuktest"
)

// panelsQuestion is answered from the beta report's remarks on point 5.
const panelsQuestion = "what do assessment panels look for on accessibility audits at beta?"

func citesReport(t *testing.T, a answerJSON, raw, basePath string) {
	t.Helper()
	for _, s := range a.Sources {
		if s.URL == "https://www.gov.uk"+basePath {
			return
		}
	}
	t.Errorf("the answer does not cite %s at www.gov.uk:\n%s", basePath, raw)
}

func TestIndexFetchesAssessmentReportsBesideTheManual(t *testing.T) {
	site := govuktest.NewSite(t)
	reports := govuktest.NewReportSite(t)
	reports.SetOther(site.Config.Handler)
	c := newCLI(t)
	t.Setenv("STANDARDBOT_GOVUK", "service-manual,assessment-reports")
	t.Setenv("STANDARDBOT_GOVUK_URL", reports.URL)
	code, out, errOut := c.run("", "index")
	if code != 0 {
		t.Fatalf("index: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"GOV.UK Service Manual: ", "GOV.UK assessment reports: 5 kept; 5 fetched, 0 unchanged, 0 removed", "Service Manual guides and 5 assessment reports"} {
		if !strings.Contains(out, want) {
			t.Errorf("index output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Bank holidays") {
		t.Errorf("bank holidays fetched though STANDARDBOT_GOVUK leaves them out:\n%s", out)
	}
	a, raw := c.ask(panelsQuestion)
	citesReport(t, a, raw, govuktest.ReportToday)
	if !strings.Contains(raw, "GOV.UK service assessment reports: Apply for a river permit beta assessment: Point 5") {
		t.Errorf("the report is not cited by its point and stage:\n%s", raw)
	}
	a, raw = c.ask(pentestQuestion)
	citesPentestGuide(t, a, raw)

	reports.Reset()
	if code, out, errOut = c.run("", "index"); code != 0 || !strings.Contains(out, "GOV.UK assessment reports: 5 kept; 0 fetched, 5 unchanged") {
		t.Errorf("second index: exit %d, %s\n%s", code, errOut, out)
	}
	for _, r := range reports.Requests() {
		if strings.HasPrefix(r, "/api/content/service-standard-reports/") {
			t.Errorf("an unchanged report was fetched again: %s", r)
		}
	}

	// GOV.UK gone, the reports are still quoted from the kept copy.
	reports.Close()
	if again, raw := c.ask(panelsQuestion); len(again.Sources) == 0 {
		t.Errorf("with GOV.UK gone: %s", raw)
	} else {
		citesReport(t, again, raw, govuktest.ReportToday)
	}
}

func TestAssessmentReportsOnlyWhenAsked(t *testing.T) {
	reports := govuktest.NewReportSite(t)
	c := newCLI(t)
	t.Setenv("STANDARDBOT_GOVUK", "service-manual,bank-holidays")
	t.Setenv("STANDARDBOT_GOVUK_URL", reports.URL)
	if code, out, _ := c.run("", "index"); code != 0 || strings.Contains(out, "assessment reports") {
		t.Errorf("index without assessment-reports: exit %d\n%s", code, out)
	}
	for _, r := range reports.Requests() {
		if strings.Contains(r, "service-standard-report") || strings.HasPrefix(r, "/api/search.json") {
			t.Errorf("reports asked for though STANDARDBOT_GOVUK leaves them out: %s", r)
		}
	}
}

// TestChatImportsAReport: chat wires `assessment import` to the GOV.UK
// client at STANDARDBOT_GOVUK_URL, and with STANDARDBOT_GOVUK=off says
// import by address is off.
func TestChatImportsAReport(t *testing.T) {
	site := govuktest.NewReportSite(t)
	c := newCLI(t)
	const words = "project new Apply for a river permit\nphase beta\nassessment import https://www.gov.uk/service-standard-reports/apply-for-a-river-permit-beta\nyes\nactions\n"
	code, out, errOut := c.run(words, "chat", "--user", "alice")
	if code != 0 || !strings.Contains(out, "Import by address is off here (STANDARDBOT_GOVUK=off)") || strings.Contains(out, "Recorded") {
		t.Errorf("with GOV.UK off: exit %d, %s\n%s", code, errOut, out)
	}
	if len(site.Requests()) != 0 {
		t.Errorf("GOV.UK asked though off: %q", site.Requests())
	}
	t.Setenv("STANDARDBOT_GOVUK", "assessment-reports")
	t.Setenv("STANDARDBOT_GOVUK_URL", site.URL)
	code, out, errOut = c.run(strings.Replace(words, "project new Apply for a river permit\n", "", 1), "chat", "--user", "alice")
	for _, want := range []string{"Read from the report: Apply for a river permit beta assessment", "Recorded the beta assessment on Tuesday 11 February 2025", "#1 · point 3"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("chat output lacks %q: exit %d, %s\n%s", want, code, errOut, out)
		}
	}
}

// TestChatExamplesFromKeptReports: with the reports indexed from the
// fixtures, examples quotes the right point at the right stage, cited at
// www.gov.uk.
func TestChatExamplesFromKeptReports(t *testing.T) {
	site := govuktest.NewReportSite(t)
	c := newCLI(t)
	t.Setenv("STANDARDBOT_GOVUK", "assessment-reports")
	t.Setenv("STANDARDBOT_GOVUK_URL", site.URL)
	if code, out, errOut := c.run("", "index"); code != 0 || !strings.Contains(out, "GOV.UK assessment reports: 5 kept") {
		t.Fatalf("index: exit %d, %s\n%s", code, errOut, out)
	}
	code, out, errOut := c.run("examples 5 beta\nexamples 5 alpha\nexamples 2 live\n", "chat", "--user", "alice")
	if code != 0 {
		t.Fatalf("chat: exit %d: %s", code, errOut)
	}
	parts := strings.Split(out, "What panels said on GOV.UK Service Standard, point 5")
	if len(parts) != 3 {
		t.Fatalf("want two replies of examples 5:\n%s", out)
	}
	betaPart, alphaPart := parts[1], parts[2]
	for _, want := range []string{"at beta", "https://www.gov.uk" + govuktest.ReportToday, "commission a full accessibility audit"} {
		if !strings.Contains(betaPart, want) {
			t.Errorf("examples 5 beta lacks %q:\n%s", want, out)
		}
	}
	for _, want := range []string{"at alpha", "https://www.gov.uk" + govuktest.Report2021, "test the prototype with people who use assistive technology"} {
		if !strings.Contains(alphaPart, want) {
			t.Errorf("examples 5 alpha lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(alphaPart, govuktest.ReportToday) || strings.Contains(betaPart, govuktest.Report2021) {
		t.Errorf("a report of another stage quoted:\n%s", out)
	}
	if !strings.Contains(out, "None of the 5 published reports kept says anything on") {
		t.Errorf("examples 2 live:\n%s", out)
	}
}
