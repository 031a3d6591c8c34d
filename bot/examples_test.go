package bot_test

import (
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge/panels"
)

// fakeExamples records what it was asked and gives one remark.
type fakeExamples struct {
	std   string
	n     int
	phase checklist.Phase
}

func (f *fakeExamples) Examples(std string, n int, phase checklist.Phase) ([]panels.Remark, int, error) {
	f.std, f.n, f.phase = std, n, phase
	if n == 7 {
		return nil, 5, nil
	}
	r := panels.Remark{Report: "Apply for a river permit beta assessment", URL: "https://www.gov.uk/service-standard-reports/apply-for-a-river-permit-beta",
		Date: checklist.Date{Year: 2025, Month: 2, Day: 11}, Stage: checklist.StageBeta, Standard: "govuk"}
	r.PointOutcome = checklist.PointOutcome{Point: n, Rating: checklist.RatingAmber, WellDone: []string{"tested with screen reader users"}, Explore: []string{"commission a full accessibility audit"}}
	return []panels.Remark{r}, 5, nil
}

// TestExamples: examples N [stage] quotes panels on the point, at the
// project's phase unless a stage is given; without the reports it says
// how to fetch them; a bad point or stage gets one line.
func TestExamples(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("examples 5", "Examples come from GOV.UK's published assessment reports", "STANDARDBOT_GOVUK=service-manual,assessment-reports")
	f := &fakeExamples{}
	b.Core.PanelExamples = f
	b.Expect("examples 5", "What panels said on", "Done well: tested with screen reader users. To explore: commission a full accessibility audit.",
		"Apply for a river permit beta assessment, beta, Tuesday 11 February 2025, point 5 amber", "https://www.gov.uk/service-standard-reports/apply-for-a-river-permit-beta")
	if f.std != "govuk" || f.n != 5 || f.phase != "" {
		t.Errorf("asked for %+v, want govuk 5 at any phase outside a project", f)
	}
	b.Expect("project new Renew a licence", "Created project")
	b.Expect("phase beta", "beta")
	b.Expect("examples 5", "at beta")
	if f.phase != checklist.Beta {
		t.Errorf("asked at %q, want the project's beta", f.phase)
	}
	b.Expect("examples 5 Alpha", "at alpha")
	if f.phase != checklist.Alpha {
		t.Errorf("asked at %q, want alpha", f.phase)
	}
	b.Expect("examples 7", "None of the 5 published reports kept says anything on", "examples 7 alpha|beta|live")
	b.Expect("examples 15", "govuk has points 1 to 14, so 15 is not one of them", "Try: examples 1")
	b.Expect("examples 2.1", "govuk has points 1 to 14, so 2.1 is not one of them")
	b.Expect("examples 5 discovery", `"discovery" is not a stage panels assess`)
	b.Expect("examples", "Which point? Try: examples 5")
	if got := b.Say("examples of good research?"); strings.Contains(got, "Try: examples") || strings.Contains(got, "What panels said") {
		t.Errorf("a question starting with examples taken for the word: %s", got)
	}
}
