package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/checklist/storetest"
)

// say mentions the bot in a channel and waits for its reply, so commands
// run in order (events are handled concurrently).
func say(t *testing.T, p *serveProc, slack *fakeSlack, channel, words, want string) {
	t.Helper()
	before := countPosts(slack, channel, want)
	if code, _ := p.mention(t, channel, words); code != http.StatusOK {
		t.Fatalf("%q: HTTP %d", words, code)
	}
	slack.waitPosts(t, channel, want, before+1, 10*time.Second)
}

// scheduleProject sets up a project whose assessment is tomorrow with a
// reminder one day before (due now) and a daily stand-up at the next minute.
func scheduleProject(t *testing.T, p *serveProc, slack *fakeSlack, channel string) {
	t.Helper()
	zone := storetest.DaytimeZone(t)
	loc, _ := time.LoadLocation(zone)
	now := time.Now().In(loc)
	if checklist.BankHoliday("", checklist.DateOf(now)) != "" {
		t.Skip("today is a bank holiday in England and Wales: no stand-up would be sent")
	}
	say(t, p, slack, channel, "project new Reminder test", "Created project")
	say(t, p, slack, channel, "timezone "+zone, "now uses "+zone)
	say(t, p, slack, channel, "assessment "+checklist.DateOf(now).AddDays(1).String(), "(tomorrow)")
	say(t, p, slack, channel, "phase alpha", "now in alpha")
	say(t, p, slack, channel, "reminders 1", "Reminders for Reminder test: 1 day before the assessment")
	say(t, p, slack, channel, "standup at "+now.Add(time.Minute).Format("15:04")+" daily", "Stand-up prompts")
}

func countPosts(slack *fakeSlack, channel, contains string) int {
	n := 0
	for _, post := range slack.postsTo(channel) {
		if strings.Contains(text(post), contains) {
			n++
		}
	}
	return n
}

// TestScheduledMessagesOnceAcrossRestart: one reminder within a few ticks,
// one stand-up at its minute, and nothing again after a restart.
func TestScheduledMessagesOnceAcrossRestart(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	slack := newFakeSlack(t, 0)
	env := append(slackEnv(t.TempDir(), slack), "STANDARDBOT_TICK=1s")
	p := startServe(t, bin, env...)
	scheduleProject(t, p, slack, "CSCHED")
	// A few ticks, but -race with every package's tests beside it has taken
	// more than 15 s to start serve's scheduler and run them.
	slack.waitPosts(t, "CSCHED", "Assessment tomorrow", 1, 60*time.Second)
	slack.waitPosts(t, "CSCHED", "Stand-up: Reminder test", 1, 80*time.Second)
	p.stop(t)

	p = startServe(t, bin, env...)
	time.Sleep(5 * time.Second) // several ticks
	p.stop(t)
	if n := countPosts(slack, "CSCHED", "Assessment tomorrow"); n != 1 {
		t.Errorf("%d reminders, want exactly 1", n)
	}
	if n := countPosts(slack, "CSCHED", "Stand-up: Reminder test"); n != 1 {
		t.Errorf("%d stand-ups, want exactly 1", n)
	}
}

// TestScheduledMessagesOnceAcrossReplicas: two serve processes on one
// PostgreSQL database send each reminder and stand-up once in total.
func TestScheduledMessagesOnceAcrossReplicas(t *testing.T) {
	t.Parallel()
	url := pgtest.FreshSchema(t)
	bin := buildBinary(t)
	slack := newFakeSlack(t, 0)
	env := func() []string {
		return append(slackEnv(t.TempDir(), slack), "STANDARDBOT_TICK=1s", "STANDARDBOT_DATABASE="+url)
	}
	a := startServe(t, bin, env()...)
	b := startServe(t, bin, env()...)
	scheduleProject(t, a, slack, "CPG")
	slack.waitPosts(t, "CPG", "Assessment tomorrow", 1, 60*time.Second)
	slack.waitPosts(t, "CPG", "Stand-up: Reminder test", 1, 80*time.Second)
	time.Sleep(5 * time.Second) // several more ticks on both
	a.stop(t)
	b.stop(t)
	if n := countPosts(slack, "CPG", "Assessment tomorrow"); n != 1 {
		t.Errorf("%d reminders across two replicas, want exactly 1", n)
	}
	if n := countPosts(slack, "CPG", "Stand-up: Reminder test"); n != 1 {
		t.Errorf("%d stand-ups across two replicas, want exactly 1", n)
	}
}
