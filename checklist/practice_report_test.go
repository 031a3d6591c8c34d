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
