package storetest

import (
	"bytes"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// askedAt is when the confirmations in these tests were asked for; they
// wait half an hour, as the bot's do.
var askedAt = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// newConfirmation is a confirmation under key, waiting until askedAt plus
// half an hour.
func newConfirmation(key, kind string) *checklist.Confirmation {
	return &checklist.Confirmation{
		Key: key, Kind: kind, Payload: []byte(`{"project":7,"name":"Apply for a licence"}`),
		No: "Kept: nothing was deleted.", Dropped: "Not deleted: the project is as it was.",
		Expires: askedAt.Add(30*time.Minute + 123456789*time.Nanosecond),
	}
}

func putConfirmation(t *testing.T, s checklist.Store, c *checklist.Confirmation, now time.Time) {
	t.Helper()
	if err := s.PutConfirmation(t.Context(), c, now); err != nil {
		t.Fatalf("put confirmation %q: %v", c.Key, err)
	}
}

// wantConfirmation takes key at now and fails the test unless it gets want.
func wantConfirmation(t *testing.T, s checklist.Store, key string, now time.Time, want *checklist.Confirmation) {
	t.Helper()
	got, err := s.TakeConfirmation(t.Context(), key, now)
	if err != nil {
		t.Fatalf("take confirmation %q: %v", key, err)
	}
	if got.Key != want.Key || got.Kind != want.Kind || !bytes.Equal(got.Payload, want.Payload) || got.No != want.No ||
		got.Dropped != want.Dropped || !got.Expires.Equal(want.Expires.Truncate(time.Microsecond)) || got.Expires.Location() != time.UTC {
		t.Errorf("took %+v, want %+v", got, want)
	}
}

// wantNotWaiting fails the test unless nothing waits under key at now.
func wantNotWaiting(t *testing.T, s checklist.Store, what, key string, now time.Time) {
	t.Helper()
	_, err := s.TakeConfirmation(t.Context(), key, now)
	wantCode(t, what, err, checklist.ENOTFOUND)
}

func testConfirmations(t *testing.T, s checklist.Store) {
	alice := checklist.WalkKey(chanT1C1, "", "alice")
	c := newConfirmation(alice, "project delete")
	putConfirmation(t, s, c, askedAt)
	wantConfirmation(t, s, alice, askedAt.Add(time.Minute), c)
	wantNotWaiting(t, s, "taken twice", alice, askedAt.Add(time.Minute))
	wantNotWaiting(t, s, "never asked", checklist.WalkKey(chanT1C1, "", "bob"), askedAt)

	putConfirmation(t, s, c, askedAt)
	later := newConfirmation(alice, "assessment import")
	later.Payload, later.No, later.Dropped = []byte(`{}`), "Cancelled: nothing from the report was stored.", "Cancelled the report import."
	putConfirmation(t, s, later, askedAt.Add(time.Minute))
	wantConfirmation(t, s, alice, askedAt.Add(2*time.Minute), later)
	wantNotWaiting(t, s, "after the later one was taken", alice, askedAt.Add(2*time.Minute))

	for _, bad := range []*checklist.Confirmation{newConfirmation("", "project delete"), newConfirmation(alice, "")} {
		err := s.PutConfirmation(t.Context(), bad, askedAt)
		wantCode(t, "confirmation without key or kind", err, checklist.EINVALID)
	}
	wantNotWaiting(t, s, "after an invalid put", alice, askedAt)
}

func testConfirmationExpiry(t *testing.T, s checklist.Store) {
	alice := checklist.WalkKey(chanT1C1, "", "alice")
	c := newConfirmation(alice, "forget me")
	putConfirmation(t, s, c, askedAt)
	wantConfirmation(t, s, alice, c.Expires, c) // still waiting at its expiry

	putConfirmation(t, s, c, askedAt)
	wantNotWaiting(t, s, "taken after its expiry", alice, c.Expires.Add(time.Second))
	wantNotWaiting(t, s, "an expired one taken, then asked for earlier", alice, askedAt)

	// A put deletes what expired by its now, whoever it was for.
	putConfirmation(t, s, c, askedAt)
	bob := newConfirmation(checklist.WalkKey(chanT1C2, "", "bob"), "forget me")
	bob.Expires = c.Expires.Add(time.Hour)
	putConfirmation(t, s, bob, c.Expires.Add(time.Second))
	wantNotWaiting(t, s, "expired one after a later put", alice, askedAt)
	wantConfirmation(t, s, bob.Key, askedAt, bob)
}

// testForgetDropsConfirmations: forgetting a person deletes what waits for
// their yes in every conversation and workspace, and only theirs.
func testForgetDropsConfirmations(t *testing.T, s checklist.Store) {
	keys := map[string]string{
		"alice in C1":         checklist.WalkKey(chanT1C1, "", "alice"),
		"alice in a thread":   checklist.WalkKey(chanT1C2, "1700000000.000100", "alice"),
		"bob in C1":           checklist.WalkKey(chanT1C1, "", "bob"),
		"malice (ends alice)": checklist.WalkKey(chanT1C1, "", "malice"),
		"alice in T2":         checklist.WalkKey(chanT2C1, "", "alice"),
	}
	for _, k := range keys {
		putConfirmation(t, s, newConfirmation(k, "project delete"), askedAt)
	}
	if _, err := s.ForgetPerson(t.Context(), checklist.Person{ID: "alice", Name: "Alice Example"}); err != nil {
		t.Fatalf("forget alice: %v", err)
	}
	_, err := s.ForgetPerson(t.Context(), checklist.Person{})
	wantCode(t, "forget nobody", err, checklist.EINVALID)
	for what, k := range keys {
		if what == "bob in C1" || what == "malice (ends alice)" {
			wantConfirmation(t, s, k, askedAt, newConfirmation(k, "project delete"))
			continue
		}
		wantNotWaiting(t, s, what+" after alice was forgotten", k, askedAt)
	}
}

// testConfirmationRace has several takers, on stores a and b (which may be
// one store), take one key at once, again and again: exactly one of them
// must get it each time, or two replicas could both act on one yes.
func testConfirmationRace(t *testing.T, a, b checklist.Store) {
	key := checklist.WalkKey(chanT1C1, "", "alice")
	const rounds, takers = 20, 6
	for round := range rounds {
		putConfirmation(t, a, newConfirmation(key, "project delete"), askedAt)
		var won, failed atomic.Int32
		var wg sync.WaitGroup
		for i := range takers {
			s := []checklist.Store{a, b}[i%2]
			wg.Go(func() {
				_, err := s.TakeConfirmation(t.Context(), key, askedAt)
				switch {
				case err == nil:
					won.Add(1)
				case checklist.ErrorCode(err) != checklist.ENOTFOUND:
					t.Errorf("round %d: take: %v", round, err)
					failed.Add(1)
				}
			})
		}
		wg.Wait()
		if n := won.Load(); n != 1 && failed.Load() == 0 {
			t.Fatalf("round %d: %d of %d takers got the confirmation, want exactly 1", round, n, takers)
		}
	}
}
