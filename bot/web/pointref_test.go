package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/a11ytest"
)

// TestWalesPagesShowOfficialNumbers: a Wales project's page and report
// show each point by its official number (2.1), in the points, the
// actions and the history, while the store keeps 1 to 12.
func TestWalesPagesShowOfficialNumbers(t *testing.T) {
	h := newHarness(t, nil)
	b := checklist.Binding{Platform: chat, Team: "T1", Channel: "CW"}
	p := &checklist.Project{Name: "Apply for a bus pass", Workspace: b.Workspace(), Standard: "wales", Points: 12, Phase: checklist.Beta,
		TimeZone: "Europe/London", Bindings: []checklist.Binding{b}, CreatedBy: "Alice Example"}
	ctx := context.Background()
	if err := h.store.CreateProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	bea := checklist.Person{ID: "U-BEAEXAMPLE", Name: "Bea Example"}
	if _, err := h.store.SetStatus(ctx, p.ID, 6, checklist.Met, "", bea); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.SaveAssessment(ctx, p.ID, &checklist.Assessment{Date: checklist.Date{Year: 2026, Month: 11, Day: 20}, Stage: checklist.StageAlpha,
		Result: checklist.RatingAmber, Standard: "wales", StandardPoints: 12,
		Points: []checklist.PointOutcome{{Point: 7, Rating: checklist.RatingAmber}}}, bea); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.AddAction(ctx, p.ID, 7, "name the team's user researcher", bea); err != nil {
		t.Fatal(err)
	}
	link, _ := h.srv.Project(ctx, p)
	r := h.get(nil, h.path(link.URL))
	if r.code != http.StatusOK {
		t.Fatalf("project page: %d\n%s", r.code, r.body)
	}
	for _, want := range []string{`<span class="num">2.1.</span>`, `<span class="num">3.3.</span>`, `data-label="Point">2.2</td>`, "point 2.1 not-started → met", `<td data-label="Point">2.2</td><td data-label="Title">Have a multidisciplinary team</td>`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("project page lacks %q", want)
		}
	}
	rep, _ := h.srv.Report(ctx, p, nil)
	r = h.get(nil, h.path(rep.URL))
	if r.code != http.StatusOK || !strings.Contains(r.body, `<td class="num" role="cell">2.1</td>`) {
		t.Errorf("report page: %d, want point 2.1:\n%s", r.code, r.body)
	}
	// The refs and group names change the pages' tables: axe-core checks
	// them as it does the GOV.UK sample's (skipped without Chromium, unless
	// CI=true).
	for name, u := range map[string]string{"project": link.URL, "report": rep.URL} {
		t.Run(name, func(t *testing.T) { a11ytest.Check(t, u, 1280, 390) })
	}
}
