package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
)

// TestAssessmentOutcome: a result on the project's assessment date, a
// point's rating, actions due 3 months after, listed, closed with evidence
// on the point, and shown by status and project.
func TestAssessmentOutcome(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Renew a licence", "Created project")
	b.Expect("phase beta", "beta")
	b.Expect("rate 3 amber", "No assessment recorded for this project yet")
	b.Expect("action 3 publish the plan", "No assessment recorded for this project yet")
	b.Expect("assessment result amber", "No assessment date is set for Renew a licence", "assessment result amber YYYY-MM-DD")
	b.Expect("assessment result amber 2026-12-01", "2026-12-01 is in the future")
	b.Expect("assessment 2026-11-27", "today")
	b.Expect("assessment result amber", "Recorded the beta assessment on Friday 27 November 2026 for Renew a licence: amber.",
		"due within 3 months", "due Saturday 27 February 2027")
	b.Expect("assessment result purple", `"purple" is not a rating`)
	b.Expect("rate 3 amber needs more research", "Point 3 (Provide a joined-up experience across all channels) is rated amber", "Note: needs more research")
	b.Expect("rate 3 blue", `"blue" is not a rating`)
	b.Expect("rate 15 red", "has points 1 to 14")
	b.Expect("actions", "No open actions for Renew a licence")
	b.Expect("action 3 publish the research plan", "Action 1 on point 3", "Due Saturday 27 February 2027", "action done 1")
	b.Expect("action 5", "Say what the panel asked for. Try: action 5 TEXT")
	b.As("bob", "C1").Expect("action 5 run an accessibility audit", "Action 2 on point 5")
	b.Expect("actions", "#1 · point 3", "publish the research plan (added by", "due Saturday 27 February 2027", "#2 · point 5", "added by bob")
	b.Expect("status", "Open actions from the panel:", "#2 · point 5")
	b.Expect("standup", "Open panel actions: 2, the next due Saturday 27 February 2027 (in 92 days). See them with: actions")
	b.Expect("project", "Last assessment: 🟠 beta assessment on Friday 27 November 2026, amber.", "#1 · point 3")
	b.Expect("report", "Open actions from the panel:", "#1 · point 3", "due Saturday 27 February 2027")
	b.Expect("action done 9", "This project has no action 9")
	b.Expect("action done x", "Give the action's number")
	b.Expect("action done 1 https://example.org/plan", "Closed action 1 on point 3", "Evidence added to point 3: https://example.org/plan")
	b.Expect("action done 1", "Action 1 was already closed")
	b.Expect("history 3", "https://example.org/plan")
	if got := b.Expect("actions", "#2 · point 5"); strings.Contains(got, "#1") {
		t.Errorf("actions after closing #1: %s", got)
	}
}

// TestNextAssessmentWithOpenActions: booking the next assessment with
// actions open sets the date and says which to close first; overdue
// actions are marked.
func TestNextAssessmentWithOpenActions(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Renew a licence", "Created project")
	b.Expect("phase alpha", "alpha")
	b.Expect("assessment result amber 2026-07-01", "Recorded the alpha assessment on Wednesday 1 July 2026", "due Thursday 1 October 2026")
	b.Expect("action 2 map the whole journey", "Due Thursday 1 October 2026")
	b.Expect("actions", "⚠️ overdue since Thursday 1 October 2026")
	b.Expect("assessment 2027-01-15", "Assessment for Renew a licence: Friday 15 January 2027",
		"Close this open action before the next assessment", "#1 · point 2 (Solve a whole problem for users): map the whole journey")
	b.Expect("assessment", "Friday 15 January 2027")
	b.Expect("action done 1", "Closed action 1")
	if got := b.Expect("assessment 2027-01-16", "Saturday 16 January 2027"); strings.Contains(got, "Close th") {
		t.Errorf("warning with no open actions: %s", got)
	}
}

// TestAssessmentWordsFallThrough: text that only starts like the new
// words is a question.
func TestAssessmentWordsFallThrough(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Renew a licence", "Created project")
	for _, q := range []string{"rate my chances at beta?", "action plans for accessibility?", "actions for point 5?"} {
		if got := b.Say(q); strings.Contains(got, "No assessment") || strings.Contains(got, "Try: action") {
			t.Errorf("%q: %s", q, got)
		}
	}
	b.Expect("rate", "Try: rate 5 amber")
	b.Expect("action", "Try: action 5 TEXT")
}

// TestActionReminderNotice: four weeks before open actions fall due the
// scheduler finds a reminder of them, and the notice lists them; once
// they are closed nothing is due.
func TestActionReminderNotice(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Renew a licence", "Created project")
	b.Expect("phase live", "live")
	b.Expect("assessment result amber 2026-11-27", "Recorded")
	b.Expect("action 3 publish the research plan", "Due Saturday 27 February 2027")
	ctx := context.Background()
	p, err := b.Core.Store.ProjectByChannel(ctx, checklist.Binding{Platform: "console", Team: "local", Channel: "C1"})
	if err != nil {
		t.Fatal(err)
	}
	if p, err = b.Core.Store.Project(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	fourWeeks := time.Date(2027, 1, 30, 9, 0, 0, 0, time.UTC)
	due := p.DueAt(fourWeeks)
	if len(due) != 1 || due[0].Kind != checklist.KindActions || due[0].DaysBefore != 28 {
		t.Fatalf("due at %s: %+v, want the 4-week action reminder", fourWeeks, due)
	}
	b.Core.Now = func() time.Time { return fourWeeks }
	r, err := b.Core.Notice(ctx, p, due[0])
	if err != nil {
		t.Fatal(err)
	}
	text := bot.PlainText(r)
	for _, want := range []string{"Renew a licence: 1 panel action is due in 28 days (Saturday 27 February 2027)", "#1 · point 3", "publish the research plan", "action done ID"} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q:\n%s", want, text)
		}
	}
	b.Expect("action done 1", "Closed action 1")
	if p, err = b.Core.Store.Project(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if due := p.DueAt(fourWeeks); len(due) != 0 {
		t.Errorf("due after closing the action: %+v", due)
	}
}
