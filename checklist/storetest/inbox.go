package storetest

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Inbox is the part of a store the inbox's contract checks: its inbox,
// and its claims, which share keys with the inbox's items.
type Inbox interface {
	checklist.Inbox
	checklist.Claimer
}

// RunInbox runs the inbox's part of the contract. open returns a store
// over a fresh, empty database each time it is called.
func RunInbox(t *testing.T, open func(t *testing.T) Inbox) {
	tests := []struct {
		name string
		run  func(t *testing.T, s Inbox)
	}{
		{"PutAndTakeOver", testInboxTakeOver},
		{"RedeliveryStoredOnce", testInboxRedelivery},
		{"Done", testInboxDone},
		{"Renew", testInboxRenew},
		{"Release", testInboxRelease},
		{"SourcesAndLimit", testInboxSourcesAndLimit},
		{"Invalid", testInboxInvalid},
		{"EachItemTakenOnce", func(t *testing.T, s Inbox) { testInboxTakenOnce(t, s, s) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, open(t)) })
	}
}

// RunInboxShared runs the part about several processes: open returns two
// stores opened separately over one fresh, empty database.
func RunInboxShared(t *testing.T, open func(t *testing.T) (a, b Inbox)) {
	t.Run("EachItemTakenOnce", func(t *testing.T) {
		a, b := open(t)
		testInboxTakenOnce(t, a, b)
	})
	t.Run("RedeliveryToAnotherProcess", func(t *testing.T) {
		a, b := open(t)
		first := inboxItem("slack", "slack:event:Ev1", "p1", inboxAt)
		putInbox(t, a, first)
		again := inboxItem("slack", "slack:event:Ev1", "p2", inboxAt)
		putInbox(t, b, again)
		if first.ID == 0 || again.ID != 0 {
			t.Errorf("ids %d and %d: want the first stored and the redelivery not", first.ID, again.ID)
		}
	})
}

// inboxAt is when the tests' events arrive; leases run a minute from it.
var inboxAt = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

const inboxLease = time.Minute

func inboxItem(source, key, owner string, at time.Time) *checklist.InboxItem {
	return &checklist.InboxItem{Source: source, Type: "event", Key: key, Payload: []byte(`{"key":"` + key + `"}`),
		Received: at, Owner: owner, Lease: at.Add(inboxLease)}
}

func putInbox(t *testing.T, s Inbox, items ...*checklist.InboxItem) {
	t.Helper()
	if err := s.WriteInbox(t.Context(), items, nil); err != nil {
		t.Fatalf("write inbox: %v", err)
	}
}

func takeInbox(t *testing.T, s Inbox, source, owner string, now time.Time, limit int) []*checklist.InboxItem {
	t.Helper()
	items, err := s.TakeInbox(t.Context(), source, owner, now, now.Add(inboxLease), limit)
	if err != nil {
		t.Fatalf("take inbox: %v", err)
	}
	return items
}

func ids(items []*checklist.InboxItem) []int64 {
	out := []int64{}
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

func wantTaken(t *testing.T, what string, got []*checklist.InboxItem, want ...*checklist.InboxItem) {
	t.Helper()
	if fmt.Sprint(ids(got)) != fmt.Sprint(ids(want)) {
		t.Errorf("%s: took items %v, want %v", what, ids(got), ids(want))
	}
}

func testInboxTakeOver(t *testing.T, s Inbox) {
	keyed := inboxItem("slack", "slack:event:Ev1", "replica-a", inboxAt)
	// A slash command has no id; a payload is any bytes.
	unkeyed := inboxItem("slack", "", "replica-a", inboxAt.Add(time.Second))
	unkeyed.Type, unkeyed.Payload = "command", []byte{0, 0xff, '\n', 'x'}
	putInbox(t, s, keyed, unkeyed)
	if keyed.ID == 0 || unkeyed.ID == 0 || keyed.ID == unkeyed.ID || keyed.Attempts != 1 {
		t.Fatalf("ids %d and %d, attempts %d: want two ids and one attempt", keyed.ID, unkeyed.ID, keyed.Attempts)
	}
	wantTaken(t, "while the lease holds", takeInbox(t, s, "slack", "replica-b", inboxAt.Add(30*time.Second), 10))

	now := inboxAt.Add(inboxLease + time.Second)
	got := takeInbox(t, s, "slack", "replica-b", now, 10)
	wantTaken(t, "once the lease ran out", got, keyed, unkeyed)
	for i, want := range []*checklist.InboxItem{keyed, unkeyed} {
		if i >= len(got) {
			break
		}
		g := got[i]
		if g.Source != want.Source || g.Type != want.Type || g.Key != want.Key || !bytes.Equal(g.Payload, want.Payload) {
			t.Errorf("item %d: %s %s %q %q, want %s %s %q %q", g.ID, g.Source, g.Type, g.Key, g.Payload, want.Source, want.Type, want.Key, want.Payload)
		}
		if !g.Received.Equal(want.Received) || g.Received.Location() != time.UTC {
			t.Errorf("item %d received %v, want %v in UTC", g.ID, g.Received, want.Received)
		}
		if g.Owner != "replica-b" || !g.Lease.Equal(now.Add(inboxLease)) || g.Attempts != 2 {
			t.Errorf("item %d: owner %s, lease %v, attempts %d; want replica-b, %v, 2", g.ID, g.Owner, g.Lease, g.Attempts, now.Add(inboxLease))
		}
	}
	wantTaken(t, "taken again while the new lease holds", takeInbox(t, s, "slack", "replica-a", now.Add(time.Second), 10))
}

func testInboxRedelivery(t *testing.T, s Inbox) {
	first := inboxItem("slack", "slack:event:Ev1", "p", inboxAt)
	putInbox(t, s, first)
	again := inboxItem("slack", "slack:event:Ev1", "p", inboxAt.Add(time.Second))
	putInbox(t, s, again)
	if first.ID == 0 || again.ID != 0 {
		t.Errorf("ids %d and %d: want the first stored and the redelivery not", first.ID, again.ID)
	}
	// Keys are the claims Claim makes, either way round.
	wantClaim(t, s, "slack:event:Ev1", inboxAt, false)
	wantClaim(t, s, "slack:event:Ev2", inboxAt, true)
	claimed := inboxItem("slack", "slack:event:Ev2", "p", inboxAt)
	// Two deliveries in one write: one is stored.
	twin, twin2 := inboxItem("slack", "slack:event:Ev3", "p", inboxAt), inboxItem("slack", "slack:event:Ev3", "p", inboxAt)
	putInbox(t, s, claimed, twin, twin2)
	if claimed.ID != 0 || twin.ID == 0 || twin2.ID != 0 {
		t.Errorf("ids %d, %d, %d: want only the first of the twins stored", claimed.ID, twin.ID, twin2.ID)
	}
	wantTaken(t, "after the lease", takeInbox(t, s, "slack", "q", inboxAt.Add(2*inboxLease), 10), first, twin)
}

func testInboxDone(t *testing.T, s Inbox) {
	a, b, c := inboxItem("slack", "k1", "p", inboxAt), inboxItem("slack", "k2", "p", inboxAt), inboxItem("slack", "", "p", inboxAt)
	putInbox(t, s, a, b)
	// Done with the next put, in one write; an unknown id is no error.
	if err := s.WriteInbox(t.Context(), []*checklist.InboxItem{c}, []int64{a.ID, c.ID + 1000}); err != nil {
		t.Fatalf("write inbox: %v", err)
	}
	if err := s.WriteInbox(t.Context(), nil, []int64{b.ID}); err != nil {
		t.Fatalf("write inbox: %v", err)
	}
	wantTaken(t, "after the lease", takeInbox(t, s, "slack", "q", inboxAt.Add(2*inboxLease), 10), c)
	// A key stays claimed once its item is done: a late redelivery is
	// still a redelivery.
	again := inboxItem("slack", "k1", "p", inboxAt)
	putInbox(t, s, again)
	if again.ID != 0 {
		t.Errorf("a done item's key stored again as %d", again.ID)
	}
}

func testInboxRenew(t *testing.T, s Inbox) {
	mine, theirs := inboxItem("slack", "k1", "a", inboxAt), inboxItem("slack", "k2", "b", inboxAt)
	putInbox(t, s, mine, theirs)
	later := inboxAt.Add(10 * inboxLease)
	if err := s.RenewInbox(t.Context(), "a", []int64{mine.ID, theirs.ID}, later); err != nil {
		t.Fatalf("renew: %v", err)
	}
	if err := s.RenewInbox(t.Context(), "a", nil, later); err != nil {
		t.Fatalf("renew nothing: %v", err)
	}
	// a renewed its own item; b's it could not.
	wantTaken(t, "after the first lease", takeInbox(t, s, "slack", "c", inboxAt.Add(2*inboxLease), 10), theirs)
	if err := s.WriteInbox(t.Context(), nil, []int64{theirs.ID}); err != nil {
		t.Fatalf("done: %v", err)
	}
	wantTaken(t, "just before the renewed lease ends", takeInbox(t, s, "slack", "c", later.Add(-time.Second), 10))
	wantTaken(t, "after the renewed lease", takeInbox(t, s, "slack", "c", later, 10), mine)
}

func testInboxRelease(t *testing.T, s Inbox) {
	mine, theirs := inboxItem("slack", "k1", "a", inboxAt), inboxItem("slack", "k2", "b", inboxAt)
	putInbox(t, s, mine, theirs)
	if err := s.ReleaseInbox(t.Context(), "a"); err != nil {
		t.Fatalf("release: %v", err)
	}
	wantTaken(t, "released, while the lease would have held", takeInbox(t, s, "slack", "a", inboxAt, 10), mine)
}

func testInboxSourcesAndLimit(t *testing.T, s Inbox) {
	var slack []*checklist.InboxItem
	for i := range 3 {
		slack = append(slack, inboxItem("slack", fmt.Sprintf("slack:%d", i), "p", inboxAt))
	}
	teams := inboxItem("teams", "teams:1", "p", inboxAt)
	putInbox(t, s, slack[2], teams)
	putInbox(t, s, slack[0], slack[1])
	now := inboxAt.Add(2 * inboxLease)
	// Oldest first: by when they were put, not by key.
	wantTaken(t, "slack, two at most", takeInbox(t, s, "slack", "q", now, 2), slack[2], slack[0])
	wantTaken(t, "teams", takeInbox(t, s, "teams", "q", now, 10), teams)
	wantTaken(t, "slack, the rest", takeInbox(t, s, "slack", "q", now, 10), slack[1])
}

func testInboxInvalid(t *testing.T, s Inbox) {
	good := inboxItem("slack", "k1", "p", inboxAt)
	for _, bad := range []*checklist.InboxItem{
		{Type: "event", Owner: "p", Received: inboxAt},
		{Source: "slack", Owner: "p", Received: inboxAt},
		{Source: "slack", Type: "event", Received: inboxAt},
	} {
		err := s.WriteInbox(t.Context(), []*checklist.InboxItem{good, bad}, nil)
		wantCode(t, "an item without source, kind or owner", err, checklist.EINVALID)
	}
	wantTaken(t, "after the invalid writes", takeInbox(t, s, "slack", "q", inboxAt.Add(2*inboxLease), 10))
	wantClaim(t, s, "k1", inboxAt, true)
}

// testInboxTakenOnce has several takers, on stores a and b (which may be
// one store), take over a dead process's items at once, a few at a time:
// each item must go to exactly one of them.
func testInboxTakenOnce(t *testing.T, a, b Inbox) {
	const n = 200
	var put []*checklist.InboxItem
	for i := range n {
		put = append(put, inboxItem("slack", fmt.Sprintf("slack:event:%d", i), "dead", inboxAt))
	}
	putInbox(t, a, put...)
	now := inboxAt.Add(2 * inboxLease)
	var (
		mu    sync.Mutex
		taken = map[int64]string{}
		wg    sync.WaitGroup
	)
	for w := range 6 {
		s := []Inbox{a, b}[w%2]
		owner := fmt.Sprintf("taker-%d", w)
		wg.Go(func() {
			for {
				items, err := s.TakeInbox(context.Background(), "slack", owner, now, now.Add(inboxLease), 7)
				if err != nil {
					t.Errorf("%s: take: %v", owner, err)
					return
				}
				if len(items) == 0 {
					return
				}
				mu.Lock()
				for _, it := range items {
					if other, ok := taken[it.ID]; ok {
						t.Errorf("item %d taken by %s and %s", it.ID, other, owner)
					}
					taken[it.ID] = owner
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(taken) != n {
		t.Errorf("%d items taken, want %d", len(taken), n)
	}
}
