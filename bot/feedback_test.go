package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
)

func TestFeedbackReportForAdmins(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("feedback", "No one has rated an answer in the last 30 days")
	b.Core.Admins = []string{"UADMIN"}
	say := func(user, channel, text string) string {
		t.Helper()
		return sayIn(t, b.Core, bot.Address{Platform: "slack", Team: "T1", Channel: channel}, user, text)
	}
	say("UALICE", "C1", "feedback no r1 what about cookie banners?")
	say("UBOB", "C1", "feedback no r1 What about cookie banners?")
	say("UBOB", "C2", "feedback yes r2 how do we make our service accessible?")
	say("UCAROL", "C2", "feedback yes r2 how do we make our service accessible?")
	say("UCAROL", "C3", "feedback no r3 who signs off the accessibility statement?")
	say("UCAROL", "C3", "feedback yes r3 who signs off the accessibility statement?") // changed her mind

	got := say("UBOB", "C1", "feedback")
	if !strings.Contains(got, "Only the bot's admins") || !strings.Contains(got, "UBOB") || !strings.Contains(got, "STANDARDBOT_ADMINS") {
		t.Errorf("a non-admin's report: %s", got)
	}
	got = say("UADMIN", "C9", "feedback")
	for _, want := range []string{"Answer feedback, last 30 days", "Helpful: 3", "Not helpful: 2", "“what about cookie banners?” (slack, 27 Nov)", "From 5 ratings"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(strings.ToLower(got), "cookie banners") != 1 || strings.Contains(got, "signs off") {
		t.Errorf("want each question rated not helpful once, and none since rated helpful:\n%s", got)
	}
	b.Expect("feedback report", "Helpful: 3")
	b.Expect("feedback maybe", "buttons under it")
}

// sayIn sends text to the core as user from addr, not through the console
// (where whoever types is an admin), and returns the replies' plain text.
func sayIn(t *testing.T, core *bot.Bot, addr bot.Address, user, text string) string {
	t.Helper()
	replies, err := core.Handle(context.Background(), bot.Message{Address: addr, User: user, Text: text})
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	var out []string
	for _, r := range replies {
		out = append(out, bot.PlainText(r))
	}
	return strings.Join(out, "\n")
}
