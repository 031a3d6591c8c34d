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
