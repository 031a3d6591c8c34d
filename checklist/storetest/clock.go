package storetest

import (
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// RunClock checks a store stamps everything it writes with the clock it
// was opened with, never the wall clock, so a process (or a test) that
// injects its clock sees the same time in its store as everywhere else.
// open returns a new store over a fresh, empty database whose clock is
// now; it closes the store in t.Cleanup.
func RunClock(t *testing.T, open func(t *testing.T, now func() time.Time) checklist.Store) {
	// Years from the wall clock, to the microsecond the databases keep.
	at := time.Date(2031, 3, 4, 5, 6, 7, 891011000, time.UTC)
	s := open(t, func() time.Time { return at })
	ctx := t.Context()
	stamped := func(what string, got time.Time) {
		t.Helper()
		if !got.Equal(at) {
			t.Errorf("%s at %v, want the store's clock's %v", what, got, at)
		}
	}
	p := create(t, s, "Clocked", chanT1C1)
	stamped("project created", p.CreatedAt)
	stamped("project updated", p.UpdatedAt)

	at = at.Add(time.Hour)
	beta := checklist.Beta
	up, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Phase: &beta}, as("ann"))
	if err != nil {
		t.Fatal(err)
	}
	stamped("project update", up.UpdatedAt)
	at = at.Add(time.Hour)
	ps, err := s.SetStatus(ctx, p.ID, 1, checklist.Met, "", as("ann"))
	if err != nil {
		t.Fatal(err)
	}
	stamped("status", ps.UpdatedAt)
	at = at.Add(time.Hour)
	item, err := s.AddNote(ctx, p.ID, 1, "Spoke to ten users", as("ann"))
	if err != nil {
		t.Fatal(err)
	}
	stamped("note", item.At)
	hist, err := s.History(ctx, p.ID, 1, 1)
	if err != nil || len(hist) != 1 {
		t.Fatalf("history: %v, %v", hist, err)
	}
	stamped("history", hist[0].At)

	at = at.Add(time.Hour)
	checkClockedRecords(t, s, stamped)
	at = at.Add(time.Hour)
	checkClockedOutcomes(t, s, p.ID, stamped)
	at = at.Add(time.Hour)
	archived, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Archived: ptr(true)}, as("ann"))
	if err != nil {
		t.Fatal(err)
	}
	stamped("archived", archived.ArchivedAt)
	got, err := s.Project(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	stamped("archived, read back", got.ArchivedAt)
}

// checkClockedOutcomes is RunClock for assessments, ratings and actions.
func checkClockedOutcomes(t *testing.T, s checklist.Store, id int64, stamped func(string, time.Time)) {
	t.Helper()
	ctx := t.Context()
	rec, err := s.SaveAssessment(ctx, id, &checklist.Assessment{Date: checklist.Date{Year: 2031, Month: 3, Day: 1}, Result: checklist.RatingAmber,
		Points: []checklist.PointOutcome{{Point: 2, Rating: checklist.RatingAmber, Explore: []string{"map the journey"}}}}, as("ann"))
	if err != nil {
		t.Fatal(err)
	}
	stamped("assessment", rec.At)
	stamped("rating", rec.Ratings[0].At)
	stamped("imported action", rec.Actions[0].At)
	r, err := s.RatePoint(ctx, id, 3, checklist.RatingGreen, "", as("ann"))
	if err != nil {
		t.Fatal(err)
	}
	stamped("rate", r.At)
	a, err := s.AddAction(ctx, id, 3, "publish the plan", as("ann"))
	if err != nil {
		t.Fatal(err)
	}
	stamped("action", a.At)
	done, err := s.CloseAction(ctx, id, a.ID, "", as("ann"))
	if err != nil {
		t.Fatal(err)
	}
	stamped("action closed", done.ClosedAt)
	if again, err := s.LatestAssessment(ctx, id); err != nil || len(again.Actions) != 2 {
		t.Fatalf("latest assessment: %+v, %v", again, err)
	} else {
		stamped("closed action read back", again.Actions[1].ClosedAt)
	}
}

// checkClockedRecords is RunClock for the records beside projects: walks,
// conversations, conversation references and feedback.
func checkClockedRecords(t *testing.T, s checklist.Store, stamped func(string, time.Time)) {
	t.Helper()
	ctx := t.Context()
	p, err := s.ProjectByChannel(ctx, chanT1C1)
	if err != nil {
		t.Fatal(err)
	}
	key := checklist.WalkKey(chanT1C1, "", "ann")
	if err := s.SaveWalk(ctx, &checklist.Walk{Key: key, ProjectID: p.ID, Current: 2}); err != nil {
		t.Fatal(err)
	}
	if w, err := s.Walk(ctx, key); err != nil {
		t.Fatal(err)
	} else {
		stamped("walk", w.UpdatedAt)
	}
	c := &checklist.Conversation{Key: checklist.ConversationKey(chanT1C1, ""), Standard: "govuk"}
	saveConversation(t, s, c)
	stamped("conversation", c.UpdatedAt)
	r := newRef(teamsC1)
	saveRef(t, s, r)
	stamped("conversation reference", r.UpdatedAt)
	if err := s.SaveFeedback(ctx, checklist.Feedback{Ref: "a1", User: "ann", Helpful: true, Question: "q", Platform: "slack"}); err != nil {
		t.Fatal(err)
	}
	fb, err := s.RecentFeedback(ctx, time.Time{}, 10)
	if err != nil || len(fb) != 1 {
		t.Fatalf("feedback: %v, %v", fb, err)
	}
	stamped("feedback without a time of its own", fb[0].At)
}
