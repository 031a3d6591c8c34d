package web

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/a11ytest"
)

// sample fills the harness with what a team's months of work leave: a
// project with statuses, notes, evidence, an assessment with ratings,
// actions open, overdue and closed, and others for the portfolio.
func (h *harness) sample() *checklist.Project {
	h.t.Helper()
	ctx := context.Background()
	must := func(_ any, err error) {
		h.t.Helper()
		if err != nil {
			h.t.Fatal(err)
		}
	}
	end := h.clock()
	h.advance(-150 * 24 * time.Hour)
	p := h.project("Apply for a Blue Badge", "T1", "C1", checklist.Beta)
	// Months of work: a point or two a fortnight.
	for i, step := range []struct {
		point  int
		status checklist.Status
	}{{1, checklist.Partly}, {2, checklist.Met}, {1, checklist.Met}, {6, checklist.Met}, {3, checklist.Partly}, {12, checklist.NA},
		{5, checklist.Partly}, {4, checklist.NotMet}, {7, checklist.Partly}, {8, checklist.Met}, {7, checklist.Met}} {
		h.advance(time.Duration(9+i%4) * 24 * time.Hour)
		must(h.store.SetStatus(ctx, p.ID, step.point, step.status, "", checklist.Person{ID: "U-PRIYASHAH", Name: "Priya Shah"}))
	}
	must(h.store.AddEvidence(ctx, p.ID, 1, "https://example.gov.uk/blue-badge/user-research-round-4-findings-and-recommendations", checklist.Person{ID: "U-PRIYASHAH", Name: "Priya Shah"}))
	must(h.store.AddNote(ctx, p.ID, 5, "Accessibility audit booked with the Digital Accessibility Centre for 3 March; the date picker fails WCAG 2.2 target size", checklist.Person{ID: "U-TOMOKAFOR", Name: "Tom Okafor"}))
	must(h.store.SaveAssessment(ctx, p.ID, &checklist.Assessment{Date: checklist.Date{Year: 2026, Month: 7, Day: 14}, Stage: checklist.StageAlpha, Result: checklist.RatingAmber,
		Standard: "govuk", StandardPoints: 14, Points: []checklist.PointOutcome{
			{Point: 5, Rating: checklist.RatingAmber, Explore: []string{"Test the journey with users of assistive technology"}},
			{Point: 9, Rating: checklist.RatingAmber, Explore: []string{"Complete a DPIA before private beta"}},
		}}, checklist.Person{ID: "U-PRIYASHAH", Name: "Priya Shah"}))
	acts, err := h.store.OpenActions(ctx, p.ID)
	must(acts, err)
	must(h.store.CloseAction(ctx, p.ID, acts[1].ID, "https://example.gov.uk/blue-badge/dpia", checklist.Person{ID: "U-TOMOKAFOR", Name: "Tom Okafor"}))
	next := checklist.Date{Year: 2027, Month: 1, Day: 20}
	must(h.store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Assessment: &next}, checklist.Person{ID: "U-PRIYASHAH", Name: "Priya Shah"}))
	h.mu.Lock()
	h.now = end
	h.mu.Unlock()
	h.project("Renew a fishing licence", "T1", "C2", checklist.Alpha)
	h.project("Register a death", "T1", "C3", checklist.Live)
	old := h.project("Claim a parking permit (pilot)", "T1", "C4", checklist.Alpha)
	archived := true
	must(h.store.UpdateProject(ctx, old.ID, checklist.ProjectUpdate{Archived: &archived}, checklist.Person{ID: "U-PRIYASHAH", Name: "Priya Shah"}))
	h.members.public["C1"], h.members.public["C2"], h.members.public["C3"], h.members.public["C4"] = true, true, true, true
	return p
}

// asViewer serves the site to a browser that has signed in as v: a
// proxy that adds the session cookie to every request (Chromium, driven
// by a11ytest, carries none of its own).
func (h *harness) asViewer(v Viewer) string {
	h.t.Helper()
	rec := httptest.NewRecorder()
	if err := h.srv.startSession(rec, v); err != nil {
		h.t.Fatal(err)
	}
	cookie := rec.Result().Cookies()[0]
	target, _ := url.Parse(h.http.URL)
	rp := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.AddCookie(cookie)
		rp.ServeHTTP(w, r)
	}))
	h.t.Cleanup(proxy.Close)
	return proxy.URL
}

// pages are the pages to check, by name: the project page by its signed
// link, the portfolio and the sign-in page signed in or not, and a
// refused link's page.
func (h *harness) pages(p *checklist.Project) map[string]string {
	h.t.Helper()
	project, _ := h.srv.Project(context.Background(), p)
	report, _ := h.srv.Report(context.Background(), p, nil)
	signedIn := h.asViewer(Viewer{Platform: chat, Team: "T1", User: "U1", Name: "Priya Shah"})
	return map[string]string{
		"project":   project.URL,
		"report":    report.URL,
		"portfolio": signedIn + "/portfolio?sort=ready&dir=desc",
		"signin":    h.http.URL + "/signin?next=/portfolio",
		"refused":   h.http.URL + "/report/1?exp=1&sig=forged",
	}
}

// TestPagesAccessible runs axe-core (WCAG 2.2 A and AA) on every page at
// 1280 and 390 px: no violation, and nothing scrolls sideways.
func TestPagesAccessible(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.Providers = []Provider{{Platform: chat, Label: "Chat", Issuer: "https://op.example", ClientID: "c", ClientSecret: "s", Identity: identity}}
	})
	for name, u := range h.pages(h.sample()) {
		t.Run(name, func(t *testing.T) {
			res := a11ytest.Check(t, u, 1280, 390)
			for _, run := range res.Runs {
				t.Logf("%d px: %d violations, %d rules passed, %d px wide", run.Width, len(run.Violations), run.Passes, run.ScrollWidth)
			}
		})
	}
}

// TestPagesPrintOnA4: Chromium prints the project page and the
// portfolio on A4 (595 by 842 points), not its default US Letter.
func TestPagesPrintOnA4(t *testing.T) {
	h := newHarness(t, nil)
	pages := h.pages(h.sample())
	for _, name := range []string{"project", "portfolio"} {
		path := filepath.Join(t.TempDir(), name+".pdf")
		a11ytest.PDF(t, pages[name], path)
		pdf, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`).FindSubmatch(pdf)
		if m == nil {
			t.Fatalf("%s: no page size in the PDF", name)
		}
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		ht, _ := strconv.ParseFloat(string(m[2]), 64)
		if math.Abs(w-595.3) > 1 || math.Abs(ht-841.9) > 1 {
			t.Errorf("%s prints on %.1f by %.1f points, want A4 (595.3 by 841.9)", name, w, ht)
		}
	}
}

// TestPagesScreenshots writes the pages' screenshots for docs: run with
// STANDARDBOT_SCREENSHOTS=docs/screenshots (relative to the repository
// root) to refresh them. Without it the test skips, so a normal run
// writes nothing into the repository.
func TestPagesScreenshots(t *testing.T) {
	dir := os.Getenv("STANDARDBOT_SCREENSHOTS")
	if dir == "" {
		t.Skip("set STANDARDBOT_SCREENSHOTS=docs/screenshots to write the pages' screenshots")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", "..", dir)
	}
	h := newHarness(t, func(c *Config) {
		c.Providers = []Provider{{Platform: chat, Label: "Slack", Issuer: "https://op.example", ClientID: "c", ClientSecret: "s", Identity: identity},
			{Platform: "other", Label: "Microsoft", Issuer: "https://op2.example", ClientID: "c", ClientSecret: "s", Identity: identity}}
	})
	pages := h.pages(h.sample())
	for _, s := range []struct {
		page          string
		width, height int
	}{{"project", 1280, 3000}, {"project", 390, 6400}, {"portfolio", 1280, 800}, {"portfolio", 390, 2200}, {"signin", 1280, 700}, {"signin", 390, 900}} {
		a11ytest.Screenshot(t, pages[s.page], s.width, s.height, filepath.Join(dir, s.page+"-"+strconv.Itoa(s.width)+".png"))
	}
}
