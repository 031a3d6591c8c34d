package bot_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// roundRig is a conversation with a movable clock and a notifier whose
// terminal prints what is sent: what the scheduler would deliver.
type roundRig struct {
	t   *testing.T
	b   *bottest.Bot
	n   *bot.Notifier
	out *bytes.Buffer
	now time.Time
	// lost are members whose direct messages never arrive.
	lost map[string]bool
}

func newRoundRig(t *testing.T, start time.Time) *roundRig {
	r := &roundRig{t: t, out: &bytes.Buffer{}, now: start}
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "rounds.db"), sqlite.WithClock(func() time.Time { return r.now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	r.b = bottest.NewBotWithStore(t, store)
	r.b.Core.Now = func() time.Time { return r.now }
	r.n = bot.NewNotifier(r.b.Core, &console.Adapter{Out: r.out, Channel: "C1"})
	r.b.Core.Rounds = r.n
	return r
}

// tick delivers what is due at the rig's time, once per key, as the
// scheduler's send jobs do, and returns what was printed.
func (r *roundRig) tick(sent map[string]bool) string {
	r.t.Helper()
	ctx := context.Background()
	r.out.Reset()
	p, err := r.b.Core.Store.ProjectByChannel(ctx, checklist.Binding{Platform: console.Platform, Team: "local", Channel: "C1"})
	if err == nil {
		p, err = r.b.Core.Store.(checklist.Projects).Project(ctx, p.ID)
	}
	if err != nil {
		r.t.Fatal(err)
	}
	for _, d := range p.DueAt(r.now) {
		if sent[d.Key] || r.lost[d.Member] {
			continue
		}
		sent[d.Key] = true
		to := p.Bindings
		if m, ok := p.Member(d.Member); ok {
			to = []checklist.Binding{m.Binding()}
		}
		for _, b := range to {
			if err := r.n.Notify(ctx, b, p, d); err != nil {
				r.t.Fatalf("notify %s: %v", d.Key, err)
			}
		}
	}
	return r.out.String()
}

// TestStandupRound: three members in two zones are each asked privately
// at 09:30 their time; two answer (one with a blocker, one marking a
// point), the third gets one reminder; the summary after the last window
// lists the blocker first, the change to the point and who did not
// answer.
func TestStandupRound(t *testing.T) {
	r := newRoundRig(t, time.Date(2027, 3, 31, 7, 0, 0, 0, time.UTC)) // Wednesday, London on BST
	alice, bob, carol := r.b, r.b.As("bob", "C1"), r.b.As("carol", "C1")
	alice.Expect("project new Renew a licence", "Created project")
	alice.Expect("standup at 09:30", "09:30")
	alice.Expect("standup members", "no members")
	bob.Expect("timezone me America/New_York", "America/New_York")
	alice.Expect("standup members @alice @bob @carol @dan", "alice, Europe/London (the project's)", "bob, America/New_York", "carol", "dan")
	r.lost = map[string]bool{"dan": true}
	alice.Expect("history", "standup member")
	sent := map[string]bool{}
	if got := r.tick(sent); got != "" {
		t.Errorf("before 09:30 sent %q", got)
	}
	r.now = time.Date(2027, 3, 31, 8, 30, 0, 0, time.UTC) // 09:30 in London
	got := r.tick(sent)
	for _, want := range []string{"To alice (direct message)", "To carol (direct message)", "What moved on the outstanding points", "mark 1 met"} {
		if !strings.Contains(got, want) {
			t.Errorf("at 09:30 London the asks lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "To bob") {
		t.Error("bob asked at 09:30 London, 04:30 his time")
	}
	alice.Expect("Drafted the research plan", "2. What's next?")
	alice.Expect("Usability testing\nwaiting for the DPIA sign-off", "in the stand-up summary")
	carol.Expect("mark 1 met", "met")
	carol.Expect("Point 1 is met\nBook the assessment\nnone", "in the stand-up summary")
	r.now = r.now.Add(time.Hour)
	if got := r.tick(sent); got != "" {
		t.Errorf("reminders to people who answered: %q", got)
	}
	r.now = time.Date(2027, 3, 31, 13, 30, 0, 0, time.UTC) // 09:30 in New York
	if got := r.tick(sent); !strings.Contains(got, "To bob (direct message)") {
		t.Errorf("bob not asked at 09:30 his time: %q", got)
	}
	r.now = r.now.Add(time.Hour)
	if got := r.tick(sent); !strings.Contains(got, "To bob (direct message): A reminder") || strings.Count(got, "reminder") != 1 {
		t.Errorf("bob's one reminder: %q", got)
	}
	r.now = r.now.Add(time.Hour - time.Second)
	if got := r.tick(sent); got != "" {
		t.Errorf("before the last window closed: %q", got)
	}
	r.now = r.now.Add(time.Second)
	got = r.tick(sent)
	blocked, answered := strings.Index(got, "Blocked"), strings.Index(got, "Answered")
	if blocked < 0 || answered < blocked {
		t.Errorf("summary without the blocker first:\n%s", got)
	}
	for _, want := range []string{"alice: waiting for the DPIA sign-off", "carol: moved: Point 1 is met", "not-started → met (carol)", "No answer from: bob.", "Could not be asked: dan.", "Counts"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if got := r.tick(sent); got != "" {
		t.Errorf("sent again: %q", got)
	}
}

// TestStandupWords: window, skip until and back, leave, join, now and
// summary, and that an archived project's stand-up refuses to start.
func TestStandupWords(t *testing.T) {
	r := newRoundRig(t, time.Date(2027, 3, 31, 7, 0, 0, 0, time.UTC))
	b := r.b
	b.Expect("project new Renew a licence", "Created project")
	b.Expect("standup now", "Stand-up: Renew a licence") // no members: the channel prompt
	b.Expect("standup window 30m", "30m")
	b.Expect("standup window 3 weeks", "not a length of time")
	b.Expect("standup join", "alice")
	b.Expect("standup skip until 2027-04-02", "through Friday 2 April 2027")
	b.Expect("standup members", "away until")
	b.Expect("standup back", "Welcome back")
	b.Expect("standup skip until 2020-01-01", "today or later")
	b.Expect("standup now", "Asked alice privately", "08:30")
	if !strings.Contains(r.out.String(), "To alice (direct message)") {
		t.Errorf("standup now printed %q", r.out.String())
	}
	b.Expect("All on track\nnothing more\nnone", "in the stand-up summary")
	b.Expect("standup summary", "alice: moved: All on track")
	b.Expect("standup leave", "left")
	b.Expect("standup members", "no members")
	b.Expect("project archive", "Archived")
	b.Expect("standup join", "archived")
}

// TestStandupSkipUntil: a member away through Thursday 25 March 2027 is
// not asked that day, and is asked again on the next stand-up day after,
// Tuesday 30 March (Good Friday and Easter Monday are bank holidays).
func TestStandupSkipUntil(t *testing.T) {
	r := newRoundRig(t, time.Date(2027, 3, 24, 7, 0, 0, 0, time.UTC))
	b := r.b
	b.Expect("project new Renew a licence", "Created project")
	b.Expect("standup at 09:30", "09:30")
	b.Expect("standup join", "alice")
	b.Expect("standup skip until 2027-03-25", "through Thursday 25 March 2027")
	sent := map[string]bool{}
	for _, at := range []time.Time{time.Date(2027, 3, 25, 9, 30, 0, 0, time.UTC), time.Date(2027, 3, 26, 9, 30, 0, 0, time.UTC),
		time.Date(2027, 3, 29, 8, 30, 0, 0, time.UTC)} {
		r.now = at
		if got := r.tick(sent); got != "" {
			t.Errorf("asked at %s: %q", at, got)
		}
	}
	r.now = time.Date(2027, 3, 30, 8, 30, 0, 0, time.UTC)
	if got := r.tick(sent); !strings.Contains(got, "To alice (direct message)") {
		t.Errorf("not asked on Tuesday 30 March: %q", got)
	}
}

// TestStandupRepliesAtOnce: two replies handled at the same time each
// fill a question; neither overwrites the other.
func TestStandupRepliesAtOnce(t *testing.T) {
	r := newRoundRig(t, time.Date(2027, 3, 31, 7, 0, 0, 0, time.UTC))
	b := r.b
	b.Expect("project new Renew a licence", "Created project")
	b.Expect("standup join", "alice")
	b.Expect("standup now", "Asked alice")
	var wg sync.WaitGroup
	for _, line := range []string{"first", "second"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.Adapter.Line(context.Background(), line)
		}()
	}
	wg.Wait()
	got := b.Say("standup summary")
	if !strings.Contains(got, "moved: first · next: second") && !strings.Contains(got, "moved: second · next: first") {
		t.Errorf("both replies not kept:\n%s", got)
	}
}

// TestStandupStatusButtonIsAnAnswer: a member who only presses a status
// button in their direct message (it says mark N STATUS) has answered:
// no reminder, and the summary lists them as answered with the change,
// not as silent.
func TestStandupStatusButtonIsAnAnswer(t *testing.T) {
	r := newRoundRig(t, time.Date(2027, 3, 31, 7, 0, 0, 0, time.UTC))
	alice, bob := r.b, r.b.As("bob", "C1")
	alice.Expect("project new Renew a licence", "Created project")
	alice.Expect("standup at 09:30", "09:30")
	alice.Expect("standup members @alice @bob", "alice", "bob")
	sent := map[string]bool{}
	r.now = time.Date(2027, 3, 31, 8, 30, 0, 0, time.UTC)
	if got := r.tick(sent); !strings.Contains(got, "To bob (direct message)") {
		t.Fatalf("bob not asked: %q", got)
	}
	bob.Expect("mark 2 partly", "partly")
	r.now = r.now.Add(time.Hour)
	got := r.tick(sent)
	if strings.Contains(got, "To bob (direct message): A reminder") {
		t.Errorf("bob reminded after pressing a status button: %q", got)
	}
	if !strings.Contains(got, "To alice (direct message): A reminder") {
		t.Errorf("alice, who said nothing, not reminded: %q", got)
	}
	r.now = r.now.Add(time.Hour)
	got = r.tick(sent)
	for _, want := range []string{"bob: changed a point's status", "not-started → partly (bob)", "No answer from: alice."} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "No answer from: alice, bob") || strings.Contains(got, "No answer from: bob") {
		t.Errorf("bob listed as silent:\n%s", got)
	}
}
