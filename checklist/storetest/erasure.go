package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Cell is one value of one row in a store's database, read as text.
type Cell struct {
	Table, Column, Value string
}

// Dump reads every column of every row of every table in a store's
// database as text: found from the database's own catalogue
// (sqlite_master and pragma_table_info, information_schema), not a list
// that could miss a table.
type Dump func(t *testing.T) []Cell

// RunErasure checks that deleting a project and forgetting a person leave
// nothing of them anywhere in the database. open returns a store over a
// fresh, empty database and a Dump of that database.
func RunErasure(t *testing.T, open func(t *testing.T) (checklist.Store, Dump)) {
	t.Run("DeleteProject", func(t *testing.T) {
		s, dump := open(t)
		p, _ := fillProject(t, s)
		if err := s.DeleteProject(t.Context(), p.ID); err != nil {
			t.Fatalf("delete project: %v", err)
		}
		cells := dump(t)
		for _, c := range cells {
			if strings.Contains(strings.ToLower(c.Value), "marigold") || (c.Column == "project_id" && c.Value == itoa(p.ID)) {
				t.Errorf("%s.%s keeps %q of the deleted project", c.Table, c.Column, c.Value)
			}
		}
		if len(cells) == 0 {
			t.Fatal("the dump read nothing")
		}
	})
	t.Run("ForgetPerson", func(t *testing.T) { testForget(t, open) })
}

// fillProject stores a project with something in every table that keeps a
// project's data, its texts saying "Marigold": bound to chanT1C1 and
// chanT1C2, with statuses, notes, evidence, an assessment with ratings and
// actions, a walk, a practice panel and answer, a conversation in its
// second channel and a claim of its stand-up. It returns the project and
// the key of the walk and practice panel.
func fillProject(t *testing.T, s checklist.Store) (*checklist.Project, string) {
	t.Helper()
	ctx := t.Context()
	p := create(t, s, "Marigold licences", chanT1C1)
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	must("bind", s.BindChannel(ctx, p.ID, chanT1C2, as("bob")))
	_, err := s.SetStatus(ctx, p.ID, 1, checklist.Met, "Marigold research done", as("bob"))
	must("mark", err)
	_, err = s.AddEvidence(ctx, p.ID, 3, "https://example.org/marigold", as("carol"))
	must("evidence", err)
	saveAssessment(t, s, p.ID, imported())
	_, err = s.RatePoint(ctx, p.ID, 2, checklist.RatingRed, "Marigold scope unclear", as("bob"))
	must("rate", err)
	_, err = s.AddAction(ctx, p.ID, 2, "Marigold: map the journey", as("bob"))
	must("action", err)
	key := checklist.WalkKey(chanT1C2, "", "bob")
	must("walk", s.SaveWalk(ctx, &checklist.Walk{Key: key, ProjectID: p.ID, Current: 2, Skipped: []int{1}}))
	must("practice", s.SavePractice(ctx, &checklist.PracticePanel{Key: key, ProjectID: p.ID, Points: []int{1, 2}, Current: 1}))
	must("answer", s.AddPracticeAnswer(ctx, &checklist.PracticeAnswer{ProjectID: p.ID, Point: 1, Question: "Who are your users?", Answer: "Marigold growers", By: "bob"}))
	must("conversation", s.SaveConversation(ctx, &checklist.Conversation{Key: checklist.ConversationKey(chanT1C2, "1700000000.000100"),
		Standard: "govuk", Question: "what does Marigold need?", Answer: "A research plan."}))
	wantClaim(t, s, "sent:standup:"+itoa(p.ID)+":2026-11-27|slack:T1/C1", clickAt, true)
	wantClaim(t, s, "slack:Ev1", clickAt, true)
	must("member", s.AddMember(ctx, p.ID, checklist.Member{Workspace: "slack:T1", User: "UBOB", Name: "bob"}, checklist.Person{ID: "U-BOB", Name: "bob"}))
	must("answer", s.SaveAnswer(ctx, &checklist.Answer{ProjectID: p.ID, Round: standupDay, Workspace: "slack:T1", User: "UBOB", Name: "bob",
		Direct: checklist.Binding{Platform: "slack", Team: "T1", Channel: "D1"}, AskedAt: clickAt, ClosesAt: clickAt.Add(time.Hour),
		Moved: "Marigold research", AnsweredAt: clickAt}))
	return p, key
}
