package bot_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// A practice panel through the console: questions for the project's phase
// one at a time, skip, stop, resumed after a restart, ending in a practice
// report with a section per point.
func TestPracticePanelSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	store, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	b := bottest.NewBotWithStore(t, store)
	b.Expect("project new Apply for a licence", "Created project")
	b.Expect("phase beta", "now in beta")
	b.Expect("evidence 5 https://example.gov.uk/accessibility-audit", "Added evidence to point 5")
	b.Expect("mark 5 met", "now met")
	b.Expect("practice 5,1,x", `"x" is not a point`)
	b.Expect("practice report", "No practice answers yet")
	b.Expect("practice 5,1", "practice panel on 2 points", "point 1: Understand users", "What have you learned from people using the real service in private beta?", "Question 1 of 5")
	b.Expect("We watched 20 people apply and changed the eligibility page", "Kept as the team's practice answer", "Which changes have you made as a direct result of research?", "Question 2 of 5")
	b.Expect("skip", "Passed.", "Question 3 of 5")
	b.Expect("stop", "paused")
	b.Expect("what is an alpha?", "alpha") // no panel: a question again
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	reopened, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reopened.Close() })
	again := bottest.NewBotWithStore(t, reopened)
	again.Expect("practice 1,5", "Question 1 of 5") // a new panel over the paused one
	again.Expect("stop", "paused")
	again.Expect("practice 5,1", "point 1:", "Question 1 of 5")
	if err := reopened.Close(); err != nil {
		t.Fatal(err)
	}
	// A restart in the middle of a panel: the next reply answers where it was.
	third, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { third.Close() })
	b = bottest.NewBotWithStore(t, third)
	b.Expect("skip", "Question 2 of 5")
	b.Expect("practice", "Picking up", "Question 2 of 5")
	bob := b.As("bob", "C1")
	if got := bob.Say("skip"); strings.Contains(got, "Question") {
		t.Errorf("bob has no panel, yet skip moved one on:\n%s", got)
	}
	for range 3 {
		b.Say("skip")
	}
	b.Expect("skip", "point 5: Make sure everyone can use the service", "Question 1 of 6", "the panel's last point")
	b.Expect("We audited against WCAG 2.2 AA and fixed every issue", "Kept", "Question 2 of 6")
	var last string
	for range 10 {
		if last = b.Say("skip"); strings.Contains(last, "Practice report") {
			break
		}
	}
	for _, want := range []string{"last question", "Practice report: Apply for a licence",
		"1. Understand users and their needs: amber", "5. Make sure everyone can use the service: amber", "Evidence recorded: https://example.gov.uk/accessibility-audit",
		"What the team has done well: Asked", "We watched 20 people apply", "What the team needs to explore: Prepare an answer to"} {
		if !strings.Contains(last, want) {
			t.Errorf("the panel's end lacks %q:\n%s", want, last)
		}
	}
	b.Expect("practice report", "Practice report", "1. Understand users", "5. Make sure everyone")
	if got := b.Say("skip"); strings.Contains(got, "Question") {
		t.Errorf("skip after the panel ended moved one on:\n%s", got)
	}
}
