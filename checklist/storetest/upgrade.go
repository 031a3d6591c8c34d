package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// RunUpgrade checks that a database an older standardbot made comes up to
// date and keeps its data. old is a store over a fresh database whose
// schema an older version of the migrations made, writing what that
// version's store wrote (no column a later migration adds). RunUpgrade
// fills it through methods that version has, closes it, and calls upgrade
// to open a store over the same database, which must bring the schema up
// to date. The upgraded store must then return the data and do what newer
// versions added.
func RunUpgrade(t *testing.T, old checklist.Store, upgrade func(t *testing.T) checklist.Store) {
	ctx := t.Context()
	p := create(t, old, "Apply for a licence", chanT1C1)
	scheduled := newProject("Renew a licence", chanT1C2)
	scheduled.Phase, scheduled.Schedule.StandupAt = checklist.Alpha, "09:30"
	if err := old.CreateProject(ctx, scheduled); err != nil {
		t.Fatalf("create a project with a stand-up: %v", err)
	}
	if _, err := old.SetStatus(ctx, p.ID, 3, checklist.Met, "booked", "alice"); err != nil {
		t.Fatalf("set status: %v", err)
	}
	w := &checklist.Walk{Key: checklist.WalkKey(chanT1C1, "", "alice"), ProjectID: p.ID, Current: 4, Skipped: []int{3}}
	if err := old.SaveWalk(ctx, w); err != nil {
		t.Fatalf("save walk: %v", err)
	}
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	wantClaim(t, old, "slack:Ev1", at, true)
	// The project as created, not read back: today's store reads columns
	// (archived_at) that an older schema lacks.
	before := *p
	states, err := old.PointStates(ctx, p.ID)
	if err != nil {
		t.Fatalf("point states before upgrading: %v", err)
	}
	hs := history(t, old, p.ID)
	if err := old.Close(); err != nil {
		t.Fatalf("close the old store: %v", err)
	}

	s := upgrade(t)
	got, err := s.ProjectByChannel(ctx, chanT1C1)
	if err != nil {
		t.Fatalf("project after upgrading: %v", err)
	}
	sameProject(t, got, &before)
	if got, err := s.PointStates(ctx, p.ID); err != nil || !reflect.DeepEqual(got, states) {
		t.Errorf("point states after upgrading: %+v, %v; want %+v", got, err, states)
	}
	if got := history(t, s, p.ID); !reflect.DeepEqual(got, hs) {
		t.Errorf("history after upgrading:\n got %+v\nwant %+v", got, hs)
	}
	wantWalk(t, s, w)
	wantClaim(t, s, "slack:Ev1", at, false)
	// Stand-ups set before the store kept next_due are looked at after.
	wantDue(t, s, time.Now().Add(15*day), 10, scheduled.Name)
	t.Run("Practice", func(t *testing.T) {
		// Practice panels came after every older schema: they start empty
		// and keep what is saved.
		if got, err := s.PracticeAnswers(ctx, p.ID); err != nil || len(got) != 0 {
			t.Errorf("practice answers after upgrading: %+v, %v; want none", got, err)
		}
		pp := &checklist.PracticePanel{Key: w.Key, ProjectID: p.ID, Points: []int{1, 5}, Current: 5, Question: 1}
		if err := s.SavePractice(ctx, pp); err != nil {
			t.Fatalf("save a practice panel after upgrading: %v", err)
		}
		wantPractice(t, s, pp)
		if err := s.AddPracticeAnswer(ctx, &checklist.PracticeAnswer{ProjectID: p.ID, Point: 5, Question: "Q?", Answer: "A.", By: "alice"}); err != nil {
			t.Errorf("add a practice answer after upgrading: %v", err)
		}
	})
	t.Run("FeedbackLastClickWins", func(t *testing.T) { testFeedbackLastClickWins(t, s) })
	t.Run("Conversations", func(t *testing.T) { testConversations(t, s) })
	t.Run("ConversationRefs", func(t *testing.T) { testRefs(t, s) })
	t.Run("Inbox", func(t *testing.T) {
		ib, ok := s.(Inbox)
		if !ok {
			t.Fatalf("%T keeps no inbox", s)
		}
		// A key claimed before the inbox existed is a redelivery to it.
		again := inboxItem("slack", "slack:Ev1", "p", inboxAt)
		putInbox(t, ib, again)
		if again.ID != 0 {
			t.Errorf("an event claimed before upgrading stored in the inbox as %d", again.ID)
		}
		testInboxTakeOver(t, ib)
	})
}
