package slack

import (
	"context"
	"encoding/json"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/internal/inbox"
)

// withInbox is a harness whose adapter keeps its events in a real inbox
// over a fresh SQLite store, under owner.
func withInbox(t *testing.T, core Core, owner string) (*harness, *inbox.Inbox, *sqlite.Store) {
	t.Helper()
	st := newClaims(t)
	ib := newTestInbox(t, st, owner)
	h := newHarness(t, core, st, func(c *Config, _ *fakeSlack) { c.Inbox = ib })
	return h, ib, st
}

func newTestInbox(t *testing.T, st checklist.Inbox, owner string) *inbox.Inbox {
	t.Helper()
	ib, err := inbox.New(t.Context(), st, inbox.Config{Owner: owner})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ib.Drain(context.Background()) })
	return ib
}

// leftovers takes what is in the inbox, as a process would that found
// every lease run out; it must only look once the work it takes is done.
func leftovers(t *testing.T, st *sqlite.Store) []*checklist.InboxItem {
	t.Helper()
	later := time.Now().Add(time.Hour)
	items, err := st.TakeInbox(t.Context(), Source, "probe", later, later.Add(time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// TestAnAcknowledgedEventIsKeptUntilHandled: by the time Slack has its
// 200 the event is in the database, and it leaves once handled.
func TestAnAcknowledgedEventIsKeptUntilHandled(t *testing.T) {
	core := &stubCore{gate: make(chan struct{})}
	h, _, st := withInbox(t, core, "replica-a")
	body := callback("EvKept", mention("UALICE", "C1", "1.1", "", "<@UBOT> help"))
	acked := make(chan struct{})
	go func() { defer close(acked); h.event(body) }()
	<-acked
	// Another process that found the lease run out would take it over.
	later := time.Now().Add(time.Hour)
	items, err := st.TakeInbox(t.Context(), Source, "probe", later, later.Add(time.Hour), 10)
	if err != nil || len(items) != 1 || items[0].Type != itemEvent || string(items[0].Payload) != string(body) {
		t.Fatalf("inbox after the acknowledgement: %+v, %v; want the event as sent", items, err)
	}
	close(core.gate)
	h.settle()
	if got := leftovers(t, st); len(got) != 0 {
		t.Errorf("%d item(s) left once handled", len(got))
	}
	// A redelivery after it was handled is still a duplicate.
	h.event(body)
	h.settle()
	if n := len(core.messages()); n != 1 {
		t.Errorf("handled %d times, want once", n)
	}
}

// recordingInbox notes how many replies the fake Slack had received each
// time an item was recorded done.
type recordingInbox struct {
	Inbox
	fake *fakeSlack
	mu   sync.Mutex
	at   []int
}

func (r *recordingInbox) Done(ctx context.Context, id int64) error {
	r.mu.Lock()
	r.at = append(r.at, r.fake.posts())
	r.mu.Unlock()
	return r.Inbox.Done(ctx, id)
}

// TestAnEventIsDoneBeforeItsReplies: the event is recorded done before
// any reply goes out, so a process that dies while sending does not send
// the reply again when the event is taken over.
func TestAnEventIsDoneBeforeItsReplies(t *testing.T) {
	st := newClaims(t)
	rec := &recordingInbox{Inbox: newTestInbox(t, st, "replica-a")}
	h := newHarness(t, &stubCore{}, st, func(c *Config, f *fakeSlack) { rec.fake = f; c.Inbox = rec })
	h.event(callback("EvOrder", mention("UALICE", "C1", "1.1", "", "<@UBOT> help")))
	h.form(url.Values{"command": {"/standard"}, "text": {"status"}, "team_id": {testTeam}, "channel_id": {"C1"},
		"user_id": {"UALICE"}, "response_url": {h.fake.url() + "respond/cmd-1"}})
	h.settle()
	h.fake.waitFor(t, "response_url", 1)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.at) != 2 || rec.at[0] != 0 || h.fake.posts() != 2 {
		t.Errorf("replies sent before each event was done: %v, %d in all; want [0 ...] and 2", rec.at, h.fake.posts())
	}
}

// TestLeftoversAreWorked: events, commands and interactions a process
// acknowledged and then died without handling are handled by the next
// process to take them over, once each, and replied to.
func TestLeftoversAreWorked(t *testing.T) {
	core := &stubCore{}
	st := newClaims(t)
	dead := newTestInbox(t, st, "replica-a")
	press := map[string]any{"type": "block_actions", "team": map[string]any{"id": testTeam}, "user": map[string]any{"id": "UBOB"},
		"channel": map[string]any{"id": "C3"}, "container": map[string]any{"message_ts": "3.1", "channel_id": "C3"},
		"actions": []any{map[string]any{"type": "button", "action_id": "sb_mark_1", "block_id": "b1", "value": "mark 1 met",
			"text": map[string]any{"type": "plain_text", "text": "Met"}}}}
	pressJSON, _ := json.Marshal(press)
	cmd, _ := json.Marshal(slack.SlashCommand{Command: "/standard", Text: "status", TeamID: testTeam, ChannelID: "C2", UserID: "UCAROL"})
	for _, it := range []*checklist.InboxItem{
		{Source: Source, Type: itemEvent, Key: "slack:event:EvLeft", Payload: callback("EvLeft", mention("UALICE", "C1", "1.1", "", "<@UBOT> help"))},
		{Source: Source, Type: itemCommand, Payload: cmd},
		{Source: Source, Type: itemInteraction, Payload: pressJSON},
	} {
		if fresh, err := dead.Put(t.Context(), it); err != nil || !fresh {
			t.Fatalf("put: %v, %v", fresh, err)
		}
	}
	// The process restarts under the name it had: what it left is taken
	// over at once.
	ib := newTestInbox(t, st, "replica-a")
	h := newHarness(t, core, st, func(c *Config, _ *fakeSlack) { c.Inbox = ib })
	ib.Handle(Source, h.a.Resume)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go ib.Run(ctx)
	h.fake.waitFor(t, "chat.postMessage", 2)
	h.settle()
	cancel()
	got := map[string]string{}
	for _, m := range core.messages() {
		text := m.Text
		if m.Action != nil {
			text = m.Action.Command
		}
		got[m.Address.Channel] = m.User + ": " + text
	}
	want := map[string]string{"C1": "UALICE: help", "C2": "UCAROL: status", "C3": "UBOB: mark 1 met"}
	if len(core.messages()) != 3 || got["C1"] != want["C1"] || got["C2"] != want["C2"] || got["C3"] != want["C3"] {
		t.Errorf("core handled %v, want %v, once each", got, want)
	}
	if left := leftovers(t, st); len(left) != 0 {
		t.Errorf("%d item(s) left once handled", len(left))
	}
}
