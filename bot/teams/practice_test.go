package teams

import (
	"strings"
	"testing"
)

// A practice panel in a Teams conversation: the questions one at a time,
// each reply kept, ending in the practice report.
func TestPracticePanelInAConversation(t *testing.T) {
	h := newHarness(t)
	say := func(text string) string {
		t.Helper()
		h.send(h.personal(text))
		got := h.fake.received()
		return got[len(got)-1].text()
	}
	say("project new X")
	if got := say("practice 5"); !strings.Contains(got, "How have you included disabled people") {
		t.Fatalf("the panel's first question:\n%s", got)
	}
	if got := say("The audit found 12 issues and we fixed 10"); !strings.Contains(got, "Kept as the team's practice answer") || !strings.Contains(got, "Question 2 of") {
		t.Errorf("after an answer:\n%s", got)
	}
	var report string
	for range 10 {
		if report = say("skip"); strings.Contains(report, "Practice report") {
			break
		}
	}
	for _, want := range []string{"Practice report: X", "5. Make sure everyone can use the service", "The audit found 12 issues", "What the team needs to explore"} {
		if !strings.Contains(report, want) {
			t.Errorf("the practice report lacks %q:\n%s", want, report)
		}
	}
}
