package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
	manual "github.com/standardbot/standardbot/knowledge/govuk"
)

const (
	pentestGuide  = "/service-manual/technology/vulnerability-and-penetration-testing"
	pentestAnchor = "#commissioning-an-it-health-check"
	// pentestQuestion is answered from the pen testing guide's section on
	// IT health checks.
	pentestQuestion = "how do we agree the scope of an IT health check with the CHECK tester?"
	userAgent       = "standardbot/dev (+https://github.com/standardbot/standardbot)"
)

// withGOVUK makes a cli whose GOV.UK is the fake site.
func withGOVUK(t *testing.T, site *govuktest.Site) *cli {
	c := newCLI(t)
	t.Setenv("STANDARDBOT_GOVUK", "service-manual,bank-holidays")
	t.Setenv("STANDARDBOT_GOVUK_URL", site.URL)
	return c
}

// answerJSON is the part of `ask --json` these tests read.
type answerJSON struct {
	Status  string
	Sources []struct {
		Title, Heading, URL, Snippet string
		Point                        int
		Supports                     []struct {
			Standard string
			Point    int
		}
	}
}

func (c *cli) ask(question string) (answerJSON, string) {
	c.t.Helper()
	code, out, errOut := c.run("", "ask", "--json", question)
	if code != 0 {
		c.t.Fatalf("ask: exit %d: %s", code, errOut)
	}
	var a answerJSON
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		c.t.Fatalf("ask --json: %v\n%s", err, out)
	}
	return a, out
}

// citesPentestGuide checks an answer cites the pen testing guide's health
// check section at www.gov.uk, supporting point 9.
func citesPentestGuide(t *testing.T, a answerJSON, raw string) {
	t.Helper()
	point := false
	for _, s := range a.Sources {
		point = point || s.Point == 9
	}
	if !point {
		t.Errorf("the answer does not name point 9, which the guide supports:\n%s", raw)
	}
	if !strings.Contains(raw, "GOV.UK Service Manual: Vulnerability and penetration testing") || !strings.Contains(raw, "helps meet GOV.UK Service Standard point 9") {
		t.Errorf("the answer does not cite the guide as the Service Manual's, helping meet point 9:\n%s", raw)
	}
	for _, s := range a.Sources {
		if s.URL == govuktest.GuideURL(pentestGuide)+pentestAnchor {
			if s.Title != "Vulnerability and penetration testing" || s.Point != 0 || len(s.Supports) != 1 || s.Supports[0].Standard != "govuk" || s.Supports[0].Point != 9 {
				t.Errorf("the guide's source = %+v, want the guide supporting govuk point 9", s)
			}
			return
		}
	}
	t.Errorf("the answer does not cite %s%s:\n%s", govuktest.GuideURL(pentestGuide), pentestAnchor, raw)
}

func paths(rs []govuktest.Request) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Path)
	}
	slices.Sort(out)
	return out
}

// treeRequests are the requests that read the manual's contents, and the
// bank holidays.
var treeRequests = []string{"/api/content/service-manual", "/api/content/service-manual/service-standard",
	"/api/content/service-manual/technology", "/api/content/service-manual/user-research", "/bank-holidays.json"}

func TestIndexFetchesTheManualPolitelyAndAnswersFromIt(t *testing.T) {
	site := govuktest.NewSite(t)
	c := withGOVUK(t, site)
	code, out, errOut := c.run("", "index")
	if code != 0 {
		t.Fatalf("index: exit %d: %s", code, errOut)
	}
	guides := site.Guides()
	for _, want := range []string{
		fmt.Sprintf("GOV.UK Service Manual: %d guides kept; %d fetched, 0 unchanged", len(guides), len(guides)),
		"Bank holidays: fetched from GOV.UK.",
		fmt.Sprintf("and %d Service Manual guides", len(guides)),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("index output lacks %q:\n%s", want, out)
		}
	}
	reqs := site.Requests()
	want := append([]string(nil), treeRequests...)
	for _, g := range guides {
		want = append(want, "/api/content"+g)
	}
	slices.Sort(want)
	if got := paths(reqs); !slices.Equal(got, want) {
		t.Errorf("requested\n%v\nwant every guide once and the tree\n%v", got, want)
	}
	for i, r := range reqs {
		if r.UserAgent != userAgent {
			t.Errorf("request %d User-Agent %q, want %q", i, r.UserAgent, userAgent)
		}
		if i >= 5 {
			if d := r.At.Sub(reqs[i-5].At); d < 980*time.Millisecond {
				t.Errorf("requests %d to %d arrived within %s: more than 5 a second", i-5, i, d)
			}
		}
	}

	a, raw := c.ask(pentestQuestion)
	citesPentestGuide(t, a, raw)

	// GOV.UK gone, the same answer comes from the kept copy.
	site.Close()
	if _, again := c.ask(pentestQuestion); again != raw {
		t.Errorf("with the fixture server stopped the answer changed:\n%s\nwas\n%s", again, raw)
	}
}

func TestSecondIndexFetchesOnlyTheTree(t *testing.T) {
	site := govuktest.NewSite(t)
	c := withGOVUK(t, site)
	if code, _, errOut := c.run("", "index"); code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	site.Reset()
	code, out, errOut := c.run("", "index")
	if code != 0 {
		t.Fatalf("second index: %s", errOut)
	}
	if got := paths(site.Requests()); !slices.Equal(got, treeRequests) {
		t.Errorf("second index requested %v, want only %v", got, treeRequests)
	}
	if !strings.Contains(out, fmt.Sprintf("0 fetched, %d unchanged", len(site.Guides()))) || !strings.Contains(out, "Index up to date (reopened)") {
		t.Errorf("second index output:\n%s", out)
	}
}

func TestIndexNamesAGuideItCouldNotFetchAndKeepsItsCopy(t *testing.T) {
	site := govuktest.NewSite(t)
	c := withGOVUK(t, site)
	if code, _, errOut := c.run("", "index"); code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	site.Revise(pentestGuide, "Fixture revision that cannot be fetched.")
	site.Fail(pentestGuide, http.StatusNotFound, -1, "")
	code, out, errOut := c.run("", "index")
	if code != 0 {
		t.Fatalf("index: exit %d: %s", code, errOut)
	}
	var failed []string
	for line := range strings.Lines(out) {
		if strings.Contains(line, "Vulnerability and penetration testing") {
			failed = append(failed, line)
		}
	}
	if len(failed) != 1 || failed[0] != "Could not fetch 1 guide: Vulnerability and penetration testing (HTTP 404, kept from the last copy).\n" {
		t.Errorf("want one line naming the guide, got %q in:\n%s", failed, out)
	}
	a, raw := c.ask(pentestQuestion)
	citesPentestGuide(t, a, raw)
}

func TestIndexWithGOVUKUnreachable(t *testing.T) {
	site := govuktest.NewSite(t)
	c := withGOVUK(t, site)
	if code, _, errOut := c.run("", "index"); code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	site.Close()
	// That a refused connection is not retried is internal/govuk's
	// TestUnreachable, without a stopwatch on this machine's indexing.
	code, out, errOut := c.run("", "index")
	if code != 0 {
		t.Fatalf("index with GOV.UK unreachable: exit %d: %s", code, errOut)
	}
	var lines []string
	for line := range strings.Lines(errOut) {
		if strings.Contains(line, "GOV.UK unreachable") {
			lines = append(lines, line)
		}
	}
	if len(lines) != 1 || !strings.Contains(lines[0], "indexing the Service Manual kept on") {
		t.Errorf("want one line saying GOV.UK is unreachable and what is indexed, got:\n%s", errOut)
	}
	if !strings.Contains(out, "Index up to date") {
		t.Errorf("the index was not kept:\n%s", out)
	}
}

func TestIndexKeepsBankHolidaysForStandups(t *testing.T) {
	site := govuktest.NewSite(t)
	c := withGOVUK(t, site)
	if code, _, errOut := c.run("", "index"); code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	cfg, err := loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	g, err := newGovUKKeeper(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { checklist.SetBankHolidays(nil) })
	g.applyHolidays()
	if got := checklist.BankHoliday(checklist.EnglandAndWales, checklist.Date{Year: 2029, Month: 12, Day: 25}); got != "Christmas Day" {
		t.Errorf("Christmas 2029 = %q: the fetched list is not used", got)
	}
	if got := checklist.BankHoliday(checklist.EnglandAndWales, checklist.Date{Year: 2026, Month: 12, Day: 28}); got == "" {
		t.Error("a year GOV.UK's list does not cover lost its built-in holidays")
	}
}

func TestGovUKOffFetchesNothing(t *testing.T) {
	site := govuktest.NewSite(t)
	c := withGOVUK(t, site)
	t.Setenv("STANDARDBOT_GOVUK", "off")
	code, out, errOut := c.run("", "index")
	if code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	if n := len(site.Requests()); n != 0 || strings.Contains(out, "Service Manual") {
		t.Errorf("with STANDARDBOT_GOVUK=off: %d requests, output:\n%s", n, out)
	}
	if _, err := os.Stat(filepath.Join(c.dataDir(), "govuk")); !os.IsNotExist(err) {
		t.Error("something was kept from GOV.UK")
	}
}

func (c *cli) dataDir() string { return os.Getenv("STANDARDBOT_DATA_DIR") }

func TestGovUKConfig(t *testing.T) {
	tests := []struct {
		what, url string
		want      GovUKConfig
		err       string
	}{
		{what: defaultGovUK, url: "https://www.gov.uk", want: GovUKConfig{ServiceManual: true, BankHolidays: true, URL: "https://www.gov.uk"}},
		{what: "off", url: "https://www.gov.uk", want: GovUKConfig{URL: "https://www.gov.uk"}},
		{what: " Bank-Holidays ", url: "http://proxy.internal:8080/", want: GovUKConfig{BankHolidays: true, URL: "http://proxy.internal:8080"}},
		{what: "service-manual,assessment-reports", url: "https://www.gov.uk", want: GovUKConfig{ServiceManual: true, AssessmentReports: true, URL: "https://www.gov.uk"}},
		{what: "service-manual,guides", url: "https://www.gov.uk", err: `STANDARDBOT_GOVUK="service-manual,guides": unknown word "guides"`},
		{what: "off,bank-holidays", url: "https://www.gov.uk", err: "STANDARDBOT_GOVUK="},
		{what: "off", url: "www.gov.uk", err: `STANDARDBOT_GOVUK_URL="www.gov.uk" is not an http(s) URL`},
		{what: "off", url: "ftp://www.gov.uk", err: "STANDARDBOT_GOVUK_URL="},
	}
	for _, tc := range tests {
		got, err := parseGovUK(tc.what, tc.url)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err) || strings.Contains(err.Error(), "\n")):
			t.Errorf("parseGovUK(%q, %q) error = %v, want one line containing %q", tc.what, tc.url, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("parseGovUK(%q, %q) = %+v, %v, want %+v", tc.what, tc.url, got, err, tc.want)
		}
	}
	// Through the command: a bad value is a usage error naming the variable.
	c := newCLI(t)
	t.Setenv("STANDARDBOT_GOVUK", "manual")
	if code, _, errOut := c.run("", "standards"); code != 2 || !strings.Contains(errOut, "STANDARDBOT_GOVUK") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestAskAndEvalNeverFetch(t *testing.T) {
	site := govuktest.NewSite(t)
	c := withGOVUK(t, site)
	c.ask("how do we make our service accessible?")
	if code, _, errOut := c.run("", "eval", c.testdata("questions.jsonl"), "--standard", "govuk"); code != 0 {
		t.Fatalf("eval: %s", errOut)
	}
	if n := len(site.Requests()); n != 0 {
		t.Errorf("ask and eval made %d requests to GOV.UK", n)
	}
}

// TestKilledIndexLeavesTheKeptCopyReadable kills `standardbot index` part
// way through fetching revised guides: the copy it leaves reads whole.
func TestKilledIndexLeavesTheKeptCopyReadable(t *testing.T) {
	bin := buildBinary(t)
	site := govuktest.NewSite(t)
	c := withGOVUK(t, site)
	if code, _, errOut := c.run("", "index"); code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	for _, g := range site.Guides() {
		site.Revise(g, "Fixture revision, fetched before the kill or not.")
	}
	site.Reset()
	site.Slow(150 * time.Millisecond)
	cmd := exec.Command(bin, "index")
	cmd.Dir = t.TempDir()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); len(guideRequests(site)) < 3; {
		if time.Now().After(deadline) {
			t.Fatal("the fetch did not reach the guides")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	site.Slow(0)

	kept, err := manual.Load(filepath.Join(c.dataDir(), "govuk", "service-manual"))
	if err != nil || kept.Guides != len(site.Guides()) || len(kept.Unreadable) != 0 {
		t.Fatalf("after the kill: %v, %d guides, unreadable %v", err, kept.Guides, kept.Unreadable)
	}
	a, raw := c.ask(pentestQuestion)
	citesPentestGuide(t, a, raw)
	// The next index finishes the job.
	site.Reset()
	code, out, errOut := c.run("", "index")
	if code != 0 || !strings.Contains(out, "fetched") {
		t.Fatalf("index after the kill: exit %d\n%s%s", code, out, errOut)
	}
	// Two guides at least were kept before the third was asked for, and
	// are not fetched again.
	if n := len(guideRequests(site)); n > len(site.Guides())-2 {
		t.Errorf("after the kill, the next index fetched %d of %d guides again", n, len(site.Guides()))
	}
}
