package reports

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/checklist"
	contentapi "github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
)

func TestParseURL(t *testing.T) {
	good := map[string]string{
		"https://www.gov.uk/service-standard-reports/apply-for-a-river-permit-beta":              govuktest.ReportToday,
		"  <https://www.gov.uk/service-standard-reports/apply-for-a-river-permit-beta>  ":        govuktest.ReportToday,
		"<https://www.gov.uk/service-standard-reports/apply-for-a-river-permit-beta|the report>": govuktest.ReportToday,
		"http://gov.uk/service-standard-reports/apply-for-a-river-permit-beta/":                  govuktest.ReportToday,
		"https://WWW.GOV.UK/service-standard-reports/apply-for-a-river-permit-beta?x=1#point-5":  govuktest.ReportToday,
	}
	for in, want := range good {
		if got, err := ParseURL(in); err != nil || got != want {
			t.Errorf("ParseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := map[string]string{
		"":                              "is not a web address",
		"apply-for-a-river-permit-beta": "is not a web address",
		"ftp://www.gov.uk/service-standard-reports/x":                                "is not a web address",
		"https://www.gov.uk/service-standard-reports/a b":                            "is not a web address",
		"https://example.com/service-standard-reports/apply-for-a-river-permit-beta": "that one is on example.com",
		"https://www.gov.uk.example.com/service-standard-reports/x":                  "that one is on www.gov.uk.example.com",
		"https://www.gov.uk/service-manual/service-standard":                         "not a service assessment report",
		"https://www.gov.uk/service-standard-reports-old/x":                          "not a service assessment report",
		"https://www.gov.uk/service-standard-reports":                                "GOV.UK's list of reports",
		"https://www.gov.uk/service-standard-reports/Apply_For":                      "lower case letters, digits and hyphens",
		"https://www.gov.uk/service-standard-reports/a/b":                            "lower case letters, digits and hyphens",
		"https://www.gov.uk/service-standard-reports/..%2f..%2fservice-manual":       "lower case letters, digits and hyphens",
	}
	for in, says := range bad {
		_, err := ParseURL(in)
		var e *checklist.Error
		if checklist.ErrorCode(err) != checklist.EINVALID || !strings.Contains(err.Error(), says) {
			t.Errorf("ParseURL(%q) = %v, want EINVALID saying %q", in, err, says)
			continue
		}
		if e, _ = err.(*checklist.Error); strings.Contains(e.UserMessage(), "\n") {
			t.Errorf("ParseURL(%q): the message is more than one line", in)
		}
	}
}

func newClient(t *testing.T, base string) *contentapi.Client {
	t.Helper()
	c, err := contentapi.New(contentapi.Options{BaseURL: base, Version: "test", Rate: 1000, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestFetchReadsThroughTheContentAPI(t *testing.T) {
	site := govuktest.NewReportSite(t)
	a, err := Fetch(context.Background(), newClient(t, site.URL), "<https://www.gov.uk/service-standard-reports/register-a-fishing-boat-alpha>")
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "https://www.gov.uk"+govuktest.Report2021 || a.Result != checklist.RatingNotMet || len(a.Points) != 14 {
		t.Errorf("fetched %s: result %q, %d points", a.Source, a.Result, len(a.Points))
	}
	if got := site.Requests(); len(got) != 1 || got[0] != "/api/content"+govuktest.Report2021 {
		t.Errorf("requests %q, want the report's Content API path only", got)
	}
}

func TestFetchSaysWhyInOneLine(t *testing.T) {
	site := govuktest.NewReportSite(t)
	site.Fail("/api/content/service-standard-reports/busy", http.StatusServiceUnavailable, -1)
	down := govuktest.NewReportSite(t)
	downURL := down.URL
	down.Close()
	tests := []struct {
		name, base, addr, code, says string
	}{
		{"malformed", site.URL, "www dot gov dot uk", checklist.EINVALID, "not a web address"},
		{"not a report's address", site.URL, "https://www.gov.uk/service-manual/agile-delivery", checklist.EINVALID, "not a service assessment report"},
		{"no such report", site.URL, "https://www.gov.uk/service-standard-reports/no-such-report", checklist.ENOTFOUND, "GOV.UK has no report at that address (HTTP 404)"},
		{"not a report", site.URL, "https://www.gov.uk" + govuktest.NotAReport, checklist.EINVALID, "is a service manual guide, not a service assessment report"},
		{"GOV.UK failing", site.URL, "https://www.gov.uk/service-standard-reports/busy", checklist.EINTERNAL, "GOV.UK answered HTTP 503"},
		{"unreachable", downURL, "https://www.gov.uk" + govuktest.ReportToday, checklist.EINTERNAL, "GOV.UK could not be reached"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Fetch(context.Background(), newClient(t, tc.base), tc.addr)
			if a != nil || checklist.ErrorCode(err) != tc.code || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("Fetch = %v, %v; want %s saying %q", a, err, tc.code, tc.says)
			}
			var ue interface{ UserMessage() string }
			if !errors.As(err, &ue) || strings.Contains(ue.UserMessage(), "\n") || !strings.Contains(ue.UserMessage(), tc.says) {
				t.Errorf("the user is told %v", err)
			}
		})
	}
}
