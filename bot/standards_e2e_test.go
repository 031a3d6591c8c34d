package bot_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// standardProject is a project on one of the built-in standards, walked,
// marked and reported in its own channel.
type standardProject struct {
	id, channel, name string
	// chat is each line typed and what its reply must hold.
	chat [][]string
	// markdown and json are what its report must hold in each format.
	markdown, json []string
	// reminder is what its reminder a week before the assessment holds.
	reminder []string
}

var standardProjects = []standardProject{
	{id: "nhs", channel: "C-NHS", name: "Book a vaccination",
		chat: [][]string{
			{"project new Book a vaccination standard nhs", "NHS service standard", "(17 points)"},
			{"phase alpha", "now in alpha"},
			{"assessment 2026-12-04", "in 7 days"},
			{"checklist", "point 1: Understand users and their needs in the context of health and care", "At alpha, the panel looks for", "Reply with: mark 1 met"},
			{"met we spoke to patients and GP receptionists", "Point 1 (Understand users and their needs in the context of health and care) is now met", "point 2:"},
			{"stop", "Stopped"},
			{"mark 16 partly clinical safety case drafted with our CSO", "Point 16 (Make your service clinically safe) is now partly"},
			{"evidence 16 https://example.nhs.uk/hazard-log", "Added evidence to point 16"},
			{"status", "🟡 16. Make your service clinically safe: partly (1 evidence)"},
			{"report", "Readiness report: Book a vaccination", "1 of 17 points met or n/a", "16. Make your service clinically safe: partly"},
		},
		markdown: []string{"| 16 | Make your service clinically safe | partly | clinical safety case drafted with our CSO | https://example.nhs.uk/hazard-log |"},
		json:     []string{`"standard": "nhs"`, `"point": 17,`, `"title": "Make your service interoperable"`},
		reminder: []string{"Assessment in 7 days: Book a vaccination", "16. Make your service clinically safe: partly"}},
	{id: "tcop", channel: "C-TCOP", name: "Replace the case system",
		chat: [][]string{
			{"project new Replace the case system standard techcode", "Technology Code of Practice", "(13 points)"},
			{"assessment 2026-12-04", "in 7 days"},
			{"checklist", "point 1: Define user needs", "In a spend control or technology review", "Reply with: mark 1 met"},
			{"partly", "Point 1 (Define user needs) is now partly", "point 2:"},
			{"stop", "Stopped"},
			{"mark 12 met", "Point 12 (Make your technology sustainable) is now met"},
			{"practice 5", "A practice panel on 1 point, as a spend control or technology review would ask", "point 5: Use cloud first"},
			{"We host on a public cloud service under the G-Cloud framework", "Kept as the team's practice answer"},
			{"stop", "paused"},
			{"practice report", "Informal feedback from a practice spend control or technology review", "5. Use cloud first"},
			{"report", "Readiness report: Replace the case system", "1 of 13 points met or n/a", "1. Define user needs: partly"},
		},
		markdown: []string{"| 12 | Make your technology sustainable | met |", "| 1 | Define user needs | partly |"},
		json:     []string{`"standard": "tcop"`, `"point": 13,`, `"title": "Meet the Service Standard"`},
		reminder: []string{"Assessment in 7 days: Replace the case system", "1. Define user needs: partly"}},
	{id: "wales", channel: "C-WALES", name: "Apply for a bus pass",
		chat: [][]string{
			{"project new Apply for a bus pass standard welsh", "Digital Service Standards for Wales", "(12 points)"},
			{"phase beta", "now in beta"},
			{"assessment 2026-12-04", "in 7 days"},
			{"checklist", "point 1.1 (Meeting user needs): Focus on current and future wellbeing of people in Wales", ", a review looks for", "Reply with: mark 1.1 met"},
			{"met", "Point 1.1 (Focus on current and future wellbeing of people in Wales) is now met", "point 1.2 (Meeting user needs): Promote the Welsh language"},
			{"stop", "Stopped"},
			{"mark 2.1 met", "Point 2.1 (Have an empowered service owner) is now met"},
			{"mark 7 partly recruiting a user researcher", "Point 2.2 (Have a multidisciplinary team) is now partly"},
			{"mark 4.1 met", "wales has points 1.1 to 1.5, 2.1 to 2.4, 3.1 to 3.3 (or 1 to 12 in published order), so 4.1 is not one of them"},
			{"mark 1.2 n/a", "Point 1.2 (Promote the Welsh language) is not marked n/a without a reason", "Welsh Language Standards", "Reviewers will not accept n/a here lightly", "mark 1.2 n/a because REASON"},
			{"evidence 2.2 https://example.gov.wales/team", "Added evidence to point 2.2 (Have a multidisciplinary team)"},
			{"status 2.2", "Apply for a bus pass, point 2.2: Have a multidisciplinary team", "recruiting a user researcher"},
			{"standup", "Stand-up: Apply for a bus pass", "1.2. Promote the Welsh language (not-started)", "Answer with: mark 1.2 met", "Reply with: mark 1.2 met"},
			{"history 7", "History of point 2.2 (Have a multidisciplinary team)", "point 2.2 not-started → partly (recruiting a user researcher)"},
			{"report", "Readiness report: Apply for a bus pass", "2 of 12 points met or n/a", "2.2. Have a multidisciplinary team: partly", "Met but with no evidence recorded: points 1.1, 2.1"},
		},
		markdown: []string{"| 2.1 | Have an empowered service owner | met |", "| 2.2 | Have a multidisciplinary team | partly | recruiting a user researcher |", "Outstanding, most urgent first: 1.2, 1.3"},
		json:     []string{`"point": 6,`, `"ref": "2.1",`, `"point": 12,`, `"ref": "3.3",`},
		reminder: []string{"Assessment in 7 days: Apply for a bus pass", "1.2. Promote the Welsh language: not-started", "2.2. Have a multidisciplinary team: partly"}},
}

// TestProjectsOnTheNewStandards: a project on each of nhs, tcop and wales
// walks its checklist, marks points (Wales by reference and by number),
// reports in markdown and JSON, and is reminded a week before its
// assessment by the scheduler, all over SQLite.
func TestProjectsOnTheNewStandards(t *testing.T) {
	store := bottest.NewStore(t)
	b := bottest.NewBotWithStore(t, store)
	ctx := context.Background()
	for _, sp := range standardProjects {
		in := b.As("alice", sp.channel)
		for _, step := range sp.chat {
			in.Expect(step[0], step[1:]...)
		}
		p, err := store.ProjectByName(ctx, "", sp.name)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := bot.FullReport(ctx, store, p, b.Core.Library, bottest.Now)
		if err != nil {
			t.Fatal(err)
		}
		for format, wants := range map[string][]string{"markdown": sp.markdown, "json": sp.json} {
			var buf bytes.Buffer
			if err := rep.Write(&buf, format); err != nil {
				t.Fatal(err)
			}
			for _, w := range wants {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("%s: %s report lacks %q:\n%s", sp.id, format, w, buf.String())
				}
			}
		}
		if sp.id != "wales" && strings.Contains(reportJSON(t, rep), `"ref"`) {
			t.Errorf("%s: the JSON report has refs, but the standard has none", sp.id)
		}
	}
	sent := remindersSent(t, b, store, len(standardProjects))
	for _, sp := range standardProjects {
		for _, w := range sp.reminder {
			if !strings.Contains(sent, w) {
				t.Errorf("%s: the reminders lack %q:\n%s", sp.id, w, sent)
			}
		}
	}
}

func reportJSON(t *testing.T, rep *checklist.Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := rep.JSON(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// lockedBuffer is what the terminal adapter writes to while the test
// reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// remindersSent runs the scheduler over the store a minute after the bot's
// clock, with the terminal as the channels' adapter, until want reminders
// are out (or 30 seconds), and returns what the terminal shows.
func remindersSent(t *testing.T, b *bottest.Bot, store *sqlite.Store, want int) string {
	t.Helper()
	out := &lockedBuffer{}
	n := bot.NewNotifier(b.Core, &console.Adapter{Out: out})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sch, err := riverjobs.NewSQLite(ctx, store.WriteDB(), riverjobs.Config{Store: store, Notifier: n, Tick: 200 * time.Millisecond,
		Log: slog.New(slog.DiscardHandler), Now: func() time.Time { return bottest.Now.Add(time.Minute) }})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- sch.Run(ctx) }()
	for end := time.Now().Add(30 * time.Second); strings.Count(out.String(), "Assessment in 7 days") < want && time.Now().Before(end); {
		time.Sleep(100 * time.Millisecond)
	}
	dctx, dcancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer dcancel()
	if err := sch.Drain(dctx); err != nil {
		t.Errorf("drain: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("scheduler: %v", err)
	}
	if got := strings.Count(out.String(), "Assessment in 7 days"); got != want {
		t.Errorf("%d reminders sent, want %d:\n%s", got, want, out.String())
	}
	return out.String()
}
