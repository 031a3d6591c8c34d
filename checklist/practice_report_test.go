package checklist

import (
	"strings"
	"testing"
)

func TestPracticeRules(t *testing.T) {
	asked := []string{"Who are your users?", "What did you learn?"}
	both := []PracticeAnswer{{Question: asked[0], Answer: "Licence holders."}, {Question: asked[1], Answer: "They renew late."}}
	evidence := []Item{{Text: "https://example.gov.uk/research"}}
	for _, tt := range []struct {
		name    string
		f       PracticeFacts
		rating  Rating
		explore string // a remark to explore, or "" for none at all
	}{
		{"everything answered, met, evidence", PracticeFacts{Status: Met, Asked: asked, Answers: both, Evidence: evidence}, RatingGreen, ""},
		{"no answer", PracticeFacts{Status: Met, Asked: asked, Evidence: evidence}, RatingRed, "Prepare an answer to: Who are your users?"},
		{"not met", PracticeFacts{Status: NotMet, Asked: asked, Answers: both, Evidence: evidence, Notes: []Item{{Text: "no research in Wales"}}}, RatingRed, "The point is not-met"},
		{"no evidence", PracticeFacts{Status: Met, Asked: asked, Answers: both}, RatingAmber, "Record evidence"},
		{"a question passed", PracticeFacts{Status: Met, Asked: asked, Answers: both[:1], Evidence: evidence}, RatingAmber, "Prepare an answer to: What did you learn?"},
		{"an open action", PracticeFacts{Status: Met, Asked: asked, Answers: both, Evidence: evidence, Actions: []string{"Test in Welsh (due 2027-02-20)"}}, RatingAmber, "Close the panel's open action: Test in Welsh"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fb := PracticeRules(tt.f)
			if fb.Rating != tt.rating {
				t.Errorf("rating %s, want %s", fb.Rating, tt.rating)
			}
			if tt.explore == "" && len(fb.Explore) > 0 {
				t.Errorf("to explore %q, want nothing", fb.Explore)
			}
			if tt.explore != "" && (len(fb.Explore) == 0 || !strings.HasPrefix(fb.Explore[0], tt.explore)) {
				t.Errorf("to explore %q, want it to start with %q", fb.Explore, tt.explore)
			}
			if len(tt.f.Answers) > 0 && !strings.Contains(strings.Join(fb.WellDone, "\n"), tt.f.Answers[0].Answer) {
				t.Errorf("done well %q lacks the team's answer", fb.WellDone)
			}
		})
	}
}

// The practice report's CSV ends with the official reference, as the
// readiness report's does: empty for a standard numbered 1 to N, "2.1" for
// a Wales point.
func TestPracticeCSVHasRefs(t *testing.T) {
	r := &PracticeReport{Project: "Apply for a bus pass", Standard: "wales", Phase: Alpha, Points: []PracticePoint{
		{Number: 6, Ref: "2.1", Title: "Have an empowered service owner", Status: Met, Rating: RatingGreen, By: "rules"},
	}}
	var b strings.Builder
	if err := r.CSV(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], `"url","ref"`) || !strings.HasSuffix(lines[1], `,"2.1"`) || !strings.Contains(lines[1], `"6","Have an empowered service owner"`) {
		t.Fatalf("CSV = %q, want a ref column last holding 2.1 beside point 6", b.String())
	}
}
