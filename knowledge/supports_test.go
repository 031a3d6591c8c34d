package knowledge

import (
	"context"
	"strings"
	"testing"
)

// An answer from guidance that supports a point names the point too, in
// the question's standard (through the mapping for another standard).
func TestGuidanceBringsInThePointItSupports(t *testing.T) {
	corpus := &Corpus{}
	corpus.AddSections("test", "1", []Section{{
		ID: "guide#kit", Source: "https://www.gov.uk/service-manual/x", Title: "Lanyards and badges",
		Heading: "Choosing a lanyard supplier", URL: "https://www.gov.uk/service-manual/x#kit",
		Text:       "Order lanyards from a framework supplier and check the clip strength. Lanyard colours show which floor a visitor may reach.",
		Collection: "GOV.UK Service Manual",
		Supports:   []PointRef{{Standard: "govuk", Point: 9}},
	}})
	a := &Answerer{Index: testIndex(t, testLibrary(t), corpus), MinTopic: -100, MinTopicCovered: -100}
	for std, want := range map[string]int{"govuk": 9, "localgov": 6} {
		ans, err := a.Answer(context.Background(), Question{Text: "which lanyard clip strength for the security of visitors?", Standard: std})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Status != StatusAnswered || !strings.HasPrefix(ans.Sources[0].Label, "GOV.UK Service Manual: Lanyards and badges: Choosing a lanyard supplier (helps meet GOV.UK Service Standard point 9)") {
			t.Fatalf("%s: got %v, want the guide first, labelled as the manual's", std, labels(ans.Sources))
		}
		found := false
		for _, s := range ans.Sources {
			found = found || (s.Standard == std && s.Point == want)
		}
		if !found {
			t.Errorf("%s: sources %v lack point %d, which the guide supports", std, labels(ans.Sources), want)
		}
	}
}
