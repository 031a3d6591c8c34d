package slack

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// practiceHarness is a harness over the real core and a SQLite store at
// path, so a test can restart on the same data.
func practiceHarness(t *testing.T, path string) (*harness, *sqlite.Store) {
	t.Helper()
	store, err := sqlite.Open(context.Background(), path, sqlite.WithClock(func() time.Time { return bottest.Now }))
	if err != nil {
		t.Fatal(err)
	}
	b := bottest.NewBotWithStore(t, store)
	h := newHarness(t, b.Core, store, nil)
	h.store, h.bot = store, b.Core
	return h, store
}

// say mentions the bot in the practice thread and returns what it posted
// last, as a person reads it.
func (h *harness) say(n *int, text string) call {
	h.t.Helper()
	*n++
	ts := fmt.Sprintf("1700000300.%06d", *n)
	h.event(callback(fmt.Sprintf("EvPractice%d", *n), mention("UALICE", "C1", ts, practiceThread, "<@UBOT> "+text)))
	h.settle()
	posts := h.fake.of("chat.postMessage")
	last := posts[len(posts)-1]
	if got := last.Form.Get("thread_ts"); got != practiceThread {
		h.t.Errorf("%q: answered in thread %q, want the practice thread %q", text, got, practiceThread)
	}
	return last
}

const practiceThread = "1700000300.000000"

// A practice panel in a Slack thread: asked one question at a time, an
// answer kept, the Skip button, a restart in the middle, and the panel's
// end with a practice report that has a section per point.
func TestPracticePanelInAThreadSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	h, store := practiceHarness(t, path)
	n := 0
	h.event(callback("EvProject", mention("UALICE", "C1", practiceThread, "", "<@UBOT> project new X")))
	h.settle()
	h.say(&n, "phase beta")
	step := h.say(&n, "practice 5,9")
	if got := step.text(); !strings.Contains(got, "What did your accessibility audit find") || !strings.Contains(got, "Question 1 of 6") {
		t.Fatalf("the panel's first question:\n%s", got)
	}
	step = h.say(&n, "The audit found 12 issues and we fixed 10")
	if got := step.text(); !strings.Contains(got, "Kept as the team's practice answer") || !strings.Contains(got, "Question 2 of 6") {
		t.Errorf("after an answer:\n%s", got)
	}
	h.interact(press(h, step, findButton(t, buttonsOf(t, step.blocksJSON()), "Skip"), "UALICE"))
	h.settle()
	posts := h.fake.of("chat.postMessage")
	if got := posts[len(posts)-1].text(); !strings.Contains(got, "Passed.") || !strings.Contains(got, "Question 3 of 6") {
		t.Errorf("after pressing Skip:\n%s", got)
	}
	h.settle()
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	// Restarted on the same data, the next reply answers question 3.
	h, store = practiceHarness(t, path)
	t.Cleanup(func() { store.Close() })
	step = h.say(&n, "NVDA and VoiceOver, on every release")
	if got := step.text(); !strings.Contains(got, "Kept as the team's practice answer") || !strings.Contains(got, "Question 4 of 6") {
		t.Errorf("after the restart:\n%s", got)
	}
	var report string
	for range 20 {
		if report = h.say(&n, "skip").text(); strings.Contains(report, "Practice report") {
			break
		}
	}
	for _, want := range []string{"Practice report: X", "5. Make sure everyone can use the service", "9. Create a secure service",
		"The audit found 12 issues", "NVDA and VoiceOver", "What the team needs to explore"} {
		if !strings.Contains(report, want) {
			t.Errorf("the practice report lacks %q:\n%s", want, report)
		}
	}
}
