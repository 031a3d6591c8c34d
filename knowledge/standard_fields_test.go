package knowledge

import (
	"strings"
	"testing"
)

func TestGuideFallsBackToReviewWithoutPhases(t *testing.T) {
	p := Point{Number: 1, Title: "Define user needs", Review: &PhaseGuide{LooksFor: "evidence of needs", Prompts: []string{"Who are the users?"}}}
	for _, ph := range []Phase{Discovery, Alpha, Beta, Live} {
		g, ok := p.Guide(ph)
		if !ok || g.LooksFor != "evidence of needs" {
			t.Fatalf("Guide(%s) = %+v, %v; want the review guidance", ph, g, ok)
		}
	}
	doc := pointDoc(&Standard{ID: "x", Name: "X"}, p)
	if !strings.Contains(doc.Prompts, "Who are the users?") {
		t.Fatalf("review prompts not indexed: %q", doc.Prompts)
	}
}

func TestValidateRefusesPhasesAndReviewTogether(t *testing.T) {
	s := &Standard{ID: "x", Name: "X", Points: []Point{{Number: 1, Title: "T",
		Phases: map[Phase]PhaseGuide{Alpha: {LooksFor: "a"}}, Review: &PhaseGuide{LooksFor: "r"}}}}
	if err := s.validate(); err == nil || !strings.Contains(err.Error(), "both phases and review") {
		t.Fatalf("validate = %v, want a refusal naming both", err)
	}
}

// What a review looks for is quoted, as what a panel looks for at a phase
// is: a question about it is answered from the review's words.
func TestAnswerQuotesTheReview(t *testing.T) {
	s := &Standard{ID: "rev", Name: "Reviewed code", Points: []Point{
		{Number: 1, Title: "Host in the cloud", Summary: "Choose hosting that fits the need.",
			Guidance: "Public cloud suits most services.",
			Review:   &PhaseGuide{LooksFor: "Reviewers want an exit strategy that keeps supplier lock-in small and a migration plan with costs."}},
		{Number: 2, Title: "Buy well", Summary: "Choose a route to market.", Guidance: "Talk to commercial colleagues early.",
			Review: &PhaseGuide{LooksFor: "Reviewers want commercial colleagues involved from the start."}},
	}}
	lib, err := NewLibrary(nil, s)
	if err != nil {
		t.Fatal(err)
	}
	a := &Answerer{Index: testIndex(t, lib, nil)}
	ans, err := a.Answer(t.Context(), Question{Text: "what exit strategy and migration plan do reviewers want for cloud hosting", Standard: "rev"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Sources) == 0 || ans.Sources[0].Point != 1 {
		t.Fatalf("sources = %+v, want point 1 first", ans.Sources)
	}
	if got := ans.Sources[0].Snippet; !strings.HasPrefix(got, "Reviewers want an exit strategy") {
		t.Fatalf("quote = %q, want what the review looks for", got)
	}
}
