package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

func testWalks(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	alice := checklist.WalkKey(chanT1C1, "", "alice")
	bob := checklist.WalkKey(chanT1C1, "", "bob")
	w := &checklist.Walk{Key: alice, ProjectID: p.ID, Current: 3, Skipped: []int{1, 2}}
	if err := s.SaveWalk(ctx, w); err != nil {
		t.Fatalf("save walk: %v", err)
	}
	if w.UpdatedAt.IsZero() {
		t.Error("SaveWalk left UpdatedAt zero")
	}
	wantWalk(t, s, w)
	if err := s.SaveWalk(ctx, &checklist.Walk{Key: bob, ProjectID: p.ID, Current: 1}); err != nil {
		t.Fatalf("save a second walk: %v", err)
	}
	w.Current, w.Skipped = 4, []int{1, 2, 3}
	if err := s.SaveWalk(ctx, w); err != nil {
		t.Fatalf("save walk again: %v", err)
	}
	wantWalk(t, s, w)
	wantWalk(t, s, &checklist.Walk{Key: bob, ProjectID: p.ID, Current: 1})

	if err := s.EndWalk(ctx, alice); err != nil {
		t.Fatalf("end walk: %v", err)
	}
	_, err := s.Walk(ctx, alice)
	wantCode(t, "walk after it ended", err, checklist.ENOTFOUND)
	if err := s.EndWalk(ctx, alice); err != nil {
		t.Errorf("ending an ended walk: %v, want nil", err)
	}
	if _, err := s.Walk(ctx, bob); err != nil {
		t.Errorf("the other walk after one ended: %v", err)
	}
	_, err = s.Walk(ctx, "never started")
	wantCode(t, "walk never started", err, checklist.ENOTFOUND)
}

// wantWalk fails the test unless the stored walk matches w (UpdatedAt is
// only checked when w has one).
func wantWalk(t *testing.T, s checklist.Store, w *checklist.Walk) {
	t.Helper()
	got, err := s.Walk(t.Context(), w.Key)
	if err != nil {
		t.Fatalf("walk %q: %v", w.Key, err)
	}
	if got.Key != w.Key || got.ProjectID != w.ProjectID || got.Current != w.Current || !slices.Equal(got.Skipped, w.Skipped) ||
		got.UpdatedAt.Location() != time.UTC || (!w.UpdatedAt.IsZero() && !got.UpdatedAt.Equal(w.UpdatedAt)) {
		t.Errorf("walk %+v, want %+v", got, w)
	}
}

func testClaim(t *testing.T, s checklist.Store) {
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	wantClaim(t, s, "slack:Ev1", at, true)
	wantClaim(t, s, "slack:Ev1", at, false)
	wantClaim(t, s, "slack:Ev1", at.Add(time.Hour), false)
	wantClaim(t, s, "reminder:1:2027-03-15:28", at, true)
	_, err := s.Claim(t.Context(), "", at)
	wantCode(t, "empty key", err, checklist.EINVALID)
}
