package bot_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/knowledge"
)

// groupedStandard numbers its twelve points within three groups, as the
// Digital Service Standards for Wales do: 1.1 to 1.5, 2.1 to 2.4, 3.1 to
// 3.3, and 1 to 12 in published order. Its texts are placeholders.
func groupedStandard() *knowledge.Standard {
	s := &knowledge.Standard{ID: "grouped", Name: "Grouped Test Standards", URL: "https://example.gov.uk/grouped"}
	groups := []struct {
		name string
		n    int
	}{{"Meeting user needs", 5}, {"Creating good digital teams", 4}, {"Using the right technology", 3}}
	n := 0
	for g, grp := range groups {
		for i := 1; i <= grp.n; i++ {
			n++
			guide := knowledge.PhaseGuide{LooksFor: fmt.Sprintf("Looks for %d.%d", g+1, i), Prompts: []string{fmt.Sprintf("Prompt %d.%d?", g+1, i)}}
			s.Points = append(s.Points, knowledge.Point{Number: n, Ref: fmt.Sprintf("%d.%d", g+1, i), Group: grp.name,
				Title: fmt.Sprintf("Grouped title %d", n), Summary: fmt.Sprintf("Summary %d.", n),
				URL:    fmt.Sprintf("https://example.gov.uk/grouped/%d-%d", g+1, i),
				Phases: map[knowledge.Phase]knowledge.PhaseGuide{knowledge.Alpha: guide, knowledge.Beta: guide, knowledge.Live: guide}})
		}
	}
	return s
}

// reviewedStandard has no phases, as the Technology Code of Practice: each
// point has what a review looks for instead.
func reviewedStandard() *knowledge.Standard {
	s := &knowledge.Standard{ID: "reviewed", Name: "Reviewed Test Code"}
	for n := 1; n <= 3; n++ {
		s.Points = append(s.Points, knowledge.Point{Number: n, Title: fmt.Sprintf("Reviewed title %d", n), Summary: "Summary.",
			URL:    fmt.Sprintf("https://example.gov.uk/reviewed/%d", n),
			Review: &knowledge.PhaseGuide{LooksFor: fmt.Sprintf("Review looks for %d", n), Prompts: []string{fmt.Sprintf("Review prompt %d?", n)}}})
	}
	return s
}

// refBot is a conversation whose library has the built-in standards and
// the two test ones.
func refBot(t *testing.T) *bottest.Bot {
	t.Helper()
	stds, m, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := knowledge.NewLibrary(m, append(stds, groupedStandard(), reviewedStandard())...)
	if err != nil {
		t.Fatal(err)
	}
	b := bottest.NewBot(t)
	b.Core.Library = lib
	return b
}

func TestGroupedNumberingInChat(t *testing.T) {
	b := refBot(t)
	b.Expect("project new Apply for a permit standard grouped", `Created project "Apply for a permit"`, "(12 points)")
	b.Expect("mark 2.1 met", "Point 2.1 (Grouped title 6) is now met")
	b.Expect("mark 6 partly still hiring", "Point 2.1 (Grouped title 6) is now partly", "still hiring")
	for _, bad := range []string{"4.1", "1.9", "13", "0"} {
		got := b.Expect("mark "+bad+" met", "grouped has points 1.1 to 1.5, 2.1 to 2.4, 3.1 to 3.3 (or 1 to 12 in published order), so "+bad+" is not one of them")
		if strings.Count(strings.TrimSpace(got), "\n") > 0 {
			t.Errorf("mark %s: want one line, got:\n%s", bad, got)
		}
	}
	b.Expect("status 2.1", "Apply for a permit, point 2.1: Grouped title 6", "partly", "mark 2.1 met|partly")
	b.Expect("evidence 2.1 https://example.gov.uk/org-chart", "Added evidence to point 2.1 (Grouped title 6)")
	b.Expect("note 3.3 hosting agreed", "Added note to point 3.3 (Grouped title 12)")
	b.Expect("history 2.1", "History of point 2.1 (Grouped title 6)", "point 2.1 not-started → met", "point 2.1 met → partly")
	b.Expect("status", "🟡 2.1. Grouped title 6: partly (1 evidence)", "⚪ 1.1. Grouped title 1: not-started", "⚪ 3.3. Grouped title 12",
		"Outstanding, most urgent first: 1.1 (not-started), 1.2 (not-started)", "3.3 (not-started), 2.1 (partly)")
	b.Expect("status 4.1", "so 4.1 is not one of them")
	b.Expect("mark 2.1.1 met", `"2.1.1" is not one of them`)
	b.Expect("assessment result amber 2026-11-20", "amber")
	b.Expect("action 2.4 publish the team's roles", "on point 2.4 (Grouped title 9)")
	b.Expect("actions", "point 2.4 (Grouped title 9): publish the team's roles")
	b.Expect("rate 3.1 amber", "Point 3.1 (Grouped title 10) is rated amber")
	// Read as the command (no reports are kept in this test), not a question.
	b.Expect("examples 2.1", "Examples come from GOV.UK's published assessment reports")
	b.Expect("examples 4.1", "grouped has points 1.1 to 1.5", "so 4.1 is not one of them")
	b.Expect("point 2.1", "Grouped Test Standards, point 2.1 (Creating good digital teams): Grouped title 6", "Official page")
	b.Expect("point 6", "point 2.1 (Creating good digital teams): Grouped title 6")
	b.Expect("point 1.9", "grouped has points 1.1 to 1.5, 2.1 to 2.4, 3.1 to 3.3 (or 1 to 12 in published order), not 1.9")
	b.Expect("checklist", "point 1.1 (Meeting user needs): Grouped title 1", "Reply with: mark 1.1 met", "note 1.1 TEXT")
	b.Expect("met", "Point 1.1 (Grouped title 1) is now met", "point 1.2 (Meeting user needs): Grouped title 2")
	b.Expect("stop", "Stopped")
	b.Expect("report", "1.2. Grouped title 2: not-started", "Met but with no evidence recorded: points 1.1")
	b.Expect("help", "Grouped Test Standards number their points within groups: 1.1 to 1.5, 2.1 to 2.4 and 3.1 to 3.3", "mark 2.1 met and mark 6 met do the same", "point 2.1 grouped")
}

func TestGroupedNumberingWithoutProject(t *testing.T) {
	b := refBot(t)
	b.Expect("point 2.1 grouped", "point 2.1 (Creating good digital teams): Grouped title 6", "https://example.gov.uk/grouped/2-1")
	b.Expect("point grouped 3.3", "point 3.3 (Using the right technology): Grouped title 12")
	b.Expect("point 2.1 govuk", "govuk has points 1 to 14, not 2.1")
	b.Expect("project new Plain", "Created project")
	b.Expect("mark 2.1 met", "govuk has points 1 to 14, so 2.1 is not one of them")
	b.Expect("mark 5 met", "Point 5 (Make sure everyone can use the service) is now met")
}

func TestReviewedStandardSaysReviewNotPanel(t *testing.T) {
	b := refBot(t)
	got := b.Expect("point 2 reviewed", "Reviewed title 2", "In a spend control or technology review", "Review looks for 2")
	for _, bad := range []string{"At alpha", "At beta", "At live"} {
		if strings.Contains(got, bad) {
			t.Errorf("point 2 reviewed shows %q:\n%s", bad, got)
		}
	}
	if strings.Count(got, "Review looks for 2") != 1 {
		t.Errorf("the review is shown more than once:\n%s", got)
	}
	b.Expect("project new Buy a platform standard reviewed", "(3 points)")
	got = b.Expect("checklist", "In a spend control or technology review", "Review prompt 1?")
	if strings.Contains(got, "panel looks for") {
		t.Errorf("the walk speaks of a panel:\n%s", got)
	}
}

func TestGroupedNumberingInReports(t *testing.T) {
	b := refBot(t)
	b.Expect("project new Permit standard grouped", "Created project")
	b.Expect("mark 2.1 met", "now met")
	b.Expect("assessment result amber 2026-11-20", "amber")
	b.Expect("action 3.2 show the data", "on point 3.2")
	ctx := context.Background()
	p, err := b.Core.Store.ProjectByName(ctx, "", "Permit")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := bot.FullReport(ctx, b.Core.Store, p, b.Core.Library, bottest.Now)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"markdown": {"| 2.1 | Grouped title 6 | met |", "| 1.1 | Grouped title 1 | not-started |", "Outstanding, most urgent first: 1.1, 1.2", "| 3.2 | show the data |"},
		"json":     {`"point": 6,`, `"ref": "2.1",`, `"point": 11,`, `"ref": "3.2"`},
		"csv":      {`"ref"`, `"6","Grouped title 6","met"`, `"2.1"`},
		"html":     {`<td class="num" role="cell">2.1</td>`, `data-label="Point">3.2</td>`},
	}
	for format, wants := range want {
		var buf bytes.Buffer
		if err := rep.Write(&buf, format); err != nil {
			t.Fatal(err)
		}
		for _, w := range wants {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%s report lacks %q:\n%s", format, w, buf.String())
			}
		}
	}
}
