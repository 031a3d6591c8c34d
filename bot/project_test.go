package bot_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

func TestProjectConversationSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	store, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	b := bottest.NewBotWithStore(t, store)
	b.Expect("project new Apply for a blue badge", `Created project "Apply for a blue badge"`, "GOV.UK Service Standard (14 points)")
	b.Expect("phase alpha", "now in alpha")
	b.Expect("assessment 2027-01-15", "Friday 15 January 2027", "in 49 days")
	b.Expect("checklist", "point 1: Understand users and their needs", "At alpha, the panel looks for", "Reply with: mark 1 met")
	b.Expect("met we ran 12 interviews and a survey", "Point 1 (Understand users and their needs) is now met", "point 2: Solve a whole problem for users")
	b.Expect("partly the journey map is a draft", "Point 2", "now partly", "point 3:")
	b.Expect("skip", "point 4:")
	b.Expect("not met no usability testing yet", "Point 4", "now not-met", "point 5:")
	b.Expect("n/a", "Point 5", "not marked n/a without a reason", "Equality Act 2010", "mark 5 n/a because REASON")
	b.Expect("n/a because the service is an API for other systems, with no user interface", "Point 5", "now n/a", "point 6:")
	b.Expect("stop", "Stopped")
	b.Expect("evidence 1 https://example.gov.uk/research-report", "Added evidence to point 1")
	status := b.Expect("status", "🟢 1. Understand users and their needs: met (1 evidence)", "🟡 2. Solve a whole problem for users: partly",
		"🔴 4. Make the service simple to use: not-met", "➖ 5. Make sure everyone can use the service: n/a", "⚪ 3.", "in 49 days",
		"Outstanding, most urgent first: 4 (not-met), 3 (not-started)")
	b.Expect("history 2", "point 2 not-started → partly (the journey map is a draft)")
	b.Expect("history", "created the project", "phase discovery → alpha", "assessment none → 2027-01-15", "point 1: added evidence")
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	// Quit and start again on the same data: the same status.
	reopened, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reopened.Close() })
	again := bottest.NewBotWithStore(t, reopened)
	if got := again.Say("status"); got != status {
		t.Errorf("status after restart differs:\nbefore:\n%s\nafter:\n%s", status, got)
	}
	again.Expect("project", "Apply for a blue badge", "alpha", "Friday 15 January 2027", "2 of 14 points met or n/a; 1 partly, 1 not met, 10 not started")
}

func TestWalkSurvivesRestartAndTwoPeopleWalk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	store, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	alice := bottest.NewBotWithStore(t, store)
	bob := alice.As("bob", "C1")
	alice.Expect("project new Register to vote", "Created project")
	alice.Expect("checklist", "point 1:")
	bob.Expect("checklist", "point 1:")
	alice.Expect("met", "Point 1", "now met", "point 2:")
	// Bob's walk is his own: his "met" answers the point he was shown.
	bob.Expect("partly", "Point 1", "now partly", "point 2:")
	store.Close()

	reopened, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reopened.Close() })
	alice = bottest.NewBotWithStore(t, reopened)
	alice.Expect("met", "Point 2", "now met", "point 3:")
	alice.Expect("history 1", "alice: point 1 not-started → met", "bob: point 1 met → partly")
}

func TestWalkButtonsAndFinish(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Tiny standard test standard localgov", "15 points")
	for n := 1; n <= 15; n++ {
		b.Say("mark " + strconv.Itoa(n) + " met")
	}
	b.Expect("checklist", "Nothing is outstanding")
	b.Expect("mark 9 not-met servers are fragile", "now not-met")
	b.Expect("checklist", "point 9: Make a plan for being offline")
	// A button sends the same words as typing them.
	b.Expect("mark 9 partly", "now partly", "That's every outstanding point for now")
}

func TestProjectBadInput(t *testing.T) {
	b := bottest.NewBot(t)
	noProject := []string{"project", "phase alpha", "assessment 2027-01-01", "timezone Europe/London", "mark 1 met",
		"evidence 1 x", "checklist", "status", "history", "report"}
	for _, cmd := range noProject {
		t.Run("no project: "+cmd, func(t *testing.T) {
			got := b.Say(cmd)
			if !strings.Contains(got, "There is no project in this channel yet. Start one with: project new NAME") {
				t.Errorf("%q: got %q", cmd, got)
			}
		})
	}
	b.Expect("project new Apply for a blue badge", "Created project")
	before := b.Say("history")
	tests := []struct{ say, want string }{
		{"mark 0 met", "govuk has points 1 to 14, so 0 is not one of them. Try: status"},
		{"mark 15 met", "govuk has points 1 to 14, so 15 is not one of them"},
		{"mark five met", `"five" is not one of them`},
		{"mark 3 great", `"great" is not a status: use met, partly, not-met, n/a, or not-started to start the point again`},
		{"mark 3", "Give a status"},
		{"assessment 2026-02-30", `"2026-02-30" is not a date: write it as YYYY-MM-DD`},
		{"assessment next tuesday", "is not a date"},
		{"assessment 2020-01-01", "is in the past"},
		{"phase gamma", `"gamma" is not a phase: use discovery, alpha, beta or live`},
		{"timezone Mars/Olympus", `"Mars/Olympus" is not a time zone`},
		{"project new Apply for a blue badge", "already"},
		{"project new", "give the project a name"},
		{"project new Other standard nosuch", `unknown standard "nosuch"`},
		{"evidence 2", "Try: evidence 5 TEXT-OR-LINK"},
		{"history 99", "so 99 is not one of them"},
	}
	for _, tt := range tests {
		t.Run(tt.say, func(t *testing.T) {
			got := b.Say(tt.say)
			if !strings.Contains(got, tt.want) {
				t.Errorf("%q: got %q, want %q", tt.say, got, tt.want)
			}
			if strings.Contains(strings.TrimSpace(got), "\n") {
				t.Errorf("%q: the reason is not one line: %q", tt.say, got)
			}
		})
	}
	if after := b.Say("history"); after != before {
		t.Errorf("bad input changed the history:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	// The same name in another channel of the same workspace is a conflict too.
	other := b.As("alice", "C2")
	other.Expect("project new apply FOR a blue badge", "already")
	other.Expect("project", "There is no project in this channel yet")
}

func TestQuestionsPreferTheProjectStandard(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("what if the service is down?", "GOV.UK Service Standard")
	b.Expect("project new Bins collection standard localgov", "Created project")
	got := b.Expect("what if the service is down?", "Local Government Digital Service Standard, point 9")
	if strings.Contains(got, "GOV.UK Service Standard, point") {
		t.Errorf("a govuk point was cited in a localgov project:\n%s", got)
	}
	b.Expect("point 15", "Test with senior manager")
}

func TestReportInChat(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Apply for a blue badge", "Created project")
	b.Say("mark 1 met")
	b.Say("mark 2 not-met")
	b.Expect("report", "Readiness report: Apply for a blue badge", "1 of 14 points met or n/a (7%)",
		"🔴 2. Solve a whole problem for users: not-met, no evidence yet", "Met but with no evidence recorded: points 1",
		`standardbot report "Apply for a blue badge" --format html`)
}

func TestProjectLinkBindsThisChannel(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Apply for a blue badge", "Created project")
	b.Say("mark 1 met")
	devs := b.As("bob", "C2")
	devs.Expect("project link Register to vote", `No project called "Register to vote"`)
	devs.Expect("project link", "Which project? Try: project link NAME")
	devs.Expect("project link apply for a BLUE badge", `Linked this channel to project "Apply for a blue badge"`, "1 of 14 points met or n/a")
	// Its commands work in the linked channel, on the one project.
	devs.Expect("mark 2 partly", "now partly")
	b.Expect("status", "🟢 1.", "🟡 2.")
	b.Expect("history", "bob: channel none → console:local/C2")
	devs.Expect("project link Apply for a blue badge", "Linked this channel")
	// A channel with a project of its own keeps it.
	other := b.As("carol", "C3")
	other.Expect("project new Renew a licence", "Created project")
	other.Expect("project link Apply for a blue badge", "This channel already has a project")
	other.Expect("project", "Renew a licence")
}

func TestProjectLinkIsForAdmins(t *testing.T) {
	b := bottest.NewBot(t)
	b.Core.Admins = []string{"UADMIN"}
	in := func(channel string) bot.Address {
		return bot.Address{Platform: "slack", Team: "T1", Channel: channel}
	}
	if got := sayIn(t, b.Core, in("C1"), "UALICE", "project new Apply for a blue badge"); !strings.Contains(got, "Created project") {
		t.Fatalf("project new: %s", got)
	}
	got := sayIn(t, b.Core, in("C2"), "UBOB", "project link Apply for a blue badge")
	if !strings.Contains(got, "Only the bot's admins can link a channel to a project") || !strings.Contains(got, "UBOB") {
		t.Errorf("a non-admin's link: %s", got)
	}
	// Rights come from the configuration or the adapter's word, never
	// from the platform a message names.
	if got := sayIn(t, b.Core, bot.Address{Platform: console.Platform, Team: "T1", Channel: "C2"}, "UBOB", "project link Apply for a blue badge"); !strings.Contains(got, "Only the bot's admins") {
		t.Errorf("a link from a message that only names the console: %s", got)
	}
	if got := sayIn(t, b.Core, in("C2"), "UBOB", "project"); !strings.Contains(got, "There is no project in this channel yet") {
		t.Errorf("after a refused link: %s", got)
	}
	if got := sayIn(t, b.Core, in("C2"), "UADMIN", "project link Apply for a blue badge"); !strings.Contains(got, "Linked this channel") {
		t.Errorf("an admin's link: %s", got)
	}
	// Names are looked up in the channel's own workspace only.
	if got := sayIn(t, b.Core, bot.Address{Platform: "slack", Team: "T2", Channel: "C1"}, "UADMIN", "project link Apply for a blue badge"); !strings.Contains(got, "No project called") {
		t.Errorf("a link across workspaces: %s", got)
	}
}
