package knowledge

import (
	"context"
	"slices"
	"testing"
)

// Questions people type at work that are not about the standards must be
// declined, even when their words are ones the guidance also uses
// ("password", "manager", "apply", "team", "data").
func TestDeclinesWorkplaceQuestions(t *testing.T) {
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	for _, q := range []string{
		"my password expired and now outlook wont let me in",
		"who do I ask about getting a second monitor",
		"can I carry over leave into next year",
		"how do I claim back a taxi fare",
		"how do you archive a board in trello",
		"what's the capital of australia",
		"my manager hasn't signed off my timesheet",
		"hi there",
	} {
		ans, err := a.Answer(context.Background(), Question{Text: q, Standard: "govuk"})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Status != StatusNoAnswer {
			t.Errorf("%q was answered from %q, want no_answer", q, ans.Sources[0].Label)
		}
	}
}

// On-topic questions are answered however they are typed: very short,
// with an abbreviation, or a situation before the question.
func TestAnswersQuestionsAsTyped(t *testing.T) {
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	tests := []struct {
		std, q string
		points []int // any of them
	}{
		{"govuk", "a11y?", []int{5}},
		{"govuk", "ithc before go live?", []int{9}},
		{"govuk", "we rebuilt the whole form in a week after research showed nobody understood the eligibility question. is that the kind of thing the panel wants to hear about", []int{1, 4, 8}},
		{"govuk", "our supplier owns the code. can we still publish it?", []int{12}},
		{"localgov", "what happens to residents if the payments system crashes on the last day for council tax", []int{9}},
		{"localgov", "does the chief exec have to try the service before launch", []int{15}},
	}
	for _, tt := range tests {
		ans, err := a.Answer(context.Background(), Question{Text: tt.q, Standard: tt.std})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Status != StatusAnswered {
			t.Errorf("%q was declined, want an answer citing one of points %v", tt.q, tt.points)
			continue
		}
		found := false
		for _, s := range ans.Sources {
			found = found || (s.Standard == tt.std && slices.Contains(tt.points, s.Point))
		}
		if !found {
			t.Errorf("%q cites %v, want one of points %v among them", tt.q, labels(ans.Sources), tt.points)
		}
	}
}

// The quote shown first holds the words that name the practice asked
// about, not the point's summary.
func TestQuoteNamesThePractice(t *testing.T) {
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	tests := []struct {
		q    string
		want []string // any of them
	}{
		{"is a DPIA needed for private beta", []string{"impact assessment", "DPIA"}},
		{"secrets in git - how do we handle them", []string{"secret"}},
		{"when should the pen test happen", []string{"penetration", "pen test"}},
		{"do we need a cookie banner", []string{"cookie"}},
	}
	for _, tt := range tests {
		ans, err := a.Answer(context.Background(), Question{Text: tt.q, Standard: "govuk"})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Status != StatusAnswered {
			t.Errorf("%q declined", tt.q)
			continue
		}
		if !holdsAny(ans.Sources[0].Snippet, tt.want) {
			t.Errorf("%q: first quote %q lacks %q", tt.q, ans.Sources[0].Snippet, tt.want)
		}
	}
}

func labels(ss []Source) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Label)
	}
	return out
}
