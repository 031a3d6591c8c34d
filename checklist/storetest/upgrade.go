package storetest

import (
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
// versions added. keptIDs says old's schema had migration actor_ids: who
// did something comes up with their id, else with none.
func RunUpgrade(t *testing.T, old checklist.Store, keptIDs bool, upgrade func(t *testing.T) checklist.Store) {
	ctx := t.Context()
	p := create(t, old, "Apply for a licence", chanT1C1)
	scheduled := newProject("Renew a licence", chanT1C2)
	scheduled.Phase, scheduled.Schedule.StandupAt = checklist.Alpha, "09:30"
	if err := old.CreateProject(ctx, scheduled); err != nil {
		t.Fatalf("create a project with a stand-up: %v", err)
	}
	// Older stores kept who did something by name alone: what they wrote
	// comes up with an empty id (checklist.Person.Is).
	if _, err := old.SetStatus(ctx, p.ID, 3, checklist.Met, "booked", as("alice")); err != nil {
		t.Fatalf("set status: %v", err)
	}
	w := &checklist.Walk{Key: checklist.WalkKey(chanT1C1, "", "alice"), ProjectID: p.ID, Current: 4, Skipped: []int{3}}
	if err := old.SaveWalk(ctx, w); err != nil {
		t.Fatalf("save walk: %v", err)
	}
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	wantClaim(t, old, "slack:Ev1", at, true)
	// The project as created, not read back: today's store reads columns
	// (archived_at, the ids of who did something) that an older schema
	// lacks. An older schema kept no creator's id.
	before := *p
	alice := checklist.Person{Name: "alice"}
	if keptIDs {
		alice = as("alice")
	}
	before.CreatedByID = alice.ID
	if err := old.Close(); err != nil {
		t.Fatalf("close the old store: %v", err)
	}

	s := upgrade(t)
	got, err := s.ProjectByChannel(ctx, chanT1C1)
	if err != nil {
		t.Fatalf("project after upgrading: %v", err)
	}
	sameProject(t, got, &before)
	if got.CreatedByID != alice.ID {
		t.Errorf("creator's id after upgrading %q, want %q", got.CreatedByID, alice.ID)
	}
	wantUpgradedPoints(t, s, p.ID, alice)
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
	t.Run("ChannelSettings", func(t *testing.T) {
		// Channel settings came after every older schema: the defaults,
		// and a change is in the project's history.
		wantSettings(t, s, chanT1C1, checklist.ChannelSettings{})
		cs := checklist.ChannelSettings{Visibility: checklist.VisibleMeOnly}
		if err := s.SaveSettings(ctx, chanT1C1, cs, as("bob")); err != nil {
			t.Fatalf("save settings after upgrading: %v", err)
		}
		wantSettings(t, s, chanT1C1, cs)
	})
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

// wantUpgradedPoints: the point RunUpgrade marked with an older store, and
// its history, as an older store wrote them: by alice's name, no id.
func wantUpgradedPoints(t *testing.T, s checklist.Store, id int64, alice checklist.Person) {
	t.Helper()
	states, err := s.PointStates(t.Context(), id)
	if err != nil || len(states) != 1 || states[0].Point != 3 || states[0].Status != checklist.Met || states[0].UpdatedBy != "alice" ||
		len(states[0].Notes) != 1 || states[0].Notes[0].Text != "booked" || states[0].Notes[0].Author() != alice {
		t.Errorf("point states after upgrading: %+v, %v; want point 3 met with the note of %+v", states, err, alice)
	}
	hs := history(t, s, id)
	if len(hs) != 2 || hs[0].Field != "created" || hs[1].Field != "status" || hs[1].New != string(checklist.Met) || hs[1].Note != "booked" {
		t.Fatalf("history after upgrading: %+v; want created, then status met", hs)
	}
	for _, c := range hs {
		if c.By != "alice" || c.ByID != alice.ID {
			t.Errorf("history entry after upgrading %+v, want by %+v", c, alice)
		}
	}
}
