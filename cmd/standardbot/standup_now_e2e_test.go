package main

import (
	"strings"
	"testing"
	"time"
)

// TestStandupNowSummaryAcrossRestart: standup now asks the members at
// once and queues the round's summary for when their window closes, as a
// scheduled round's comes; serve restarted in between still posts it,
// once, and not before.
func TestStandupNowSummaryAcrossRestart(t *testing.T) {
	bin := buildBinary(t)
	slack := roundSlack(t)
	clock := newTestClock(t, roundAt(8, 0)) // 09:00 in London
	env := append(slackEnv(t.TempDir(), slack), "STANDARDBOT_TICK=1s", testClockEnv+"="+clock.path, testRiverClockEnv+"=1")
	p := startServe(t, bin, env...)
	clock.say(t, p, slack, "CNOW", "project new Ask at once", "Created project")
	clock.say(t, p, slack, "CNOW", "timezone Europe/London", "now uses Europe/London")
	clock.say(t, p, slack, "CNOW", "standup members <@UANA> <@UCAL>", "Cal, Europe/London")
	clock.say(t, p, slack, "CNOW", "standup now", "Asked Ana, Cal privately")
	reply := text(slack.postsTo("CNOW")[len(slack.postsTo("CNOW"))-1])
	if !strings.Contains(reply, "until 11:00 (Europe/London)") || !strings.Contains(reply, "The summary comes here then") {
		t.Errorf("standup now says %q, want when the answers close and that the summary comes then", reply)
	}
	clock.dm(t, p, slack, "UANA", "Drafted the research plan\nUsability testing next\nnone", "in the stand-up summary")
	p.stop(t)

	p = startServe(t, bin, env...)
	defer p.stop(t)
	clock.set(t, roundAt(9, 55))
	time.Sleep(3 * time.Second) // several ticks before the window closes
	if n := countPosts(slack, "CNOW", "Stand-up summary"); n != 0 {
		t.Fatalf("%d summaries before the window closed", n)
	}
	clock.set(t, roundAt(10, 0).Add(5*time.Second))
	summary := text(slack.waitPosts(t, "CNOW", "Stand-up summary", 1, 30*time.Second)[0])
	for _, want := range []string{"Ana: moved: Drafted the research plan", "No answer from: Cal"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %q:\n%s", want, summary)
		}
	}
	time.Sleep(4 * time.Second) // several more ticks
	if n := countPosts(slack, "CNOW", "Stand-up summary"); n != 1 {
		t.Errorf("%d summaries, want 1", n)
	}
}
