package bot_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/knowledge"
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

// fakeLLM answers every completion with text, or fails with err, and
// keeps the prompts it was given.
type fakeLLM struct {
	text    string
	err     error
	prompts []string
}

func (f *fakeLLM) Complete(_ context.Context, c knowledge.Completion) (string, error) {
	f.prompts = append(f.prompts, c.Prompt)
	return f.text, f.err
}

// practiceOnPoint5 runs a one-point practice panel with one answer and
// returns the report that ends it.
func practiceOnPoint5(t *testing.T, llm knowledge.LLM) string {
	t.Helper()
	b := bottest.NewBot(t)
	b.Core.Answerer.LLM = llm
	b.Expect("project new Apply for a licence", "Created project")
	b.Expect("phase beta", "now in beta")
	b.Expect("practice 5", "What did your accessibility audit find")
	b.Expect("The audit found 12 issues and we fixed all but two by March", "Kept")
	var last string
	for range 8 {
		if last = b.Say("skip"); strings.Contains(last, "Practice report") {
			return last
		}
	}
	t.Fatalf("the panel did not end in a report:\n%s", last)
	return ""
}

func TestPracticeFeedbackFromTheModel(t *testing.T) {
	llm := &fakeLLM{text: "```json\n" + `{"rating":"amber","done_well":["The team said \"we fixed all but two\" of the audit's issues."],"to_explore":["Show the panel how the two open issues will be fixed, and test with assistive technology."]}` + "\n```"}
	got := practiceOnPoint5(t, llm)
	for _, want := range []string{"5. Make sure everyone can use the service: amber", `The team said "we fixed all but two"`, "Show the panel how the two open issues"} {
		if !strings.Contains(got, want) {
			t.Errorf("the model's feedback lacks %q:\n%s", want, got)
		}
	}
	if len(llm.prompts) != 1 || !strings.Contains(llm.prompts[0], "The audit found 12 issues") || !strings.Contains(llm.prompts[0], "the panel looks for") {
		t.Errorf("the model was not given the point's text and the team's answer: %q", llm.prompts)
	}
}

func TestPracticeFeedbackFallsBackToTheRules(t *testing.T) {
	for name, llm := range map[string]*fakeLLM{
		"model fails":    {err: errors.New("503 from the model")},
		"invented quote": {text: `{"rating":"green","done_well":["The team said \"our audit passed with no issues at all\"."],"to_explore":[]}`},
		"not JSON":       {text: "The team did well."},
		"no such rating": {text: `{"rating":"purple","done_well":["Good."],"to_explore":[]}`},
	} {
		t.Run(name, func(t *testing.T) {
			got := practiceOnPoint5(t, llm)
			for _, want := range []string{"5. Make sure everyone can use the service: amber", "the team answered: The audit found 12 issues", "Prepare an answer to:"} {
				if !strings.Contains(got, want) {
					t.Errorf("the rules' feedback lacks %q:\n%s", want, got)
				}
			}
			if strings.Contains(got, "no issues at all") || strings.Contains(got, "did well") {
				t.Errorf("the model's rejected feedback was shown:\n%s", got)
			}
		})
	}
}

func TestPracticeReportListsOpenActions(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Apply for a licence", "Created project")
	b.Expect("phase beta", "now in beta")
	b.Say("assessment result amber 2026-11-20")
	b.Say("action 5 Book a specialist accessibility audit")
	b.Expect("actions", "Book a specialist accessibility audit")
	b.Expect("practice 5", "What did your accessibility audit find")
	b.Expect("We have booked it for January", "Kept")
	b.Expect("stop", "paused")
	b.Expect("practice report", "5. Make sure everyone can use the service: amber",
		"What the team needs to explore: Close the panel's open action: Book a specialist accessibility audit (due 2027-02-20)")
	// The exported report has it too.
	store := b.Core.Store
	p, err := store.ProjectByName(t.Context(), "", "Apply for a licence")
	if err != nil {
		t.Fatal(err)
	}
	states, _ := store.PointStates(t.Context(), p.ID)
	answers, _ := store.PracticeAnswers(t.Context(), p.ID)
	acts, _ := store.OpenActions(t.Context(), p.ID)
	rep := bot.PracticeReport(t.Context(), bot.PracticeSource{Project: p, States: states, Answers: answers, Actions: bot.ActionLines(acts)}, b.Core.Library, nil, nil, bottest.Now)
	if len(rep.Points) != 1 || !slices.ContainsFunc(rep.Points[0].Explore, func(s string) bool {
		return strings.HasPrefix(s, "Close the panel's open action: Book a specialist accessibility audit (due 2027-02-20)")
	}) {
		t.Errorf("the practice report does not ask for the open action to be closed: %+v", rep.Points)
	}
}
