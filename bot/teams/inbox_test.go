package teams

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/internal/inbox"
)

func newTestInbox(t *testing.T, st checklist.Inbox, owner string) *inbox.Inbox {
	t.Helper()
	ib, err := inbox.New(t.Context(), st, inbox.Config{Owner: owner})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ib.Drain(context.Background()) })
	return ib
}

// takeAll takes what is in the inbox, as a process would that found every
// lease run out.
func takeAll(t *testing.T, st *sqlite.Store) []*checklist.InboxItem {
	t.Helper()
	later := time.Now().Add(time.Hour)
	items, err := st.TakeInbox(t.Context(), Source, "probe", later, later.Add(time.Hour), 100)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// TestAnAcknowledgedActivityIsKeptUntilHandled: by the time the Bot
// Framework has its 200 the activity is in the database, and it leaves
// once handled; a redelivery is handled once.
func TestAnAcknowledgedActivityIsKeptUntilHandled(t *testing.T) {
	core := &stubCore{gate: make(chan struct{})}
	st := newRefs(t)
	h := newHarnessWith(t, core, st)
	h.a.inbox = newTestInbox(t, st, "replica-a")
	act := h.personal("help")
	if rec := h.post(act, "Bearer "+sign(t, h.k1, h.fake.claims())); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	body, _ := json.Marshal(act)
	if items := takeAll(t, st); len(items) != 1 || items[0].Type != itemActivity || string(items[0].Payload) != string(body) {
		t.Fatalf("inbox after the acknowledgement: %+v; want the activity as sent", items)
	}
	close(core.gate)
	h.settle()
	if left := takeAll(t, st); len(left) != 0 {
		t.Errorf("%d item(s) left once handled", len(left))
	}
	h.send(act)
	if n := len(core.messages()); n != 1 {
		t.Errorf("handled %d times, want once", n)
	}
}

// TestLeftoverActivitiesAreWorked: activities a process acknowledged and
// then died without handling are handled, and answered, by the process
// that takes them over.
func TestLeftoverActivitiesAreWorked(t *testing.T) {
	core := &stubCore{}
	st := newRefs(t)
	h := newHarnessWith(t, core, st)
	dead := newTestInbox(t, st, "replica-a")
	for _, text := range []string{"help", "status"} {
		body, _ := json.Marshal(h.personal(text))
		it := &checklist.InboxItem{Source: Source, Type: itemActivity, Payload: body}
		if fresh, err := dead.Put(t.Context(), it); err != nil || !fresh {
			t.Fatalf("put: %v, %v", fresh, err)
		}
	}
	// The process restarts under the name it had: what it left is taken
	// over at once.
	ib := newTestInbox(t, st, "replica-a")
	h.a.inbox = ib
	ib.Handle(Source, h.a.Resume)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go ib.Run(ctx)
	deadline := time.Now().Add(10 * time.Second)
	for len(h.fake.received()) < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	h.settle()
	cancel()
	msgs := core.messages()
	if len(msgs) != 2 || len(h.fake.received()) != 2 {
		t.Fatalf("core handled %d, %d replies sent; want 2 of each", len(msgs), len(h.fake.received()))
	}
	if got := msgs[0].Text + ", " + msgs[1].Text; got != "help, status" && got != "status, help" {
		t.Errorf("core handled %q", got)
	}
	if left := takeAll(t, st); len(left) != 0 {
		t.Errorf("%d item(s) left once handled", len(left))
	}
}
