package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
)

// TestProjectShowsItsSchedule: `project` says when stand-ups and reminders
// come, as set and as changed.
func TestProjectShowsItsSchedule(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Renew a licence", `Created project "Renew a licence"`, "Stand-ups: off (set one with: standup at 09:30)",
		"Reminders: 28,14,7,3,1 days before the assessment")
	b.Expect("standup at 09:30 mon,wed", "09:30")
	b.Expect("reminders 14,1", "14,1 days before the assessment")
	b.Expect("project", "Stand-ups: 09:30, on mon, wed (Europe/London)", "Reminders: 14,1 days before the assessment")
	b.Expect("standup at 10:00 weekdays", "10:00")
	b.Expect("reminders off", "Reminders are off for Renew a licence.")
	b.Expect("project", "Stand-ups: 10:00, Monday to Friday (Europe/London)", "Reminders: off")
}

// TestWordingSlips keeps the fixed wording fixed: no "(now not-started)",
// no "point(s)", no "off days before the assessment", no blank date.
func TestWordingSlips(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Renew a licence", "Created project")

	t.Run("reminders", func(t *testing.T) {
		b.Expect("reminders 1", "Reminders for Renew a licence: 1 day before the assessment.")
		b.Expect("reminders", "Reminders for Renew a licence: 1 day before the assessment. Change them with")
		b.Expect("reminders off", "Reminders are off for Renew a licence.")
		if got := b.Expect("reminders", "Reminders are off for Renew a licence. Turn them on with: reminders 28,14,7,3,1"); strings.Contains(got, "off days") {
			t.Errorf("reminders: %s", got)
		}
		b.Expect("reminders default", "28,14,7,3,1 days before the assessment")
	})
	t.Run("a year-0 date", func(t *testing.T) {
		got := b.Expect("assessment 0000-01-01", `"0000-01-01" is not a date`)
		if strings.HasPrefix(strings.TrimSpace(got), "is in the past") || strings.Contains(got, " is in the past") {
			t.Errorf("assessment 0000-01-01: %s", got)
		}
		b.Expect("assessment", "not booked")
	})
	t.Run("the walk", func(t *testing.T) {
		got := b.Expect("checklist", "point 1: Understand users and their needs (not started yet)", "14 outstanding points left in this walk")
		if strings.Contains(got, "(now ") || strings.Contains(got, "point(s)") {
			t.Errorf("checklist: %s", got)
		}
		b.Expect("partly", "point 2: Solve a whole problem for users (not started yet)")
		b.Expect("stop", "Stopped")
		for n := 2; n <= 14; n++ {
			b.Expect(fmt.Sprintf("mark %d met", n), "now met")
		}
		b.Expect("checklist", "point 1: Understand users and their needs (partly met so far)", "1 outstanding point left in this walk")
		b.Expect("stop", "Stopped")
	})
	t.Run("reminders before the assessment", func(t *testing.T) {
		b.Expect("assessment 2026-11-28", "tomorrow")
		ctx := context.Background()
		for _, tt := range []struct {
			say, want string
		}{
			{want: "The assessment is tomorrow and 1 point is still outstanding."},
			{say: "mark 2 not-met", want: "The assessment is tomorrow and 2 points are still outstanding."},
			{say: "reminders 1", want: "reminders 1 day before the assessment"},
		} {
			if tt.say != "" {
				b.Say(tt.say)
			}
			p, err := b.Core.Store.ProjectByChannel(ctx, checklist.Binding{Platform: "console", Team: "local", Channel: "C1"})
			if err != nil {
				t.Fatal(err)
			}
			r, err := b.Core.Notice(ctx, p, checklist.Due{Kind: checklist.KindReminder, At: bottest.Now, DaysBefore: 1})
			if err != nil {
				t.Fatal(err)
			}
			text := bot.PlainText(r)
			if !strings.Contains(text, tt.want) || strings.Contains(text, "point(s)") || strings.Contains(text, " 1 days") {
				t.Errorf("reminder says:\n%s\nwant %q", text, tt.want)
			}
		}
	})
}
